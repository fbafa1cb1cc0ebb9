import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { BalanceMark } from "./balance-mark";
import { LocaleSwitch } from "./locale-switch";

export async function SiteHeader() {
  const t = await getTranslations("site");
  return (
    <header className="border-b border-line bg-paper/90 backdrop-blur supports-[backdrop-filter]:bg-paper/75">
      <div className="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-3 px-4 py-3 sm:px-6">
        <Link href="/" className="group flex items-center gap-2 text-ink" aria-label={t("home")}>
          <BalanceMark className="size-8 text-accent" />
          <span className="text-xl font-bold tracking-tight">{t("name")}</span>
        </Link>
        <LocaleSwitch />
      </div>
    </header>
  );
}
