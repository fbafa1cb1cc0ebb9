import { describe, expect, it } from "vitest";
import { signInDelayMs } from "@/lib/auth/sign-in-delay";

describe("signInDelayMs", () => {
  it("is free for the first failures of a pair, then doubles up to 1.6 s", () => {
    expect([0, 1, 2, 3, 4, 5, 8, 9, 20].map((n) => signInDelayMs(n, 0, 50))).toEqual([0, 0, 0, 50, 100, 200, 1600, 1600, 1600]);
  });
  it("adds one second for everyone once the email passes its ceiling", () => {
    expect(signInDelayMs(0, 49, 50)).toBe(0);
    expect(signInDelayMs(0, 50, 50)).toBe(1000);
    expect(signInDelayMs(3, 80, 50)).toBe(1050);
  });
});
