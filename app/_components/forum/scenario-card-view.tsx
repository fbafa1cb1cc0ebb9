"use client";

import Link from "next/link";
import type { ReactNode } from "react";
import type { ScenarioView } from "@/lib/forum/scenario-view";
import { Avatar, AuthorLink } from "@/app/_components/forum/author-chip";
import { AxisMap } from "@/app/_components/axes/axis-map";
import { ReplyIcon } from "@/app/_components/ui/icons";
import { LiveProbability } from "@/app/_components/live/live-probability";
import { LiveReplyCount } from "@/app/_components/live/live-reply-count";
import { VoteButtons } from "@/app/_components/forum/vote-buttons";

/** What a card shows of its scenario: no body, no html, no author id (the vote props carry what the buttons need). */
export type CardScenario = Pick<ScenarioView, "id" | "title" | "excerpt" | "x" | "y" | "replyCount" | "community" | "pinned"> & {
  author: Pick<ScenarioView["author"], "handle" | "name">;
};

type Props = {
  scenario: CardScenario;
  href: string;
  /** The scenario's place on the post's axes, in words (the thumbnail's name). */
  placement: string;
  votes: React.ComponentProps<typeof VoteButtons>;
  /** Rendered on the server: "5 minutes ago" as of the render (so hydration agrees), and the pinned, locked, hidden or merged badges. */
  time: ReactNode;
  badges: ReactNode;
  /** A moderator's menu, for a page rendered for one; else null. */
  moderation: ReactNode;
};

/**
 * A scenario card's markup, drawn from the few fields it shows: a client component only so that the page's inline
 * payload carries those fields rather than the card's whole rendered tree (which would be a second copy of its
 * HTML). scenario-card.tsx prepares them on the server.
 */
export function ScenarioCardView({ scenario, href, placement, votes, time, badges, moderation }: Props) {
  return (
    <article aria-labelledby={`scenario-${scenario.id}`} className="scenario-card" data-pinned={scenario.pinned || undefined}>
      <VoteButtons {...votes} />
      <div className="min-w-0 flex-1 pt-1">
        {badges}
        <h3 id={`scenario-${scenario.id}`} dir="auto" className="scenario-card-title">
          <Link href={href} className="title-link">
            {scenario.title}
          </Link>
        </h3>
        {scenario.excerpt && (
          <p dir="auto" className="scenario-card-excerpt">
            {scenario.excerpt}
          </p>
        )}
        <div className="scenario-card-meta">
          <span className="flex min-w-0 items-center gap-1.5">
            <Avatar name={scenario.author.name} className="size-6 text-[0.7rem]" />
            <AuthorLink author={scenario.author} className="truncate" />
          </span>
          {time}
          <Link href={`${href}#debate`} className="inline-flex items-center gap-1 hover:text-accent">
            <ReplyIcon />
            <LiveReplyCount scenarioId={scenario.id} initial={scenario.replyCount} />
          </Link>
          {moderation}
        </div>
      </div>
      <div className="flex shrink-0 flex-col items-center gap-2">
        <LiveProbability scenarioId={scenario.id} initial={scenario.community} />
        <AxisMap x={scenario.x} y={scenario.y} label={placement} className="mt-1 size-12 sm:size-16" />
      </div>
    </article>
  );
}
