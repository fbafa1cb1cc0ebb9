import { z } from "zod";
import type { Context } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/permissions";
import { consumeRateLimit } from "@/lib/rate-limit";
import { renderMarkdown } from "@/lib/text/render";
import { textLimits } from "@/lib/rules/text-limits";
import { markdownText } from "@/lib/text/normalize";
import { parseInput, type Unparsed } from "@/lib/validation";

// The longest body any composer accepts (a scenario's); checked like a body so preview and publishing agree.
export const PreviewInput = z.object({ body: markdownText(...textLimits.preview) });
export type PreviewInput = Unparsed<typeof PreviewInput>;

/** Renders a composer's Markdown exactly as publishing would, for the live preview. Members composing. */
export async function previewMarkdown(ctx: Context, input: PreviewInput): Promise<{ html: string }> {
  const actor = assertCan(ctx.actor, { action: "draft.manage" });
  await consumeRateLimit("previewByMember", actor.id);
  const { body } = parseInput(PreviewInput, input);
  return { html: await renderMarkdown(body) };
}
