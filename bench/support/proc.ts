import { existsSync, readdirSync, readFileSync } from "node:fs";

/**
 * Linux /proc readers for a process the benchmark started. tests/support/server.ts does not expose the server's
 * pid, so it is found as our own child whose command line names its script.
 */

const clockTicksPerSecond = 100; // USER_HZ: 100 on every mainstream Linux build (`getconf CLK_TCK`)

/** The pid of a direct child of this process whose command line contains `script`, or throws. */
export function findChildPid(script: string): number {
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const ppid = Number(statFields(Number(entry))[1]);
      if (ppid !== process.pid) continue;
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, "utf8").split("\0");
      if (cmdline.some((arg) => arg.endsWith(script))) return Number(entry);
    } catch {
      // the process ended while we looked
    }
  }
  throw new Error(`no child process of ${process.pid} runs ${script}`);
}

/** /proc/<pid>/stat fields after the command name (which may contain spaces), numbered from state = 0. */
function statFields(pid: number): string[] {
  if (!existsSync(`/proc/${pid}/stat`)) throw new Error(`process ${pid} is gone (it died, or something else stopped it)`);
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  return stat.slice(stat.lastIndexOf(")") + 2).split(" ");
}

/** User + system CPU time the process has used so far, in seconds (10 ms resolution). */
export function cpuSeconds(pid: number): number {
  const fields = statFields(pid);
  // utime and stime are fields 14 and 15 of stat(5); state is field 3, so they sit at 11 and 12 here.
  return (Number(fields[11]) + Number(fields[12])) / clockTicksPerSecond;
}

/** Resident set size in bytes (VmRSS). */
export function rssBytes(pid: number): number {
  const match = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  if (!match) throw new Error(`no VmRSS for ${pid}`);
  return Number(match[1]) * 1024;
}

/** CPU seconds spent by the whole machine (all processes, all cores) so far, from /proc/stat. */
export function machineBusySeconds(): number {
  const [, user, nice, system, , , irq, softirq, steal] = readFileSync("/proc/stat", "utf8").split("\n")[0]!.trim().split(/\s+/).map(Number);
  return (user! + nice! + system! + irq! + softirq! + steal!) / clockTicksPerSecond;
}
