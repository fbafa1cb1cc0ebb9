/**
 * `npm run seed:demo`: fills a local database with sample members, scenarios, votes and replies on the seed
 * post, for trying Mizan out. Never run by `npm start`. Members sign in with password "demo password 1".
 * Uses the same database as the server (stop it first when it runs on PGlite). Running it twice adds nothing.
 */
import { eq } from "drizzle-orm";
import { installDatabase, uninstallDatabase, getDb } from "../db/client";
import { users } from "../db/schema";
import { seedArticle, seedSlug } from "../db/seed/seed-article";
import { createAccount, findUserById } from "../lib/auth/accounts";
import { toActor } from "../lib/auth/user-view";
import { env } from "../lib/env";
import { getPost } from "../lib/forum/posts";
import { createReply } from "../lib/forum/replies";
import { createScenario } from "../lib/forum/scenarios";
import { castVote } from "../lib/forum/votes";
import { demoMembers, demoScenarios } from "./demo-content";

process.env.MIZAN_RATE_LIMITS = "off";
const password = "demo password 1";

async function main(): Promise<void> {
  const config = env();
  const handle = await installDatabase(config.DATABASE_URL ? { url: config.DATABASE_URL } : { dataDir: config.MIZAN_DATA_DIR });
  try {
    await seedArticle(handle.db);
    const db = await getDb();
    const [existing] = await db.select({ id: users.id }).from(users).where(eq(users.email, demoMembers[0]!.email));
    if (existing) {
      console.log("The demo content is already there.");
      return;
    }
    const members = [];
    for (const member of demoMembers) {
      const view = await createAccount({ actor: null }, { ...member, password });
      members.push({ actor: toActor((await findUserById(view.id))!) });
    }
    const post = await getPost({ actor: null }, { idOrSlug: seedSlug });
    for (const [index, scenario] of demoScenarios.entries()) {
      const author = members[index % members.length]!;
      const created = await createScenario(author, { postId: post.id, title: scenario.title, body: scenario.body, x: scenario.x, y: scenario.y });
      for (const [voterIndex, member] of members.entries()) {
        if (member === author) continue;
        const value = scenario.votes[voterIndex % scenario.votes.length]!;
        if (value !== 0) await castVote(member, { scenarioId: created.id, value });
      }
      let parentId: string | null = null;
      for (const [replyIndex, reply] of scenario.replies.entries()) {
        const replier = members[(index + replyIndex + 1) % members.length]!;
        const made: { id: string } = await createReply(replier, { scenarioId: created.id, body: reply.body, stance: reply.stance, parentId: reply.nested ? parentId : null });
        parentId = made.id;
      }
    }
    console.log(`Added ${demoMembers.length} members and ${demoScenarios.length} scenarios with their votes and replies.`);
  } finally {
    await uninstallDatabase();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
