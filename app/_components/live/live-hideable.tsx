"use client";

import { useLive } from "./live-context";

/** Content a moderator may hide while the page is open: once its `content.hidden` arrives, the fallback shows instead. */
export function LiveHideable({ id, fallback = null, children }: { id: string; fallback?: React.ReactNode; children: React.ReactNode }) {
  const live = useLive();
  return <>{live?.removed.has(id) ? fallback : children}</>;
}
