import { describe, expect, it } from "vitest";
import { drafts } from "@/db/schema";
import { anonymous } from "@/lib/auth/actor";
import { discardDraft, getDraft, saveDraft } from "@/lib/forum/drafts";
import { previewMarkdown } from "@/lib/forum/preview";
import { replyDraftKey, scenarioDraftKey } from "@/lib/rules/draft-keys";
import { createActor } from "../support/actors";
import { countRows, outcome } from "../support/forum";

const iso = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

describe("drafts", () => {
  it("saves, reads back, overwrites and discards a member's draft", async () => {
    const member = await createActor();
    const key = scenarioDraftKey("post_Id-123");
    expect(await getDraft(member, { key })).toBeNull();

    const first = await saveDraft(member, { key, content: { title: "عنوان أولي", body: "نص **المسودة**", x: 20, y: null } });
    expect(first.savedAt).toMatch(iso);
    expect(await getDraft(member, { key })).toEqual({ content: { title: "عنوان أولي", body: "نص **المسودة**", x: 20, y: null }, savedAt: first.savedAt });

    const second = await saveDraft(member, { key, content: { body: "rewritten" } });
    expect(await getDraft(member, { key })).toEqual({ content: { body: "rewritten" }, savedAt: second.savedAt });
    expect(Date.parse(second.savedAt)).toBeGreaterThanOrEqual(Date.parse(first.savedAt));

    await discardDraft(member, { key });
    expect(await getDraft(member, { key })).toBeNull();
    // Discarding is idempotent.
    await discardDraft(member, { key });
  });

  it("keeps each member's drafts to themselves, under the same key", async () => {
    const [one, two] = [await createActor(), await createActor()];
    const key = replyDraftKey("scenarioA", null);
    await saveDraft(one, { key, content: { body: "one's words" } });
    expect(await getDraft(two, { key })).toBeNull();
    await saveDraft(two, { key, content: { body: "two's words" } });
    await discardDraft(two, { key });
    expect((await getDraft(one, { key }))?.content).toEqual({ body: "one's words" });
  });

  it("accepts every key the composers use", async () => {
    const member = await createActor();
    for (const key of [scenarioDraftKey("abcDEF_-09"), replyDraftKey("abc", null), replyDraftKey("abc", "def"), `scenario:${"a".repeat(200)}`]) {
      expect(await outcome(saveDraft(member, { key, content: { body: "x" } }))).toBe("ok");
    }
  });

  it("refuses anonymous readers and suspended members", async () => {
    const key = scenarioDraftKey("p1");
    expect(await outcome(saveDraft(anonymous, { key, content: { body: "x" } }))).toBe("Unauthenticated");
    expect(await outcome(getDraft(anonymous, { key }))).toBe("Unauthenticated");
    expect(await outcome(discardDraft(anonymous, { key }))).toBe("Unauthenticated");
    const suspended = await createActor("member", { suspendedUntil: new Date(Date.now() + 60_000) });
    expect(await outcome(saveDraft(suspended, { key, content: { body: "x" } }))).toBe("Suspended");
  });

  it.each<[string, unknown]>([
    ["an empty key", ""],
    ["an unknown kind", "post:abc"],
    ["no id", "scenario:"],
    ["a space", "scenario:a b"],
    ["a slash", "reply:a/b"],
    ["a trailing newline", "scenario:abc\n"],
    ["a NUL", "scenario:a\u0000"],
    ["an id of 201 characters", `scenario:${"a".repeat(201)}`],
    ["a number", 42],
  ])("rejects a key with %s as ValidationFailed, storing nothing", async (_label, key) => {
    const member = await createActor();
    const before = await countRows(drafts);
    expect(await outcome(saveDraft(member, { key, content: { body: "x" } }))).toBe("ValidationFailed");
    expect(await outcome(getDraft(member, { key }))).toBe("ValidationFailed");
    expect(await outcome(discardDraft(member, { key }))).toBe("ValidationFailed");
    expect(await countRows(drafts)).toBe(before);
  });

  it.each<[string, unknown]>([
    ["missing", undefined],
    ["an array", ["body"]],
    ["a string", "body"],
    ["null", null],
    ["a nested object", { body: { nested: "x" } }],
    ["a boolean value", { body: true }],
    ["a field name of 41 characters", { ["f".repeat(41)]: "x" }],
    ["a field of 25,001 characters", { body: "x".repeat(25_001) }],
    ["more than the API's 64 KiB body limit in total", { title: "t".repeat(24_000), body: "b".repeat(24_000), notes: "n".repeat(24_000) }],
    ["a NUL in a field", { body: "a\u0000b" }],
    ["a lone surrogate in a field", { body: "a\ud800b" }],
  ])("rejects content that is %s as ValidationFailed, storing nothing", async (_label, content) => {
    const member = await createActor();
    const before = await countRows(drafts);
    expect(await outcome(saveDraft(member, { key: scenarioDraftKey("p2"), content }))).toBe("ValidationFailed");
    expect(await countRows(drafts)).toBe(before);
  });
});

describe("previewMarkdown", () => {
  it("renders exactly as publishing would, sanitised", async () => {
    const member = await createActor();
    const { html } = await previewMarkdown(member, { body: "**bold** <script>alert(1)</script> [x](javascript:alert(1)) [ok](https://example.com)" });
    expect(html).toContain("<strong>bold</strong>");
    expect(html).toContain('<a href="https://example.com" rel="nofollow ugc noopener">ok</a>');
    expect(html).not.toMatch(/<script|javascript:/i);
  });

  it("is for signed-in members and bounded like a scenario body", async () => {
    const member = await createActor();
    expect(await outcome(previewMarkdown(anonymous, { body: "x" }))).toBe("Unauthenticated");
    expect(await outcome(previewMarkdown(member, { body: "x".repeat(20_001) }))).toBe("ValidationFailed");
    expect(await outcome(previewMarkdown(member, { body: 5 }))).toBe("ValidationFailed");
    expect(await outcome(previewMarkdown(member, { body: "x".repeat(20_000) }))).toBe("ok");
  });
});
