import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "@/lib/env";

describe("parseEnv", () => {
  it("works with no configuration at all", () => {
    const env = parseEnv({});
    expect(env.PORT).toBe(3000);
    expect(env.HOSTNAME).toBe("0.0.0.0");
    expect(env.MIZAN_DATA_DIR).toBe("./data");
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.MIZAN_ADMIN_EMAILS).toEqual([]);
    expect(env.MIZAN_RATE_LIMITS).toBe("on");
  });

  it("treats empty values as unset", () => {
    expect(parseEnv({ DATABASE_URL: "", PORT: "" }).PORT).toBe(3000);
  });

  it("normalises the admin emails", () => {
    expect(parseEnv({ MIZAN_ADMIN_EMAILS: " Ada@Example.com, ,bob@example.org " }).MIZAN_ADMIN_EMAILS).toEqual([
      "ada@example.com",
      "bob@example.org",
    ]);
  });

  it.each([
    ["PORT", "eighty"],
    ["PORT", "70000"],
    ["DATABASE_URL", "mysql://localhost/db"],
    ["REDIS_URL", "http://localhost"],
    ["AUTH_SECRET", "short"],
    ["MIZAN_ADMIN_EMAILS", "not-an-email"],
    ["MIZAN_RATE_LIMITS", "maybe"],
    ["PUBLIC_URL", "nowhere"],
  ])("refuses %s=%s with one line naming the variable", (name, value) => {
    expect(() => parseEnv({ [name]: value })).toThrow(EnvError);
    expect(() => parseEnv({ [name]: value })).toThrow(new RegExp(`^Invalid environment variable ${name}: `));
  });
});
