import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { clientMessages, clientNamespaces } from "@/lib/i18n/client-messages";
import type { Actor } from "@/lib/auth/actor";

function* sources(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) yield* sources(file);
    else if (/\.tsx?$/.test(name)) yield file;
  }
}

/** Every namespace a `useTranslations` hook reads: named, passed as `namespace="…"`, or as the first part of a full key. */
function namespacesInCode(): Set<string> {
  const found = new Set<string>();
  for (const file of [...sources("app"), ...sources("lib")]) {
    const text = readFileSync(file, "utf8");
    for (const match of text.matchAll(/useTranslations\("([^".]+)/g)) found.add(match[1]!);
    if (text.includes("useTranslations(namespace)")) for (const match of text.matchAll(/namespace: ((?:"[^"]+"(?: \| )?)+)/g)) for (const name of match[1]!.matchAll(/"([^"]+)"/g)) found.add(name[1]!);
    if (text.includes("useTranslations()")) for (const match of text.matchAll(/\bt\("([^".]+)\./g)) found.add(match[1]!);
  }
  return found;
}

const member = { id: "m", role: "member" } as Actor;
const moderator = { id: "d", role: "moderator" } as Actor;

describe("the strings sent to the browser", () => {
  it("are exactly the namespaces client components read", () => {
    const listed = Object.values(clientNamespaces).flat().sort();
    expect(listed).toEqual([...namespacesInCode()].sort());
  });

  it("carry the moderators' and members' forms only to them", () => {
    const anonymous = Object.keys(clientMessages("ar", null));
    expect(anonymous).toContain("vote");
    expect(anonymous).not.toContain("settings");
    expect(anonymous).not.toContain("modActions");
    expect(Object.keys(clientMessages("en", member))).toContain("settings");
    expect(Object.keys(clientMessages("en", member))).not.toContain("modActions");
    expect(Object.keys(clientMessages("en", moderator))).toContain("modActions");
  });

  it("carry a page's own groups only on the pages that ask for them", () => {
    expect(Object.keys(clientMessages("ar", null))).not.toContain("thread");
    expect(Object.keys(clientMessages("ar", null, ["debate"]))).toEqual(expect.arrayContaining(["thread", "stance", "vote"]));
    expect(Object.keys(clientMessages("en", member, ["accounts"]))).toEqual(expect.arrayContaining(["auth", "settings"]));
  });

  it("leave the server's own strings out", () => {
    expect(Object.keys(clientMessages("ar", moderator))).not.toContain("notificationEmail");
  });
});
