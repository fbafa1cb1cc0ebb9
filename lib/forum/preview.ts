import { z } from "zod";
import type { Context } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/permissions";
import { renderMarkdown } from "@/lib/text/markdown";
import { parseInput, type Unparsed } from "@/lib/validation";

export const PreviewInput = z.object({ body: z.string().max(20_000) });
export type PreviewInput = Unparsed<typeof PreviewInput>;

/** Renders a composer's Markdown exactly as publishing would, for the live preview. Members composing. */
export async function previewMarkdown(ctx: Context, input: PreviewInput): Promise<{ html: string }> {
  const { body } = parseInput(PreviewInput, input);
  assertCan(ctx.actor, { action: "draft.manage" });
  return { html: renderMarkdown(body) };
}
