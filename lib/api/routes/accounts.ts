import { createAccount, currentMember, setUserRole } from "@/lib/auth/accounts";
import { exchangePasswordForToken, revokeCurrentToken } from "@/lib/auth/tokens";
import { created, noContent, ok } from "../http";
import type { Route } from "../router";

export const accountRoutes: Route[] = [
  {
    method: "POST",
    path: "/api/v1/accounts",
    handler: async (request, ctx) => created({ user: await createAccount(ctx, await request.json()) }),
  },
  {
    method: "POST",
    path: "/api/v1/tokens",
    handler: async (request, ctx) => created(await exchangePasswordForToken(ctx, await request.json())),
  },
  {
    method: "DELETE",
    path: "/api/v1/tokens/current",
    handler: async (_request, ctx) => {
      await revokeCurrentToken(ctx);
      return noContent();
    },
  },
  {
    method: "GET",
    path: "/api/v1/me",
    handler: async (_request, ctx) => ok({ user: currentMember(ctx) }),
  },
  {
    method: "PUT",
    path: "/api/v1/admin/users/:userId/role",
    handler: async (request, ctx) => ok({ user: await setUserRole(ctx, { ...(await request.json()), userId: request.params.userId }) }),
  },
];
