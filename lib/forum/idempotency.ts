import { and, eq, lt } from "drizzle-orm";
import { z } from "zod";
import { getDb, type Transaction } from "@/db/client";
import { idempotencyKeys } from "@/db/schema";
import { hasForbiddenCharacters } from "@/lib/text/normalize";
import { parseInput } from "@/lib/validation";

// Any text a client picks, but nothing the database cannot store (no NUL, control characters or lone surrogates).
export const IdempotencyKey = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .refine((key) => !hasForbiddenCharacters(key), "contains invalid characters")
  .optional();

const keptForMs = 24 * 60 * 60 * 1000;

/**
 * Runs a create once per (member, Idempotency-Key): the first run stores its answer in the same transaction as
 * the rows it made; a retry with the same key gets that answer again, even while racing the first run.
 */
export async function onceForKey<T>(
  userId: string,
  rawKey: unknown,
  create: (remember: (tx: Transaction, answer: T) => Promise<void>) => Promise<T>,
): Promise<T> {
  const key = parseInput(IdempotencyKey, rawKey);
  if (!key) return create(async () => {});
  const db = await getDb();
  const stored = async () => {
    const [row] = await db
      .select()
      .from(idempotencyKeys)
      .where(and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, key)));
    return row && row.createdAt.getTime() > Date.now() - keptForMs ? (row.response as T) : undefined;
  };
  const earlier = await stored();
  if (earlier !== undefined) return earlier;
  try {
    return await create(async (tx, answer) => {
      await tx.delete(idempotencyKeys).where(and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, key), lt(idempotencyKeys.createdAt, new Date(Date.now() - keptForMs))));
      await tx.insert(idempotencyKeys).values({ userId, key, status: 201, response: answer as object });
    });
  } catch (error) {
    // A retry that raced the first run loses to it (on the key's primary key, or as a duplicate of its text):
    // it answers what the first run stored.
    const raced = await stored();
    if (raced === undefined) throw error;
    return raced;
  }
}
