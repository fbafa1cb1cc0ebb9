import { setContestMode, SetContestModeInput } from "@/lib/moderation/contest-mode";
import { setSlowMode, SetSlowModeInput } from "@/lib/moderation/slow-mode";
import { ok } from "../http";
import type { Route } from "../router";

/** Moderators' per-post controls. */
export const postControlRoutes: Route[] = [
  {
    method: "POST",
    path: "/api/v1/mod/post/:postId/slow-mode",
    doc: { operationId: "setSlowMode", summary: "Sets a post's slow mode: each member's replies on it at most one per `seconds` (0: off).", input: SetSlowModeInput },
    handler: async (request, ctx) => ok(await setSlowMode(ctx, { ...(await request.json()), postId: request.params.postId })),
  },
  {
    method: "POST",
    path: "/api/v1/mod/post/:postId/contest-mode",
    doc: {
      operationId: "setContestMode",
      summary: "Puts a post in contest mode until `until` (null: off): scenarios in a random order stable per reader, scores hidden from non-moderators.",
      input: SetContestModeInput,
    },
    handler: async (request, ctx) => ok(await setContestMode(ctx, { ...(await request.json()), postId: request.params.postId })),
  },
];
