import { databaseHandle } from "@/db/client";
import { logger } from "@/lib/logger";
import { processSlot } from "@/lib/process-slot";

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

export type Readiness = { status: "ready" } | { status: "starting" | "draining" } | { status: "unready"; unreachable: string[] };

/** Whether this node should take requests: serving, and its database (pinged now) and dependencies reachable. */
export async function readiness(): Promise<Readiness> {
  const now = currentPhase();
  if (now !== "serving") return { status: now };
  const unreachable = unreachableDependencies();
  try {
    await (await databaseHandle()).ping();
  } catch (error) {
    logger.warn({ err: error }, "readiness check cannot reach the database");
    unreachable.unshift("db");
  }
  return unreachable.length > 0 ? { status: "unready", unreachable } : { status: "ready" };
}
