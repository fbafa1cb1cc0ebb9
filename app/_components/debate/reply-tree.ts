import type { ReplyView } from "@/lib/forum/reply-view";

export type ReplyNode = { reply: ReplyView; children: ReplyNode[]; descendants: number };

/**
 * Builds the thread from replies in path order (each parent before its children). A reply whose parent is not in
 * the list (past a page cap, or a subtree's root) becomes a root, so nothing is ever dropped.
 */
export function buildReplyTree(replies: ReplyView[]): ReplyNode[] {
  const byId = new Map<string, ReplyNode>();
  const roots: ReplyNode[] = [];
  for (const reply of replies) {
    const node: ReplyNode = { reply, children: [], descendants: 0 };
    byId.set(reply.id, node);
    const parent = reply.parentId ? byId.get(reply.parentId) : undefined;
    (parent ? parent.children : roots).push(node);
  }
  const count = (node: ReplyNode): number => (node.descendants = node.children.reduce((sum, child) => sum + 1 + count(child), 0));
  roots.forEach(count);
  return roots;
}

/** The node for one reply anywhere in the forest. */
export function findReplyNode(nodes: ReplyNode[], replyId: string): ReplyNode | undefined {
  for (const node of nodes) {
    if (node.reply.id === replyId) return node;
    const found = findReplyNode(node.children, replyId);
    if (found) return found;
  }
  return undefined;
}
