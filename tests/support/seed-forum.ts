import { seedSlug } from "@/db/seed/seed-article";
import { anonymous } from "@/lib/auth/actor";
import { submitForecast } from "@/lib/forecasts/forecasts";
import { flushCommunity } from "@/lib/forecasts/community";
import { getPost } from "@/lib/forum/posts";
import { createReply } from "@/lib/forum/replies";
import { createScenario } from "@/lib/forum/scenarios";
import { castVote } from "@/lib/forum/votes";
import { flushVoteTotals } from "@/lib/live/vote-totals";
import { createActor } from "./actors";

const stances = ["supports", "challenges", "question", "evidence", "neutral"] as const;

/**
 * Fills the seed post of the installed database through the verbs: members, scenarios, replies (a third of
 * them answering an earlier reply), a vote of each member on each of the first five scenarios but their own, and forecasts. Waits
 * for the coalesced vote totals and community forecast, so the database is settled when it returns.
 */
export async function seedForum({ members = 6, scenarios = 10, replies = 40 } = {}): Promise<{ postId: string; scenarioIds: string[] }> {
  const actors = await Promise.all(Array.from({ length: members }, () => createActor()));
  const postId = (await getPost(anonymous, { idOrSlug: seedSlug })).id;
  const scenarioIds: string[] = [];
  for (let i = 0; i < scenarios; i++) {
    const created = await createScenario(actors[i % members]!, { postId, title: `Scenario ${i}`, body: `Why ${i} may happen`, x: (i * 37) % 101, y: (i * 59) % 101 });
    scenarioIds.push(created.id);
  }
  const repliesOf = new Map<string, string[]>();
  for (let n = 0; n < replies; n++) {
    const scenarioId = scenarioIds[n % scenarios]!;
    const earlier = repliesOf.get(scenarioId) ?? [];
    const parentId = n % 3 === 2 && earlier.length > 0 ? earlier[n % earlier.length]! : null;
    const reply = await createReply(actors[n % members]!, { scenarioId, body: `Reply ${n} on ${scenarioId}`, stance: stances[n % stances.length], parentId });
    repliesOf.set(scenarioId, [...earlier, reply.id]);
  }
  for (const [m, actor] of actors.entries()) {
    for (const [s, scenarioId] of scenarioIds.slice(0, 5).entries()) {
      // Not on one's own scenario (scenario s is by member s % members).
      if (s % members !== m) await castVote(actor, { scenarioId, value: (m + s) % 3 === 0 ? -1 : 1 });
    }
    await submitForecast(actor, { postId, probabilities: { [scenarioIds[0]!]: 40 + m, [scenarioIds[1]!]: 30, other: 30 - m } });
  }
  await flushVoteTotals();
  await flushCommunity();
  return { postId, scenarioIds };
}
