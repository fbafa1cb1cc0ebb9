/**
 * `npm run bench:fanout`: how fast a new reply reaches every reader, and what each reader costs the server,
 * against a bare socket.io server doing only the broadcast. For 0, 1,000 and 5,000 clients: a fresh Mizan
 * production node on a fresh PostgreSQL database (MIZAN_RATE_LIMITS=off) and a fresh bare socket.io server, N
 * socket.io clients (websocket transport) on each, held by one separate client process and subscribed to the seed
 * post with ack; then rounds of 50 broadcasts paced 250 ms apart: on Mizan a reply created through the JSON API,
 * on the bare server an `io.to(room).emit` of an event of the same size. Latency runs to each client's receipt
 * from two origins: the commit, as the issue measures it (the moment the server began publishing, which each
 * server reports on the "mizan:events-published" diagnostics channel; on the bare server the emit), and the
 * moment the request was sent (on Mizan that adds the whole reply creation). Rounds alternate between the two servers,
 * so that both see the same background load on this shared machine (other people's builds and tests), which is
 * measured and printed; the pair of rounds least disturbed is reported. Figures are printed, never asserted.
 * Then a moderator's hide beside a reply: BENCH_FANOUT_HIDE_READERS (default 500) readers on a fresh Mizan, rounds
 * of replies and rounds of hides (each hides one of the replies written before the readers came, announced as
 * `content.hidden`) alternating, the same latencies printed side by side (0 skips it).
 * BENCH_CPU_PROFILE=<dir> writes CPU profiles of Mizan's connect and reply phases; BENCH_SERVER_NODE_OPTIONS
 * adds flags to Mizan's server (to try V8 tuning); BENCH_FANOUT_CLIENTS, _REPLIES, _INTERVAL_MS and _ROUNDS
 * change the shape.
 */
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { buildIfStale } from "../scripts/build-if-stale.mjs";
import { defaultPostgresUrl, isListening } from "../tests/support/services";
import { now, readPublished, startClients, type Clients } from "./support/fanout-harness";
import { startBareTarget, startMizan, type Target } from "./support/fanout-targets";
import { cpuSeconds, machineBusySeconds, rssBytes } from "./support/proc";
import { ms, percentile } from "./support/stats";

const counts = (process.env.BENCH_FANOUT_CLIENTS ?? "0,1000,5000").split(",").map(Number);
const replies = Number(process.env.BENCH_FANOUT_REPLIES ?? 50);
const intervalMs = Number(process.env.BENCH_FANOUT_INTERVAL_MS ?? 250);
const rounds = Number(process.env.BENCH_FANOUT_ROUNDS ?? 3);
const hideReaders = Number(process.env.BENCH_FANOUT_HIDE_READERS ?? 500);
const profileDir = process.env.BENCH_CPU_PROFILE;
const settleMs = Number(process.env.BENCH_RSS_SETTLE_MS ?? 15_000);
const targets = { p99At1000: 40, p99At5000: 175, kbPerSocket: 30, rssMbAt5000: 250 };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return Promise.race([promise, sleep(ms).then(() => Promise.reject(new Error(`${what} took over ${ms} ms`)))]);
}

/** Sends `count` broadcasts on a fixed schedule (open loop: a slow one does not delay the next). */
async function broadcast(target: Target, tag: string, count = replies) {
  const sentAt = new Map<string, number>();
  const requestMs: number[] = [];
  const start = now();
  const sends: Promise<void>[] = [];
  let failure: unknown;
  for (let i = 0; i < count && failure === undefined; i++) {
    await sleep(Math.max(0, start + i * intervalMs - now()));
    const sent = now();
    const send = withTimeout(target.send(`${tag}-${i}`), 30_000, "a broadcast").then((key) => {
      requestMs.push(now() - sent);
      sentAt.set(key, sent);
    });
    sends.push(send.catch((error: unknown) => void (failure ??= error))); // handled now, thrown below
  }
  await Promise.all(sends);
  if (failure !== undefined) throw failure;
  return { sentAt, requestMs: requestMs.sort((a, b) => a - b) };
}

/** Forces full collections in the server (inspect-preload.mjs) and waits, bounded, for it to report. */
async function collect(target: Target): Promise<NodeJS.MemoryUsage> {
  rmSync(target.files.memory, { force: true });
  process.kill(target.pid, "SIGWINCH");
  for (let waited = 0; !existsSync(target.files.memory); waited += 50) {
    if (waited > 20_000) throw new Error(`${target.label} did not report its memory after a forced GC`);
    await sleep(50);
  }
  await sleep(200); // the report is written; let the file be complete and RSS follow
  return JSON.parse(readFileSync(target.files.memory, "utf8")) as NodeJS.MemoryUsage;
}

type Memory = { found: number; collected: number; heap: number };

/**
 * RSS as found, RSS after forced full GCs, and V8 heap + external after them. Collected twice: memory that only
 * becomes free after the first round (finalizers, weak references) is gone by the second. V8 hands freed pages
 * back to the system only some seconds later (its memory reducer, once the process is quiet), so RSS is read
 * after that has had time to happen; it stays coarser than the heap figure all the same.
 */
async function readMemory(target: Target): Promise<Memory> {
  const found = rssBytes(target.pid);
  await collect(target);
  const usage = await collect(target);
  await sleep(settleMs);
  return { found, collected: rssBytes(target.pid), heap: usage.heapUsed + usage.external };
}

/** Warms the write and broadcast paths (JIT, database caches) with a few clients, then lets them go. */
async function warm(target: Target, clients: Clients, count: number, broadcasts: number) {
  const warmers = await clients.connect(`warm-${target.label}`, target.url, Math.min(count, 50), target.postId);
  const { sentAt } = await broadcast(target, `warm${count}-${now()}`, broadcasts);
  await clients.waitForDeliveries(broadcasts * warmers.connected, 10_000);
  await clients.results(`warm-${target.label}`, { request: sentAt });
  await clients.disconnect(`warm-${target.label}`);
}

type Round = Awaited<ReturnType<typeof replyRound>>;

/**
 * One round of broadcasts to `connected` clients: the server's CPU less its idle rate, the client process's CPU,
 * and the CPU that anyone else used on the machine meanwhile (other load: not our servers, clients or us, so
 * PostgreSQL's own work for Mizan is in it too, a few hundredths of a core at 4 replies a second).
 */
async function replyRound(target: Target, clients: Clients, connected: number, idlePerMs: number, ours: number[], tag: string) {
  const cpu = () => ours.reduce((sum, pid) => sum + cpuSeconds(pid), 0);
  const server0 = cpuSeconds(target.pid);
  const clients0 = cpuSeconds(clients.pid);
  const ours0 = cpu();
  const own0 = process.cpuUsage();
  const machine0 = machineBusySeconds();
  await clients.startRound();
  const t0 = now();
  const { sentAt, requestMs } = await broadcast(target, tag);
  const delivered = await clients.waitForDeliveries(replies * connected, 30_000);
  await sleep(100); // the last frames are written; CPU spent after the last receipt belongs to this round too
  const elapsedMs = now() - t0;
  const own = process.cpuUsage(own0);
  const otherCpu = machineBusySeconds() - machine0 - (cpu() - ours0) - (own.user + own.system) / 1e6;
  return {
    result: await clients.results(target.label, { request: sentAt, commit: readPublished(target.files) }),
    timedOut: delivered < replies * connected,
    requestP50: percentile(requestMs, 50),
    cpuMs: ((cpuSeconds(target.pid) - server0 - idlePerMs * elapsedMs) * 1000) / replies,
    clientCpuMs: ((cpuSeconds(clients.pid) - clients0) * 1000) / replies,
    otherCores: Math.max(0, otherCpu / (elapsedMs / 1000)),
  };
}

type Figures = ReturnType<typeof figures>;

function figures(count: number, round: Round, before: Memory, after: Memory, connect: { ms: number; failed: number; firstError: string | null }) {
  const { result } = round;
  const commit = result.from.commit!;
  const request = result.from.request!;
  const notes = [
    `connect+subscribe ${(connect.ms / 1000).toFixed(1)} s`,
    connect.failed ? `${connect.failed} failed to connect (${connect.firstError})` : "",
    result.missing ? `${result.missing} deliveries missing` : "",
    result.unexpectedDisconnects ? `${result.unexpectedDisconnects} dropped` : "",
    round.timedOut ? "timed out waiting for deliveries" : "",
  ];
  return {
    clients: count,
    p50: percentile(commit.latencies, 50),
    p99: percentile(commit.latencies, 99),
    lastP50: percentile(commit.lastDelivery, 50),
    lastMax: percentile(commit.lastDelivery, 100),
    sentP50: percentile(request.latencies, 50),
    sentP99: percentile(request.latencies, 99),
    requestP50: round.requestP50,
    cpuMs: round.cpuMs,
    clientCpuMs: round.clientCpuMs,
    clientGcMs: result.gcPauseMs,
    otherCores: round.otherCores,
    kbPerSocket: count ? (after.collected - before.collected) / count / 1024 : NaN,
    heapKbPerSocket: count ? (after.heap - before.heap) / count / 1024 : NaN,
    rssMb: after.found / 1024 / 1024,
    rssAfterGcMb: after.collected / 1024 / 1024,
    heapMb: after.heap / 1024 / 1024,
    notes: notes.filter(Boolean).join("; "),
  };
}

/** Both servers with `count` clients each; alternating rounds; the least disturbed pair of rounds is kept. */
async function compare(clients: Clients, count: number): Promise<{ mizan: Figures; bare: Figures; bytes: number }> {
  const mizan = await startMizan({ profileDir });
  let bare: Target | undefined;
  try {
    await warm(mizan, clients, count, 20);
    const bytes = await mizan.lastEventBytes!();
    bare = await startBareTarget(bytes);
    await warm(bare, clients, count, 20);
    const both = [mizan, bare];
    const before = await Promise.all(both.map(readMemory));
    // The forced collections may have flushed bytecode; warm again so that the rounds do not pay for it.
    for (const target of both) await warm(target, clients, count, 10);

    mizan.toggleProfile?.();
    const connected = [await clients.connect(mizan.label, mizan.url, count, mizan.postId)];
    mizan.toggleProfile?.();
    connected.push(await clients.connect(bare.label, bare.url, count, bare.postId));
    await sleep(2000); // presence announcements (coalesced to one a second) go out

    // Idle CPU with the clients connected (heartbeats), over a round's planned length, as rates to subtract.
    const idleMs = replies * intervalMs + 1000;
    const idle0 = both.map((t) => cpuSeconds(t.pid));
    await sleep(idleMs);
    const idlePerMs = both.map((t, i) => (cpuSeconds(t.pid) - idle0[i]!) / idleMs);

    const pairs: Round[][] = [];
    const ours = [mizan.pid, bare.pid, clients.pid];
    for (let r = 1; r <= rounds; r++) {
      mizan.toggleProfile?.();
      const m = await replyRound(mizan, clients, connected[0]!.connected, idlePerMs[0]!, ours, `n${count}r${r}`);
      mizan.toggleProfile?.();
      pairs.push([m, await replyRound(bare, clients, connected[1]!.connected, idlePerMs[1]!, ours, `n${count}r${r}`)]);
    }
    const [m, b] = leastDisturbed(pairs, (pair) => pair[0]!.otherCores + pair[1]!.otherCores);
    // Memory with the clients still connected, after the rounds so that its forced GCs disturb none of them.
    const after = await Promise.all(both.map(readMemory));
    for (const target of both) await clients.disconnect(target.label);
    return {
      mizan: figures(count, m!, before[0]!, after[0]!, connected[0]!),
      bare: figures(count, b!, before[1]!, after[1]!, connected[1]!),
      bytes,
    };
  } finally {
    await mizan.stop();
    await bare?.stop();
  }
}

/** The least disturbed of some rounds: the one (or pair) during which other processes used the least CPU. */
const leastDisturbed = <T>(candidates: T[], otherCores: (candidate: T) => number): T =>
  candidates.reduce((best, candidate) => (otherCores(candidate) < otherCores(best) ? candidate : best));

/**
 * A moderator's hide beside a reply, to `count` readers of one fresh Mizan: a round of replies and a round of
 * hides in turn, `rounds` times; the least disturbed pair is kept.
 */
async function hideBesideReply(clients: Clients, count: number): Promise<{ reply: Round; hide: Round }> {
  const warmHides = 10;
  const mizan = await startMizan({ hideable: rounds * replies + warmHides });
  try {
    const hiding: Target = { ...mizan, send: mizan.hide! };
    await warm(mizan, clients, count, 20);
    await warm(hiding, clients, count, warmHides);
    const { connected } = await clients.connect(mizan.label, mizan.url, count, mizan.postId);
    await sleep(2000); // presence announcements go out
    const ours = [mizan.pid, clients.pid];
    const pairs: { reply: Round; hide: Round }[] = [];
    for (let r = 1; r <= rounds; r++) {
      const reply = await replyRound(mizan, clients, connected, 0, ours, `h${count}r${r}`);
      pairs.push({ reply, hide: await replyRound(hiding, clients, connected, 0, ours, `h${count}r${r}`) });
    }
    await clients.disconnect(mizan.label);
    return leastDisturbed(pairs, (pair) => pair.reply.otherCores + pair.hide.otherCores);
  } finally {
    await mizan.stop();
  }
}

/** One kind of broadcast's latencies, from the commit and from the request. */
function latencies(round: Round): string {
  const { commit, request } = round.result.from;
  const missing = round.result.missing ? `, ${round.result.missing} deliveries missing` : "";
  return (
    `from the commit p50 ${ms(percentile(commit!.latencies, 50))}, p99 ${ms(percentile(commit!.latencies, 99))}, last delivery max ${ms(percentile(commit!.lastDelivery, 100))}; ` +
    `from the request p50 ${ms(percentile(request!.latencies, 50))}, p99 ${ms(percentile(request!.latencies, 99))}; response p50 ${ms(round.requestP50)}${missing}`
  );
}

function print(label: string, f: Figures) {
  const perSocket = Number.isFinite(f.kbPerSocket) ? `${f.kbPerSocket.toFixed(1)} KB/socket by RSS, ${f.heapKbPerSocket.toFixed(1)} KB by V8 heap+external; ` : "";
  console.log(
    `  ${label.padEnd(6)} from the commit p50 ${ms(f.p50)}, p99 ${ms(f.p99)}, last delivery p50 ${ms(f.lastP50)} max ${ms(f.lastMax)}; ` +
      `from the request p50 ${ms(f.sentP50)}, p99 ${ms(f.sentP99)}; response p50 ${ms(f.requestP50)}`,
  );
  console.log(
    `  ${"".padEnd(6)} server CPU ${f.cpuMs.toFixed(2)} ms/broadcast; client process CPU ${f.clientCpuMs.toFixed(1)} ms/broadcast, GC pauses ${f.clientGcMs.toFixed(0)} ms in all`,
  );
  console.log(
    `  ${"".padEnd(6)} ${perSocket}RSS ${f.rssMb.toFixed(0)} MB (${f.rssAfterGcMb.toFixed(0)} MB after GC, heap+external ` +
      `${f.heapMb.toFixed(0)} MB); other load ${f.otherCores.toFixed(2)} cores; ${f.notes}`,
  );
}

buildIfStale();
process.env.TEST_DATABASE_URL ??= defaultPostgresUrl;
if (!(await isListening("127.0.0.1", 5432))) {
  console.log("PostgreSQL is not running on 127.0.0.1:5432; the fan-out benchmark needs it.");
  process.exit(0);
}
if (profileDir) mkdirSync(profileDir, { recursive: true });
// Two groups of clients at once (Mizan's and the bare server's), one file descriptor each, and a margin.
const clients = await startClients(2 * Math.max(...counts) + 1000);
const { soft, hard, used } = clients.fileLimit;
console.log(
  `${rounds} × ${replies} broadcasts ${intervalMs} ms apart per server, to ${counts.join(", ")} clients. Open files: soft ${soft}, ` +
    `hard ${hard}; the client process runs with ${used}${used < 2 * Math.max(...counts) + 100 ? " — TOO LOW for all clients, raise ulimit -n" : ""}. ` +
    `Clock offset to the client process ${clients.clockOffsetMs.toFixed(3)} ms.` +
    (process.env.BENCH_SERVER_NODE_OPTIONS ? ` Mizan's server runs with ${process.env.BENCH_SERVER_NODE_OPTIONS}.` : "") +
    (profileDir ? ` CPU profiles of Mizan's connect and reply phases go to ${profileDir} (CPU figures include the profiler).` : ""),
);
const results = new Map<number, Awaited<ReturnType<typeof compare>>>();
try {
  for (const count of counts) {
    const result = await compare(clients, count);
    results.set(count, result);
    console.log(`${count} clients, event of ${result.bytes} bytes:`);
    print("Mizan", result.mizan);
    print("bare", result.bare);
    if (!count) continue;
    const r = (x: number, y: number) => `${(x / y).toFixed(2)}×`;
    const { mizan: m, bare: b } = result;
    console.log(
      `  Mizan/bare: p50 ${r(m.p50, b.p50)}, p99 ${r(m.p99, b.p99)} (from the request ${r(m.sentP99, b.sentP99)}), last delivery ${r(m.lastMax, b.lastMax)}, ` +
        `CPU/broadcast ${r(m.cpuMs, b.cpuMs)}, memory/socket ${r(m.heapKbPerSocket, b.heapKbPerSocket)} (heap), RSS ${r(m.rssMb, b.rssMb)}`,
    );
  }
  if (hideReaders > 0) {
    const { reply, hide } = await hideBesideReply(clients, hideReaders);
    const p99 = (round: Round) => percentile(round.result.from.commit!.latencies, 99);
    console.log(`A moderator's hide beside a reply, ${hideReaders} readers on Mizan (other load ${((reply.otherCores + hide.otherCores) / 2).toFixed(2)} cores):`);
    console.log(`  reply  ${latencies(reply)}`);
    console.log(`  hide   ${latencies(hide)}`);
    console.log(`  hide/reply: p99 from the commit ${(p99(hide) / p99(reply)).toFixed(2)}× (target: a hide reaches readers as fast as a reply)`);
  }
} finally {
  await clients.stop();
}
const at = (n: number) => results.get(n)?.mizan;
const verdict = (ok: boolean | undefined) => (ok === undefined ? "not measured" : ok ? "met" : "NOT met");
const within = (n: number, limit: number) => {
  const f = at(n);
  return f && `${verdict(f.p99 <= limit)} (${ms(f.p99)}; from the request ${ms(f.sentP99)}, ${verdict(f.sentP99 <= limit)})`;
};
console.log(
  `Targets for Mizan, latency from the commit: p99 ≤ ${targets.p99At1000} ms at 1,000: ${within(1000, targets.p99At1000) ?? "not measured"}; ` +
    `p99 ≤ ${targets.p99At5000} ms at 5,000: ${within(5000, targets.p99At5000) ?? "not measured"}; ` +
    `≤ ${targets.kbPerSocket} KB/socket at 1,000: by RSS ${at(1000) && at(1000)!.kbPerSocket < 0 ? "inconclusive (RSS fell)" : verdict(at(1000) && at(1000)!.kbPerSocket <= targets.kbPerSocket)}, ` +
    `by heap ${verdict(at(1000) && at(1000)!.heapKbPerSocket <= targets.kbPerSocket)}; ` +
    `RSS ≤ ${targets.rssMbAt5000} MB at 5,000: ${verdict(at(5000) && at(5000)!.rssMb <= targets.rssMbAt5000)}`,
);
