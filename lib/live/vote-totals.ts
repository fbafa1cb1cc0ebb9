import { inArray } from "drizzle-orm";
import { scenarios } from "@/db/schema";
import { logger } from "@/lib/logger";
import { transactWithEvents } from "./outbox";

/**
 * Vote totals are announced coalesced: a vote commits only its rows and counters, and marks its scenario here;
 * at most every `flushDelayMs` each post with marked scenarios gets one `scenario.voted` event carrying the totals
 * read at that moment, so the last event after a burst always holds the exact figures and a burst of a thousand
 * votes becomes a handful of events. A node that dies before flushing loses only announcements, never counts.
 */
const flushDelayMs = 250;
const dirty = new Map<string, Set<string>>();
let timer: NodeJS.Timeout | undefined;
let flushing: Promise<void> = Promise.resolve();

export function markVoteTotalsChanged(postId: string, scenarioId: string): void {
  let marked = dirty.get(postId);
  if (!marked) dirty.set(postId, (marked = new Set()));
  marked.add(scenarioId);
  timer ??= setTimeout(() => void flushVoteTotals(), flushDelayMs);
}

async function flushPost(postId: string, scenarioIds: string[]): Promise<void> {
  await transactWithEvents(async (tx, emit) => {
    const totals = await tx
      .select({ id: scenarios.id, score: scenarios.score, up: scenarios.up, down: scenarios.down })
      .from(scenarios)
      .where(inArray(scenarios.id, scenarioIds));
    await emit(postId, "scenario.voted", { scenarios: totals });
  });
}

/** Announces every pending change now (also called on shutdown). */
export function flushVoteTotals(): Promise<void> {
  timer = undefined;
  const batch = [...dirty];
  dirty.clear();
  flushing = flushing.then(async () => {
    for (const [postId, ids] of batch) {
      await flushPost(postId, [...ids]).catch((error: unknown) => logger.error({ err: error, postId }, "could not announce vote totals"));
    }
  });
  return flushing;
}
