import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import type { PostView } from "@/lib/forum/post-view";
import { BackArrow, ForwardArrow } from "@/app/_components/ui/icons";

type Props = {
  axis: Pick<PostView["axes"]["x"], "low" | "high">;
  /** The language the post's labels are written in. */
  lang: string;
  /** An arrow at each end pointing its way; off under a bar that already runs from one end to the other. */
  arrows?: boolean;
  /** Screen readers hear each end named; off (the row hidden from them) where nearby text already says it. */
  spoken?: boolean;
  id?: string;
  /** The row's spacing and type. */
  className: string;
  /** Each end's type. */
  endClassName?: string;
  /** Between the ends (the map's axis name). */
  children?: ReactNode;
};

/** An axis's two end labels on one line, the low end at the start of the line and the high end at its end. */
export function AxisEnds({ axis, lang, arrows = true, spoken = false, id, className, endClassName = "", children }: Props) {
  const t = useTranslations("composer");
  const label = (end: "low" | "high") => (
    <>
      {spoken && <span className="sr-only">{t(end === "low" ? "lowEnd" : "highEnd", { label: axis[end] })}</span>}
      <span aria-hidden={spoken || undefined} lang={lang} dir="auto">
        {axis[end]}
      </span>
    </>
  );
  return (
    <div id={id} aria-hidden={!spoken || undefined} className={`flex justify-between ${className}`}>
      <span className={`flex items-center gap-1 ${endClassName}`}>
        {arrows && <BackArrow className="size-3.5" />}
        {label("low")}
      </span>
      {children}
      <span className={`flex items-center gap-1 text-end ${endClassName}`}>
        {label("high")}
        {arrows && <ForwardArrow className="size-3.5" />}
      </span>
    </div>
  );
}
