"use client";

import { useRef, useState, type FormEvent, type RefObject } from "react";
import { ApiError } from "@/app/_components/client/api-client";

function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  // randomUUID exists only in secure contexts; a plain-http deployment still needs unique keys.
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

/**
 * One Idempotency-Key per submission: a retry of the same content (after a network error, say) reuses it so the
 * server answers with the first result instead of publishing twice; changed content is a new submission.
 */
export function useIdempotencyKey() {
  const current = useRef<{ key: string; fingerprint: string } | null>(null);
  return {
    keyFor(payload: unknown): string {
      const fingerprint = JSON.stringify(payload);
      if (current.current?.fingerprint !== fingerprint) current.current = { key: newIdempotencyKey(), fingerprint };
      return current.current.key;
    },
    clear() {
      current.current = null;
    },
  };
}

export type Problem = { fields: string[]; code: string; retryAfter?: number };

/** What went wrong, as the composer shows it: the fields to mark and the code that picks the message. */
export function problemOf(error: unknown): Problem {
  if (!(error instanceof ApiError)) return { fields: [], code: "unknown" };
  if (error.code === "validation_failed") {
    const fields = [...new Set(error.details.map((d) => d.path.split(".")[0] ?? ""))].filter(Boolean);
    return { fields, code: "validation_failed" };
  }
  const known = ["conflict", "locked", "rate_limited", "unauthenticated", "forbidden", "not_found", "network"];
  return { fields: [], code: known.includes(error.code) ? error.code : "unknown", retryAfter: error.retryAfter };
}

/**
 * A composer's submission: a second submit while one is in flight is ignored; fields that `invalid` names are
 * shown without calling the server; otherwise `send` runs, and its error becomes the problem shown. Focus goes
 * where the fix is: the first field in error (found by `fieldSelector`), else the message. On success the form
 * stays pending: `send` navigates away.
 */
export function useSubmission(form: RefObject<HTMLFormElement | null>, fieldSelector = (name: string) => `[name="${name}"]`) {
  const [problem, setProblem] = useState<Problem | null>(null);
  const [pending, setPending] = useState(false);

  function fail(next: Problem) {
    setProblem(next);
    const first = next.fields[0];
    requestAnimationFrame(() => (first ? form.current?.querySelector<HTMLElement>(fieldSelector(first))?.focus() : undefined));
  }

  async function submit(event: FormEvent, invalid: string[], send: () => Promise<void>) {
    event.preventDefault();
    if (pending) return;
    if (invalid.length) return fail({ fields: invalid, code: "validation_failed" });
    setPending(true);
    setProblem(null);
    try {
      await send();
    } catch (error) {
      setPending(false);
      fail(problemOf(error));
    }
  }

  return { problem, pending, submit };
}
