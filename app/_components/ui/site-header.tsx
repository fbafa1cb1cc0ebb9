import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { AccountNav } from "@/app/_components/auth/account-nav";
import { BalanceMark } from "@/app/_components/ui/balance-mark";
import { LocaleSwitch } from "@/app/_components/ui/locale-switch";
import { SearchForm } from "@/app/_components/ui/search-form";

export async function SiteHeader() {
  const t = await getTranslations("site");
  return (
    <header className="border-b border-line bg-paper">
      <div className="mx-auto flex max-w-5xl flex-wrap items-center gap-x-4 gap-y-2 px-4 py-3 sm:px-6">
        <Link href="/" className="flex items-center gap-2 text-ink" aria-label={t("home")}>
          <BalanceMark className="size-8 text-accent" />
          <span className="text-xl font-bold tracking-tight">{t("name")}</span>
        </Link>
        <div className="order-last w-full sm:order-none sm:ms-auto sm:w-auto">
          <SearchForm />
        </div>
        <div className="ms-auto flex flex-wrap items-center justify-end gap-2 sm:ms-0">
          <AccountNav />
          <LocaleSwitch />
        </div>
      </div>
    </header>
  );
}
