import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { ForwardArrow } from "@/app/_components/ui/icons";

/** Back to the first page and on to the next, for a debate longer than one page. */
export async function ThreadPager({ base, isFirst, nextCursor }: { base: string; isFirst: boolean; nextCursor: string | null }) {
  const t = await getTranslations("thread");
  return (
    <nav aria-label={t("pagerLabel")} className="flex flex-wrap items-center justify-center gap-3">
      {!isFirst && (
        <Link href={`${base}#debate`} className="rounded-full border border-line px-5 py-2 text-sm font-medium text-muted hover:border-accent hover:text-ink">
          {t("first")}
        </Link>
      )}
      {nextCursor && (
        <Link
          href={`${base}?after=${nextCursor}#debate`}
          rel="next"
          className="inline-flex items-center gap-1.5 rounded-full border border-accent px-5 py-2 text-sm font-semibold text-accent hover:bg-accent-soft"
        >
          {t("more")}
          <ForwardArrow />
        </Link>
      )}
    </nav>
  );
}
