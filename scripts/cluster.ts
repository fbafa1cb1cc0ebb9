/**
 * `npm run cluster`: two nodes behind HAProxy on one machine, to try several nodes out. Needs DATABASE_URL,
 * REDIS_URL and Debian's haproxy; the balancer listens on PORT (3000), the nodes on PORT+1 and PORT+2. Kill a
 * node (its pid is printed) and watch readers move to the other. Ctrl-C stops everything.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { buildIfStale, serverEntry, serverNodeFlags } from "./build-if-stale.mjs";

const { DATABASE_URL, REDIS_URL } = process.env;
if (!DATABASE_URL || !REDIS_URL) {
  console.error("usage: DATABASE_URL=postgres://… REDIS_URL=redis://… npm run cluster");
  process.exit(2);
}
const port = Number(process.env.PORT ?? 3000);
const authSecret = process.env.AUTH_SECRET ?? randomBytes(32).toString("hex");
const children: ChildProcess[] = [];

function node(name: string, nodePort: number): ChildProcess {
  const child = spawn(process.execPath, [...serverNodeFlags, serverEntry], {
    env: { ...process.env, NODE_ENV: "production", PORT: String(nodePort), AUTH_SECRET: authSecret, PUBLIC_URL: process.env.PUBLIC_URL ?? `http://localhost:${port}` },
    stdio: "inherit",
  });
  console.log(`node ${name}: pid ${child.pid}, port ${nodePort}`);
  return child;
}

// One build for both nodes (as `npm start` would make it).
buildIfStale();
// The first node migrates the database; the second waits on the same advisory lock, so both can start at once.
children.push(node("a", port + 1), node("b", port + 2));
const balancer = spawn("haproxy", ["-db", "-f", path.join("ops", "haproxy.cfg")], {
  env: { ...process.env, MIZAN_LB_BIND: `0.0.0.0:${port}`, MIZAN_NODE_A: `127.0.0.1:${port + 1}`, MIZAN_NODE_B: `127.0.0.1:${port + 2}` },
  stdio: "inherit",
});
balancer.once("error", () => {
  console.error("haproxy is not installed (Debian: apt-get install -y haproxy)");
  process.exit(1);
});
children.push(balancer);
console.log(`HAProxy on http://localhost:${port} in front of both (ops/haproxy.cfg)`);

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    for (const child of children) child.kill("SIGTERM");
    setTimeout(() => process.exit(0), 500);
  });
}
