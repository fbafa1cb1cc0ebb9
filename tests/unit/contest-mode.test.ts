import { describe, expect, it } from "vitest";
import { contestShuffleKey } from "@/lib/forum/ranking";
import type { LiveEvent, LiveEventType } from "@/lib/live/event-types";
import { withoutVotes } from "@/lib/live/redaction";
import { contestInForce } from "@/lib/rules/contest-mode";

// Events with only the fields withoutVotes reads.
const event = (type: LiveEventType, data: Record<string, unknown>) => ({ postId: "p", seq: 1, type, at: "2026-12-04T00:00:00.000Z", data }) as LiveEvent;

describe("contestShuffleKey", () => {
  it("is a number in [0, 1), the same for one seed and id, and spreads ids evenly", () => {
    const ids = Array.from({ length: 4000 }, (_, i) => `scenario-${i}`);
    const keys = ids.map((id) => contestShuffleKey("post:member", id));
    expect(keys.every((k) => k >= 0 && k < 1)).toBe(true);
    expect(ids.map((id) => contestShuffleKey("post:member", id))).toEqual(keys);
    // Ten buckets of 400 expected each: a fair hash stays well within ±25%.
    const buckets = Array.from({ length: 10 }, (_, b) => keys.filter((k) => Math.floor(k * 10) === b).length);
    expect(Math.min(...buckets)).toBeGreaterThan(300);
    expect(Math.max(...buckets)).toBeLessThan(500);
  });

  it("orders the same ids differently for different seeds, and does not split seed and id ambiguously", () => {
    const ids = Array.from({ length: 20 }, (_, i) => `s${i}`);
    const order = (seed: string) => [...ids].sort((a, b) => contestShuffleKey(seed, a) - contestShuffleKey(seed, b));
    expect(order("post:alice")).not.toEqual(order("post:bob"));
    expect(contestShuffleKey("ab", "c")).not.toBe(contestShuffleKey("a", "bc"));
  });
});

describe("contestInForce", () => {
  it("holds until its moment and not after, and never without one", () => {
    const now = new Date("2026-12-04T12:00:00Z");
    expect(contestInForce(new Date("2026-12-04T12:00:01Z"), now)).toBe(true);
    expect(contestInForce(new Date("2026-12-04T12:00:00Z"), now)).toBe(false);
    expect(contestInForce(null, now)).toBe(false);
  });
});

describe("withoutVotes", () => {
  it("nulls the votes of an event's scenario or list of scenarios and keeps everything else", () => {
    const voted = withoutVotes(event("scenario.voted", { scenarios: [{ id: "a", score: 2, up: 3, down: 1 }] }));
    expect(voted?.data).toEqual({ scenarios: [{ id: "a", score: null, up: null, down: null }] });
    const created = withoutVotes(event("scenario.created", { scenario: { id: "a", title: "T", score: 0, up: 0, down: 0 } }));
    expect(created).toMatchObject({ seq: 1, type: "scenario.created", data: { scenario: { id: "a", title: "T", score: null, up: null, down: null } } });
  });

  it("answers null for events that carry no votes", () => {
    expect(withoutVotes(event("reply.created", { reply: { id: "r" }, replyCount: 1 }))).toBeNull();
    expect(withoutVotes(event("post.updated", { post: { id: "p", contestUntil: null } }))).toBeNull();
    expect(withoutVotes(event("content.hidden", { targetType: "scenario", targetId: "a" }))).toBeNull();
  });
});
