import { sql, type SQL } from "drizzle-orm";
import type { Transaction } from "@/db/client";
import { posts, scenarios } from "@/db/schema";
import { isModeratorRow, visibleTo } from "@/lib/auth/permissions";
import { rowsOf } from "@/db/rows";
import type { LiveEvent, LiveEventType } from "@/lib/live/event-types";
import { isMailConfigured } from "@/lib/mail/send-mail";
import type { ModerationEntry } from "@/lib/moderation/log";
import { mentionedHandles } from "@/lib/text/markdown";

/**
 * Who hears of what: each rule turns one event (or one moderation-log row) into a single INSERT … SELECT over the
 * recipients, inside the transaction that appends it, so a reply to a scenario with 1,000 followers costs one
 * statement, not 1,000. A recipient gets one notification per event, the most specific that applies (a reply to
 * you before a mention before news of what you follow); never the actor; and, when the content sits on a hidden
 * post or scenario, only moderators. Bursts coalesce: a member's unread row for the same (type, group) grows its
 * count and takes the latest actor and time, keeping the first target, where reading starts. A reply or mention
 * to a member who asked for email is marked for the sender (lib/notify/email.ts) in the same statement; a burst
 * growing an unread row is not emailed again.
 */

const newId = sql`rtrim(translate(encode(uuid_send(gen_random_uuid()), 'base64'), '+/', '-_'), '=')`;

export type Written = { userId: string; id: string };

type Subject = { groupKey: string; targetType: "reply" | "scenario" | "post" | "user"; targetId: string; postId: string | null; scenarioId: string | null; replyId: string | null };

/** Candidates (user_id, type, prio) → the notifications they get, coalesced; returns who was told. */
async function insertNotifications(tx: Transaction, candidates: SQL, actorId: string | null, subject: Subject, visibleToAll: SQL, data: SQL = sql`'{}'::jsonb`): Promise<Written[]> {
  const rows = await tx.execute<{ user_id: string; id: string }>(sql`
    with candidates (user_id, type, prio, data) as (${candidates}),
    chosen as (
      select distinct on (c.user_id) c.user_id, c.type, c.data, u.email_replies and c.type in ('reply', 'mention') and ${isMailConfigured()} as emailed
      from candidates c join users u on u.id = c.user_id
      where c.user_id is distinct from ${actorId} and (${visibleToAll} or ${isModeratorRow({ role: sql`u.role` })})
      order by c.user_id, c.prio
    )
    insert into notifications (id, user_id, type, group_key, actor_id, target_type, target_id, post_id, scenario_id, reply_id, data, email_status, email_next_at)
    select ${newId}, user_id, type, ${subject.groupKey}, ${actorId}, ${subject.targetType}::target_type, ${subject.targetId}, ${subject.postId}, ${subject.scenarioId}, ${subject.replyId}, coalesce(data, ${data}),
      case when emailed then 'pending' end, case when emailed then now() end
    from chosen
    on conflict (user_id, type, group_key) where read_at is null
    do update set count = notifications.count + 1, actor_id = excluded.actor_id, data = excluded.data, updated_at = now()
    returning user_id, id`);
  return rowsOf<{ user_id: string; id: string }>(rows).map((r) => ({ userId: r.user_id, id: r.id }));
}


function mentions(body: string): SQL {
  const handles = mentionedHandles(body);
  if (handles.length === 0) return sql`select null::text, null::text, null::int, null::jsonb where false`;
  return sql`select u.id, 'mention', 2, null::jsonb from users u where lower(u.handle) in (${sql.join(
    handles.map((h) => sql`${h}`),
    sql`, `,
  )})`;
}

/** Whether everyone may see the scenario (and its post): the visibility rule for an anonymous reader. */
const visibleScenario = (scenarioId: string) =>
  sql`coalesce((select ${visibleTo(null, { status: scenarios.status, authorId: scenarios.authorId }, { status: posts.status, authorId: posts.authorId })}
    from ${scenarios} join ${posts} on ${posts.id} = ${scenarios.postId} where ${scenarios.id} = ${scenarioId}), false)`;

type ReplyData = { reply: { id: string; scenarioId: string; parentId: string | null; body: string; author: { id: string } } };
type ScenarioData = { scenario: { id: string; postId: string; title: string; body: string; author: { id: string } } };

const eventRules: Partial<Record<LiveEventType, (tx: Transaction, event: LiveEvent) => Promise<Written[]>>> = {
  "reply.created": (tx, event) => {
    const { reply } = event.data as ReplyData;
    const authorId = reply.author.id;
    const candidates = sql`
      select s.author_id, 'reply', 1, null::jsonb from scenarios s where s.id = ${reply.scenarioId} and ${reply.parentId}::text is null
      union all select r.author_id, 'reply', 1, null::jsonb from replies r where r.id = ${reply.parentId}
      union all ${mentions(reply.body)}
      union all select f.user_id, 'followed.reply', 3, null::jsonb from follows f
        where (f.target_type = 'scenario' and f.target_id = ${reply.scenarioId}) or (f.target_type = 'user' and f.target_id = ${authorId})`;
    return insertNotifications(
      tx,
      candidates,
      authorId,
      { groupKey: reply.scenarioId, targetType: "reply", targetId: reply.id, postId: event.postId, scenarioId: reply.scenarioId, replyId: reply.id },
      visibleScenario(reply.scenarioId),
    );
  },
  "scenario.created": (tx, event) => {
    const { scenario } = event.data as ScenarioData;
    const authorId = scenario.author.id;
    const candidates = sql`
      ${mentions(scenario.body)}
      union all select f.user_id, 'followed.scenario', 3, null::jsonb from follows f
        where (f.target_type = 'post' and f.target_id = ${event.postId}) or (f.target_type = 'user' and f.target_id = ${authorId})`;
    return insertNotifications(
      tx,
      candidates,
      authorId,
      { groupKey: event.postId, targetType: "scenario", targetId: scenario.id, postId: event.postId, scenarioId: scenario.id, replyId: null },
      visibleScenario(scenario.id),
    );
  },
};

/** The notifications an outbox event causes, written in its transaction. */
export async function notifyOfEvent(tx: Transaction, event: LiveEvent): Promise<Written[]> {
  const rule = eventRules[event.type];
  return rule ? rule(tx, event) : [];
}

type ModerationKind = "hidden" | "restored" | "merged" | "suspended" | "unsuspended" | "resolved";

/** The logged actions that tell someone (lib/moderation, lib/forecasts/resolution.ts); the others tell nobody. */
const moderationKinds: Partial<Record<string, ModerationKind>> = {
  hide: "hidden",
  restore: "restored",
  merge: "merged",
  "user.suspend": "suspended",
  "user.unsuspend": "unsuspended",
  "post.resolve": "resolved",
};

/**
 * The notifications a moderation action causes, from the audit row written in its transaction: the author of
 * hidden, restored or merged content (with the reason), the suspended member, and every forecaster on a resolved
 * post (with their score). The one place moderation notifies, whichever verb acted.
 */
export async function notifyOfModeration(tx: Transaction, entry: ModerationEntry, logId: string): Promise<Written[]> {
  const kind = moderationKinds[entry.action];
  if (!kind) return [];
  const data = sql`${JSON.stringify({ action: kind, reason: entry.reason })}::jsonb`;
  const always = sql`true`;
  const { targetType, targetId } = entry;
  if (kind === "suspended" || kind === "unsuspended") {
    if (targetType !== "user") return [];
    return insertNotifications(tx, sql`select ${targetId}::text, 'suspension', 1, null::jsonb`, entry.actorId, { groupKey: `log:${logId}`, targetType: "user", targetId, postId: null, scenarioId: null, replyId: null }, always, data);
  }
  if (kind === "resolved") {
    if (targetType !== "post") return [];
    const candidates = sql`
      select f.user_id, 'resolution', 1, jsonb_build_object('action', 'resolved', 'reason', ${entry.reason}::text, 'brier', (select fs.brier from forecast_scores fs where fs.post_id = ${targetId} and fs.user_id = f.user_id))
      from (select distinct user_id from forecasts where post_id = ${targetId}) f`;
    return insertNotifications(tx, candidates, entry.actorId, { groupKey: `log:${logId}`, targetType: "post", targetId, postId: targetId, scenarioId: null, replyId: null }, always, data);
  }
  const located =
    targetType === "reply"
      ? sql`select author_id, post_id, scenario_id from replies where id = ${targetId}`
      : targetType === "scenario"
        ? sql`select author_id, post_id, id as scenario_id from scenarios where id = ${targetId}`
        : targetType === "post"
          ? sql`select author_id, id as post_id, null::text as scenario_id from posts where id = ${targetId}`
          : null;
  if (!located) return [];
  const rows = rowsOf<{ author_id: string | null; post_id: string; scenario_id: string | null }>(await tx.execute(located));
  const target = rows[0];
  if (!target?.author_id) return [];
  return insertNotifications(
    tx,
    sql`select ${target.author_id}::text, 'moderation', 1, null::jsonb`,
    entry.actorId,
    { groupKey: `log:${logId}`, targetType, targetId, postId: target.post_id, scenarioId: target.scenario_id, replyId: targetType === "reply" ? targetId : null },
    always,
    data,
  );
}
