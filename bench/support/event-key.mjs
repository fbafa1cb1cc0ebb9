/**
 * The key bench/fanout.ts files a live event under, on publishing (inspect-preload.mjs) and on receipt
 * (fanout-clients.ts): a new reply by its id, a moderator's hide by "hidden:" and the hidden target's id. Other
 * events (presence, counters) are not measured: undefined.
 */
export function measuredEventKey(event) {
  if (event?.type === "reply.created") return event.data?.reply?.id;
  if (event?.type === "content.hidden" && event.data?.targetId) return `hidden:${event.data.targetId}`;
  return undefined;
}
