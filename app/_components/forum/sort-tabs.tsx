import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { scenarioSorts, type ScenarioSort } from "@/lib/rules/scenario-sorts";

/** Sorting as plain links, so it works before (and without) any JavaScript; the current one is marked. */
export async function SortTabs({ hrefFor, current }: { hrefFor: (sort: ScenarioSort) => string; current: ScenarioSort }) {
  const t = await getTranslations("scenarios");
  return (
    <nav aria-label={t("sortLabel")}>
      <ul className="flex flex-wrap gap-1.5">
        {scenarioSorts.map((sort) => (
          <li key={sort}>
            <Link
              href={hrefFor(sort)}
              aria-current={sort === current ? "page" : undefined}
              className={`block rounded-full border px-3.5 py-1.5 text-sm font-medium transition ${
                sort === current ? "border-accent bg-accent text-paper" : "border-line bg-card text-muted hover:border-accent hover:text-ink"
              }`}
            >
              {t(`sort.${sort}`)}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
