import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { scenarios, votes } from "@/db/schema";
import { client, alice, bob, carol, boss, dave, erin, expectError, expectSuspended, newScenario, type Account, setUpDebateApi } from "../support/debate-api";
import { addPost, countRows, setPost } from "../support/forum";
import { voteCounterDrift } from "../support/recount";

setUpDebateApi();

describe("votes over HTTP", () => {
  it("answers PUT /vote with exactly {score, up, down, myVote}, idempotently, 0 retracting", async () => {
    const scenario = await newScenario(alice);
    const vote = (account: Account, value: unknown) => client.put(`/api/v1/scenarios/${scenario.id}/vote`, { value }, { token: account.token });
    const up = await vote(bob, 1);
    expect(up.status).toBe(200);
    expect(up.body).toEqual({ score: 1, up: 1, down: 0, myVote: 1 });
    expect((await vote(bob, 1)).body).toEqual({ score: 1, up: 1, down: 0, myVote: 1 });
    expect((await vote(carol, -1)).body).toEqual({ score: 0, up: 1, down: 1, myVote: -1 });
    expect((await vote(bob, 0)).body).toEqual({ score: -1, up: 0, down: 1, myVote: 0 });
    expect((await client.get(`/api/v1/scenarios/${scenario.id}`, { token: carol.token })).body.scenario).toMatchObject({ score: -1, up: 0, down: 1, myVote: -1 });
    expect(await voteCounterDrift([scenario.id])).toEqual([]);
  });

  it("refuses bad values with 400, one's own scenario with 403, anonymous with 401, unknown and hidden with 404, locked with 423", async () => {
    const scenario = await newScenario(alice);
    const url = `/api/v1/scenarios/${scenario.id}/vote`;
    for (const value of ["1", 2, -2, true, null, 0.5]) expectError(await client.put(url, { value }, { token: bob.token }), 400, "validation_failed");
    expectError(await client.put(url, {}, { token: bob.token }), 400, "validation_failed");
    expectError(await client.put(url, { value: 1 }, { token: alice.token }), 403, "forbidden");
    expectError(await client.put(url, { value: 1 }), 401, "unauthenticated");
    expectSuspended(await client.put(url, { value: 1 }, { token: erin.token }));
    expectError(await client.put("/api/v1/scenarios/no-such-scenario/vote", { value: 1 }, { token: bob.token }), 404, "not_found");
    expect(await countRows(votes, eq(votes.scenarioId, scenario.id))).toBe(0);

    const hidden = await newScenario(alice);
    await (await getDb()).update(scenarios).set({ status: "hidden" }).where(eq(scenarios.id, hidden.id));
    expectError(await client.put(`/api/v1/scenarios/${hidden.id}/vote`, { value: 1 }, { token: bob.token }), 404, "not_found");
    expectError(await client.get(`/api/v1/scenarios/${hidden.id}`), 404, "not_found");
    expect((await client.get(`/api/v1/scenarios/${hidden.id}`, { token: dave.token })).body.scenario.status).toBe("hidden");

    const closed = await addPost();
    const onClosed = await newScenario(alice, closed.id);
    await setPost(closed.id, { isLocked: true });
    expectError(await client.put(`/api/v1/scenarios/${onClosed.id}/vote`, { value: 1 }, { token: bob.token }), 423, "locked");
  });

  it("keeps totals equal to a recount when many votes arrive at once", async () => {
    const targets = [await newScenario(alice), await newScenario(alice)];
    const voters = [bob, carol, dave, boss];
    const values = [1, -1, 0, 1, -1, 1];
    await Promise.all(voters.flatMap((v) => targets.flatMap((t) => values.map((value) => client.put(`/api/v1/scenarios/${t.id}/vote`, { value }, { token: v.token })))));
    expect(await voteCounterDrift(targets.map((t) => t.id))).toEqual([]);
  });
});
