import { z } from "zod";
import { ValidationFailed } from "@/lib/errors";

export const Limit = z.coerce.number().int().min(1).max(200).default(50);

/** Cursors are opaque to clients: base64url JSON of the last row's sort key. */
export function encodeCursor(key: unknown[]): string {
  return Buffer.from(JSON.stringify(key)).toString("base64url");
}

export function decodeCursor<T extends z.ZodType>(cursor: string, shape: T): z.infer<T> {
  try {
    return shape.parse(JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")));
  } catch {
    throw new ValidationFailed("The cursor is not valid.", [{ path: "cursor", message: "not a cursor from this API" }]);
  }
}
