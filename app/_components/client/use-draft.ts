"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { callApi } from "@/app/_components/client/api-client";

export type DraftContent = Record<string, string | number | null>;
export type DraftStatus = "idle" | "saving" | "saved" | "failed" | "restored";

const saveDelayMs = 1500;

/**
 * Keeps a composer's content in the member's server-side draft under `key`: restores it once on mount, then saves
 * ~1.5 s after typing stops (or discards it when the composer is emptied). Saving starts only after the restore
 * has answered, so an empty form never overwrites a draft that is still loading.
 */
export function useDraft<T extends DraftContent>(key: string, value: T, restore: (content: Partial<T>) => void, isEmpty: (value: T) => boolean) {
  const [status, setStatus] = useState<DraftStatus>("idle");
  const [ready, setReady] = useState(false);
  // What the server holds, serialised; null means "take the next value as the baseline without saving".
  const saved = useRef<string | null>(null);
  const latest = useRef(value);
  const timer = useRef<number | undefined>(undefined);
  const inFlight = useRef<Promise<unknown> | null>(null);
  const restoreRef = useRef(restore);
  const isEmptyRef = useRef(isEmpty);
  const path = `/drafts/${key}`;
  const serialized = JSON.stringify(value);

  useEffect(() => {
    latest.current = value;
    restoreRef.current = restore;
    isEmptyRef.current = isEmpty;
  });

  useEffect(() => {
    let cancelled = false;
    callApi<{ draft: { content: Partial<T> } | null }>("GET", path)
      .then(({ draft }) => {
        if (cancelled) return;
        if (draft) {
          restoreRef.current(draft.content);
          setStatus("restored");
        }
        setReady(true);
      })
      .catch(() => !cancelled && setReady(true));
    return () => {
      cancelled = true;
    };
  }, [path]);

  const save = useCallback(async () => {
    const content = latest.current;
    const snapshot = JSON.stringify(content);
    setStatus("saving");
    const request = isEmptyRef.current(content) ? callApi("DELETE", path) : callApi("PUT", path, { content });
    inFlight.current = request;
    try {
      await request;
      saved.current = snapshot;
      setStatus("saved");
    } catch {
      setStatus("failed");
    } finally {
      if (inFlight.current === request) inFlight.current = null;
    }
  }, [path]);

  useEffect(() => {
    if (!ready) return;
    if (saved.current === null) {
      saved.current = serialized;
      return;
    }
    if (serialized === saved.current) return;
    timer.current = window.setTimeout(() => void save(), saveDelayMs);
    return () => window.clearTimeout(timer.current);
  }, [serialized, ready, save]);

  // Leaving the tab mid-pause would lose the last words: save at once when the page is hidden.
  useEffect(() => {
    const flush = () => {
      if (document.visibilityState !== "hidden" || !ready || saved.current === null) return;
      if (JSON.stringify(latest.current) === saved.current) return;
      window.clearTimeout(timer.current);
      void save();
    };
    document.addEventListener("visibilitychange", flush);
    return () => document.removeEventListener("visibilitychange", flush);
  }, [ready, save]);

  return {
    status,
    ready,
    /** Before publishing: stop the pending save and wait for one in flight, so it cannot land after the server clears the draft. */
    settle: async () => {
      window.clearTimeout(timer.current);
      await inFlight.current?.catch(() => {});
    },
    /** After publishing: the server has cleared the draft; treat whatever the form shows next as saved. */
    forget: () => {
      window.clearTimeout(timer.current);
      saved.current = null;
      setStatus("idle");
    },
  };
}
