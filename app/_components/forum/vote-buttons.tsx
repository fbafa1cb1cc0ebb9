"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useEffect, useState, useTransition } from "react";
import { callApi } from "@/app/_components/client/api-client";
import { useLiveScenario } from "@/app/_components/live/live-context";
import { useMemberLayer, useMemberPost } from "@/app/_components/auth/member-layer";

type Vote = -1 | 0 | 1;
/** null figures: withheld while the post is in contest mode (moderators still get them). */
type Totals = { score: number | null; up: number | null; down: number | null; myVote: Vote };

type Props = {
  scenarioId: string;
  initial: Totals;
  mode: VoteMode;
  /** For a page from the shared render (mode "signIn"): the member's layer decides the mode and their vote. */
  shared: { postId: string; authorId: string; closed: boolean };
};

/** "vote" for members who may vote; otherwise why they may not (closed: locked post, hidden or merged scenario). */
export type VoteMode = "vote" | "signIn" | "own" | "closed";

function applyVote(totals: Totals, next: Vote): Totals {
  if (totals.up === null || totals.down === null) return { ...totals, myVote: next };
  const up = totals.up - (totals.myVote === 1 ? 1 : 0) + (next === 1 ? 1 : 0);
  const down = totals.down - (totals.myVote === -1 ? 1 : 0) + (next === -1 ? 1 : 0);
  return { score: up - down, up, down, myVote: next };
}

/**
 * Up and down buttons that answer at once and then take the server's totals. On a live page, totals from other
 * members' votes arrive in place, and the member's own vote is shared with their other tabs.
 */
export function VoteButtons(props: Props) {
  const layer = useMemberLayer();
  const member = useMemberPost(props.mode === "signIn" ? props.shared.postId : null);
  if (!layer || !member) return <Votes {...props} />;
  const { authorId, closed } = props.shared;
  const mine = member.votes.find((vote) => vote.scenarioId === props.scenarioId);
  const mode: VoteMode = authorId === layer.viewer.id ? "own" : closed || !member.may.vote ? "closed" : "vote";
  return <Votes key="member" {...props} mode={mode} initial={mine ?? { ...props.initial, myVote: 0 }} />;
}

function Votes({ scenarioId, initial, mode }: Props) {
  const t = useTranslations("vote");
  const [totals, setTotals] = useState(initial);
  const [failed, setFailed] = useState(false);
  const [, startTransition] = useTransition();
  const live = useLiveScenario(scenarioId);
  useEffect(() => {
    if (live.totals) setTotals((current) => ({ ...current, ...live.totals }));
  }, [live.totals]);
  useEffect(() => {
    if (live.myVote !== undefined) setTotals((current) => ({ ...current, myVote: live.myVote! }));
  }, [live.myVote]);

  function press(value: Vote) {
    const next: Vote = totals.myVote === value ? 0 : value;
    const before = totals;
    setTotals(applyVote(totals, next));
    setFailed(false);
    startTransition(async () => {
      try {
        const answer = await callApi<Totals>("PUT", `/scenarios/${scenarioId}/vote`, { value: next });
        setTotals(answer);
        live.shareMyVote?.(scenarioId, answer.myVote, { score: answer.score, up: answer.up, down: answer.down });
      } catch {
        setTotals(before);
        setFailed(true);
      }
    });
  }

  const button = (value: 1 | -1) => {
    const label = t(value === 1 ? "up" : "down");
    const pressed = totals.myVote === value;
    const icon = (
      <svg viewBox="0 0 20 20" aria-hidden="true" className={`size-5 ${value === -1 ? "rotate-180" : ""}`} fill={pressed ? "currentColor" : "none"} stroke="currentColor" strokeWidth="1.8" strokeLinejoin="round">
        <path d="M10 3 3.5 11h4v6h5v-6h4L10 3Z" />
      </svg>
    );
    const tone = value === 1 ? (pressed ? "text-accent bg-accent-soft" : "text-muted hover:text-accent") : pressed ? "text-gold bg-gold-soft" : "text-muted hover:text-gold";
    if (mode === "signIn") {
      return (
        <Link href="/signin" title={t("signInToVote")} aria-label={`${label} — ${t("signInToVote")}`} className={`vote-button ${tone}`}>
          {icon}
        </Link>
      );
    }
    return (
      <button
        type="button"
        aria-label={label}
        aria-pressed={pressed}
        disabled={mode !== "vote"}
        title={mode === "own" ? t("ownScenario") : mode === "closed" ? t("closed") : label}
        onClick={() => press(value)}
        className={`vote-button cursor-pointer transition disabled:cursor-not-allowed disabled:opacity-40 ${tone}`}
      >
        {icon}
      </button>
    );
  };

  return (
    <div className="flex flex-col items-center" data-scenario-votes={scenarioId}>
      {button(1)}
      {totals.score === null ? (
        <span className="text-sm font-semibold text-muted" aria-label={t("scoreWithheld")} title={t("scoreWithheld")} data-score-withheld>
          ?
        </span>
      ) : (
        <span dir="ltr" className="text-sm font-semibold tabular-nums" aria-label={t("score", { score: totals.score })} title={`+${totals.up} / −${totals.down}`}>
          {totals.score}
        </span>
      )}
      {button(-1)}
      {failed && (
        <span role="status" className="sr-only">
          {t("failed")}
        </span>
      )}
    </div>
  );
}
