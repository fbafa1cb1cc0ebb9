import { api } from "@/tests/support/http";
import { createMembers } from "./members";

/**
 * Fills the seed post with a discussion through the JSON API (the server must run with MIZAN_RATE_LIMITS=off):
 * members, `scenarioCount` scenarios with `replyCount` replies spread over them, and one more scenario holding
 * `bigThread` replies. About a third of the replies answer an earlier reply, so threads have depth.
 */
export type Discussion = { postId: string; scenarioIds: string[]; replyIds: string[]; bigScenarioId: string; seconds: number };

const stances = ["supports", "challenges", "question", "evidence", "neutral"] as const;
const paragraph =
  "Moscow keeps both doors open: it signs energy deals with Gulf states while testing NATO's patience in the " +
  "Baltic. The balance depends on **sanctions fatigue** in Europe and on whether China keeps buying.";

/** Runs fn(0…count−1) with at most `concurrency` in flight; the first failure stops the rest. */
export async function inParallel(count: number, concurrency: number, fn: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, count) }, async () => {
      while (next < count) await fn(next++);
    }),
  );
}

export async function seedDiscussion(
  baseUrl: string,
  slug: string,
  { members = 12, scenarioCount = 200, replyCount = 2000, bigThread = 500, memberPrefix = "page" } = {},
): Promise<Discussion> {
  const started = performance.now();
  const client = api(baseUrl + "/api/v1");
  const tokens = await createMembers(baseUrl, members, memberPrefix);
  const postId = (await client.get(`/posts/${slug}`)).body.post.id as string;
  const check = (what: string, response: { status: number; body: unknown }) => {
    if (response.status !== 201) throw new Error(`${what}: ${response.status} ${JSON.stringify(response.body)}`);
  };

  async function createScenario(i: number): Promise<string> {
    const created = await client.post(
      `/posts/${postId}/scenarios`,
      { title: `Scenario ${i}: a slower balance`, body: `${paragraph}\n\nVariant ${i}: ${paragraph}`, x: (i * 37) % 101, y: (i * 59) % 101 },
      { token: tokens[i % members] },
    );
    check(`scenario ${i}`, created);
    return created.body.scenario.id as string;
  }

  const replyIds: string[] = [];
  /** One scenario's thread, written in order (a reply can only answer one that exists). */
  async function createThread(scenarioId: string, count: number, offset: number): Promise<void> {
    const ids: string[] = [];
    for (let k = 0; k < count; k++) {
      const n = offset + k;
      const parentId = k % 3 === 2 ? ids[(k * 7) % ids.length] : undefined;
      const created = await client.post(
        `/scenarios/${scenarioId}/replies`,
        // Unique text per reply: the duplicate guard refuses a member's repeated text within five minutes.
        { body: `Reply ${n}. ${paragraph}`, stance: stances[n % stances.length], parentId },
        { token: tokens[n % members] },
      );
      check(`reply ${n}`, created);
      ids.push(created.body.reply.id as string);
    }
    replyIds.push(...ids);
  }

  // 8 requests in flight: enough to keep both cores and the database busy while every write of a post still
  // queues on the post's row lock (its event seq), so more would only wait longer.
  const scenarioIds: string[] = new Array(scenarioCount);
  await inParallel(scenarioCount, 8, async (i) => void (scenarioIds[i] = await createScenario(i)));
  const perScenario = Math.ceil(replyCount / scenarioCount);
  await inParallel(scenarioCount, 8, (i) => createThread(scenarioIds[i]!, Math.max(0, Math.min(perScenario, replyCount - i * perScenario)), i * perScenario));
  // The big thread: 8 writers on one scenario, each its own slice of the replies.
  const bigScenarioId = await createScenario(scenarioCount);
  const slice = Math.ceil(bigThread / 8);
  await inParallel(8, 8, (w) => createThread(bigScenarioId, Math.max(0, Math.min(slice, bigThread - w * slice)), replyCount + w * slice));
  return { postId, scenarioIds, replyIds, bigScenarioId, seconds: (performance.now() - started) / 1000 };
}
