import { createAccount, CreateAccountInput, currentMember, setUserRole, SetUserRoleInput } from "@/lib/auth/accounts";
import { resendVerificationLink } from "@/lib/auth/email-verification";
import { endAllMemberSessions } from "@/lib/auth/member-sessions";
import { getMemberPage } from "@/lib/forum/member-page";
import { exchangePasswordForToken, PasswordTokenInput, revokeCurrentToken } from "@/lib/auth/tokens";
import { created, noContent, ok } from "../http";
import type { Route } from "../router";

export const accountRoutes: Route[] = [
  {
    method: "POST",
    path: "/api/v1/accounts",
    doc: { operationId: "createAccount", summary: "Creates a member account with email and password.", input: CreateAccountInput, success: 201, errors: ["conflict"] },
    handler: async (request, ctx) => created({ user: await createAccount(ctx, await request.json()) }),
  },
  {
    method: "POST",
    path: "/api/v1/me/email-verification",
    doc: { operationId: "resendVerificationLink", summary: "Mails the signed-in member a fresh link to verify their address (5 an hour; needs SMTP_URL)." },
    handler: async (_request, ctx) => ok(await resendVerificationLink(ctx)),
  },
  {
    method: "POST",
    path: "/api/v1/tokens",
    doc: { operationId: "createToken", summary: "Exchanges email and password for a personal API token, shown once.", input: PasswordTokenInput, success: 201, errors: ["unauthenticated"] },
    handler: async (request, ctx) => created(await exchangePasswordForToken(ctx, await request.json())),
  },
  {
    method: "DELETE",
    path: "/api/v1/tokens/current",
    doc: { operationId: "revokeCurrentToken", summary: "Revokes the bearer token the request came with.", success: 204 },
    handler: async (_request, ctx) => {
      await revokeCurrentToken(ctx);
      return noContent();
    },
  },
  {
    method: "DELETE",
    path: "/api/v1/sessions",
    doc: { operationId: "endAllSessions", summary: "Signs the caller out everywhere: ends every browser session of theirs.", errors: ["unauthenticated"] },
    handler: async (_request, ctx) => ok(await endAllMemberSessions(ctx)),
  },
  {
    method: "GET",
    path: "/api/v1/me",
    doc: { operationId: "getMe", summary: "The signed-in caller.", errors: ["unauthenticated"] },
    handler: async (_request, ctx) => ok({ user: currentMember(ctx) }),
  },
  {
    method: "GET",
    path: "/api/v1/me/page",
    doc: {
      operationId: "getMemberPage",
      summary: "The signed-in member's layer of a page served from the shared render: who they are, unread count and, with ?post=, their follow, votes, forecast and what they may do.",
      errors: ["unauthenticated", "not_found"],
    },
    handler: async (request, ctx) => ok(await getMemberPage(ctx, { post: request.query.post })),
  },
  {
    method: "PUT",
    path: "/api/v1/admin/users/:userId/role",
    doc: { operationId: "setUserRole", summary: "Changes a member's role (admins only; logged).", input: SetUserRoleInput },
    handler: async (request, ctx) => ok({ user: await setUserRole(ctx, { ...(await request.json()), userId: request.params.userId }) }),
  },
];
