import { notFound } from "next/navigation";
import { NotFound, ValidationFailed } from "@/lib/errors";

/** A read the page cannot make (unknown, hidden from this reader, or a malformed id) is the page's 404. */
export function notFoundOn(error: unknown): never {
  if (error instanceof NotFound || error instanceof ValidationFailed) notFound();
  throw error;
}

/** The slug as the router hands it over: percent-encoded when it has non-ASCII (Arabic) letters; malformed is a 404. */
export function decodeSlug(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    notFound();
  }
}
