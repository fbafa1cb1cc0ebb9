import { apiRoute, json } from "@/lib/api/respond";
import { requestContext } from "@/lib/api/request-context";
import { getPost } from "@/lib/forum/posts";

export const GET = apiRoute<{ idOrSlug: string }>(async (request, { idOrSlug }) => {
  const { lang } = Object.fromEntries(new URL(request.url).searchParams);
  return json({ post: await getPost(await requestContext(request), { idOrSlug, lang }) });
});
