import { getTranslations } from "next-intl/server";
import type { PostView } from "@/lib/forum/post-view";
import { AxisEnds } from "@/app/_components/axes/axis-ends";
import { AxisMap } from "@/app/_components/axes/axis-map";

/** A scenario's place on each axis in words and numbers, with the map beside it; both ends of each axis named. */
export async function AxisPlacement({ x, y, axes, lang }: { x: number; y: number; axes: PostView["axes"]; lang: string }) {
  const [t, tScenarios, tComposer] = await Promise.all([getTranslations("scenario"), getTranslations("scenarios"), getTranslations("composer")]);
  const rows = [
    { key: "x", axis: axes.x, value: x },
    { key: "y", axis: axes.y, value: y },
  ] as const;
  return (
    <section aria-labelledby="placement-heading" className="rounded-2xl border border-line bg-card p-5">
      <h2 id="placement-heading" className="text-base font-semibold">
        {t("placement")}
      </h2>
      <div className="mt-4 flex items-start gap-5 lg:flex-col lg:items-stretch">
        <AxisMap
          x={x}
          y={y}
          label={tScenarios("placement", { xLabel: axes.x.label, x, yLabel: axes.y.label, y })}
          className="size-24 sm:size-28 lg:size-auto lg:aspect-square lg:w-full lg:max-w-52 lg:self-center"
        />
        <dl className="min-w-0 flex-1 space-y-4">
          {rows.map(({ key, axis, value }) => (
            <div key={key}>
              <dt className="flex items-baseline justify-between gap-2 text-sm">
                <span lang={lang} dir="auto" className="font-semibold">
                  {axis.label}
                </span>
              </dt>
              <dd>
                <span className="sr-only">{tComposer("valueOf", { value })}</span>
                <span aria-hidden="true" className="flex items-center gap-2">
                  <span className="relative h-1.5 flex-1 rounded-full bg-line">
                    <span className="absolute inset-y-0 start-0 rounded-full bg-accent" style={{ width: `${value}%` }} />
                  </span>
                  <span className="shrink-0 text-sm font-semibold tabular-nums text-accent">{t("axisValue", { value })}</span>
                </span>
                <AxisEnds axis={axis} lang={lang} arrows={false} spoken className="mt-1 gap-3 text-xs text-muted" />
              </dd>
            </div>
          ))}
        </dl>
      </div>
    </section>
  );
}
