"use client";

import { useEffect, useState } from "react";
import { callApi } from "@/app/_components/client/api-client";
import { maxForecastScenarios } from "@/lib/rules/forecast-limits";

type Titles = ReadonlyMap<string, string>;
type Page = { scenarios: { id: string; title: string }[]; nextCursor: string | null };

async function loadTitles(postId: string): Promise<Titles> {
  const titles = new Map<string, string>();
  let cursor: string | null = null;
  do {
    const query = new URLSearchParams({ sort: "probability", limit: "200", ...(cursor ? { cursor } : {}) });
    const page: Page = await callApi<Page>("GET", `/posts/${postId}/scenarios?${query}`);
    for (const scenario of page.scenarios) titles.set(scenario.id, scenario.title);
    cursor = page.nextCursor;
  } while (cursor && titles.size < maxForecastScenarios);
  return titles;
}

/** A title not fetched yet. */
const untitled = "…";

/**
 * A scenario's title, for those the page did not carry (see titledScenarios) fetched once `wanted` turns true (the
 * map's table opened or its specks pointed at, the editor's rows shown in full): `known` is null until then (and
 * when the network fails), and `titleOf` says "…".
 */
export function useScenarioTitles(postId: string, wanted: boolean): { known: Titles | null; titleOf: (s: { id: string; title?: string }) => string } {
  const [titles, setTitles] = useState<Titles | null>(null);
  const load = wanted && titles === null;
  useEffect(() => {
    if (!load) return;
    let current = true;
    loadTitles(postId).then((loaded) => current && setTitles(loaded), () => undefined);
    return () => {
      current = false;
    };
  }, [postId, load]);
  return { known: titles, titleOf: (s) => s.title ?? titles?.get(s.id) ?? untitled };
}
