import { createTranslator, type NamespaceKeys, type NestedKeyOf } from "use-intl";
import type { Locale } from "@/db/schema";
import { messages } from "./messages";

type Messages = (typeof messages)[Locale];
export type Namespace = NamespaceKeys<Messages, NestedKeyOf<Messages>>;

/**
 * The strings of one namespace in a given language, outside a page's request: mail, feeds, notifications and
 * link previews speak their reader's or their content's language, not the language of whoever asked.
 */
export function translatorIn<N extends Namespace>(locale: Locale, namespace: N) {
  return createTranslator({ locale, messages: messages[locale], namespace });
}
