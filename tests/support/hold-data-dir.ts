// Holds a data directory's lock until killed: `tsx tests/support/hold-data-dir.ts DIR` prints "locked PID" once it owns it.
import { lockDataDir } from "@/db/data-dir-lock";

await lockDataDir(process.argv[2]!);
console.log(`locked ${process.pid}`);
setInterval(() => {}, 60_000);
