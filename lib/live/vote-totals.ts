import { inArray } from "drizzle-orm";
import { scenarios } from "@/db/schema";
import { createCoalescer } from "./coalescer";
import { transactWithEvents } from "./outbox";

/**
 * Vote totals are announced coalesced: a vote commits only its rows and counters, and marks its scenario here;
 * at most every 250 ms each post with marked scenarios gets one `scenario.voted` event carrying the totals read
 * at that moment, so the last event after a burst always holds the exact figures and a burst of a thousand
 * votes becomes a handful of events. A node that dies before flushing loses only announcements, never counts.
 */
const totals = createCoalescer<string, string>("vote totals", 250, (postId, ids) =>
  transactWithEvents(async (tx, emit) => {
    const current = await tx
      .select({ id: scenarios.id, score: scenarios.score, up: scenarios.up, down: scenarios.down })
      .from(scenarios)
      .where(inArray(scenarios.id, [...ids]));
    await emit(postId, "scenario.voted", { scenarios: current });
  }),
);

export function markVoteTotalsChanged(postId: string, scenarioId: string): void {
  totals.mark(postId, scenarioId);
}

/** Announces every pending change now (also called on shutdown). */
export function flushVoteTotals(): Promise<void> {
  return totals.flush();
}
