export type DrainOptions = {
  /** Milliseconds since the node was last sent a request (checks and scrapes aside). */
  sinceLastRequest: () => number;
  /** How long the node must have been sent nothing, and have been draining, before it stops serving. */
  quietMs: number;
  /** The drain ends by then even if requests keep coming (clients that reach the node without a balancer). */
  longestMs: number;
};

/**
 * After SIGTERM, while readiness answers 503: resolves once no request has come for `quietMs`, that is once every
 * balancer has taken the node out of rotation and none will send a request on a connection about to close. A
 * fixed wait cannot know that: a balancer whose checks run late still sends requests after it, onto idle
 * keep-alive connections the node then closes, and those requests fail with nothing to retry them. Resolves
 * with how long the drain took, in milliseconds.
 */
export async function drainUntilQuiet({ sinceLastRequest, quietMs, longestMs }: DrainOptions): Promise<number> {
  const began = performance.now();
  const draining = () => performance.now() - began;
  while (Math.min(sinceLastRequest(), draining()) < quietMs && draining() < longestMs) await new Promise((resolve) => setTimeout(resolve, 20));
  return Math.round(draining());
}
