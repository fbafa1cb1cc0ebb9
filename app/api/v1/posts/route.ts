import { apiRoute, json } from "@/lib/api/respond";
import { requestContext } from "@/lib/api/request-context";
import { listPosts } from "@/lib/forum/posts";

export const GET = apiRoute(async (request) => {
  const query = Object.fromEntries(new URL(request.url).searchParams);
  return json(await listPosts(await requestContext(request), query));
});
