import { processSlot } from "@/lib/process-slot";

/** Where this node is in its life: a balancer sends it requests only while it is "serving". */
export type Phase = "starting" | "serving" | "draining";

const phase = processSlot<Phase>("phase");
const dependencies = processSlot<Map<string, () => boolean>>("readinessDependencies");

export function setPhase(next: Phase): void {
  phase.set(next);
}

export function currentPhase(): Phase {
  return phase.get() ?? "starting";
}

/** A service besides the database the node cannot serve without (Redis when configured): asked on every readiness check. */
export function registerDependency(name: string, isReachable: () => boolean): void {
  dependencies.getOrCreate(() => new Map()).set(name, isReachable);
}

/** The names of registered dependencies that are unreachable now. */
export function unreachableDependencies(): string[] {
  return [...(dependencies.get() ?? [])].filter(([, isReachable]) => !isReachable()).map(([name]) => name);
}
