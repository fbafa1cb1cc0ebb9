import { renderAtom, type FeedDocument } from "@/lib/feeds/atom";
import { feedPaths, postFeed, PostFeedInput, scenarioFeed, ScenarioFeedInput, siteFeed, SiteFeedInput } from "@/lib/feeds/feeds";
import { cacheable, type ApiRequest } from "../http";
import type { Route } from "../router";

const atomType = "application/atom+xml";
const atom = (request: ApiRequest, feed: FeedDocument) => cacheable(request, renderAtom(feed), `${atomType}; charset=utf-8`, feed.updated);

/** Atom feeds, as any anonymous reader sees the forum: served here for the same reason as the CSV export. */
export const feedRoutes: Route[] = [
  {
    method: "GET",
    path: feedPaths.site,
    doc: { operationId: "siteFeed", summary: "Atom feed of the newest posts (50); `lang` sets the feed's own titles.", input: SiteFeedInput, errors: ["validation_failed"], produces: atomType },
    handler: async (request) => atom(request, await siteFeed(request.query)),
  },
  {
    method: "GET",
    path: feedPaths.post(":postId"),
    doc: { operationId: "postFeed", summary: "Atom feed of a post's newest scenarios (50) and its resolution.", input: PostFeedInput, errors: ["validation_failed", "not_found"], produces: atomType },
    handler: async (request) => atom(request, await postFeed(request.params)),
  },
  {
    method: "GET",
    path: feedPaths.scenario(":scenarioId"),
    doc: { operationId: "scenarioFeed", summary: "Atom feed of a scenario's newest replies (50).", input: ScenarioFeedInput, errors: ["validation_failed", "not_found"], produces: atomType },
    handler: async (request) => atom(request, await scenarioFeed(request.params)),
  },
];
