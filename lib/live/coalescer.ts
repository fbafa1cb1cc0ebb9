import { logger } from "@/lib/logger";

/** After a failed flush the next try waits twice as long each time, up to this (a database down for minutes). */
const longestRetryMs = 10_000;

/**
 * Gathers marks and flushes them key by key at most once per interval: the first mark after a quiet spell is
 * flushed at once, later ones wait for the interval since the last flush to pass. A flush by call (shutdown,
 * tests) also counts as the last flush. Flushes run one after another, never overlapping, and never reject: a
 * key whose flush throws (the database down) is logged and kept, with any marks made since, for a later flush,
 * tried again after a growing pause.
 */
export function createCoalescer<Key, Item>(name: string, intervalMs: number, flushKey: (key: Key, items: Set<Item>) => Promise<void>) {
  let pending = new Map<Key, Set<Item>>();
  let timer: NodeJS.Timeout | undefined;
  let lastFlushAt = 0;
  let failures = 0;
  let running: Promise<void> = Promise.resolve();

  function add(key: Key, items: Iterable<Item>): void {
    let held = pending.get(key);
    if (!held) pending.set(key, (held = new Set()));
    for (const item of items) held.add(item);
  }

  function arm(): void {
    const wait = failures === 0 ? intervalMs : Math.min(intervalMs * 2 ** failures, longestRetryMs);
    timer ??= setTimeout(() => void flush(), Math.max(0, lastFlushAt + wait - Date.now()));
  }

  async function flushBatch(batch: Map<Key, Set<Item>>): Promise<void> {
    let failed = false;
    for (const [key, items] of batch) {
      try {
        await flushKey(key, items);
      } catch (error) {
        failed = true;
        logger.error({ err: error, key }, `${name}: flush failed, kept for the next one`);
        add(key, items);
      }
    }
    failures = failed ? failures + 1 : 0;
    if (failed) arm();
  }

  function flush(): Promise<void> {
    clearTimeout(timer);
    timer = undefined;
    lastFlushAt = Date.now();
    const batch = pending;
    pending = new Map();
    if (batch.size > 0) running = running.then(() => flushBatch(batch));
    return running;
  }

  function mark(key: Key, item: Item): void {
    add(key, [item]);
    arm();
  }

  return { mark, flush };
}
