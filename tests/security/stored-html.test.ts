import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { scenarioRevisions } from "@/db/schema";
import { anonymous } from "@/lib/auth/actor";
import { RateLimited } from "@/lib/errors";
import { updateReply, createReply } from "@/lib/forum/replies";
import { createScenario, listScenarioRevisions, updateScenario } from "@/lib/forum/scenarios";
import { createActor } from "../support/actors";
import { addPost } from "../support/forum";

// Issue 16 finding 2: the scenario page rendered every revision's Markdown on every view, so a handful of
// title-only edits of a crafted body made the page answer 500 to every reader.
async function scenarioWithRevisions(count: number) {
  const author = await createActor();
  const post = await addPost();
  const scenario = await createScenario(author, { postId: post.id, title: "Stored once", body: "Body **bold**" });
  const db = await getDb();
  for (let i = 0; i < count; i++) {
    await db.insert(scenarioRevisions).values({
      scenarioId: scenario.id,
      editorId: author.actor.id,
      title: `Version ${i}`,
      body: `Body ${i}`,
      html: `<p>stored ${i}</p>`,
      x: 50,
      y: 50,
      createdAt: new Date(Date.now() - (count - i) * 1000),
    });
  }
  return { author, scenario };
}

describe("stored HTML instead of rendering per view (finding 2)", () => {
  it("serves each revision the HTML stored when it was written, not a rendering of its body", async () => {
    const { author, scenario } = await scenarioWithRevisions(0);
    await updateScenario(author, { scenarioId: scenario.id, title: "Title only" });
    const [revision] = (await listScenarioRevisions(anonymous, { scenarioId: scenario.id })).revisions;
    expect(revision!.html).toBe(scenario.html);
    // Whatever the body says, a view shows what was stored.
    await (await getDb()).update(scenarioRevisions).set({ body: "- ".repeat(4_000) }).where(eq(scenarioRevisions.id, revision!.id));
    expect((await listScenarioRevisions(anonymous, { scenarioId: scenario.id })).revisions[0]!.html).toBe(scenario.html);
  });

  it("renders a revision from before the HTML was stored once, as plain text when it is past the bounds", async () => {
    const { author, scenario } = await scenarioWithRevisions(0);
    const db = await getDb();
    const [legacy] = await db
      .insert(scenarioRevisions)
      .values({ scenarioId: scenario.id, editorId: author.actor.id, title: "Old", body: `${"- ".repeat(4_000)}<b>`, x: 1, y: 1 })
      .returning();
    const [revision] = (await listScenarioRevisions(anonymous, { scenarioId: scenario.id })).revisions;
    expect(revision!.html).toMatch(/^<p>- - - .*&lt;b&gt;<\/p>$/);
    const [stored] = await db.select().from(scenarioRevisions).where(eq(scenarioRevisions.id, legacy!.id));
    expect(stored!.html).toBe(revision!.html);
  });

  it("pages through 100 revisions newest first, each exactly once", async () => {
    const { scenario } = await scenarioWithRevisions(100);
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await listScenarioRevisions(anonymous, { scenarioId: scenario.id, limit: 30, cursor });
      expect(page.revisions.length).toBeLessThanOrEqual(30);
      seen.push(...page.revisions.map((r) => r.title));
      cursor = page.nextCursor ?? undefined;
      pages += 1;
    } while (cursor);
    expect(pages).toBe(4);
    expect(seen).toEqual(Array.from({ length: 100 }, (_, i) => `Version ${99 - i}`));
  });

  it("rate limits edits per member, scenarios and replies together", async () => {
    const { author, scenario } = await scenarioWithRevisions(0);
    const reply = await createReply(author, { scenarioId: scenario.id, body: "A reply" });
    for (let i = 0; i < 15; i++) {
      await updateScenario(author, { scenarioId: scenario.id, title: `Edit ${i}` });
      await updateReply(author, { replyId: reply.id, body: `Edit ${i}` });
    }
    await expect(updateScenario(author, { scenarioId: scenario.id, title: "One more" })).rejects.toBeInstanceOf(RateLimited);
    await expect(updateReply(author, { replyId: reply.id, body: "One more" })).rejects.toBeInstanceOf(RateLimited);
  });
});
