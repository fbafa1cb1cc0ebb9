import { beforeAll, describe, expect, it } from "vitest";
import type { Post } from "@/db/schema";
import { anonymous, type Actor, type Context } from "@/lib/auth/actor";
import { createReply, listReplies } from "@/lib/forum/replies";
import type { ReplyView } from "@/lib/forum/reply-view";
import { createScenario } from "@/lib/forum/scenarios";
import { readThreadPage, repliesPerPage } from "@/lib/forum/thread-page";
import { createActor } from "../support/actors";
import { addPost, outcome } from "../support/forum";

type Member = Context & { actor: Actor };
let serial = 0;
const text = () => `Point ${++serial} ${Math.random().toString(36).slice(2, 8)}`;

describe("readThreadPage", () => {
  let post: Post;
  let member: Member;
  let scenarioId: string;
  let thread: ReplyView[];

  beforeAll(async () => {
    post = await addPost();
    member = await createActor();
    scenarioId = (await createScenario(member, { postId: post.id, title: "A paged debate", body: "Read in pages" })).id;
    // A first top-level reply whose branch alone fills a page, then five small threads.
    const big = await createReply(member, { scenarioId, body: text() });
    for (let i = 0; i < repliesPerPage + 5; i++) await createReply(member, { scenarioId, parentId: big.id, body: text() });
    for (let i = 0; i < 5; i++) {
      const root = await createReply(member, { scenarioId, body: text() });
      const child = await createReply(member, { scenarioId, parentId: root.id, body: text() });
      await createReply(member, { scenarioId, parentId: child.id, body: text() });
    }
    thread = (await listReplies(anonymous, { scenarioId, limit: 200 })).replies;
  });

  it("takes whole top-level threads until a page is full, and the next page goes on from there", async () => {
    const first = await readThreadPage(anonymous, { scenarioId });
    expect(first.isFirst).toBe(true);
    expect(first.replies.filter((r) => r.depth === 0)).toHaveLength(1);
    expect(first.replies).toHaveLength(repliesPerPage + 6);
    expect(first.nextCursor).not.toBeNull();

    const second = await readThreadPage(anonymous, { scenarioId, cursor: first.nextCursor });
    expect(second.isFirst).toBe(false);
    expect(second.replies.filter((r) => r.depth === 0)).toHaveLength(5);
    expect(second.nextCursor).toBeNull();
    // Together the pages are the thread, in thread order, each reply once.
    expect([...first.replies, ...second.replies].map((r) => r.id)).toEqual(thread.map((r) => r.id));
  });

  it("opens at the top-level thread of a reply named by a permalink", async () => {
    const late = thread.at(-1)!; // two levels down in the last thread
    const page = await readThreadPage(anonymous, { scenarioId, replyId: late.id });
    expect(page.replies[0]!.id).toBe(thread.at(-3)!.id);
    expect(page.replies.map((r) => r.id)).toContain(late.id);
  });

  it("refuses a malformed cursor, an unknown reply and an unknown scenario", async () => {
    expect(await outcome(readThreadPage(anonymous, { scenarioId, cursor: "not-a-cursor" }))).toBe("ValidationFailed");
    expect(await outcome(readThreadPage(anonymous, { scenarioId, replyId: "no-such-reply" }))).toBe("NotFound");
    expect(await outcome(readThreadPage(anonymous, { scenarioId: "no-such-scenario" }))).toBe("NotFound");
  });
});
