import { getLocale, getTranslations } from "next-intl/server";
import { locales } from "@/db/schema";
import { setLocale } from "@/app/actions";

/** A form per language so switching works without JavaScript; the current one is marked, not offered. */
export async function LocaleSwitch() {
  const [current, t] = await Promise.all([getLocale(), getTranslations("locale")]);
  return (
    <nav aria-label={t("label")} className="flex items-center gap-1 rounded-full border border-line bg-card p-1 text-sm">
      {locales.map((locale) =>
        locale === current ? (
          <span key={locale} lang={locale} aria-current="true" className="rounded-full bg-accent px-3 py-1 font-medium text-paper">
            {t(locale)}
          </span>
        ) : (
          <form key={locale} action={setLocale}>
            <input type="hidden" name="locale" value={locale} />
            <button type="submit" lang={locale} className="cursor-pointer rounded-full px-3 py-1 text-muted hover:text-ink">
              {t(locale)}
            </button>
          </form>
        ),
      )}
    </nav>
  );
}
