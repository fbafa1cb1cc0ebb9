/**
 * Preloaded into a server under benchmark with NODE_OPTIONS="--import <this file>" (Node 20 refuses --cpu-prof
 * and --expose-gc there, and tests/support/server.ts fixes the server's own flags), so the benchmark can steer
 * V8 from outside through signals:
 * - SIGWINCH (which a server without a terminal never gets otherwise): a full garbage collection, so that RSS
 *   read afterwards shows memory retained, not garbage that happens not to be collected yet; then
 *   process.memoryUsage() is written to $MIZAN_BENCH_MEMORY_FILE (where the memory is: V8 heap or outside it),
 *   which also tells the benchmark that the collection is over;
 * - with MIZAN_BENCH_PUBLISHED_FILE set, each reply or hide event the server publishes (the "mizan:events-published"
 *   diagnostics channel) is appended to that file as a line "<event key> <ms since the epoch publishing began>"
 *   (the key: event-key.mjs);
 * - SIGUSR2, when MIZAN_CPU_PROFILE_DIR is set: toggles the sampling profiler; on stop, the profile is written to
 *   $MIZAN_CPU_PROFILE_DIR/<pid>-<n>.cpuprofile (Chrome DevTools or speedscope open it), so that one phase of a
 *   benchmark can be profiled on its own.
 */
import { subscribe } from "node:diagnostics_channel";
import { appendFileSync, writeFileSync } from "node:fs";
import { Session } from "node:inspector";
import { isMainThread } from "node:worker_threads";
import { measuredEventKey } from "./event-key.mjs";

if (isMainThread) {
  const session = new Session();
  session.connect();
  const publishedFile = process.env.MIZAN_BENCH_PUBLISHED_FILE;
  if (publishedFile) {
    subscribe("mizan:events-published", ({ events, at }) => {
      const lines = events.flatMap((event) => {
        const key = measuredEventKey(event);
        return key ? [`${key} ${at}\n`] : [];
      });
      if (lines.length) appendFileSync(publishedFile, lines.join(""));
    });
  }
  const dir = process.env.MIZAN_CPU_PROFILE_DIR;
  let running = false;
  let n = 0;
  process.on("SIGWINCH", () => {
    // Several full collections: V8 flushes the bytecode of functions unused for a few GCs, and a server that has
    // loaded a lot of code at start (Next.js) would otherwise shed it between two readings, masking what sockets
    // add. Synchronous on the main thread's own session.
    for (let i = 0; i < 8; i++) session.post("HeapProfiler.collectGarbage");
    const file = process.env.MIZAN_BENCH_MEMORY_FILE;
    if (file) writeFileSync(file, JSON.stringify(process.memoryUsage()));
  });
  if (dir) {
    process.on("SIGUSR2", () => {
      if (!running) {
        session.post("Profiler.enable");
        session.post("Profiler.setSamplingInterval", { interval: 200 }); // µs: fine enough for ~1 ms handlers
        session.post("Profiler.start");
      } else {
        session.post("Profiler.stop", (error, result) => {
          if (!error) writeFileSync(`${dir}/${process.pid}-${++n}.cpuprofile`, JSON.stringify(result.profile));
        });
      }
      running = !running;
    });
  }
}
