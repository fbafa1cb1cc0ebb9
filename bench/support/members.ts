import { api } from "@/tests/support/http";

/** Creates members through the API, a few at a time, and returns their API tokens. */
export async function createMembers(baseUrl: string, count: number, prefix: string): Promise<string[]> {
  const client = api(baseUrl + "/api/v1");
  const password = "benchmark password";
  const tokens: string[] = new Array(count);
  let next = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < count) {
        const i = next++;
        const email = `${prefix}${i}@bench.test`;
        const created = await client.post("/accounts", { email, password, name: `Bench ${i}` });
        if (created.status !== 201) throw new Error(`account ${i}: ${created.status} ${JSON.stringify(created.body)}`);
        const issued = await client.post("/tokens", { email, password, label: "bench" });
        if (issued.status !== 201) throw new Error(`token ${i}: ${issued.status}`);
        tokens[i] = issued.body.token;
      }
    }),
  );
  return tokens;
}
