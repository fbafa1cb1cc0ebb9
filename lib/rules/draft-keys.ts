/**
 * Where a member's unfinished text is kept (the drafts table): the composer saves under the key and the verb that
 * publishes it deletes that same key in its transaction, so a draft never outlives what it became.
 */
export const draftKeyPattern = /^(scenario|reply):[A-Za-z0-9_:-]{1,200}$/;

export function scenarioDraftKey(postId: string): string {
  return `scenario:${postId}`;
}

export function replyDraftKey(scenarioId: string, parentId: string | null): string {
  return `reply:${scenarioId}:${parentId ?? "root"}`;
}
