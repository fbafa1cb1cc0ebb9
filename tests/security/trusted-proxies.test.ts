import { afterAll, describe, expect, it } from "vitest";
import { startApiServer } from "../support/api-server";

// Issue 16 item 5: behind a balancer every visitor shared the balancer's sign-up budget. The test server listens
// on 127.0.0.1, which here plays the trusted balancer.
process.env.MIZAN_TRUSTED_PROXIES = "127.0.0.1/32";
const server = await startApiServer();
afterAll(() => server.close());

let serial = 0;
const signUp = (forwardedFor: string) =>
  fetch(`${server.url}/api/v1/accounts`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-forwarded-for": forwardedFor },
    body: JSON.stringify({ email: `proxied${++serial}@example.test`, password: "correct horse battery", name: "Proxied" }),
  }).then((r) => r.status);

describe("client addresses behind a trusted proxy", () => {
  it("gives each forwarded client its own sign-up budget and keys IPv6 by /64", async () => {
    for (let i = 0; i < 20; i++) expect(await signUp(`198.51.100.1`)).toBe(201);
    expect(await signUp("198.51.100.1")).toBe(429);
    // A client cannot escape by writing its own hop to the left of the one the proxy appended.
    expect(await signUp("9.9.9.9, 198.51.100.1")).toBe(429);
    expect(await signUp("198.51.100.2")).toBe(201);
    for (let i = 0; i < 20; i++) expect(await signUp(`2001:db8:1:2::${i + 1}`)).toBe(201);
    expect(await signUp("2001:db8:1:2:ffff::9")).toBe(429);
  });
});
