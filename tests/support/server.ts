import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { serverEntry, serverNodeFlags } from "@/scripts/build-if-stale.mjs";
import { createTestDatabase } from "./test-database";

export type RunningServer = {
  url: string;
  dataDir: string;
  logs: () => string;
  /** Sends the signal and resolves with the exit code. */
  stop: (signal?: NodeJS.Signals) => Promise<number | null>;
};

export type ServerOptions = { env?: Record<string, string>; dataDir?: string; databaseUrl?: string | null };

/** Spawns a child running the bundled server (as `npm start` does) and resolves when it exits, with its code and output. */
export function runServer(env: Record<string, string>): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  const child = spawn(process.execPath, [...serverNodeFlags, serverEntry], {
    cwd: process.cwd(),
    env: { ...process.env, NODE_ENV: "production", PORT: "0", HOSTNAME: "127.0.0.1", NEXT_TELEMETRY_DISABLED: "1", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return { child, output: () => output, exited };
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
  const { child, output, exited } = runServer(env);
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output()}`)), 60_000);
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
  return {
    url: `http://127.0.0.1:${port}`,
    dataDir,
    logs: output,
    stop: async (signal = "SIGTERM") => {
      if (child.exitCode === null) child.kill(signal);
      const code = await exited;
      await dropDatabase();
      return code;
    },
  };
}
