"use client";

import { useTranslations } from "next-intl";
import type { StanceTally as Tally } from "@/lib/forum/replies";
import { useLive } from "@/app/_components/live/live-context";
import { StanceIcon, stanceList, stanceTone } from "@/app/_components/debate/stance-badge";

const barTone = { supports: "bg-supports", challenges: "bg-challenges", question: "bg-question", evidence: "bg-evidence", neutral: "bg-neutral" } as const;

/**
 * How the visible replies divide by stance: a proportional bar for the eye, and words with counts for everyone.
 * On a live page, replies that arrive after rendering are counted in at once.
 */
export function StanceTally({ tally: rendered }: { tally: Tally }) {
  const t = useTranslations("stance");
  const tThread = useTranslations("thread");
  const arrived = useLive()?.stanceArrivals;
  const tally = Object.fromEntries(stanceList.map((stance) => [stance, rendered[stance] + (arrived?.get(stance) ?? 0)])) as Tally;
  const total = stanceList.reduce((sum, stance) => sum + tally[stance], 0);
  if (total === 0) return null;
  const shown = stanceList.filter((stance) => tally[stance] > 0);
  return (
    <div>
      <div aria-hidden="true" className="flex h-2 gap-0.5 overflow-hidden rounded-full">
        {shown.map((stance) => (
          <span key={stance} className={barTone[stance]} style={{ width: `${(tally[stance] / total) * 100}%` }} />
        ))}
      </div>
      <ul aria-label={tThread("tallyLabel")} className="mt-3 flex flex-wrap gap-1.5">
        {shown.map((stance) => (
          <li key={stance} className={`inline-flex items-center gap-1.5 rounded-full px-2.5 py-1 text-sm font-medium ${stanceTone[stance]}`}>
            <StanceIcon stance={stance} className="size-3.5" />
            {t(`tally.${stance}`, { count: tally[stance] })}
          </li>
        ))}
      </ul>
    </div>
  );
}
