/**
 * `npm run bench:forecasts`: 8 concurrent clients (autocannon, in this process) submit forecasts through the HTTP
 * API of the production server (a separate process) for 30 s: many members (300) each PUT a valid random
 * distribution over the post's scenarios (20) and Other, integers summing to exactly 100. Afterwards it reports
 * how often the server recomputed the community forecast (one `forecast.updated` event per recount; submissions
 * are coalesced), how long until the API's community figure counted every member, and whether the last recorded
 * figure equals a fresh aggregation of the current forecasts (timed here, in process). Runs on PostgreSQL
 * (TEST_DATABASE_URL, or the local server) and on PGlite. Targets: ≥ 500 forecasts/s on PostgreSQL, p99 ≤ 50 ms.
 */
import { and, eq } from "drizzle-orm";
import { openDatabase } from "../db/client";
import { forecasts, scenarios } from "../db/schema";
import { aggregateForecasts } from "../lib/forecasts/aggregate";
import { buildIfStale } from "../scripts/build-if-stale.mjs";
import { api } from "../tests/support/http";
import { startServer, type RunningServer } from "../tests/support/server";
import { createMembers } from "./support/members";
import { type BenchDatabase, makeRandom, onEachDatabase, writeLoad } from "./support/write-load";

const seconds = Number(process.env.BENCH_SECONDS ?? 30);
const memberCount = Number(process.env.BENCH_FORECASTERS ?? 300);
const scenarioCount = Number(process.env.BENCH_SCENARIOS ?? 20);
const slug = "russia-balance-diplomacy-escalation";


/** A random distribution: integer cut points in 0–100 split the 100 points between the scenarios and Other. */
function randomDistribution(random: () => number, scenarioIds: string[]): Record<string, number> {
  const cuts = scenarioIds.map(() => Math.floor(random() * 101)).sort((a, b) => a - b);
  const probabilities: Record<string, number> = {};
  let previous = 0;
  cuts.forEach((cut, k) => {
    probabilities[scenarioIds[k]!] = cut - previous;
    previous = cut;
  });
  probabilities.other = 100 - previous;
  return probabilities;
}

async function prepare(server: RunningServer) {
  const [author] = await createMembers(server.url, 1, "author");
  const members = await createMembers(server.url, memberCount, "forecaster");
  const client = api(server.url + "/api/v1");
  const postId = (await client.get(`/posts/${slug}`)).body.post.id as string;
  const scenarioIds: string[] = [];
  for (let i = 0; i < scenarioCount; i++) {
    const created = await client.post(`/posts/${postId}/scenarios`, { title: `Scenario ${i}`, body: `Benchmark scenario ${i}`, x: (i * 37) % 101, y: (i * 61) % 101 }, { token: author });
    scenarioIds.push(created.body.scenario.id);
  }
  return { postId, members, scenarioIds };
}

/** Member after member, each time a fresh distribution (prepared ahead, so the load generator stays cheap). */
function forecastRequests(postId: string, members: string[], scenarioIds: string[]) {
  const random = makeRandom(7);
  const bodies = Array.from({ length: 2000 }, () => JSON.stringify({ probabilities: randomDistribution(random, scenarioIds) }));
  let n = 0;
  return () => {
    const member = members[n % members.length]!;
    const body = bodies[n % bodies.length]!;
    n += 1;
    return { method: "PUT" as const, path: `/api/v1/posts/${postId}/forecast`, headers: { authorization: `Bearer ${member}`, "content-type": "application/json" }, body };
  };
}


async function lastSeq(server: RunningServer, postId: string): Promise<number> {
  return (await api(server.url + "/api/v1").get(`/posts/${postId}/events?after=0&limit=1`)).body.lastSeq as number;
}

/** Milliseconds until GET /forecast counts every member (the recount runs at most every 250 ms). */
async function timeUntilCounted(server: RunningServer, postId: string, expected: number): Promise<number> {
  const started = performance.now();
  for (;;) {
    const { body } = await api(server.url + "/api/v1").get(`/posts/${postId}/forecast`);
    if (body.community.forecasters === expected) return performance.now() - started;
    if (performance.now() - started > 10_000) return Number.POSITIVE_INFINITY;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

async function benchOn(label: string, database: BenchDatabase) {
  const server = await startServer({ databaseUrl: database.databaseUrl, env: { MIZAN_RATE_LIMITS: "off", LOG_LEVEL: "info" } });
  try {
    const { postId, members, scenarioIds } = await prepare(server);
    await writeLoad(server.url, forecastRequests(postId, members, scenarioIds), 3); // warm up; every member forecasts
    const seqBefore = await lastSeq(server, postId);
    const run = await writeLoad(server.url, forecastRequests(postId, members, scenarioIds), seconds);
    const freshness = await timeUntilCounted(server, postId, members.length);
    await new Promise((resolve) => setTimeout(resolve, 400)); // let the last recount land
    const recounts = (await lastSeq(server, postId)) - seqBefore;
    const shown = (await api(server.url + "/api/v1").get(`/posts/${postId}/forecast`)).body.community;
    if ((await server.stop()) !== 0) throw new Error(`${label} server did not stop cleanly`);

    // The same aggregation the server runs, over the same rows, timed here.
    const db = await openDatabase(database.databaseUrl ? { url: database.databaseUrl } : { dataDir: server.dataDir });
    const current = await db.db.select({ at: forecasts.createdAt, probabilities: forecasts.probabilities, other: forecasts.other }).from(forecasts).where(and(eq(forecasts.postId, postId), eq(forecasts.isCurrent, true)));
    const visible = await db.db.select({ id: scenarios.id, createdAt: scenarios.createdAt }).from(scenarios).where(and(eq(scenarios.postId, postId), eq(scenarios.status, "visible")));
    await db.close();
    const times: number[] = [];
    let fresh = aggregateForecasts(current, visible);
    for (let i = 0; i < 20; i++) {
      const started = performance.now();
      fresh = aggregateForecasts(current, visible);
      times.push(performance.now() - started);
    }
    const median = times.sort((a, b) => a - b)[10]!;
    const exact = !!fresh && fresh.forecasters === shown.forecasters && Math.abs(fresh.other.probability - shown.other.probability) < 1e-9 && Object.entries(fresh.scenarios).every(([id, band]) => Math.abs(band.probability - (shown.scenarios[id]?.probability ?? NaN)) < 1e-9);

    console.log(
      `${label.padEnd(10)} ${run.perSecond.toFixed(0).padStart(6)} forecasts/s  p50 ${run.p50} ms  p99 ${run.p99} ms  errors ${run.errors}  (${run.total} in ${seconds} s)`,
    );
    console.log(`${label.padEnd(10)} community recounted ${recounts} times (${(recounts / seconds).toFixed(1)}/s, one forecast.updated each); every member counted ${Number.isFinite(freshness) ? `${freshness.toFixed(0)} ms` : "NOT within 10 s"} after the load stopped`);
    console.log(
      `${label.padEnd(10)} aggregation of ${current.length} forecasts × ${visible.length} scenarios: ${median.toFixed(2)} ms (median of 20, in process); last recorded figure ${exact ? "equals a fresh aggregation" : "DIFFERS from a fresh aggregation"}`,
    );
  } finally {
    await server.stop();
    await database.drop();
  }
}

buildIfStale();
console.log(`8 clients, ${seconds} s of forecasts by ${memberCount} members over ${scenarioCount} scenarios`);
await onEachDatabase(benchOn);
