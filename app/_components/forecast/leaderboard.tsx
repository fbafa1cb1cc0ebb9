import { getFormatter, getTranslations } from "next-intl/server";
import { Avatar, AuthorLink } from "@/app/_components/forum/author-chip";

type Score = { brier: number; user: { id: string; handle: string; name: string } };

/** Competition ranking ("1, 2, 2, 4"): equal scores share a rank. */
function ranksOf(scores: readonly Score[]): number[] {
  return scores.map((score, i) => (i > 0 && scores[i - 1]!.brier === score.brier ? NaN : i + 1)).map((rank, i, all) => {
    let k = i;
    while (Number.isNaN(all[k])) k -= 1;
    return all[k]!;
  });
}

/** A resolved post's forecasters, best (lowest) time-averaged Brier score first. */
export async function Leaderboard({ scores, annulled, viewerId }: { scores: Score[]; annulled: boolean; viewerId: string | null }) {
  const [t, format] = await Promise.all([getTranslations("scores"), getFormatter()]);
  const ranks = ranksOf(scores);
  return (
    <section id="scores" aria-labelledby="scores-heading" className="scroll-mt-16 rounded-3xl border border-line bg-card p-5 sm:p-8">
      <h2 id="scores-heading" className="text-2xl font-bold">
        {t("heading")}
      </h2>
      <p className="mt-2 text-sm text-muted" id="scores-explained">
        {t("explain")}
      </p>
      {scores.length === 0 ? (
        <p className="mt-5 rounded-2xl border border-dashed border-line px-6 py-8 text-center text-muted">{annulled ? t("annulled") : t("empty")}</p>
      ) : (
        <div className="mt-5 overflow-x-auto">
          <table className="w-full text-sm sm:text-base" aria-describedby="scores-explained">
            <caption className="sr-only">{t("caption", { count: scores.length })}</caption>
            <thead>
              <tr className="border-b border-line text-sm text-muted">
                <th scope="col" className="w-14 py-2 pe-3 text-start font-medium">
                  {t("rank")}
                </th>
                <th scope="col" className="py-2 pe-3 text-start font-medium">
                  {t("member")}
                </th>
                <th scope="col" className="py-2 text-end font-medium">
                  {t("brier")}
                </th>
              </tr>
            </thead>
            <tbody>
              {scores.map((score, i) => {
                const isViewer = score.user.id === viewerId;
                return (
                  <tr key={score.user.id} className={`border-b border-line/70 last:border-0 ${isViewer ? "bg-accent-soft/60" : ""}`} data-score-row={score.user.handle}>
                    <td className="py-2.5 pe-3 font-semibold tabular-nums">
                      {ranks[i] === 1 ? <span className="inline-flex size-7 items-center justify-center rounded-full bg-gold-soft text-gold">{format.number(1)}</span> : format.number(ranks[i]!)}
                    </td>
                    <th scope="row" className="py-2.5 pe-3 text-start font-normal">
                      <span className="flex min-w-0 items-center gap-2">
                        <Avatar name={score.user.name} />
                        <AuthorLink author={score.user} className="truncate" />
                        {isViewer && <span className="text-xs font-semibold text-accent">{t("you")}</span>}
                      </span>
                    </th>
                    <td className="py-2.5 text-end font-semibold tabular-nums">{format.number(score.brier, { minimumFractionDigits: 3, maximumFractionDigits: 3 })}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
