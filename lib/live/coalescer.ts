/**
 * Gathers marks and flushes them at most once per interval: the first mark after a quiet spell is flushed at
 * once, later ones wait for the interval since the last flush to pass. A flush by call (shutdown, tests) also
 * counts as the last flush. Flushes run one after another, never overlapping.
 */
export function createCoalescer<Key, Item>(intervalMs: number, flushBatch: (batch: Map<Key, Set<Item>>) => Promise<void>) {
  let pending = new Map<Key, Set<Item>>();
  let timer: NodeJS.Timeout | undefined;
  let lastFlushAt = 0;
  let running: Promise<void> = Promise.resolve();

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
    let items = pending.get(key);
    if (!items) pending.set(key, (items = new Set()));
    items.add(item);
    timer ??= setTimeout(() => void flush(), Math.max(0, lastFlushAt + intervalMs - Date.now()));
  }

  return { mark, flush };
}
