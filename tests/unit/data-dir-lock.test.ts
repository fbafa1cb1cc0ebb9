import { mkdtempSync, readFileSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { DataDirLocked, lockDataDir } from "@/db/data-dir-lock";

const freshDir = () => mkdtempSync(path.join(tmpdir(), "mizan-lock-"));

describe("lockDataDir", () => {
  it("holds the directory with this process's pid and lets go on release", () => {
    const dir = freshDir();
    const release = lockDataDir(dir);
    expect(readFileSync(path.join(dir, "mizan.lock"), "utf8")).toBe(String(process.pid));
    release();
    expect(existsSync(path.join(dir, "mizan.lock"))).toBe(false);
  });

  it("refuses a directory held by another live process", () => {
    const dir = freshDir();
    writeFileSync(path.join(dir, "mizan.lock"), String(process.ppid));
    expect(() => lockDataDir(dir)).toThrow(DataDirLocked);
    expect(() => lockDataDir(dir)).toThrow(/is in use by process/);
    expect(readFileSync(path.join(dir, "mizan.lock"), "utf8")).toBe(String(process.ppid));
  });

  it("takes over a lock left by a process that is gone", () => {
    const dir = freshDir();
    writeFileSync(path.join(dir, "mizan.lock"), "999999999");
    const release = lockDataDir(dir);
    expect(readFileSync(path.join(dir, "mizan.lock"), "utf8")).toBe(String(process.pid));
    release();
  });
});
