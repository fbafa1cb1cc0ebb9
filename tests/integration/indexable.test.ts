import { describe, expect, it } from "vitest";
import { createScenario } from "@/lib/forum/scenarios";
import { listIndexable } from "@/lib/forum/indexable";
import { moderateContent } from "@/lib/moderation/content-actions";
import { createActor } from "../support/actors";
import { addPost } from "../support/forum";

describe("what search engines may index (the sitemap)", () => {
  it("lists visible posts with their languages and visible scenarios, and nothing hidden or on hidden content", async () => {
    const [author, moderator] = [await createActor(), await createActor("moderator")];
    const hide = (targetType: "post" | "scenario", targetId: string) => moderateContent(moderator, { targetType, targetId, action: "hide", reason: "Spam" });
    const open = await addPost({ lang: "en" });
    const closed = await addPost();
    const shown = await createScenario(author, { postId: open.id, title: "Shown", body: "Text" });
    const hidden = await createScenario(author, { postId: open.id, title: "Hidden", body: "Text" });
    const onHiddenPost = await createScenario(author, { postId: closed.id, title: "On a hidden post", body: "Text" });
    await hide("scenario", hidden.id);
    await hide("post", closed.id);

    const { posts, scenarios } = await listIndexable();
    expect(posts.find((p) => p.slug === "russia-balance-diplomacy-escalation")).toMatchObject({ lang: "ar", languages: ["ar", "en"] });
    expect(posts.find((p) => p.slug === open.slug)).toMatchObject({ lang: "en", languages: ["en"] });
    expect(posts.map((p) => p.slug)).not.toContain(closed.slug);
    const ids = scenarios.map((s) => s.id);
    expect(ids).toContain(shown.id);
    expect(scenarios.find((s) => s.id === shown.id)!.postSlug).toBe(open.slug);
    expect(ids).not.toContain(hidden.id);
    expect(ids).not.toContain(onHiddenPost.id);
  });
});
