import { resolveLocale } from "@/lib/i18n/locale";
import { ListNotificationsInput, listNotifications, MarkReadInput, markNotificationsRead } from "@/lib/notify/notifications";
import { ok } from "../http";
import type { Route } from "../router";

export const notificationRoutes: Route[] = [
  {
    method: "GET",
    path: "/api/v1/notifications",
    doc: { operationId: "listNotifications", summary: "The member's notifications, newest first; unread=1 only unread ones.", input: ListNotificationsInput },
    handler: async (request, ctx) => {
      const locale = resolveLocale(undefined, request.headers["accept-language"] ?? null);
      return ok(await listNotifications(ctx, { ...request.query, locale }));
    },
  },
  {
    method: "POST",
    path: "/api/v1/notifications/read",
    doc: { operationId: "markNotificationsRead", summary: "Marks the given notifications (or all) read; answers the unread count.", input: MarkReadInput },
    handler: async (request, ctx) => ok(await markNotificationsRead(ctx, await request.json())),
  },
];
