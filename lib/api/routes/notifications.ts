import { resolveLocale } from "@/lib/i18n/locale";
import { listNotifications, markNotificationsRead } from "@/lib/notify/notifications";
import { ok } from "../http";
import type { Route } from "../router";

export const notificationRoutes: Route[] = [
  {
    method: "GET",
    path: "/api/v1/notifications",
    handler: async (request, ctx) => {
      const locale = resolveLocale(undefined, request.headers["accept-language"] ?? null);
      return ok(await listNotifications(ctx, { ...request.query, locale }));
    },
  },
  {
    method: "POST",
    path: "/api/v1/notifications/read",
    handler: async (request, ctx) => ok(await markNotificationsRead(ctx, await request.json())),
  },
];
