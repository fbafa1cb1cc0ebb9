import { describe, expect, it } from "vitest";
import { createAccount, verifyCredentials } from "@/lib/auth/accounts";
import { RateLimited, Unauthenticated } from "@/lib/errors";

// Issue 16 item 4: ten wrong passwords for an email from anywhere used to lock its owner out for ten minutes.
const password = "correct horse battery";
let serial = 0;
const email = (name: string) => `${name}${++serial}@example.test`;
const from = (ip: string) => ({ actor: null, ip });
const guess = (address: string, ip: string) =>
  verifyCredentials(from(ip), { email: address, password: "guess guess guess" }).catch((e: unknown) => e);

describe("sign-in cannot be used to lock a member out", () => {
  it("the owner signs in from a clean address after an attacker failed 30 times from 30 addresses", async () => {
    const address = email("victim");
    await createAccount(from("10.30.0.1"), { email: address, password, name: "Victim" });
    for (let i = 0; i < 30; i++) expect(await guess(address, `10.31.${i}.1`)).toBeInstanceOf(Unauthenticated);
    const user = await verifyCredentials(from("10.32.0.1"), { email: address, password });
    expect(user.email).toBe(address);
  });

  it("past the per-email ceiling a correct password from a clean address is slowed, not refused", async () => {
    const address = email("ceiling");
    await createAccount(from("10.40.0.1"), { email: address, password, name: "Ceiling" });
    for (let i = 0; i < 50; i++) await guess(address, `10.41.${i}.1`);
    const started = performance.now();
    const user = await verifyCredentials(from("10.42.0.1"), { email: address, password });
    expect(user.email).toBe(address);
    expect(performance.now() - started).toBeGreaterThanOrEqual(990);
  });

  it("one address guessing one email is slowed, then refused for that pair only", async () => {
    const address = email("pair");
    await createAccount(from("10.50.0.1"), { email: address, password, name: "Pair" });
    const times: number[] = [];
    for (let i = 0; i < 10; i++) {
      const started = performance.now();
      expect(await guess(address, "10.51.0.1")).toBeInstanceOf(Unauthenticated);
      times.push(performance.now() - started);
    }
    expect(times[9]!).toBeGreaterThan(times[0]! + 1000);
    const refused = await verifyCredentials(from("10.51.0.1"), { email: address, password }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(RateLimited);
    expect((await verifyCredentials(from("10.52.0.1"), { email: address, password })).email).toBe(address);
  }, 30_000);
});
