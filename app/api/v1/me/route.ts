import { requestContext } from "@/lib/api/request-context";
import { apiRoute, json } from "@/lib/api/respond";
import { toUserView } from "@/lib/auth/user-view";
import { Unauthenticated } from "@/lib/errors";

export const GET = apiRoute(async (request) => {
  const { actor } = await requestContext(request);
  if (!actor) throw new Unauthenticated();
  return json({ user: toUserView(actor) });
});
