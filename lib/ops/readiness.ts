import { databaseHandle } from "@/db/client";
import { logger } from "@/lib/logger";
import { processSlot } from "@/lib/process-slot";
import { createReachability } from "./reachability";

/** Where this node is in its life: a balancer sends it requests only while it is "serving". */
export type Phase = "starting" | "serving" | "draining";

const phase = processSlot<Phase>("phase");
const dependencies = processSlot<Map<string, () => boolean>>("readinessDependencies");

export function setPhase(next: Phase): void {
  phase.set(next);
}

function currentPhase(): Phase {
  return phase.get() ?? "starting";
}

/** A service besides the database the node cannot serve without (Redis when configured): asked on every readiness check. */
export function registerDependency(name: string, isReachable: () => boolean): void {
  dependencies.getOrCreate(() => new Map()).set(name, isReachable);
}

/** The names of registered dependencies that are unreachable now. */
function unreachableDependencies(): string[] {
  return [...(dependencies.get() ?? [])].filter(([, isReachable]) => !isReachable()).map(([name]) => name);
}

const databaseReachable = createReachability({
  ping: async () => (await databaseHandle()).ping(),
  // HAProxy asks every 250 ms (ops/haproxy.cfg): at most one ping in two checks, none waited on for over a second.
  freshMs: 500,
  patienceMs: 1000,
  hungMs: 10_000,
  onFailure: (error) => logger.warn({ err: error }, "readiness check cannot reach the database"),
});

export type Readiness = { status: "ready" } | { status: "starting" | "draining" } | { status: "unready"; unreachable: string[] };

/** Whether this node should take requests: serving, and its database and dependencies reachable. */
export async function readiness(): Promise<Readiness> {
  const now = currentPhase();
  if (now !== "serving") return { status: now };
  const unreachable = unreachableDependencies();
  if (!(await databaseReachable())) unreachable.unshift("db");
  return unreachable.length > 0 ? { status: "unready", unreachable } : { status: "ready" };
}
