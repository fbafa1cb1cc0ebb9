import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api } from "../support/http";
import { connectReader, subscribe } from "../support/live-server";
import { startServer, type RunningServer } from "../support/server";

const token = "metrics-token-for-the-test-0123456789";

describe("metrics and readiness", () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({ env: { MIZAN_METRICS_TOKEN: token } });
  });
  afterAll(async () => {
    await server.stop();
  });

  it("answers ready once serving, and shows requests, renders, sockets, events, the database and refusals in Prometheus text behind the token", async () => {
    const ready = await fetch(server.url + "/api/ready");
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: "ready" });

    const client = api(server.url + "/api/v1");
    const password = "a long enough password";
    await client.post("/accounts", { email: "metrics@example.test", password, name: "Metrics" });
    const bearer = (await client.post("/tokens", { email: "metrics@example.test", password })).body.token;
    const post = (await client.get("/posts/russia-balance-diplomacy-escalation")).body.post;
    const reader = connectReader(server.url);
    expect((await subscribe(reader.socket, { postId: post.id })).ok).toBe(true);
    expect((await client.post(`/posts/${post.id}/scenarios`, { title: "Counted", body: "An event to count" }, { token: bearer })).status).toBe(201);
    // A cookie other than the locale's: rendered, not served from the anonymous-reader cache. Read whole, so it has finished.
    const page = await fetch(server.url + "/p/russia-balance-diplomacy-escalation", { headers: { cookie: "x=1" } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("</html>");
    // Ten failed sign-ins for one email are allowed; the eleventh is refused by the rate limit.
    const wrong = { email: "metrics@example.test", password: "not the password at all" };
    const statuses = [];
    for (let i = 0; i < 11; i++) statuses.push((await client.post("/tokens", wrong)).status);
    expect(statuses.at(-1)).toBe(429);

    expect((await fetch(server.url + "/metrics")).status).toBe(401);
    expect((await fetch(server.url + "/metrics", { headers: { authorization: "Bearer wrong-token-wrong-token-12" } })).status).toBe(401);
    const scraped = await fetch(server.url + "/metrics", { headers: { authorization: `Bearer ${token}` } });
    expect(scraped.status).toBe(200);
    expect(scraped.headers.get("content-type")).toContain("text/plain");
    const text = await scraped.text();
    reader.socket.disconnect();
    expect(text).toMatch(/mizan_http_requests_total\{route="\/api\/v1\/posts\/:postId\/scenarios",method="POST",status="201"\} 1\n/);
    expect(text).toMatch(/mizan_http_request_duration_seconds_bucket\{le="\+Inf",route="\/api\/v1\/posts\/:postId\/scenarios",method="POST"\} 1\n/);
    expect(text).toMatch(/mizan_http_requests_total\{route="\/api\/ready",method="GET",status="200"\} 1\n/);
    expect(text).toMatch(/mizan_http_requests_total\{route="page",method="GET",status="200"\} [1-9]/);
    expect(text).toMatch(/mizan_page_renders_total [1-9]/);
    expect(text).toMatch(/mizan_rate_limit_refusals_total\{route="\/api\/v1\/tokens"\} 1\n/);
    expect(text).toMatch(/mizan_socket_connections 1\n/);
    expect(text).toMatch(/mizan_socket_subscriptions 1\n/);
    expect(text).toMatch(/mizan_events_published_total [1-9]/);
    expect(text).toMatch(/mizan_outbox_lag_seconds_count [1-9]/);
    expect(text).toMatch(/mizan_db_query_duration_seconds_count [1-9]/);
    expect(text).toMatch(new RegExp(`mizan_db_pool_connections\\{state="size"\\} ${process.env.TEST_DATABASE_URL ? 10 : 1}\\n`));
    expect(text).toMatch(/mizan_db_pool_connections\{state="in_use"\} [0-9]/);
    expect(text).toMatch(/mizan_nodejs_eventloop_lag_seconds [0-9]/);
    expect(text).toMatch(/mizan_nodejs_heap_size_used_bytes [0-9]/);
    // Raw URLs never become labels.
    expect(text).not.toContain(post.id);
  });
});
