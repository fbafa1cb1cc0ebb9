import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { searchTargetTypes, type SearchTargetType } from "@/db/schema";
import { currentContext } from "@/lib/auth/session";
import { ValidationFailed } from "@/lib/errors";
import { searchContent, type SearchResult } from "@/lib/search/search";
import { SearchForm } from "@/app/_components/ui/search-form";
import { primaryButton } from "@/app/_components/ui/button-styles";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) ?? "";
const asType = (value: string): SearchTargetType | undefined => searchTargetTypes.find((t) => t === value);

function hrefFor(q: string, type?: SearchTargetType, cursor?: string): string {
  const params = new URLSearchParams({ q });
  if (type) params.set("type", type);
  if (cursor) params.set("cursor", cursor);
  return `/search?${params}`;
}

export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  const [t, q] = await Promise.all([getTranslations("search"), searchParams.then((p) => first(p.q).trim())]);
  return { title: q ? t("titleFor", { query: q }) : t("title"), robots: { index: false } };
}

/** Search over posts, scenarios and replies: the same verb as GET /api/v1/search, rendered on the server. */
export default async function SearchPage({ searchParams }: Props) {
  const params = await searchParams;
  const q = first(params.q).trim();
  const type = asType(first(params.type));
  const cursor = first(params.cursor) || undefined;
  const [t, ctx] = await Promise.all([getTranslations("search"), currentContext()]);
  let found: { results: SearchResult[]; nextCursor: string | null } | "invalid" | null = null;
  if (q) {
    try {
      found = await searchContent(ctx, { q, type, cursor, limit: 20 });
    } catch (error) {
      if (!(error instanceof ValidationFailed)) throw error;
      found = "invalid";
    }
  }
  return (
    <div className="mx-auto max-w-3xl py-8 sm:py-10">
      <h1 className="text-3xl font-bold tracking-tight">{t("title")}</h1>
      <div className="mt-5">
        <SearchForm query={q} type={type} size="large" />
      </div>
      <p className="mt-3 text-sm leading-relaxed text-muted">{t("hint")}</p>

      {q && (
        <nav aria-label={t("filterLabel")} className="mt-6">
          <ul className="flex flex-wrap gap-1.5">
            {[undefined, ...searchTargetTypes].map((option) => (
              <li key={option ?? "all"}>
                <Link
                  href={hrefFor(q, option)}
                  aria-current={option === type ? "page" : undefined}
                  className={`block rounded-full border px-3.5 py-1.5 text-sm font-medium transition ${
                    option === type ? "border-accent bg-accent text-paper" : "border-line bg-card text-muted hover:border-accent hover:text-ink"
                  }`}
                >
                  {t(`type.${option ?? "all"}`)}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      )}

      {found === "invalid" && (
        <p role="alert" className="mt-8 rounded-2xl border border-line bg-card p-5">
          {t("invalid")}
        </p>
      )}
      {found && found !== "invalid" && (
        <section aria-labelledby="results-heading" className="mt-8">
          <h2 id="results-heading" className="sr-only">
            {t("resultsHeading")}
          </h2>
          {found.results.length === 0 ? (
            <p className="rounded-2xl border border-line bg-card p-5 text-muted">{t("noResults", { query: q })}</p>
          ) : (
            <ol className="space-y-3">
              {found.results.map((result) => (
                <li key={`${result.type}:${result.id}`}>
                  <SearchResultCard result={result} kind={t(`kind.${result.type}`)} replyOn={result.scenarioTitle ? t("replyOn", { title: result.scenarioTitle }) : undefined} />
                </li>
              ))}
            </ol>
          )}
          <div className="mt-6 flex flex-wrap gap-3">
            {cursor && (
              <Link href={hrefFor(q, type)} className="rounded-full border border-line px-4 py-2 text-sm font-medium hover:border-accent">
                {t("firstPage")}
              </Link>
            )}
            {found.nextCursor && (
              <Link href={hrefFor(q, type, found.nextCursor)} className={`${primaryButton} px-4 py-2 text-sm font-medium`}>
                {t("more")}
              </Link>
            )}
          </div>
        </section>
      )}
    </div>
  );
}

function SearchResultCard({ result, kind, replyOn }: { result: SearchResult; kind: string; replyOn?: string }) {
  return (
    <article className="rounded-2xl border border-line bg-card p-4 sm:p-5">
      <p className="text-xs font-semibold tracking-wide text-accent">{kind}</p>
      <h3 className="mt-1 text-lg font-semibold break-words">
        <Link href={result.url} dir="auto" className="hover:text-accent hover:underline">
          {result.title ?? replyOn}
        </Link>
      </h3>
      {/* The snippet is escaped text with <mark> around the matches and nothing else (lib/search/snippet.ts). */}
      <p dir="auto" className="search-snippet mt-2 leading-relaxed break-words text-ink/85" dangerouslySetInnerHTML={{ __html: result.snippet }} />
    </article>
  );
}
