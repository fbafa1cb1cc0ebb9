import { verifyEmail, VerifyEmailInput } from "@/lib/auth/email-verification";
import { unsubscribe, UnsubscribeInput } from "@/lib/notify/unsubscribe";
import { ok } from "../http";
import type { Route } from "../router";

/** The doors that signed links in email open, without a session. */
export const signedLinkRoutes: Route[] = [
  {
    method: "POST",
    path: "/api/v1/unsubscribe",
    doc: {
      operationId: "unsubscribe",
      summary: "RFC 8058 one-click unsubscribe: turns off the email the signed token names (the token is the authority).",
      input: UnsubscribeInput,
    },
    handler: async (request) => ok(await unsubscribe({ token: request.query.token })),
  },
  {
    method: "POST",
    path: "/api/v1/email-verification",
    doc: {
      operationId: "verifyEmail",
      summary: "Verifies the address a sign-up email's signed token names (the token is the authority); a listed admin address becomes admin.",
      input: VerifyEmailInput,
    },
    handler: async (request) => ok({ user: await verifyEmail({ token: request.query.token }) }),
  },
];
