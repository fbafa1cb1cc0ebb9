import Negotiator from "negotiator";
import { locales, type Locale } from "@/db/schema";

export const defaultLocale: Locale = "ar";
export const localeCookie = "mizan-locale";

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (locales as readonly string[]).includes(value);
}

/** The person's choice (cookie) first, then the browser's Accept-Language, then Arabic. */
export function resolveLocale(cookieValue: string | undefined, acceptLanguage: string | null): Locale {
  if (isLocale(cookieValue)) return cookieValue;
  if (acceptLanguage) {
    const preferred = new Negotiator({ headers: { "accept-language": acceptLanguage } }).languages();
    for (const tag of preferred) {
      const base = tag.toLowerCase().split("-")[0];
      if (isLocale(base)) return base;
    }
  }
  return defaultLocale;
}

/** The value when it names a language, else the fallback (a `?lang=` query, the locale string next-intl answers). */
export function localeOr<F extends Locale | undefined>(value: unknown, fallback: F): Locale | F {
  return isLocale(value) ? value : fallback;
}
