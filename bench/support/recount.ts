import { sql } from "drizzle-orm";
import type { Database } from "@/db/client";

/** Scenarios whose stored up/down/score differ from a recount of the votes table (none when counters are exact). */
export async function findCounterMismatches(db: Database): Promise<{ id: string; stored: string; counted: string }[]> {
  const result = await db.execute(sql`
    select s.id, s.up, s.down, s.score,
           coalesce(sum(case when v.value = 1 then 1 else 0 end), 0)::int as counted_up,
           coalesce(sum(case when v.value = -1 then 1 else 0 end), 0)::int as counted_down
      from scenarios s left join votes v on v.scenario_id = s.id
     group by s.id
    having s.up <> coalesce(sum(case when v.value = 1 then 1 else 0 end), 0)
        or s.down <> coalesce(sum(case when v.value = -1 then 1 else 0 end), 0)
        or s.score <> coalesce(sum(v.value), 0)`);
  type Row = { id: string; up: number; down: number; score: number; counted_up: number; counted_down: number };
  // PGlite answers {rows}, postgres-js answers the rows themselves.
  const answer = result as unknown as { rows: Row[] } | Row[];
  const rows = Array.isArray(answer) ? answer : answer.rows;
  return rows.map((r) => ({ id: r.id, stored: `${r.up}/${r.down}/${r.score}`, counted: `${r.counted_up}/${r.counted_down}` }));
}
