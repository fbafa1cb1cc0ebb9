import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { targetTypes } from "@/db/schema";
import { ValidationFailed } from "@/lib/errors";
import { listModerationLog, LogFilters, type LogEntryView } from "@/lib/moderation/log-entries";
import { ModerationLogTable } from "@/app/_components/moderation/moderation-log-table";
import { moderatorContext } from "../moderator-page";
import { primaryButton } from "@/app/_components/ui/button-styles";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("moderation.log"))("title"), robots: { index: false } };
}

const filterNames = LogFilters.keyof().options;
type Filters = Partial<Record<(typeof filterNames)[number], string>>;
type Props = { searchParams: Promise<Filters & { cursor?: string }> };

function queryOf(filters: Filters, extra: Record<string, string> = {}): string {
  const entries = Object.entries({ ...filters, ...extra }).filter(([, value]) => value);
  return new URLSearchParams(entries as [string, string][]).toString();
}

/** The moderation log with its filters, its CSV export and older pages. Moderators only. */
export default async function ModerationLogPage({ searchParams }: Props) {
  const ctx = await moderatorContext("/mod/log");
  const query = await searchParams;
  const filters: Filters = Object.fromEntries(filterNames.map((name) => [name, typeof query[name] === "string" ? query[name] : undefined]));
  const t = await getTranslations("moderation.log");
  let page: { entries: LogEntryView[]; nextCursor: string | null } | null;
  try {
    page = await listModerationLog(ctx, { ...filters, cursor: query.cursor, limit: 50 });
  } catch (error) {
    if (!(error instanceof ValidationFailed)) throw error;
    page = null;
  }
  const field = "mt-1 block w-full rounded-xl border border-line bg-paper px-3 py-2 text-sm text-ink outline-none focus:border-accent";
  return (
    <div className="py-10">
      <h1 className="text-3xl font-bold">{t("title")}</h1>
      <p className="mt-3 text-muted">{t("lead")}</p>
      <form method="get" action="/mod/log" aria-label={t("filters")} className="mt-6 grid gap-3 rounded-2xl border border-line bg-card p-4 sm:grid-cols-3">
        <label className="text-sm font-medium">
          {t("actor")}
          <input name="actor" dir="ltr" defaultValue={filters.actor} className={field} />
        </label>
        <label className="text-sm font-medium">
          {t("action")}
          <input name="action" dir="ltr" defaultValue={filters.action} placeholder="queue.uphold" className={field} />
        </label>
        <label className="text-sm font-medium">
          {t("targetType")}
          <select name="targetType" defaultValue={filters.targetType ?? ""} className={field}>
            <option value="">{t("anyType")}</option>
            {targetTypes.map((type) => (
              <option key={type} value={type}>
                {type}
              </option>
            ))}
          </select>
        </label>
        <label className="text-sm font-medium">
          {t("targetId")}
          <input name="targetId" dir="ltr" defaultValue={filters.targetId} className={field} />
        </label>
        <label className="text-sm font-medium">
          {t("after")}
          <input type="datetime-local" name="after" dir="ltr" defaultValue={filters.after?.slice(0, 16)} className={field} />
        </label>
        <label className="text-sm font-medium">
          {t("before")}
          <input type="datetime-local" name="before" dir="ltr" defaultValue={filters.before?.slice(0, 16)} className={field} />
        </label>
        <div className="flex flex-wrap items-center gap-2 sm:col-span-3">
          <button type="submit" className={`${primaryButton} px-5 py-2 text-sm font-medium`}>
            {t("apply")}
          </button>
          <Link href="/mod/log" className="rounded-full border border-line px-4 py-2 text-sm hover:border-accent">
            {t("reset")}
          </Link>
          <a href={`/api/v1/mod/log.csv?${queryOf(filters)}`} className="ms-auto rounded-full border border-line px-4 py-2 text-sm hover:border-accent" download>
            {t("csv")}
          </a>
        </div>
      </form>
      {page === null ? (
        <p role="alert" className="mt-6 rounded-xl border border-danger/40 bg-challenges-soft px-4 py-3 text-sm font-medium text-challenges">
          {t("invalid")}
        </p>
      ) : page.entries.length === 0 ? (
        <p className="mt-8 text-muted">{t("empty")}</p>
      ) : (
        <div className="mt-8">
          <ModerationLogTable entries={page.entries} label={t("title")} />
        </div>
      )}
      {page?.nextCursor && (
        <Link href={`/mod/log?${queryOf(filters, { cursor: page.nextCursor })}`} className="mt-6 inline-block rounded-full border border-line px-5 py-2 text-sm hover:border-accent">
          {t("more")}
        </Link>
      )}
    </div>
  );
}
