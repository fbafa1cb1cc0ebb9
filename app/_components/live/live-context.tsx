"use client";

import { useRouter } from "next/navigation";
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState } from "react";
import { joinLiveSocket } from "@/app/_components/client/live-socket";
import type { CommunityView } from "@/lib/forecasts/community";
import type { LiveEvent } from "@/lib/live/event-types";

/** null figures: withheld while the post is in contest mode. */
type Totals = { score: number | null; up: number | null; down: number | null };
export type ConnectionState = "connecting" | "live" | "lost" | "back";

type LiveState = {
  connection: ConnectionState;
  readers: number | null;
  /** New scenarios and replies that arrived since the page was rendered, not yet shown. */
  pending: { scenarios: number; replies: number };
  totals: ReadonlyMap<string, Totals>;
  myVotes: ReadonlyMap<string, -1 | 0 | 1>;
  replyCounts: ReadonlyMap<string, number>;
  /** On a scenario page: replies by stance that arrived after rendering. */
  stanceArrivals: ReadonlyMap<string, number>;
  /** The community forecast from the latest `forecast.updated`, or null until one arrives. */
  community: CommunityView | null;
  /** Scenarios and replies a moderator hid since the page was rendered: taken off the page at once. */
  removed: ReadonlySet<string>;
  showPending: () => void;
  shareMyVote: (scenarioId: string, myVote: -1 | 0 | 1, totals: Totals) => void;
};

const LiveContext = createContext<LiveState | null>(null);

/** Live figures for one scenario, or nothing outside a live page. */
export function useLiveScenario(scenarioId: string) {
  const live = useContext(LiveContext);
  return {
    totals: live?.totals.get(scenarioId),
    myVote: live?.myVotes.get(scenarioId),
    replyCount: live?.replyCounts.get(scenarioId),
    shareMyVote: live?.shareMyVote,
  };
}

export function useLive(): LiveState | null {
  return useContext(LiveContext);
}

type Props = {
  postId: string;
  /** The post's last seq when the page was rendered: the page already shows everything up to it. */
  initialSeq: number;
  /** On a scenario page, only that scenario's replies count as new. */
  scenarioId?: string;
  /** On a scenario page whose debate has several pages: new replies may belong on another page than this one. */
  debatePaged?: boolean;
  /** Who reads: moderators and the author of hidden content keep seeing it (marked), so their page re-renders. */
  viewerId?: string | null;
  moderates?: boolean;
  children: React.ReactNode;
};

/**
 * Keeps a rendered page current: subscribes to the post's events from the rendered seq, catches up after a
 * reconnect or when the tab becomes visible again (asking /events for any gap), moves counters in place, and
 * holds new scenarios and replies behind a banner so nothing shifts under the reader.
 */
export function LiveProvider({ postId, initialSeq, scenarioId, debatePaged = false, viewerId = null, moderates = false, children }: Props) {
  const router = useRouter();
  const [connection, setConnection] = useState<ConnectionState>("connecting");
  const [readers, setReaders] = useState<number | null>(null);
  const [pending, setPending] = useState({ scenarios: 0, replies: 0 });
  const [totals, setTotals] = useState<Map<string, Totals>>(new Map());
  const [myVotes, setMyVotes] = useState<Map<string, -1 | 0 | 1>>(new Map());
  const [replyCounts, setReplyCounts] = useState<Map<string, number>>(new Map());
  const [stanceArrivals, setStanceArrivals] = useState<Map<string, number>>(new Map());
  const [community, setCommunity] = useState<CommunityView | null>(null);
  const [removed, setRemoved] = useState<Set<string>>(new Set());
  const refreshTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const lastSeq = useRef(initialSeq);
  const firstPendingReply = useRef<{ id: string; parentId: string | null } | null>(null);
  const channel = useRef<BroadcastChannel | null>(null);

  // Moderation changes what the server renders (a lock, the order of pins, content back): render the page again,
  // once, a moment later at a random point so hundreds of open pages do not all ask in the same instant.
  const refreshSoon = useCallback(() => {
    refreshTimer.current ??= setTimeout(() => {
      refreshTimer.current = null;
      router.refresh();
    }, Math.random() * 1500);
  }, [router]);

  const apply = useCallback(
    (event: LiveEvent) => {
      if (event.seq <= lastSeq.current) return; // already applied (catch-up and room may overlap)
      lastSeq.current = event.seq;
      switch (event.type) {
        case "scenario.voted":
          setTotals((map) => {
            const next = new Map(map);
            for (const s of event.data.scenarios as (Totals & { id: string })[]) next.set(s.id, { score: s.score, up: s.up, down: s.down });
            return next;
          });
          break;
        case "forecast.updated":
          setCommunity(event.data.community as CommunityView);
          break;
        case "scenario.created":
          if (!scenarioId) setPending((p) => ({ ...p, scenarios: p.scenarios + 1 }));
          break;
        case "reply.created": {
          if ("redacted" in event.data) break; // hidden since: the catch-up sends it without its reply, nothing to count
          const { reply, replyCount } = event.data;
          setReplyCounts((map) => new Map(map).set(reply.scenarioId, replyCount));
          if (!scenarioId || reply.scenarioId === scenarioId) setPending((p) => ({ ...p, replies: p.replies + 1 }));
          if (reply.scenarioId === scenarioId) firstPendingReply.current ??= event.data.reply as { id: string; parentId: string | null };
          if (reply.scenarioId === scenarioId) setStanceArrivals((map) => new Map(map).set(reply.stance, (map.get(reply.stance) ?? 0) + 1));
          break;
        }
        case "post.resolved":
          // The whole page changes meaning (the outcome, the scores, forecasting closed): render it again now.
          router.refresh();
          break;
        case "content.hidden": {
          const hidden = event.data as { targetType: string; targetId: string; scenarioId: string | null; authorId: string | null; replyCount?: number };
          if (moderates || (viewerId !== null && viewerId === hidden.authorId)) refreshSoon(); // they still see it, marked hidden
          else if (hidden.targetType === "post" || hidden.targetId === scenarioId) router.refresh(); // the page itself is gone
          else {
            setRemoved((set) => new Set(set).add(hidden.targetId));
            if (hidden.replyCount !== undefined && hidden.scenarioId) setReplyCounts((map) => new Map(map).set(hidden.scenarioId!, hidden.replyCount!));
            if (hidden.targetType === "scenario") refreshSoon(); // the map, the counts and the community figures follow
          }
          break;
        }
        case "content.restored":
        case "scenario.unmerged":
          setRemoved((set) => {
            const restored = (event.data as { targetId?: string }).targetId;
            if (!restored || !set.has(restored)) return set;
            const next = new Set(set);
            next.delete(restored);
            return next;
          });
          refreshSoon();
          break;
        case "post.updated":
          // Contest mode turned on or off changes the order and the figures the server renders.
          if ("contestUntil" in ((event.data.post as object | undefined) ?? {})) refreshSoon();
          break;
        case "scenario.merged": {
          // The merged card leaves (moderators keep it, marked), the target's counts move at once, and the map and
          // community figures follow on the re-render; a reader on the merged scenario's own page is led to the target.
          const merged = event.data as { targetId: string; scenarios: (Totals & { id: string; replyCount: number })[] };
          setTotals((map) => new Map([...map, ...merged.scenarios.map((s) => [s.id, { score: s.score, up: s.up, down: s.down }] as const)]));
          setReplyCounts((map) => new Map([...map, ...merged.scenarios.map((s) => [s.id, s.replyCount] as const)]));
          if (moderates) refreshSoon();
          else if (merged.targetId === scenarioId) router.refresh();
          else {
            setRemoved((set) => new Set(set).add(merged.targetId));
            refreshSoon();
          }
          break;
        }
        case "post.locked":
        case "post.unlocked":
        case "scenario.locked":
        case "scenario.unlocked":
        case "scenario.pinned":
        case "scenario.unpinned":
          refreshSoon();
          break;
      }
    },
    [scenarioId, router, viewerId, moderates, refreshSoon],
  );

  useEffect(() => {
    let gapFetch: Promise<void> | null = null;
    const catchUp = () => {
      gapFetch ??= (async () => {
        for (;;) {
          const response = await fetch(`/api/v1/posts/${postId}/events?after=${lastSeq.current}&limit=1000`);
          if (!response.ok) return;
          const page = (await response.json()) as { events: LiveEvent[]; lastSeq: number };
          page.events.forEach(apply);
          if (page.events.length < 1000) return;
        }
      })().finally(() => (gapFetch = null));
    };
    const onEvent = (event: LiveEvent) => {
      if (event.postId !== postId) return; // the tab's shared socket may still carry a post this page has left
      if (event.seq > lastSeq.current + 1) catchUp(); // a gap: fetch what was missed, in order
      else apply(event);
    };
    const onLost = () => setConnection("lost");
    const onPresence = (p: { postId: string; readers: number }) => p.postId === postId && setReaders(p.readers);
    const leave = joinLiveSocket(
      (socket) => {
        socket.on("disconnect", onLost);
        socket.on("event", onEvent);
        socket.on("presence", onPresence);
        return () => {
          socket.off("disconnect", onLost);
          socket.off("event", onEvent);
          socket.off("presence", onPresence);
          socket.emit("unsubscribe", { postId });
        };
      },
      // Subscribed again at every connection: the server re-checks the read and catches up from lastSeq.
      (socket, again) => {
        socket.emit("subscribe", { postId, after: lastSeq.current }, (ack: { ok: boolean }) => {
          if (ack?.ok) setConnection(again ? "back" : "live");
        });
      },
    );
    const onVisible = () => document.visibilityState === "visible" && catchUp();
    document.addEventListener("visibilitychange", onVisible);

    // Other tabs of this member share their own votes, so the pressed buttons agree everywhere.
    channel.current = "BroadcastChannel" in window ? new BroadcastChannel(`mizan:${postId}`) : null;
    channel.current?.addEventListener("message", (message: MessageEvent<{ scenarioId: string; myVote: -1 | 0 | 1; totals: Totals }>) => {
      setMyVotes((map) => new Map(map).set(message.data.scenarioId, message.data.myVote));
      setTotals((map) => new Map(map).set(message.data.scenarioId, message.data.totals));
    });
    return () => {
      if (refreshTimer.current) clearTimeout(refreshTimer.current);
      refreshTimer.current = null;
      document.removeEventListener("visibilitychange", onVisible);
      channel.current?.close();
      leave();
    };
  }, [postId, apply]);

  const value = useMemo<LiveState>(
    () => ({
      connection,
      readers,
      pending,
      totals,
      myVotes,
      replyCounts,
      stanceArrivals,
      community,
      removed,
      showPending: () => {
        // The refreshed page renders what arrived, so its tally already counts them.
        setPending({ scenarios: 0, replies: 0 });
        setStanceArrivals(new Map());
        const first = firstPendingReply.current;
        firstPendingReply.current = null;
        // On a paged debate, a new reply is on this page only if it answers a reply shown here; otherwise the
        // page that holds it (its permalink) is where to see it.
        const elsewhere = first && debatePaged && !(first.parentId && document.getElementById(`reply-${first.parentId}`));
        if (elsewhere) router.push(`${window.location.pathname}?reply=${first.id}#reply-${first.id}`);
        else router.refresh();
      },
      shareMyVote: (id, myVote, newTotals) => {
        channel.current?.postMessage({ scenarioId: id, myVote, totals: newTotals });
        setTotals((map) => new Map(map).set(id, newTotals));
      },
    }),
    [connection, readers, pending, totals, myVotes, replyCounts, stanceArrivals, community, removed, router, debatePaged],
  );
  return <LiveContext.Provider value={value}>{children}</LiveContext.Provider>;
}
