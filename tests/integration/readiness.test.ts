import { afterEach, describe, expect, it } from "vitest";
import { healthRoutes } from "@/lib/api/routes/health";
import type { ApiRequest } from "@/lib/api/http";
import { anonymous } from "@/lib/auth/actor";
import { registerDependency, setPhase } from "@/lib/ops/readiness";

const route = (path: string) => healthRoutes.find((r) => r.path === path)!;
const request = { method: "GET", path: "/", query: {}, params: {}, headers: {}, ip: "127.0.0.1", json: async () => ({}) } as ApiRequest;
const ready = () => route("/api/ready").handler(request, anonymous);

describe("readiness and liveness", () => {
  afterEach(() => setPhase("starting"));

  it("answers 503 with Retry-After while starting and while draining, 200 while serving; health stays 200 throughout", async () => {
    expect(await ready()).toMatchObject({ status: 503, body: { status: "starting" }, headers: { "retry-after": "1" } });
    setPhase("serving");
    expect(await ready()).toEqual({ status: 200, body: { status: "ready" } });
    setPhase("draining");
    expect(await ready()).toMatchObject({ status: 503, body: { status: "draining" }, headers: { "retry-after": "1" } });
    expect(await route("/api/health").handler(request, anonymous)).toEqual({ status: 200, body: { status: "ok", db: "ok" } });
  });

  it("answers 503 naming Redis while a configured Redis is unreachable, and 200 again once it is back", async () => {
    setPhase("serving");
    let reachable = false;
    registerDependency("redis", () => reachable);
    expect(await ready()).toMatchObject({ status: 503, body: { status: "unready", unreachable: ["redis"] } });
    reachable = true;
    expect(await ready()).toEqual({ status: 200, body: { status: "ready" } });
  });
});
