import { isModerator, type Actor } from "@/lib/auth/actor";
import type { Locale } from "@/db/schema";
import { messages } from "./messages";

/**
 * The namespaces client components read (`useTranslations` in the browser), by who can be shown those
 * components and, for some, on which pages. Every page carries the strings its client components may need in its
 * inline payload; the rest (the server's own strings, other pages' forms, and the moderators' and members' forms
 * for everyone else) stay on the server. A unit test (tests/unit/client-messages.test.ts) holds this list to the code.
 */
export const clientNamespaces = {
  everyone: ["community", "composer", "follow", "forecast", "live", "map", "nav", "notifications", "scenarios", "vote"],
  /** Pages only a signed-in member is ever rendered for (never the shared render): settings, a new post. */
  members: ["newPost", "notificationSettings", "notificationSettingsEmail", "settings"],
  /** Moderators' controls, rendered only for a moderator (who always gets their own render). */
  moderators: ["contestMode", "memberSuspension", "modActions", "moderation", "resolution", "slowMode"],
  /** Only on the pages that ask for them (PageStrings): a scenario page's debate, the account forms. */
  debate: ["scenario", "stance", "thread"],
  accounts: ["auth"],
} as const;

export type PageGroup = "debate" | "accounts";
type Messages = (typeof messages)[Locale];

/** What NextIntlClientProvider passes to the browser for a page rendered for `actor`, with its own groups. */
export function clientMessages(locale: Locale, actor: Actor | null, groups: readonly PageGroup[] = []): Partial<Messages> {
  const names: readonly (keyof Messages)[] = [
    ...clientNamespaces.everyone,
    ...(actor ? clientNamespaces.members : []),
    ...(isModerator(actor) ? clientNamespaces.moderators : []),
    ...groups.flatMap((group) => clientNamespaces[group]),
  ];
  return Object.fromEntries(names.map((name) => [name, messages[locale][name]]));
}
