"use client";

import type { ReactNode } from "react";
import type { CommunityView } from "@/lib/forecasts/community";
import { ForecastEditor } from "@/app/_components/forecast/forecast-editor";
import { useMemberPost } from "@/app/_components/auth/member-layer";
import type { MemberPostLayer } from "@/lib/forum/member-page";
import type { MapScenario } from "@/app/_components/forecast/scenario-map";
import { TimeAgo } from "@/app/_components/ui/time-ago";

type Member = Pick<MemberPostLayer, "forecast" | "newSinceForecast"> & { may: Pick<MemberPostLayer["may"], "forecast"> };

type Props = {
  postId: string;
  /** The member's forecast and right to make one when the page was rendered for them; null: from their layer, if any. */
  member: Member | null;
  /** The map's scenarios (the same list, sent once): the editor's rows. */
  scenarios: MapScenario[];
  community: CommunityView;
  threshold: number;
  /** What an anonymous reader sees (how to sign in), and what a member sees who may not forecast, or has nothing to forecast yet. */
  signedOut: ReactNode;
  closed: ReactNode;
  empty: ReactNode;
};

/** The forecast part of a post page: the member's editor (on the shared render, once their layer has come), or why there is none. */
export function SharedForecast({ postId, member: rendered, scenarios, community, threshold, signedOut, closed, empty }: Props) {
  const layer = useMemberPost(rendered ? null : postId);
  const member = rendered ?? layer;
  if (!member) return signedOut;
  if (!member.may.forecast) return closed;
  if (scenarios.length === 0) return empty;
  const mine = member.forecast;
  const newer = new Set(member.newSinceForecast);
  return (
    <div className="mt-3">
      <ForecastEditor
        postId={postId}
        scenarios={scenarios.map((s) => ({ id: s.id, title: s.title, isNew: newer.has(s.id) }))}
        mine={mine}
        lastSaved={mine ? <TimeAgo iso={mine.createdAt} /> : null}
        community={community}
        threshold={threshold}
      />
    </div>
  );
}
