import { rmSync } from "node:fs";
import net from "node:net";
import type { PGlite } from "@electric-sql/pglite";
import { socketPathFor } from "./data-dir-lock";

/**
 * The owner of a PGlite data directory (the server, or a script that opened it) answers backup requests on this
 * Unix socket in the directory: only it may read the database files, and only who may read the directory may ask.
 */
const socketName = "backup.sock";

/**
 * A consistent dump of a PGlite database (PGlite's own gzip tar of its data directory): taken inside an empty
 * transaction of its own, which holds PGlite's transaction lock, so no other transaction is half in it; after a
 * checkpoint, so the dump needs no recovery when it is opened.
 */
async function dumpPglite(client: PGlite): Promise<Buffer> {
  const blob = await client.transaction(async (tx) => {
    await tx.exec("checkpoint");
    return client.dumpDataDir("gzip");
  });
  return Buffer.from(await blob.arrayBuffer());
}

/** Serves dumps of `client` on the data directory's backup socket until the returned stop is called. */
export async function serveBackups(dataDir: string, client: PGlite): Promise<() => Promise<void>> {
  const socketPath = socketPathFor(dataDir, socketName);
  // This process owns the directory (its lock is held): a socket file left here is a dead owner's.
  rmSync(socketPath, { force: true });
  const server = net.createServer((socket) => {
    socket.on("error", () => {});
    dumpPglite(client).then(
      (dump) => {
        const length = Buffer.alloc(8);
        length.writeBigUInt64BE(BigInt(dump.length));
        socket.end(Buffer.concat([length, dump]));
      },
      () => socket.destroy(),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(socketPath, resolve);
  });
  server.unref();
  return () => new Promise<void>((resolve) => server.close(() => resolve()));
}

/**
 * Asks the owner of a data directory for a dump: the dump, or null when no process owns the directory (nobody
 * listens). Throws when the owner answers with less than it announced.
 */
export function requestBackup(dataDir: string): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(socketPathFor(dataDir, socketName));
    const chunks: Buffer[] = [];
    let connected = false;
    socket.on("connect", () => (connected = true));
    socket.on("data", (chunk: Buffer) => chunks.push(chunk));
    socket.on("end", () => {
      const answer = Buffer.concat(chunks);
      const announced = answer.length >= 8 ? Number(answer.readBigUInt64BE(0)) : -1;
      if (announced !== answer.length - 8) reject(new Error("The server holding the data directory could not make a dump; see its log."));
      else resolve(answer.subarray(8));
    });
    socket.on("error", (error: NodeJS.ErrnoException) => {
      if (!connected && (error.code === "ENOENT" || error.code === "ECONNREFUSED")) resolve(null);
      else reject(error);
    });
  });
}
