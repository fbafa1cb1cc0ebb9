import Link from "next/link";
import { getTranslations } from "next-intl/server";

type Crumb = { label: string; href?: string; lang?: string; isUserText?: boolean };

/** Where this page sits: Home › article › scenario…; the last crumb is the page itself. */
export async function Breadcrumb({ items }: { items: Crumb[] }) {
  const t = await getTranslations("scenario");
  const all: Crumb[] = [{ label: t("home"), href: "/" }, ...items];
  return (
    <nav aria-label={t("breadcrumb")}>
      <ol className="flex min-w-0 flex-wrap items-center gap-x-1.5 gap-y-1 text-sm text-muted">
        {all.map((crumb, index) => (
          <li key={index} className="flex min-w-0 items-center gap-1.5">
            {index > 0 && (
              <svg viewBox="0 0 16 16" aria-hidden="true" className="size-3.5 shrink-0 rtl:-scale-x-100" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round">
                <path d="m6 3.5 4.5 4.5L6 12.5" />
              </svg>
            )}
            {crumb.href ? (
              <Link href={crumb.href} lang={crumb.lang} dir={crumb.isUserText ? "auto" : undefined} className="max-w-[16rem] truncate hover:text-accent hover:underline sm:max-w-[24rem]">
                {crumb.label}
              </Link>
            ) : (
              <span aria-current="page" lang={crumb.lang} dir={crumb.isUserText ? "auto" : undefined} className="max-w-[16rem] truncate font-medium text-ink sm:max-w-[24rem]">
                {crumb.label}
              </span>
            )}
          </li>
        ))}
      </ol>
    </nav>
  );
}
