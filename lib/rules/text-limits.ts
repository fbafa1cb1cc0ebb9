/**
 * How long each text may be, in code points after trimming: checked by the verbs (lib/text/normalize.ts
 * schemas) and, before a request is sent, by the composers in the browser. One table, so the two cannot drift.
 */
export const textLimits = {
  postTitle: [3, 200],
  postBody: [1, 20_000],
  postQuestion: [3, 500],
  axisLabel: [1, 80],
  scenarioTitle: [3, 200],
  scenarioBody: [1, 20_000],
  replyBody: [1, 10_000],
  preview: [0, 20_000],
  /** Why a moderator acted (hide, lock, decide, suspend, slow mode…); it goes into the log. */
  moderationReason: [1, 500],
} as const satisfies Record<string, TextLimit>;

export type TextLimit = readonly [min: number, max: number];

/** Length as the server counts it: code points after trimming. */
export function textLength(value: string): number {
  return Array.from(value.trim()).length;
}

/** Whether a text's length is within its limit. */
export function withinLimit(value: string, [min, max]: TextLimit): boolean {
  const length = textLength(value);
  return length >= min && length <= max;
}
