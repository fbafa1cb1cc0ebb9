import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { getDb } from "@/db/client";
import { drafts } from "@/db/schema";
import type { Context } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/permissions";
import { bodyLimitBytes } from "@/lib/http/body-limit";
import { hasForbiddenCharacters } from "@/lib/text/normalize";
import { draftKeyPattern } from "@/lib/rules/draft-keys";
import { parseInput, type Unparsed } from "@/lib/validation";

const DraftKey = z.string().regex(draftKeyPattern, "not a draft key");
// Drafts hold what a composer shows: short strings and numbers, never more than the API's body limit, and
// nothing the database cannot store (a NUL or a lone surrogate is refused as bad input).
const DraftText = z.string().max(25_000).refine((text) => !hasForbiddenCharacters(text), "contains invalid characters");
const DraftContent = z
  .record(z.string().max(40).regex(/^[A-Za-z0-9_]+$/, "must be a field name"), z.union([DraftText, z.number(), z.null()]))
  .refine((content) => Buffer.byteLength(JSON.stringify(content)) <= bodyLimitBytes, "is larger than 64 KiB");

export const SaveDraftInput = z.object({ key: DraftKey, content: DraftContent });
export type SaveDraftInput = Unparsed<typeof SaveDraftInput>;

/** Saves what a member is composing, so it comes back after a reload or on another device. Idempotent. */
export async function saveDraft(ctx: Context, input: SaveDraftInput): Promise<{ savedAt: string }> {
  const { key, content } = parseInput(SaveDraftInput, input);
  const actor = assertCan(ctx.actor, { action: "draft.manage" });
  const now = new Date();
  await (await getDb())
    .insert(drafts)
    .values({ userId: actor.id, key, content, updatedAt: now })
    .onConflictDoUpdate({ target: [drafts.userId, drafts.key], set: { content, updatedAt: now } });
  return { savedAt: now.toISOString() };
}

/** The member's draft under a key, or null. */
export async function getDraft(ctx: Context, input: { key?: unknown }): Promise<{ content: Record<string, unknown>; savedAt: string } | null> {
  const { key } = parseInput(z.object({ key: DraftKey }), input);
  const actor = assertCan(ctx.actor, { action: "draft.manage" });
  const [row] = await (await getDb()).select().from(drafts).where(and(eq(drafts.userId, actor.id), eq(drafts.key, key)));
  return row ? { content: row.content, savedAt: row.updatedAt.toISOString() } : null;
}

/** Discards the member's draft under a key. Idempotent. */
export async function discardDraft(ctx: Context, input: { key?: unknown }): Promise<void> {
  const { key } = parseInput(z.object({ key: DraftKey }), input);
  const actor = assertCan(ctx.actor, { action: "draft.manage" });
  await (await getDb()).delete(drafts).where(and(eq(drafts.userId, actor.id), eq(drafts.key, key)));
}
