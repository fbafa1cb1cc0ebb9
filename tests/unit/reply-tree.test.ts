import { describe, expect, it } from "vitest";
import type { ReplyView } from "@/lib/forum/reply-view";
import { buildReplyTree, findReplyNode } from "@/app/_components/debate/reply-tree";

const reply = (id: string, parentId: string | null): ReplyView => ({
  id,
  scenarioId: "s",
  parentId,
  depth: 0,
  body: id,
  html: `<p>${id}</p>`,
  stance: "neutral",
  author: { id: "u", handle: "u", name: "U" },
  status: "visible",
  createdAt: "2026-01-01T00:00:00.000Z",
  editedAt: null,
});

describe("buildReplyTree", () => {
  it("nests replies under their parents and counts descendants", () => {
    const tree = buildReplyTree([reply("a", null), reply("b", "a"), reply("c", "b"), reply("d", "a"), reply("e", null)]);
    expect(tree.map((n) => n.reply.id)).toEqual(["a", "e"]);
    expect(tree[0]!.children.map((n) => n.reply.id)).toEqual(["b", "d"]);
    expect(tree[0]!.descendants).toBe(3);
    expect(tree[1]!.descendants).toBe(0);
  });

  it("makes a reply whose parent is not in the list a root, dropping nothing", () => {
    const tree = buildReplyTree([reply("b", "a"), reply("c", "b")]);
    expect(tree.map((n) => n.reply.id)).toEqual(["b"]);
    expect(findReplyNode(tree, "c")?.reply.parentId).toBe("b");
    expect(findReplyNode(tree, "zzz")).toBeUndefined();
  });
});
