import { sql } from "drizzle-orm";
import type { Transaction } from "@/db/client";
import { rowsOf } from "@/db/rows";

/** What a merge moved from one scenario to another: the moderation-log row keeps it, and unmerge reads it back. */
export type MovedRows = {
  /** Replies now under the target. */
  replies: string[];
  /** Members whose vote row moved to the target (they had none there). */
  votes: string[];
  /** Members whose retracted vote row on the target took the merged scenario's vote (that row stays behind). */
  adoptedVotes: string[];
  /** Forecasts (current at the merge) whose share for the merged scenario was added to the target's. */
  forecasts: { id: string; share: number; had: boolean }[];
};

type Pair = { postId: string; from: string; into: string; intoAuthorId: string };

/**
 * Moves replies, votes and forecast shares from `from` to `into`. One vote per member is kept: a member with a
 * vote on the target keeps it (their other row stays where it was); the target's author, who may not vote on
 * their own scenario, keeps theirs on the merged one. Each current forecast's share for `from` is added to
 * `into`'s, so every forecast still sums to 100.
 */
export async function moveRows(tx: Transaction, { postId, from, into, intoAuthorId }: Pair): Promise<MovedRows> {
  const replyRows = rowsOf<{ id: string }>(await tx.execute(sql`update replies set scenario_id = ${into} where scenario_id = ${from} returning id`));
  const voteRows = rowsOf<{ user_id: string }>(
    await tx.execute(sql`
      update votes set scenario_id = ${into}
      where scenario_id = ${from} and user_id <> ${intoAuthorId}
        and not exists (select 1 from votes kept where kept.scenario_id = ${into} and kept.user_id = votes.user_id)
      returning user_id`),
  );
  const adoptedRows = rowsOf<{ user_id: string }>(
    await tx.execute(sql`
      update votes kept set value = merged.value, previous_value = kept.value, updated_at = now()
      from votes merged
      where kept.scenario_id = ${into} and merged.scenario_id = ${from} and merged.user_id = kept.user_id
        and kept.value = 0 and merged.value <> 0
      returning kept.user_id`),
  );
  const forecastRows = rowsOf<{ id: string; share: number; had: boolean }>(
    await tx.execute(sql`
      with moved as (
        select id, (probabilities ->> ${from})::int as share, (probabilities -> ${into}) is not null as had
        from forecasts where post_id = ${postId} and is_current and (probabilities -> ${from}) is not null
        for update
      )
      update forecasts f
      set probabilities = (f.probabilities - ${from}::text) || jsonb_build_object(${into}::text, coalesce((f.probabilities ->> ${into})::int, 0) + moved.share)
      from moved where f.id = moved.id
      returning f.id, moved.share, moved.had`),
  );
  return {
    replies: replyRows.map((r) => r.id),
    votes: voteRows.map((r) => r.user_id),
    adoptedVotes: adoptedRows.map((r) => r.user_id),
    forecasts: forecastRows.map((r) => ({ id: r.id, share: Number(r.share), had: Boolean(r.had) })),
  };
}

/** Puts every row a merge moved back where it was (the forecasts' shares whether or not they are still current). */
export async function moveRowsBack(tx: Transaction, { from, into }: Omit<Pair, "postId" | "intoAuthorId">, moved: MovedRows): Promise<void> {
  const list = (ids: string[]) => sql`(select jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb))`;
  await tx.execute(sql`update replies set scenario_id = ${from} where scenario_id = ${into} and id in ${list(moved.replies)}`);
  await tx.execute(sql`update votes set scenario_id = ${from} where scenario_id = ${into} and user_id in ${list(moved.votes)}`);
  await tx.execute(sql`update votes set value = 0, previous_value = value, updated_at = now() where scenario_id = ${into} and user_id in ${list(moved.adoptedVotes)}`);
  await tx.execute(sql`
    with moved as (select * from jsonb_to_recordset(${JSON.stringify(moved.forecasts)}::jsonb) as m(id text, share int, had boolean))
    update forecasts f
    set probabilities = (case when moved.had then f.probabilities || jsonb_build_object(${into}::text, (f.probabilities ->> ${into})::int - moved.share) else f.probabilities - ${into}::text end)
      || jsonb_build_object(${from}::text, moved.share)
    from moved where f.id = moved.id`);
}

export type ScenarioTotals = { id: string; score: number; up: number; down: number; replyCount: number };

/** Sets the scenarios' vote counters and reply counts to a recount of their rows; returns the new figures. */
export async function recountScenarios(tx: Transaction, ids: string[]): Promise<ScenarioTotals[]> {
  const rows = rowsOf<{ id: string; score: number; up: number; down: number; reply_count: number }>(
    await tx.execute(sql`
      update scenarios s set
        up = (select count(*) from votes v where v.scenario_id = s.id and v.value = 1),
        down = (select count(*) from votes v where v.scenario_id = s.id and v.value = -1),
        score = (select coalesce(sum(v.value), 0) from votes v where v.scenario_id = s.id),
        reply_count = (select count(*) from replies r where r.scenario_id = s.id and r.status = 'visible')
      where s.id in (select jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb))
      returning s.id, s.score, s.up, s.down, s.reply_count`),
  );
  return rows.map((r) => ({ id: r.id, score: Number(r.score), up: Number(r.up), down: Number(r.down), replyCount: Number(r.reply_count) }));
}
