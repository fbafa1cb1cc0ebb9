import { liveServer } from "@/lib/live/registry";
import { userRoom } from "@/lib/live/user-sockets";
import { logger } from "@/lib/logger";
import type { Written } from "./fan-out";
import { countUnread, notificationViews } from "./notifications";

/**
 * After the commit, each member told gets `notification` {unread, notification} on their own sockets, on every
 * node through the adapter. Not awaited by the write: a reply with 1,000 followers answers its author first.
 * The text is in Arabic, the forum's first language; the bell's page renders each in the reader's own.
 */
export function deliverNotifications(written: Written[]): void {
  const io = liveServer();
  if (!io) return;
  const byUser = new Map<string, string[]>();
  for (const { userId, id } of written) byUser.set(userId, [...(byUser.get(userId) ?? []), id]);
  const delivery = (async () => {
    for (const [userId, ids] of byUser) {
      const [views, unread] = await Promise.all([notificationViews(userId, ids, "ar"), countUnread(userId)]);
      for (const notification of views) io.to(userRoom(userId)).emit("notification", { unread, notification });
    }
  })()
    .catch((error: unknown) => logger.error({ err: error }, "notifications not delivered"))
    .finally(() => underway.delete(delivery));
  underway.add(delivery);
}

const underway = new Set<Promise<void>>();

/** Resolves once every delivery begun has been published (on shutdown, before Redis closes). */
export async function notificationsDelivered(): Promise<void> {
  while (underway.size > 0) await Promise.all(underway);
}
