import { DrizzleQueryError } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { serializeError } from "@/lib/logger";

// Issue 16 finding 8: failed queries were logged with their bound values (token hashes, a password hash).
describe("serializeError", () => {
  const hash = "$argon2id$v=19$m=19456,t=2,p=1$c2VjcmV0c2FsdA$aGFzaGhhc2hoYXNo";
  const tokenHash = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
  const failed = () =>
    new DrizzleQueryError(
      'insert into "users" ("email", "password_hash") values ($1, $2)',
      ["owner@example.test", hash, tokenHash],
      new Error(`duplicate key value violates unique constraint "users_email_key": "${tokenHash}"`),
    );

  it("keeps the query and the database's reason but none of the bound values, wherever they appear", () => {
    const logged = JSON.stringify(serializeError(failed()));
    expect(logged).toContain('insert into \\"users\\"');
    expect(logged).toContain("users_email_key");
    expect(logged).toContain("[redacted]");
    for (const secret of ["owner@example.test", hash, tokenHash]) expect(logged).not.toContain(secret);
  });

  it("leaves other errors as pino serializes them", () => {
    const serialized = serializeError(new Error("plain failure")) as { message: string; stack: string; type: string };
    expect(serialized).toMatchObject({ type: "Error", message: "plain failure" });
    expect(serialized.stack).toContain("plain failure");
  });
});
