import { getFormatter, getTranslations } from "next-intl/server";
import { isModerator, type Actor } from "@/lib/auth/actor";
import { RefreshAt } from "@/app/_components/ui/refresh-at";

/** Why the scenarios are shuffled and their scores hidden: "contest mode until …"; the page renders again when it ends. */
export async function ContestNotice({ contestUntil, actor, className = "mt-4" }: { contestUntil: string | null; actor: Actor | null; className?: string }) {
  if (!contestUntil) return null;
  const [t, format] = await Promise.all([getTranslations("contestMode"), getFormatter()]);
  const date = (
    <time dateTime={contestUntil} className="font-semibold text-ink">
      {format.dateTime(new Date(contestUntil), { dateStyle: "medium", timeStyle: "short" })}
    </time>
  );
  return (
    <div className={`${className} rounded-xl border border-gold/40 bg-gold-soft px-4 py-3 text-sm text-muted`} data-contest-notice>
      <p>{t.rich("notice", { date: () => date })}</p>
      {isModerator(actor) && <p className="mt-1">{t("noticeModerator")}</p>}
      <RefreshAt iso={contestUntil} />
    </div>
  );
}
