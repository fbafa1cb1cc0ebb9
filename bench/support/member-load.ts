import type { MemberPage } from "@/lib/forum/member-page";
import { percentile } from "./stats";

/** The post a page path shows (`/p/{slug}…`). */
const postOf = (path: string) => decodeURIComponent(/^\/p\/([^/?#]+)/.exec(path)?.[1] ?? "");

/** Which of a scenario's vote buttons (up, then down) a page shows pressed: the member's vote as that page knows it. */
function shownVote(html: string, scenarioId: string): 1 | -1 | 0 | null {
  const at = html.indexOf(`data-scenario-votes="${scenarioId}"`);
  if (at === -1) return null;
  const [up, down] = [...html.slice(at, at + 4000).matchAll(/aria-pressed="(true|false)"/g)].map((m) => m[1] === "true");
  return up ? 1 : down ? -1 : 0;
}

/** `p50`/`p99`: the page and, when it came from the shared render, the member's layer after it, as a browser loads them. */
export type PageFigures = { loads: number; perSecond: number; p50: number; p99: number; bytes: number; shared: number; layerP50: number | null; layerBytes: number };
export type MemberLoadResult = { pages: Record<string, PageFigures>; errors: number; checked: number; stale: number };

/**
 * `connections` members at once, each signed in through the real sign-in flow (its session cookie), for `seconds`:
 * in turn, a member votes on `scenarioId` through the JSON API with their cookie, as the page's buttons do
 * (up, none, down, none, …), then loads each of `paths`; every load that shows the scenario's vote buttons must show
 * that vote pressed (read-your-writes, checked on every load). A page from the shared render is followed by the
 * member's layer (GET /api/v1/me/page), as the page's script asks for it, and the vote is read from the layer. Members are shared out among the connections, so
 * each member's own writes and loads stay in order.
 */
export async function memberLoad(
  baseUrl: string,
  cookies: string[],
  { paths, scenarioId, connections, seconds }: { paths: string[]; scenarioId: string; connections: number; seconds: number },
): Promise<MemberLoadResult> {
  const latencies: Record<string, number[]> = Object.fromEntries(paths.map((p) => [p, []]));
  const layerLatencies: Record<string, number[]> = Object.fromEntries(paths.map((p) => [p, []]));
  const sharedLoads: Record<string, number> = Object.fromEntries(paths.map((p) => [p, 0]));
  const bytes: Record<string, number> = {};
  const layerBytes: Record<string, number> = {};
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
      const response = await fetch(baseUrl + path, { headers: { cookie: `${cookie}; mizan_member=1`, "accept-language": "ar" } });
      const html = await response.text();
      if (response.status !== 200) errors++;
      bytes[path] = Buffer.byteLength(html);
      let shown = shownVote(html, scenarioId);
      if (response.headers.get("x-mizan-cache") === "shared") {
        // The page from the shared render, then the member's layer, as the page's script asks for it.
        sharedLoads[path]!++;
        const layerStarted = performance.now();
        const layer = await fetch(`${baseUrl}/api/v1/me/page?post=${encodeURIComponent(postOf(path))}`, { headers: { cookie } });
        const body = await layer.text();
        layerLatencies[path]!.push(performance.now() - layerStarted);
        layerBytes[path] = Buffer.byteLength(body);
        if (layer.status !== 200) errors++;
        const votes = layer.ok ? (JSON.parse(body) as MemberPage).post?.votes ?? [] : [];
        if (shown !== null) shown = votes.find((v) => v.scenarioId === scenarioId)?.myVote ?? 0;
      }
      latencies[path]!.push(performance.now() - started);
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
      const layers = layerLatencies[path]!.sort((a, b) => a - b);
      return [
        path,
        {
          loads: sorted.length,
          perSecond: sorted.length / elapsed,
          p50: percentile(sorted, 50),
          p99: percentile(sorted, 99),
          bytes: bytes[path] ?? 0,
          shared: sharedLoads[path]!,
          layerP50: layers.length > 0 ? percentile(layers, 50) : null,
          layerBytes: layerBytes[path] ?? 0,
        },
      ];
    }),
  );
  return { pages, errors, checked, stale };
}
