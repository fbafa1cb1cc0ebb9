import { getTranslations } from "next-intl/server";
import { BalanceMark } from "@/app/_components/ui/balance-mark";

export async function SiteFooter() {
  const t = await getTranslations("footer");
  return (
    <footer className="mt-20 border-t border-line">
      <div className="mx-auto flex max-w-5xl flex-col gap-2 px-4 py-8 text-sm text-muted sm:flex-row sm:items-center sm:justify-between sm:px-6">
        <p className="flex items-center gap-2">
          <BalanceMark className="size-5 text-gold" />
          {t("about")}
        </p>
        <p>{t("rtlNote")}</p>
      </div>
    </footer>
  );
}
