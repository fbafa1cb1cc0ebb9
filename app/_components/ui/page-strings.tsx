import { NextIntlClientProvider } from "next-intl";
import { getLocale } from "next-intl/server";
import { currentContext } from "@/lib/auth/session";
import { clientMessages, type PageGroup } from "@/lib/i18n/client-messages";
import { defaultLocale, localeOr } from "@/lib/i18n/locale";

/**
 * The UI strings the browser gets: every page's (the root layout's), or with a page's own groups for the part of
 * it that needs them (a nested provider replaces its parent's strings, so it carries both; the namespaces both
 * hold are the same objects, sent once).
 */
export async function PageStrings({ groups = [], children }: { groups?: readonly PageGroup[]; children: React.ReactNode }) {
  const [locale, { actor }] = await Promise.all([getLocale(), currentContext()]);
  return <NextIntlClientProvider messages={clientMessages(localeOr(locale, defaultLocale), actor, groups)}>{children}</NextIntlClientProvider>;
}
