import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

/**
 * The parent side of fanout-clients.ts (the socket.io client process) and the starter of bare-socketio.ts.
 * Both are separate processes so that each side's CPU and memory are its own.
 */

/** Delivery latencies from one origin, sorted: every (event, client) delivery, and each event's last. */
type Latencies = { latencies: number[]; lastDelivery: number[] };
export type ClientResults = { from: Record<string, Latencies>; missing: number; unexpectedDisconnects: number; gcPauseMs: number };

/** The shell's soft and hard limits on open files, which child processes inherit. */
export function fileLimits(): { soft: number; hard: number } {
  const [soft, hard] = execFileSync("sh", ["-c", "ulimit -Sn; ulimit -Hn"], { encoding: "utf8" }).trim().split("\n");
  const parse = (v: string | undefined) => (v === "unlimited" ? Infinity : Number(v));
  return { soft: parse(soft), hard: parse(hard) };
}

/** Starts the client process with its open-file limit raised to `fileDescriptors` (up to the hard limit). */
export async function startClients(fileDescriptors: number) {
  const { soft, hard } = fileLimits();
  const limit = Math.min(hard, Math.max(soft, fileDescriptors));
  // `ulimit -n` in a shell that then execs node: Node cannot raise its own limit, and exec keeps the IPC channel.
  // A young generation big enough for a whole broadcast's garbage (5,000 frames, strings and decoded events):
  // with V8's default (16 MB semi-spaces) much of it was promoted, and the old generation's collection every few
  // seconds, about 100 ms of marking on the main thread, delayed whole broadcasts in the measuring process
  // itself, for the bare server as much as for Mizan. The clients' GC pauses are printed with each round.
  const node = [process.execPath, "--max-semi-space-size=64", "--import", "tsx", "bench/support/fanout-clients.ts"];
  const child = spawn("sh", ["-c", `ulimit -n ${limit} && exec "$0" "$@"`, ...node], {
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  let nextId = 0;
  const waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  child.on("message", (message: { id: number; result?: unknown; error?: string }) => {
    const pending = waiting.get(message.id);
    waiting.delete(message.id);
    if (message.error) pending?.reject(new Error(message.error));
    else pending?.resolve(message.result);
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  void exited.then(() => {
    for (const pending of waiting.values()) pending.reject(new Error("client process exited"));
  });

  function request<T>(command: Record<string, unknown>, timeoutMs = 120_000): Promise<T> {
    const id = nextId++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`client process: ${String(command.cmd)} timed out`)), timeoutMs);
      waiting.set(id, {
        resolve: (v) => (clearTimeout(timer), resolve(v as T)),
        reject: (e) => (clearTimeout(timer), reject(e)),
      });
      child.send({ id, ...command });
    });
  }

  // Both processes read the same wall clock, but estimate any offset anyway (NTP style, the sample with the
  // shortest round trip wins) so that cross-process latencies are exact to a fraction of a millisecond.
  let offset = 0; // child clock − our clock
  let bestRoundTrip = Infinity;
  for (let i = 0; i < 20; i++) {
    const t0 = now();
    const { now: theirs } = await request<{ now: number }>({ cmd: "clock" });
    const t1 = now();
    if (t1 - t0 < bestRoundTrip) [bestRoundTrip, offset] = [t1 - t0, theirs - (t0 + t1) / 2];
  }

  return {
    pid: child.pid!,
    fileLimit: { soft, hard, used: limit },
    clockOffsetMs: offset,
    /** Adds `count` clients subscribed to `postId` on `url` to `group` (one group per server). */
    connect: (group: string, url: string, count: number, postId: string) =>
      request<{ connected: number; failed: number; firstError: string | null; ms: number }>(
        { cmd: "connect", group, url, count, postId, concurrency: 50, timeoutMs: 30_000 },
        300_000,
      ),
    /** Marks the start of a round (the clients' GC pauses are counted from here). */
    startRound: () => request({ cmd: "round" }),
    /** Resolves with the number of recorded deliveries once `expected` have arrived or `timeoutMs` has passed. */
    async waitForDeliveries(expected: number, timeoutMs: number): Promise<number> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const { deliveries } = await request<{ deliveries: number }>({ cmd: "deliveries" });
        if (deliveries >= expected || Date.now() > deadline) return deliveries;
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    /**
     * Latencies to each client's receipt from each origin's times (ours, converted into the child's clock): at
     * least `request`, the keys' send times, and any others by the same keys (`commit`).
     */
    results: (group: string, origins: { request: Map<string, number> } & Record<string, Map<string, number>>) =>
      request<ClientResults>({
        cmd: "results",
        group,
        origins: Object.fromEntries(Object.entries(origins).map(([origin, times]) => [origin, Object.fromEntries([...times].map(([k, t]) => [k, t + offset]))])),
      }),
    disconnect: (group: string) => request({ cmd: "disconnect", group }),
    stop: async () => {
      child.disconnect();
      await exited;
    },
  };
}
export type Clients = Awaited<ReturnType<typeof startClients>>;

export const now = () => performance.timeOrigin + performance.now();

/** Where a server under benchmark reports: memoryUsage() after a forced GC, and when it published each reply. */
export type ReportFiles = { memory: string; published: string };

/** Fresh file names for a server's reports. */
export function reportFiles(label: string): ReportFiles {
  const base = path.join(tmpdir(), `mizan-bench-${label}-${process.pid}-${Date.now()}`);
  return { memory: `${base}.json`, published: `${base}.published` };
}

/**
 * Environment that preloads inspect-preload.mjs into a server: forced GC on SIGWINCH, with memoryUsage() then
 * written to `files.memory`; each reply's publishing time appended to `files.published`; CPU profile toggled by
 * SIGUSR2 when `profileDir` is given.
 */
export function preloadEnv(files: ReportFiles, profileDir?: string): Record<string, string> {
  const env = {
    NODE_OPTIONS: `--import ${new URL("./inspect-preload.mjs", import.meta.url).pathname}`,
    MIZAN_BENCH_MEMORY_FILE: files.memory,
    MIZAN_BENCH_PUBLISHED_FILE: files.published,
  };
  return profileDir ? { ...env, MIZAN_CPU_PROFILE_DIR: profileDir } : env;
}

/**
 * When the server began publishing each reply (its commit, on Mizan), by reply id, from its report file. The
 * server reads the same system clock as this process (no offset is estimated, unlike the client process's).
 */
export function readPublished(files: ReportFiles): Map<string, number> {
  if (!existsSync(files.published)) return new Map();
  return new Map(
    readFileSync(files.published, "utf8")
      .split("\n")
      .filter(Boolean)
      .map((line) => {
        const [id, at] = line.split(" ");
        return [id!, Number(at)] as const;
      }),
  );
}

/** Removes a server's report files. */
export function removeReports(files: ReportFiles): void {
  for (const file of Object.values(files)) rmSync(file, { force: true });
}

/** Starts bench/support/bare-socketio.ts and resolves once it listens. */
export async function startBare(files: ReportFiles): Promise<{ url: string; pid: number; stop: () => Promise<void> }> {
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "bench/support/bare-socketio.ts"], {
    env: { ...process.env, NODE_ENV: "production", ...preloadEnv(files) },
    stdio: ["ignore", "pipe", "inherit"],
  });
  let stopping = false;
  const exited = new Promise<void>((resolve) =>
    child.once("exit", (code, signal) => {
      if (!stopping) console.log(`bare socket.io server ${child.pid} died: exit ${code}, signal ${signal}`);
      resolve();
    }),
  );
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("bare socket.io server did not start")), 30_000);
    let output = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const match = /"port":(\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
    void exited.then(() => reject(new Error("bare socket.io server exited")));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid!,
    stop: async () => {
      stopping = true;
      child.kill("SIGTERM");
      await exited;
    },
  };
}
