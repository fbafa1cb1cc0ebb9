import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { BalanceMark } from "@/app/_components/ui/balance-mark";
import { primaryButton } from "@/app/_components/ui/button-styles";

export default async function NotFoundPage() {
  const t = await getTranslations("notFound");
  return (
    <div className="mx-auto flex max-w-xl flex-col items-center py-24 text-center">
      <BalanceMark className="size-16 -rotate-12 text-gold" />
      <p className="mt-6 text-6xl font-bold text-muted">404</p>
      <h1 className="mt-2 text-3xl font-bold">{t("title")}</h1>
      <p className="mt-3 text-lg text-muted">{t("body")}</p>
      <Link href="/" className={`${primaryButton} mt-8 px-6 py-2.5 font-medium`}>
        {t("back")}
      </Link>
    </div>
  );
}
