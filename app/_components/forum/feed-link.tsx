import { getTranslations } from "next-intl/server";

/** A visible link to a page's Atom feed (the same one its `<link rel="alternate">` names). */
export async function FeedLink({ href, what }: { href: string; what: string }) {
  const t = await getTranslations("feeds");
  return (
    <a
      href={href}
      type="application/atom+xml"
      aria-label={t("subscribeLabel", { what })}
      className="inline-flex items-center gap-1.5 rounded-full border border-line px-3 py-1.5 text-sm font-medium text-muted hover:border-accent hover:text-accent"
      data-feed-link
    >
      <svg viewBox="0 0 16 16" aria-hidden="true" className="size-3.5" fill="currentColor">
        <circle cx="3" cy="13" r="1.75" />
        <path d="M1.5 6.5a8 8 0 0 1 8 8h-2a6 6 0 0 0-6-6zM1.5 1.5a13 13 0 0 1 13 13h-2a11 11 0 0 0-11-11z" />
      </svg>
      {t("subscribe")}
    </a>
  );
}
