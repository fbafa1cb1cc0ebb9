import { z } from "zod";
import { ValidationFailed } from "./errors";

/** Parses input with its schema, turning zod's issues into a ValidationFailed with one detail per issue. */
export function parseInput<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new ValidationFailed(
    "The input is not valid.",
    result.error.issues.map((issue) => ({ path: issue.path.join(".") || "(body)", message: issue.message })),
  );
}

/** What a verb accepts from a door: the schema's keys with values still unchecked (the verb parses them). */
export type Unparsed<T extends z.ZodType> = { [K in keyof z.input<T>]?: unknown };

/**
 * An id or slug as clients send them: URL-safe characters only, so a NUL, a lone surrogate or other control
 * character is refused here as bad input instead of reaching the database.
 */
export const Identifier = z.string().min(1).max(100).regex(/^[A-Za-z0-9_-]+$/, "must be an id");

/** A post's id or its slug, whose letters may be Arabic (or any script's): letters, digits, `_` and `-` only. */
export const PostKey = z.string().min(1).max(200).regex(/^[\p{L}\p{N}_-]+$/u, "must be an id or slug");
