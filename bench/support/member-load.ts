import { percentile } from "./stats";

/** Which of a scenario's vote buttons (up, then down) a page shows pressed: the member's vote as that page knows it. */
function shownVote(html: string, scenarioId: string): 1 | -1 | 0 | null {
  const at = html.indexOf(`data-scenario-votes="${scenarioId}"`);
  if (at === -1) return null;
  const [up, down] = [...html.slice(at, at + 4000).matchAll(/aria-pressed="(true|false)"/g)].map((m) => m[1] === "true");
  return up ? 1 : down ? -1 : 0;
}

export type PageFigures = { loads: number; perSecond: number; p50: number; p99: number; bytes: number };
export type MemberLoadResult = { pages: Record<string, PageFigures>; errors: number; checked: number; stale: number };

/**
 * `connections` members at once, each signed in through the real sign-in flow (its session cookie), for `seconds`:
 * in turn, a member votes on `scenarioId` through the JSON API with their cookie, as the page's buttons do
 * (up, none, down, none, …), then loads each of `paths`; every load that shows the scenario's vote buttons must show
 * that vote pressed (read-your-writes, checked on every load). Members are shared out among the connections, so
 * each member's own writes and loads stay in order.
 */
export async function memberLoad(
  baseUrl: string,
  cookies: string[],
  { paths, scenarioId, connections, seconds }: { paths: string[]; scenarioId: string; connections: number; seconds: number },
): Promise<MemberLoadResult> {
  const latencies: Record<string, number[]> = Object.fromEntries(paths.map((p) => [p, []]));
  const bytes: Record<string, number> = {};
  let errors = 0;
  let checked = 0;
  let stale = 0;
  const deadline = performance.now() + seconds * 1000;
  const votes = [1, 0, -1, 0] as const;

  async function member(cookie: string, turn: number): Promise<void> {
    const value = votes[turn % votes.length]!;
    const vote = await fetch(`${baseUrl}/api/v1/scenarios/${scenarioId}/vote`, {
      method: "PUT",
      headers: { cookie, origin: baseUrl, "content-type": "application/json" },
      body: JSON.stringify({ value }),
    });
    await vote.arrayBuffer();
    if (!vote.ok) errors++;
    for (const path of paths) {
      const started = performance.now();
      const response = await fetch(baseUrl + path, { headers: { cookie, "accept-language": "ar" } });
      const html = await response.text();
      latencies[path]!.push(performance.now() - started);
      bytes[path] = Buffer.byteLength(html);
      if (response.status !== 200) errors++;
      const shown = shownVote(html, scenarioId);
      if (shown === null || !vote.ok) continue;
      checked++;
      if (shown !== value) stale++;
    }
  }

  const started = performance.now();
  await Promise.all(
    Array.from({ length: connections }, async (_, worker) => {
      const mine = cookies.filter((_, i) => i % connections === worker);
      for (let turn = 0; performance.now() < deadline; turn++) await member(mine[turn % mine.length]!, Math.floor(turn / mine.length));
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  const pages = Object.fromEntries(
    paths.map((path) => {
      const sorted = latencies[path]!.sort((a, b) => a - b);
      return [path, { loads: sorted.length, perSecond: sorted.length / elapsed, p50: percentile(sorted, 50), p99: percentile(sorted, 99), bytes: bytes[path] ?? 0 }];
    }),
  );
  return { pages, errors, checked, stale };
}
