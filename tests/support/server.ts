import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { serverEntry, serverNodeFlags } from "@/scripts/build-if-stale.mjs";
import { createTestDatabase } from "./test-database";

export type RunningServer = {
  url: string;
  /** The server's own pid (not the shell's when it runs unreaped). */
  pid: number;
  dataDir: string;
  logs: () => string;
  /** Sends the signal and resolves with the exit code. */
  stop: (signal?: NodeJS.Signals) => Promise<number | null>;
  /** Ends the shell of an unreaped server (its `sleep`), which lets the zombie go; the database is dropped too. */
  reap: () => Promise<void>;
};

export type ServerOptions = {
  env?: Record<string, string>;
  dataDir?: string;
  databaseUrl?: string | null;
  /** Started by a shell that then becomes `sleep`: once killed, the server stays an unreaped zombie. */
  unreaped?: boolean;
};

/** Spawns a child running the bundled server (as `npm start` does) and resolves when it exits, with its code and output. */
export function runServer(
  env: Record<string, string>,
  unreaped = false,
): { child: ChildProcess; output: () => string; exited: Promise<number | null>; serverPid: Promise<number> } {
  const command = [process.execPath, ...serverNodeFlags, serverEntry];
  const [file, args] = unreaped
    ? ["sh", ["-c", `"$0" "$@" & echo "server pid $!"; exec sleep 3600`, ...command]]
    : [command[0]!, command.slice(1)];
  const child = spawn(file, args, {
    cwd: process.cwd(),
    env: { ...process.env, NODE_ENV: "production", PORT: "0", HOSTNAME: "127.0.0.1", NEXT_TELEMETRY_DISABLED: "1", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const serverPid = unreaped
    ? new Promise<number>((resolve) => {
        const find = () => {
          const match = /server pid (\d+)/.exec(output);
          if (match) {
            child.stdout!.off("data", find);
            resolve(Number(match[1]));
          }
        };
        child.stdout!.on("data", find);
      })
    : Promise.resolve(child.pid!);
  return { child, output: () => output, exited, serverPid };
}

/**
 * Starts the production server on a free port with its own data directory, and on its own fresh PostgreSQL
 * database when TEST_DATABASE_URL is set (unless databaseUrl says otherwise).
 */
export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const dataDir = options.dataDir ?? mkdtempSync(path.join(tmpdir(), "mizan-e2e-"));
  let dropDatabase = async () => {};
  const env: Record<string, string> = { MIZAN_DATA_DIR: dataDir, ...options.env };
  if (options.databaseUrl) env.DATABASE_URL = options.databaseUrl;
  else if (options.databaseUrl === undefined && process.env.TEST_DATABASE_URL) {
    const created = await createTestDatabase();
    if ("url" in created.target) env.DATABASE_URL = created.target.url;
    dropDatabase = created.drop;
  }
  const { child, output, exited, serverPid } = runServer(env, options.unreaped);
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL"); // never leave a half-started server holding its port
      reject(new Error(`server did not start:\n${output()}`));
    }, 60_000);
    const check = () => {
      const match = /"port":(\d+)[^\n]*Mizan is listening/.exec(output());
      if (match) {
        clearTimeout(timer);
        child.stdout!.off("data", check);
        resolve(Number(match[1]));
      }
    };
    child.stdout!.on("data", check);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before listening:\n${output()}`));
    });
  });
  const pid = await serverPid;
  return {
    url: `http://127.0.0.1:${port}`,
    pid,
    dataDir,
    logs: output,
    stop: async (signal = "SIGTERM") => {
      if (options.unreaped) {
        // The shell's `sleep` never reaps the server: it stays a zombie until reap().
        process.kill(pid, signal);
        while (!/\) Z/.test(readFileSync(`/proc/${pid}/stat`, "utf8"))) await new Promise((resolve) => setTimeout(resolve, 10));
        return null;
      }
      if (child.exitCode === null) child.kill(signal);
      const code = await exited;
      await dropDatabase();
      return code;
    },
    reap: async () => {
      if (child.exitCode === null) child.kill("SIGKILL");
      await exited;
      await dropDatabase();
    },
  };
}
