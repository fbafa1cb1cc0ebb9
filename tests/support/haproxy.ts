import { spawn } from "node:child_process";
import path from "node:path";
import { isListening } from "./services";

export type Balancer = { url: string; logs: () => string; stop: () => Promise<void> };

/** Runs Debian's HAProxy in the foreground with the project's configuration (ops/haproxy.cfg) in front of two nodes. */
export async function startHaproxy(port: number, nodeA: number, nodeB: number): Promise<Balancer> {
  const child = spawn("haproxy", ["-db", "-f", path.join(process.cwd(), "ops", "haproxy.cfg")], {
    env: { ...process.env, MIZAN_LB_BIND: `127.0.0.1:${port}`, MIZAN_NODE_A: `127.0.0.1:${nodeA}`, MIZAN_NODE_B: `127.0.0.1:${nodeB}` },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  for (const stream of [child.stdout, child.stderr]) stream.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const started = Date.now();
  while (!(await isListening("127.0.0.1", port))) {
    if (child.exitCode !== null || Date.now() - started > 10_000) throw new Error(`HAProxy did not start:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    url: `http://127.0.0.1:${port}`,
    logs: () => output,
    stop: async () => {
      if (child.exitCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
}
