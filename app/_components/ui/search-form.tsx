import { getTranslations } from "next-intl/server";
import { SearchIcon } from "@/app/_components/ui/icons";
import { primaryButton } from "@/app/_components/ui/button-styles";

/** A plain GET form to /search, so searching works before (and without) any JavaScript. */
export async function SearchForm({ query = "", type, size = "compact" }: { query?: string; type?: string; size?: "compact" | "large" }) {
  const t = await getTranslations("search");
  const large = size === "large";
  return (
    <form role="search" action="/search" method="get" className={`flex items-center gap-2 ${large ? "w-full" : "w-full sm:w-64"}`}>
      <label htmlFor={`search-${size}`} className="sr-only">
        {t("label")}
      </label>
      <input
        id={`search-${size}`}
        type="search"
        name="q"
        dir="auto"
        defaultValue={query}
        maxLength={200}
        placeholder={t("placeholder")}
        className={`min-w-0 flex-1 rounded-full border border-line bg-card px-4 text-ink placeholder:text-muted focus:border-accent focus:outline-none focus-visible:ring-2 focus-visible:ring-accent ${large ? "py-3 text-lg" : "py-1.5 text-sm"}`}
      />
      {type && <input type="hidden" name="type" value={type} />}
      <button
        type="submit"
        aria-label={large ? undefined : t("submit")}
        className={`${primaryButton} flex shrink-0 items-center gap-2 font-medium ${large ? "px-5 py-3" : "p-2"}`}
      >
        <SearchIcon className="size-4" />
        {large && t("submit")}
      </button>
    </form>
  );
}
