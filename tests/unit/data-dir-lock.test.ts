import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { DataDirLocked, lockDataDir } from "@/db/data-dir-lock";

const freshDir = () => mkdtempSync(path.join(tmpdir(), "mizan-lock-"));
// Node itself with the tsx loader (the tsx CLI would add a parent process of its own).
const tsx = `${process.execPath} --import tsx`;
const holder = path.resolve("tests/support/hold-data-dir.ts");
const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

/** The state letter in /proc/<pid>/stat: R, S, Z (zombie) …; null once the pid is gone. */
function processState(pid: number): string | null {
  try {
    return /\) (\S)/.exec(readFileSync(`/proc/${pid}/stat`, "utf8"))![1]!;
  } catch {
    return null;
  }
}

/** Runs `command` in a shell and resolves with the pid the holder prints once it owns `dir`. */
function startHolder(command: string): Promise<{ holderPid: number; shellPid: number }> {
  const shell = spawn("sh", ["-c", command], { stdio: ["ignore", "pipe", "inherit"] });
  cleanups.push(() => shell.kill("SIGKILL"));
  return new Promise((resolve, reject) => {
    let output = "";
    shell.stdout!.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const match = /locked (\d+)/.exec(output);
      if (match) resolve({ holderPid: Number(match[1]), shellPid: shell.pid! });
    });
    shell.once("exit", (code) => reject(new Error(`holder exited with ${code}: ${output}`)));
  });
}

async function killAndWait(pid: number, gone: (state: string | null) => boolean): Promise<void> {
  process.kill(pid, "SIGKILL");
  for (let i = 0; i < 200 && !gone(processState(pid)); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(gone(processState(pid))).toBe(true);
}

describe("lockDataDir", () => {
  it("holds the directory while it lives, refuses a second owner, and lets go on release", async () => {
    const dir = freshDir();
    const release = await lockDataDir(dir);
    expect(existsSync(path.join(dir, "mizan.sock"))).toBe(true);
    await expect(lockDataDir(dir)).rejects.toThrow(new RegExp(`is in use by process ${process.pid}\\.`));
    await release();
    expect(existsSync(path.join(dir, "mizan.sock"))).toBe(false);
    await (await lockDataDir(dir))();
  });

  it("refuses a directory another live process holds", async () => {
    const dir = freshDir();
    const { holderPid } = await startHolder(`exec ${tsx} ${holder} ${dir}`);
    const refused = lockDataDir(dir);
    await expect(refused).rejects.toBeInstanceOf(DataDirLocked);
    await expect(refused).rejects.toThrow(`is in use by process ${holderPid}.`);
  });

  it("takes over from an owner killed and left unreaped as a zombie", async () => {
    const dir = freshDir();
    // The shell starts the holder, then becomes `sleep`, which never reaps its child.
    const { holderPid } = await startHolder(`${tsx} ${holder} ${dir} & exec sleep 60`);
    await killAndWait(holderPid, (state) => state === "Z");
    expect(existsSync(path.join(dir, "mizan.sock"))).toBe(true);
    await (await lockDataDir(dir))();
  });

  it("takes over a lock left behind when the dead owner's pid now names a live, unrelated process", async () => {
    const dir = freshDir();
    const { holderPid } = await startHolder(`exec ${tsx} ${holder} ${dir}`);
    await killAndWait(holderPid, (state) => state === null);
    // What an older Mizan left and what a reused pid looks like: a pid file naming a live process.
    writeFileSync(path.join(dir, "mizan.lock"), String(process.pid));
    await (await lockDataDir(dir))();
  });

  it("lets exactly one of two processes racing for a stale lock win", async () => {
    const dir = freshDir();
    const { holderPid } = await startHolder(`exec ${tsx} ${holder} ${dir}`);
    await killAndWait(holderPid, (state) => state === null);
    const results = await Promise.allSettled([lockDataDir(dir), lockDataDir(dir)]);
    const won = results.filter((result) => result.status === "fulfilled");
    expect(won).toHaveLength(1);
    expect(results.find((result) => result.status === "rejected")!.reason).toBeInstanceOf(DataDirLocked);
    await won[0]!.value();
  });
});

