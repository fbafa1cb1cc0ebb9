import { unsubscribe, UnsubscribeInput } from "@/lib/notify/unsubscribe";
import { ok } from "../http";
import type { Route } from "../router";

export const unsubscribeRoutes: Route[] = [
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
];
