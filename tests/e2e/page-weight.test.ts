import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMembers } from "@/bench/support/members";
import { inParallel } from "@/bench/support/seed-discussion";
import { flightOf } from "@/bench/support/page-weight";
import { api } from "../support/http";
import { startServer, type RunningServer } from "../support/server";

const slug = "russia-balance-diplomacy-escalation";
const count = 70;
const filler = "The balance holds while both sides wait for the other to blink, and every week of waiting costs them more. ".repeat(3);
let server: RunningServer;
const titles: string[] = [];

beforeAll(async () => {
  server = await startServer({ env: { MIZAN_RATE_LIMITS: "off" } });
  const tokens = await createMembers(server.url, 4, "weight");
  const client = api(server.url + "/api/v1");
  const postId = (await client.get(`/posts/${slug}`)).body.post.id as string;
  await inParallel(count, 4, async (i) => {
    const title = `Weighed scenario ${i} (of ${count})`;
    // Past the excerpt's 240 characters: a body's tail, never shown on the post page.
    const created = await client.post(`/posts/${postId}/scenarios`, { title, body: `Opening ${i}. ${filler} Tail-${i}-only-on-its-page.`, x: i % 101, y: (i * 3) % 101 }, { token: tokens[i % 4] });
    expect(created.status).toBe(201);
    titles.push(title);
  });
});
afterAll(async () => {
  expect(await server.stop()).toBe(0);
});

const occurrences = (text: string, part: string) => text.split(part).length - 1;

describe("the post page's weight as the discussion grows", () => {
  it("carries each card's text once in its markup and once in its inline payload, no whole scenario and no title beyond what it shows", async () => {
    const html = await (await fetch(`${server.url}/p/${slug}`, { headers: { "accept-language": "en" } })).text();
    const flight = flightOf(html);
    const markup = html.replace(/<script\b[\s\S]*?<\/script>/g, "");
    // Bodies: never whole (a client component given scenario objects would carry them), each card's excerpt twice in all.
    expect(html).not.toMatch(/Tail-\d+-only-on-its-page/);
    const onCards = [...markup.matchAll(/Opening (\d+)\./g)].map((m) => m[1]);
    expect(onCards).toHaveLength(20);
    for (const i of onCards) expect([occurrences(markup, `Opening ${i}.`), occurrences(flight, `Opening ${i}.`)]).toEqual([1, 1]);
    // Titles: the cards' and the map's likeliest 40; the others' come when a reader asks (the map's table, the editor).
    const absent = titles.filter((title) => !html.includes(title));
    expect(absent.length).toBeGreaterThanOrEqual(count - 20 - 40);
    expect(absent.length).toBeLessThan(count - 20);
  });
});
