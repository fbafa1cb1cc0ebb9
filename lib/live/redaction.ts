import { eq, inArray } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { replies, scenarios } from "@/db/schema";
import { isModerator, type Actor } from "@/lib/auth/actor";
import { can, canSee, type Shown } from "@/lib/auth/permissions";
import type { LiveEvent, RedactedData } from "./event-types";

type TextTarget = { targetType: "scenario" | "reply"; targetId: string };

/** What an event says in place of the text it carried about content this reader may not see. */
export function redactedData({ targetType, targetId }: TextTarget): RedactedData {
  return { redacted: true, targetType, targetId };
}

/** The scenario or reply whose text an event carries (`scenario.created`, `reply.updated`, `content.restored`, …). */
function textTarget(event: LiveEvent): TextTarget | null {
  const { scenario, reply } = event.data as { scenario?: { id?: unknown }; reply?: { id?: unknown } };
  if (typeof reply?.id === "string") return { targetType: "reply", targetId: reply.id };
  if (typeof scenario?.id === "string") return { targetType: "scenario", targetId: scenario.id };
  return null;
}

type WithVotes = { score?: unknown; up?: unknown; down?: unknown };
const blankVotes = <T extends WithVotes>(item: T): T => ("score" in item ? { ...item, score: null, up: null, down: null } : item);

/**
 * The event with the votes it carries (a scenario's in `scenario.created`/`updated`/…, each of `scenario.voted`'s)
 * set to null, for readers contest mode keeps them from; null when it carries none.
 */
export function withoutVotes(event: LiveEvent): LiveEvent | null {
  const { scenario, scenarios: list } = event.data as { scenario?: WithVotes; scenarios?: WithVotes[] };
  const single = scenario && typeof scenario === "object" && "score" in scenario;
  const many = Array.isArray(list) && list.some((item) => item && typeof item === "object" && "score" in item);
  if (!single && !many) return null;
  // The same type of event with the same fields, only the figures null (the types allow null there).
  return {
    ...event,
    data: { ...event.data, ...(single ? { scenario: blankVotes(scenario) } : {}), ...(many ? { scenarios: list.map(blankVotes) } : {}) },
  } as LiveEvent;
}

/**
 * Stored events keep the text they were written with; this redacts it on read, through the visibility rule, for
 * every event about a scenario or reply that is hidden now (or under a hidden scenario) and that this reader may
 * not see. Redacting on read rather than rewriting the stored events when content is hidden keeps restore
 * lossless, lets moderators and the author replay the full history, and costs one indexed read per page of
 * events; every seq is still delivered, so the catch-up stays gapless and exactly-once. Contest mode's withheld
 * votes are blanked the same way.
 */
export async function redactEvents(db: Executor, actor: Actor | null, post: { contestUntil: Date | null }, stored: LiveEvent[]): Promise<LiveEvent[]> {
  if (isModerator(actor)) return stored;
  // While contest mode lasts, no event tells this reader a vote count, however old; once it ends, all of them do.
  const events = can(actor, { action: "scenario.seeScores", target: { post } }) ? stored : stored.map((event) => withoutVotes(event) ?? event);
  const targets = events.map(textTarget);
  const ids = (type: TextTarget["targetType"]) => [...new Set(targets.filter((t) => t?.targetType === type).map((t) => t!.targetId))];
  const [scenarioIds, replyIds] = [ids("scenario"), ids("reply")];
  const [scenarioRows, replyRows] = await Promise.all([
    scenarioIds.length ? db.select({ id: scenarios.id, status: scenarios.status, authorId: scenarios.authorId }).from(scenarios).where(inArray(scenarios.id, scenarioIds)) : [],
    replyIds.length
      ? db
          .select({ id: replies.id, status: replies.status, authorId: replies.authorId, scenario: { status: scenarios.status, authorId: scenarios.authorId } })
          .from(replies)
          .innerJoin(scenarios, eq(scenarios.id, replies.scenarioId))
          .where(inArray(replies.id, replyIds))
      : [],
  ]);
  const levels = new Map<string, Shown[]>([
    ...scenarioRows.map((row) => [row.id, [row]] as [string, Shown[]]),
    ...replyRows.map((row) => [row.id, [row.scenario, row]] as [string, Shown[]]),
  ]);
  return events.map((event, i) => {
    const target = targets[i];
    if (!target) return event;
    const shown = levels.get(target.targetId);
    return shown && canSee(actor, ...shown) ? event : ({ ...event, data: redactedData(target) } as LiveEvent);
  });
}
