import { createAccount, setUserRole } from "@/lib/auth/accounts";
import { exchangePasswordForToken, revokeApiToken } from "@/lib/auth/tokens";
import { toUserView } from "@/lib/auth/user-view";
import { Unauthenticated } from "@/lib/errors";
import { created, noContent, ok } from "../http";
import type { Route } from "../router";

export const accountRoutes: Route[] = [
  {
    method: "POST",
    path: "/api/v1/accounts",
    handler: async (request, ctx) => {
      return created({ user: await createAccount(ctx, await request.json()) });
    },
  },
  {
    method: "POST",
    path: "/api/v1/tokens",
    handler: async (request, ctx) => {
      return created(await exchangePasswordForToken(ctx, await request.json()));
    },
  },
  {
    method: "DELETE",
    path: "/api/v1/tokens/current",
    handler: async (request, ctx) => {
      if (!ctx.tokenId) throw new Unauthenticated("Send the token to revoke as Authorization: Bearer.");
      await revokeApiToken(ctx, { tokenId: ctx.tokenId });
      return noContent();
    },
  },
  {
    method: "GET",
    path: "/api/v1/me",
    handler: async (request, { actor }) => {
      if (!actor) throw new Unauthenticated();
      return ok({ user: toUserView(actor) });
    },
  },
  {
    method: "PUT",
    path: "/api/v1/admin/users/:userId/role",
    handler: async (request, ctx) => {
      return ok({ user: await setUserRole(ctx, { ...(await request.json()), userId: request.params.userId }) });
    },
  },
];
