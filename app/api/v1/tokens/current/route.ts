import { requestContext } from "@/lib/api/request-context";
import { apiRoute } from "@/lib/api/respond";
import { revokeApiToken } from "@/lib/auth/tokens";
import { Unauthenticated } from "@/lib/errors";

/** Revokes the bearer token this request was made with. */
export const DELETE = apiRoute(async (request) => {
  const ctx = await requestContext(request);
  if (!ctx.tokenId) throw new Unauthenticated("Send the token to revoke as Authorization: Bearer.");
  await revokeApiToken(ctx, { tokenId: ctx.tokenId });
  return new Response(null, { status: 204 });
});
