export type ReachabilityOptions = {
  /** Resolves when the service answered, rejects when it cannot be reached. */
  ping: () => Promise<void>;
  /** A verdict this recent (ms) is given again without asking. */
  freshMs: number;
  /** How long a question waits for its ping before answering from the last one that finished. */
  patienceMs: number;
  /** A ping still unanswered after this long means unreachable, whatever the last one said. */
  hungMs: number;
  /** Told of each ping that failed. */
  onFailure?: (error: unknown) => void;
};

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

/**
 * "Can this node reach the service?" for its readiness check, answered within `patienceMs` however busy the node
 * is. A ping queued behind the node's own work (every pooled connection taken by requests) says that the service
 * is busy, not that it is gone: the question is answered from the last ping that finished, and the one under way
 * is left to finish for the next question. Only a failed ping, or one unanswered for `hungMs`, says unreachable.
 * Without this, a node that is merely the busier of two (its peer restarting) fails its checks by timeout and the
 * balancer takes both out at once.
 */
export function createReachability({ ping, freshMs, patienceMs, hungMs, onFailure }: ReachabilityOptions): () => Promise<boolean> {
  let last: { reachable: boolean; at: number } | undefined;
  let running: { finished: Promise<void>; since: number } | undefined;

  const startPing = () => {
    const finished = ping().then(
      () => true,
      (error: unknown) => {
        onFailure?.(error);
        return false;
      },
    ).then((reachable) => {
      last = { reachable, at: performance.now() };
      running = undefined;
    });
    return (running = { finished, since: performance.now() });
  };

  return async () => {
    if (last && performance.now() - last.at < freshMs) return last.reachable;
    const { finished, since } = running ?? startPing();
    const answered = await Promise.race([finished.then(() => true), delay(patienceMs).then(() => false)]);
    if (answered) return last!.reachable;
    return performance.now() - since < hungMs && (last?.reachable ?? true);
  };
}
