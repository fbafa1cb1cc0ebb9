import { getTranslations } from "next-intl/server";
import type { PostView } from "@/lib/forum/post-view";

/** The post's two axes, each from its low end to its high end, mirrored with the text direction. */
export async function AxesLegend({ axes, lang }: { axes: PostView["axes"]; lang: string }) {
  const t = await getTranslations("post");
  const rows = [
    { key: "x", name: t("axisX"), axis: axes.x, tone: "bg-accent" },
    { key: "y", name: t("axisY"), axis: axes.y, tone: "bg-gold" },
  ] as const;
  return (
    <section aria-labelledby="axes-heading" className="rounded-2xl border border-line bg-card p-5 sm:p-6">
      <h2 id="axes-heading" className="text-lg font-semibold">
        {t("axes")}
      </h2>
      <dl className="mt-4 grid gap-6">
        {rows.map(({ key, name, axis, tone }) => (
          <div key={key}>
            <dt className="text-sm text-muted">{name}</dt>
            <dd className="mt-1">
              <p lang={lang} dir="auto" className="text-base font-semibold">
                {axis.label}
              </p>
              <div className="mt-3 flex items-center gap-3 text-sm">
                <span className="sr-only">{t("from")}</span>
                <span lang={lang} dir="auto" className="shrink-0 text-muted">
                  {axis.low}
                </span>
                <span aria-hidden="true" className="relative h-1.5 flex-1 rounded-full bg-line">
                  <span className={`absolute inset-y-0 start-0 w-full rounded-full opacity-70 ${tone} [mask-image:linear-gradient(to_right,transparent,black)] rtl:[mask-image:linear-gradient(to_left,transparent,black)]`} />
                </span>
                <span className="sr-only">{t("to")}</span>
                <span lang={lang} dir="auto" className="shrink-0 font-medium">
                  {axis.high}
                </span>
              </div>
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
