import { randomBytes } from "node:crypto";
import { mkdirSync, rmSync } from "node:fs";
import net from "node:net";
import path from "node:path";

export class DataDirLocked extends Error {}

/** What the owner's socket answers: its pid, and a nonce that tells the owner its own socket from a newer one. */
type Identity = { pid: number; nonce: string };

const deadOwnerCodes = new Set(["ECONNREFUSED", "ENOENT", "ECONNRESET"]);
const answerTimeoutMs = 2_000;
/** How long a new owner waits before checking that nobody replaced its socket in the same instant. */
const settleMs = 50;

/**
 * A socket file's path in the data directory as bind() gets it: Unix socket paths are limited to 107 bytes, so
 * a long absolute data directory is reached relative to the working directory when that is shorter.
 */
export function socketPathFor(dataDir: string, name = "mizan.sock"): string {
  // A path chosen at run time, not a file of the project: the bundler must not trace the whole tree for it.
  const absolute = path.join(/*turbopackIgnore: true*/ path.resolve(dataDir), name);
  const relative = path.relative(process.cwd(), absolute);
  const chosen = relative.length < absolute.length ? `./${relative}` : absolute;
  if (Buffer.byteLength(chosen) > 107) {
    throw new Error(`The data directory path ${path.resolve(dataDir)} is too long for its sockets; use a shorter MIZAN_DATA_DIR.`);
  }
  return chosen;
}

/** Asks whoever listens on the socket who it is: null when nobody does (refused or gone: the owner is dead). */
function askOwner(socketPath: string): Promise<Identity | "silent" | null> {
  return new Promise((resolve) => {
    const socket = net.connect(socketPath);
    let answer = "";
    const timer = setTimeout(() => finish("silent"), answerTimeoutMs);
    const finish = (result: Identity | "silent" | null) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(result);
    };
    socket.setEncoding("utf8");
    socket.on("data", (chunk: string) => (answer += chunk));
    socket.on("end", () => {
      try {
        const parsed = JSON.parse(answer) as Identity;
        finish(Number.isInteger(parsed.pid) ? parsed : "silent");
      } catch {
        finish("silent");
      }
    });
    socket.on("error", (error: NodeJS.ErrnoException) => {
      // Refused, missing, or reset while the kernel tears the dying owner's socket down: the owner is dead.
      finish(deadOwnerCodes.has(error.code ?? "") ? null : "silent");
    });
  });
}

function listen(server: net.Server, socketPath: string): Promise<"listening" | "in use"> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      server.off("listening", onListening);
      if (error.code === "EADDRINUSE") resolve("in use");
      else reject(error);
    };
    const onListening = () => {
      server.off("error", onError);
      resolve("listening");
    };
    server.once("error", onError);
    server.once("listening", onListening);
    server.listen(socketPath);
  });
}

function refusal(dataDir: string, owner: Identity | "silent"): DataDirLocked {
  const who = owner === "silent" ? "another process" : `process ${owner.pid}`;
  return new DataDirLocked(
    `The data directory ${path.resolve(dataDir)} is in use by ${who}. ` +
      `Stop that process or set MIZAN_DATA_DIR to another directory.`,
  );
}

/**
 * One process owns an embedded data directory: PGlite corrupts data when two processes open it. The owner
 * listens on a Unix socket in the directory, so ownership ends when the kernel closes the owner's descriptors,
 * whatever its parent does (a zombie holds none) and whoever later gets its pid. A socket that refuses
 * connections is a dead owner's and is taken over; one that answers names the live owner, and the directory
 * is refused. Two processes taking over one stale socket at the same instant are told apart afterwards: each
 * asks the socket who answers, and the one that is not answered by itself backs off.
 */
export async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
  mkdirSync(dataDir, { recursive: true });
  const socketPath = socketPathFor(dataDir);
  const identity: Identity = { pid: process.pid, nonce: randomBytes(12).toString("hex") };
  for (let attempt = 0; attempt < 3; attempt++) {
    const server = net.createServer((socket) => socket.end(JSON.stringify(identity)));
    if ((await listen(server, socketPath)) === "in use") {
      const owner = await askOwner(socketPath);
      if (owner) throw refusal(dataDir, owner);
      rmSync(socketPath, { force: true });
      continue;
    }
    server.unref();
    await new Promise((resolve) => setTimeout(resolve, settleMs));
    const answering = await askOwner(socketPath);
    if (answering !== null && answering !== "silent" && answering.nonce === identity.nonce) {
      return () => new Promise<void>((resolve) => server.close(() => resolve()));
    }
    // Another process replaced the socket file in the same instant: it owns the directory now. Closing the
    // server would unlink that process's file, so this one is left listening on its orphaned socket.
    if (answering) throw refusal(dataDir, answering);
  }
  throw new DataDirLocked(`Could not lock the data directory ${path.resolve(dataDir)}.`);
}
