/**
 * `npm run bench:followers`: what notifying 1,000 followers costs the reply's author. On the production build and
 * a fresh PostgreSQL database (TEST_DATABASE_URL, or the local server), a member creates two scenarios through
 * the JSON API; 1,000 members are then written straight into the database following the first (their follows
 * rows and the scenario's follower count, as following writes them: signing up 1,000 members through the API
 * would cost minutes of password hashing). The author then replies BENCH_FOLLOWER_REPLIES times to each scenario,
 * alternately, one request after another: each reply to the followed scenario writes (or, once unread, grows)
 * 1,000 notifications in its transaction (lib/notify/fan-out.ts). Prints the author's response times side by
 * side and their ratio, with the machine's load average; the target is at most 2× a plain reply's. Not
 * on PGlite, which only the server's own process may open. Never asserted.
 */
import { loadavg } from "node:os";
import { sql } from "drizzle-orm";
import { installDatabase, uninstallDatabase } from "../db/client";
import { follows, newId, scenarios, users } from "../db/schema";
import { buildIfStale } from "../scripts/build-if-stale.mjs";
import { api } from "../tests/support/http";
import { startServer } from "../tests/support/server";
import { defaultPostgresUrl, isListening } from "../tests/support/services";
import { createTestDatabase } from "../tests/support/test-database";
import { createMembers } from "./support/members";
import { ms, percentile } from "./support/stats";

const slug = "russia-balance-diplomacy-escalation";
const followerCount = 1_000;
const repliesEach = Number(process.env.BENCH_FOLLOWER_REPLIES ?? 100);
const targetRatio = 2;

/** `followerCount` members following the scenario, written as following writes them: rows and the counter. */
async function addFollowers(databaseUrl: string, scenarioId: string): Promise<void> {
  const { db } = await installDatabase({ url: databaseUrl });
  try {
    const members = Array.from({ length: followerCount }, (_, i) => ({ id: newId(), email: `follower${i}@bench.test`, handle: `follower${i}`, name: `Follower ${i}` }));
    await db.transaction(async (tx) => {
      for (let start = 0; start < members.length; start += 500) {
        const batch = members.slice(start, start + 500);
        await tx.insert(users).values(batch);
        await tx.insert(follows).values(batch.map((member) => ({ targetType: "scenario" as const, targetId: scenarioId, userId: member.id })));
      }
      await tx.update(scenarios).set({ followerCount: sql`${scenarios.followerCount} + ${followerCount}` }).where(sql`${scenarios.id} = ${scenarioId}`);
    });
  } finally {
    await uninstallDatabase();
  }
}

async function bench(databaseUrl: string): Promise<void> {
  const server = await startServer({ databaseUrl, env: { MIZAN_RATE_LIMITS: "off" } });
  try {
    const [token] = await createMembers(server.url, 1, "author");
    const client = api(server.url + "/api/v1");
    const postId = (await client.get(`/posts/${slug}`)).body.post.id as string;
    const scenario = async (title: string) => {
      const created = await client.post(`/posts/${postId}/scenarios`, { title, body: "Replies to this scenario tell its followers.", x: 30, y: 70 }, { token });
      if (created.status !== 201) throw new Error(`scenario: ${created.status} ${JSON.stringify(created.body)}`);
      return created.body.scenario.id as string;
    };
    const followed = await scenario("Followed by 1,000 members");
    const plain = await scenario("Followed by its author only");
    await addFollowers(databaseUrl, followed);
    const times: Record<string, number[]> = { [followed]: [], [plain]: [] };
    const reply = async (scenarioId: string, n: number) => {
      const started = performance.now();
      const created = await client.post(`/scenarios/${scenarioId}/replies`, { body: `Reply ${n}: the balance holds while both sides count the cost.`, stance: "neutral" }, { token });
      if (created.status !== 201) throw new Error(`reply: ${created.status} ${JSON.stringify(created.body)}`);
      return performance.now() - started;
    };
    for (let i = 0; i < 10; i++) for (const id of [followed, plain]) await reply(id, -1 - i); // warm
    const load = loadavg()[0]!.toFixed(2);
    for (let i = 0; i < repliesEach; i++) for (const id of [followed, plain]) times[id]!.push(await reply(id, i));
    const [withFollowers, without] = [followed, plain].map((id) => times[id]!.sort((a, b) => a - b));
    const ratio = percentile(withFollowers!, 50) / percentile(without!, 50);
    const figures = (sorted: number[]) => `p50 ${ms(percentile(sorted, 50))}, p99 ${ms(percentile(sorted, 99))}`;
    console.log(
      `PostgreSQL: the author's reply, ${repliesEach} each, alternating: to a scenario with ${followerCount} followers ${figures(withFollowers!)}; ` +
        `to one with none but the author ${figures(without!)} — p50 ratio ${ratio.toFixed(2)}× (≤ ${targetRatio}×: ${ratio <= targetRatio ? "target met" : "target NOT met"}); ` +
        `load average ${load} before`,
    );
  } finally {
    await server.stop();
  }
}

buildIfStale();
process.env.TEST_DATABASE_URL ??= defaultPostgresUrl;
if (await isListening("127.0.0.1", 5432)) {
  const created = await createTestDatabase();
  try {
    if ("url" in created.target) await bench(created.target.url);
  } finally {
    await created.drop();
  }
} else {
  console.log("PostgreSQL: no server on 127.0.0.1:5432 (set TEST_DATABASE_URL); skipped");
}
