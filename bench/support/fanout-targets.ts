import { existsSync } from "node:fs";
import { serverEntry } from "@/scripts/build-if-stale.mjs";
import { api } from "@/tests/support/http";
import { startServer } from "@/tests/support/server";
import { preloadEnv, removeReports, reportFiles, startBare, type ReportFiles } from "./fanout-harness";
import { createMembers } from "./members";
import { findChildPid } from "./proc";

/**
 * What bench/fanout.ts broadcasts through: Mizan (a reply created through the JSON API, announced by the server
 * as `reply.created` after the commit) or the bare socket.io reference (a direct `io.to(room).emit`). `send`
 * returns the key clients file the event under (event-key.mjs): the reply id.
 */
export type Target = {
  label: string;
  url: string;
  pid: number;
  /** Where the server writes process.memoryUsage() after a forced GC (SIGWINCH) and when it published each reply. */
  files: ReportFiles;
  postId: string;
  send: (tag: string) => Promise<string>;
  /** The JSON size of the latest event on the post, as clients receive it (Mizan only). */
  lastEventBytes?: () => Promise<number>;
  /**
   * A moderator's hide, through the JSON API, of the next of the replies written at start (Mizan started with
   * `hideable`; announced as `content.hidden`); returns the event's key, "hidden:" and the reply id.
   */
  hide?: (tag: string) => Promise<string>;
  /** Toggles the CPU profiler when the server was started with it (Mizan only). */
  toggleProfile?: () => void;
  stop: () => Promise<void>;
};

const slug = "russia-balance-diplomacy-escalation";
// A realistic short reply (≈ 300 characters of markdown); the event carries its body and rendered html.
const filler =
  "The record of the last decade suggests the balance holds as long as the cost of escalation stays visible to " +
  "both sides, and **no third party** forces a choice. I would put the turning point later than this scenario does.";

/** The account MIZAN_ADMIN_EMAILS makes an admin: createMembers' first "moderator" member. */
const moderatorEmail = "moderator0@bench.test";

async function createReply(client: ReturnType<typeof api>, scenarioId: string, token: string, tag: string): Promise<string> {
  // Unique text: the duplicate guard refuses the same reply by the same member within five minutes.
  const created = await client.post(`/scenarios/${scenarioId}/replies`, { body: `Reply ${tag}. ${filler}`, stance: "challenges" }, { token });
  if (created.status !== 201) throw new Error(`reply: ${created.status} ${JSON.stringify(created.body)}`);
  return created.body.reply.id as string;
}

/**
 * An author, a scenario on the seed post, and members to reply to it, all through the API; with `hideable`, a
 * moderator too and that many replies for them to hide.
 */
async function prepare(url: string, repliers: number, hideable: number) {
  const client = api(url + "/api/v1");
  const [author, ...tokens] = await createMembers(url, 1 + repliers, "fanout");
  const postId = (await client.get(`/posts/${slug}`)).body.post.id as string;
  const scenario = await client.post(`/posts/${postId}/scenarios`, { title: "Fan-out scenario", body: "Replies to this scenario are broadcast to every reader.", x: 40, y: 60 }, { token: author });
  if (scenario.status !== 201) throw new Error(`scenario: ${scenario.status} ${JSON.stringify(scenario.body)}`);
  const scenarioId = scenario.body.scenario.id as string;
  const [moderator] = hideable ? await createMembers(url, 1, "moderator") : [];
  const toHide: string[] = [];
  for (let i = 0; i < hideable; i++) toHide.push(await createReply(client, scenarioId, author!, `to hide ${i}`));
  return { repliers: tokens, postId, scenarioId, moderator, toHide };
}

export async function startMizan(options: { profileDir?: string; repliers?: number; hideable?: number } = {}): Promise<Target> {
  const files = reportFiles("mizan");
  // undefined: a fresh database on TEST_DATABASE_URL, dropped on stop.
  const env: Record<string, string> = { MIZAN_RATE_LIMITS: "off", MIZAN_ADMIN_EMAILS: moderatorEmail, ...preloadEnv(files, options.profileDir) };
  // BENCH_SERVER_NODE_OPTIONS: V8/Node flags to try on Mizan's server (e.g. --max-old-space-size=200); the
  // server's own command-line flags (serverNodeFlags) come after these and win over them.
  if (process.env.BENCH_SERVER_NODE_OPTIONS) env.NODE_OPTIONS += ` ${process.env.BENCH_SERVER_NODE_OPTIONS}`;
  const server = await startServer({ databaseUrl: undefined, env });
  const pid = findChildPid(serverEntry);
  const client = api(server.url + "/api/v1");
  const { repliers, postId, scenarioId, moderator, toHide } = await prepare(server.url, options.repliers ?? 5, options.hideable ?? 0).catch(async (error: unknown) => {
    await server.stop();
    throw error;
  });
  let n = 0;
  return {
    label: "Mizan",
    url: server.url,
    pid,
    files,
    postId,
    send: (tag) => createReply(client, scenarioId, repliers[n++ % repliers.length]!, tag),
    async hide(tag) {
      const replyId = toHide.shift();
      if (!replyId || !moderator) throw new Error("no reply left to hide: start Mizan with more hideable replies");
      const hidden = await client.post(`/mod/reply/${replyId}/hide`, { reason: `Fan-out benchmark ${tag}` }, { token: moderator });
      if (hidden.status !== 200) throw new Error(`hide: ${hidden.status} ${JSON.stringify(hidden.body)}`);
      return `hidden:${replyId}`;
    },
    async lastEventBytes() {
      const { lastSeq } = (await client.get(`/posts/${postId}/events?after=0&limit=1`)).body as { lastSeq: number };
      const { events } = (await client.get(`/posts/${postId}/events?after=${lastSeq - 1}&limit=1`)).body as { events: unknown[] };
      return Buffer.byteLength(JSON.stringify(events[0])); // the same object the server emits
    },
    toggleProfile: options.profileDir ? () => process.kill(pid, "SIGUSR2") : undefined,
    stop: async () => {
      const alive = existsSync(`/proc/${pid}`);
      const code = await server.stop();
      if (!alive) console.log(`Mizan server ${pid} had already stopped (exit ${code}) before the benchmark stopped it`);
      removeReports(files);
      if (code !== 0) console.log(`Mizan server exited with ${code}; its last output:\n${server.logs().slice(-2000)}`);
    },
  };
}

/** The bare reference, broadcasting events of `bytes` JSON bytes (measured from Mizan's own). */
export async function startBareTarget(bytes: number): Promise<Target> {
  const files = reportFiles("bare");
  const bare = await startBare(files);
  return {
    label: "bare",
    url: bare.url,
    pid: bare.pid,
    files,
    postId: "bare",
    async send(tag) {
      const id = `bare-${tag}`;
      const response = await fetch(bare.url + "/emit", { method: "POST", body: JSON.stringify({ id, bytes }), signal: AbortSignal.timeout(30_000) });
      if (response.status !== 204) throw new Error(`emit: ${response.status}`);
      return id;
    },
    stop: async () => {
      await bare.stop();
      removeReports(files);
    },
  };
}
