import { randomUUID } from "node:crypto";

/**
 * A steady stream of writes through the public API by a few signed-in members, against a server that may die
 * and come back on another port at any moment. Each write is sent until some server acknowledges it with a
 * 2xx (creates carry an Idempotency-Key, so a write whose answer was lost is never made twice), and the
 * ledger keeps what was acknowledged, to be compared with the database afterwards.
 */

export type Member = { token: string; userId: string };
export type AcknowledgedForecast = { probabilities: Record<string, number>; other: number; createdAt: string };

export type Ledger = {
  /** Acknowledged scenario ids, each with its author's index in the members. */
  scenarios: Map<string, number>;
  replies: Set<string>;
  /** The last acknowledged vote of member `i` on a scenario, by `${i}:${scenarioId}`. */
  votes: Map<string, -1 | 0 | 1>;
  /** Every acknowledged forecast of each member, in order. */
  forecasts: AcknowledgedForecast[][];
  acknowledged: number;
  /** Attempts that got no answer or a 5xx (the server died under them, or was not back yet) and were sent again. */
  retried: number;
};

export function emptyLedger(members: number): Ledger {
  return { scenarios: new Map(), replies: new Set(), votes: new Map(), forecasts: Array.from({ length: members }, () => []), acknowledged: 0, retried: 0 };
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Sends one write until a server answers 2xx (then its JSON); any 4xx is a bug in the test or the server: it throws. */
async function sendUntilAcknowledged(base: () => string | null, method: string, path: string, token: string, body: unknown, ledger: Ledger): Promise<any> {
  const headers: Record<string, string> = { authorization: `Bearer ${token}`, "content-type": "application/json" };
  if (method === "POST") headers["idempotency-key"] = randomUUID();
  for (;;) {
    const url = base();
    const response = url ? await fetch(url + path, { method, headers, body: JSON.stringify(body), signal: AbortSignal.timeout(10_000) }).catch(() => null) : null;
    if (response && response.status < 300) {
      ledger.acknowledged++;
      return response.json();
    }
    if (response && response.status < 500) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    if (url) ledger.retried++;
    await pause(25);
  }
}

/**
 * Member `i` writing until `stop()`: mostly replies and votes, some forecasts, now and then a scenario, on the
 * post's acknowledged scenarios (votes only on others' scenarios). `random` picks, so a seed replays the choices.
 */
export async function writeSteadily(
  base: () => string | null,
  postId: string,
  members: Member[],
  i: number,
  random: () => number,
  stop: () => boolean,
  ledger: Ledger,
): Promise<void> {
  const { token } = members[i]!;
  const pick = <T>(items: T[]) => items[Math.floor(random() * items.length)]!;
  while (!stop()) {
    const scenarioIds = [...ledger.scenarios.keys()];
    const others = scenarioIds.filter((id) => ledger.scenarios.get(id) !== i);
    const roll = random();
    if (roll < 0.1 || others.length === 0) {
      const tag = randomUUID();
      const { scenario } = await sendUntilAcknowledged(base, "POST", `/api/v1/posts/${postId}/scenarios`, token, { title: `Scenario ${tag}`, body: `What happens in case ${tag}` }, ledger);
      ledger.scenarios.set(scenario.id, i);
    } else if (roll < 0.5) {
      const { reply } = await sendUntilAcknowledged(base, "POST", `/api/v1/scenarios/${pick(scenarioIds)}/replies`, token, { body: `Reply ${randomUUID()}`, stance: pick(["supports", "challenges", "neutral"]) }, ledger);
      ledger.replies.add(reply.id);
    } else if (roll < 0.8) {
      const scenarioId = pick(others);
      const value = pick([-1, 0, 1] as const);
      await sendUntilAcknowledged(base, "PUT", `/api/v1/scenarios/${scenarioId}/vote`, token, { value }, ledger);
      ledger.votes.set(`${i}:${scenarioId}`, value);
    } else {
      const [a, b] = [pick(scenarioIds), pick(scenarioIds)];
      const first = Math.floor(random() * 60);
      const probabilities = a === b ? { [a]: first, other: 100 - first } : { [a]: first, [b]: 30, other: 70 - first };
      const { forecast } = await sendUntilAcknowledged(base, "PUT", `/api/v1/posts/${postId}/forecast`, token, { probabilities }, ledger);
      ledger.forecasts[i]!.push(forecast);
    }
  }
}
