import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import openapiTS, { astToString } from "openapi-typescript";
import ts from "typescript";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiRoutes } from "@/lib/api/router";
import { startApiServer, type ApiServer } from "@/tests/support/api-server";
import { api } from "@/tests/support/http";

type Document = { openapi: string; paths: Record<string, Record<string, { summary?: string; operationId?: string; responses: Record<string, unknown> }>> };

let server: ApiServer;
let document: Document;

beforeAll(async () => {
  server = await startApiServer();
  const response = await api(server.url).get("/api/v1/openapi.json");
  expect(response.status).toBe(200);
  document = response.body;
});
afterAll(() => server.close());

const operations = () =>
  Object.entries(document.paths).flatMap(([path, byMethod]) => Object.entries(byMethod).map(([method, operation]) => ({ path, method, operation })));

/** Type-checks the given modules, written to a scratch directory; returns the compiler's complaints. */
function typeErrors(files: Record<string, string>): string[] {
  const dir = mkdtempSync(path.join(tmpdir(), "mizan-openapi-"));
  try {
    const names = Object.entries(files).map(([name, text]) => {
      writeFileSync(path.join(dir, name), text);
      return path.join(dir, name);
    });
    const options: ts.CompilerOptions = { strict: true, noEmit: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler, skipLibCheck: true, types: [] };
    const program = ts.createProgram(names, options);
    return ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe("GET /api/v1/openapi.json", () => {
  it("is OpenAPI 3.1 with every route the router serves, each with a summary, its success and its errors", () => {
    expect(document.openapi).toBe("3.1.0");
    for (const route of apiRoutes) {
      const path = route.path.replace(/:(\w+)/g, "{$1}");
      const operation = document.paths[path]?.[route.method.toLowerCase()];
      expect(operation, `${route.method} ${route.path} is missing`).toBeDefined();
      expect(operation!.summary).toBeTruthy();
      expect(Object.keys(operation!.responses)).toContain(String(route.doc.success ?? 200));
      expect(operation!.responses.default).toBeDefined();
    }
    expect(operations()).toHaveLength(apiRoutes.length);
    const ids = operations().map((o) => o.operation.operationId);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("describes only routes the server answers: none of them is the router's unknown-route 404", async () => {
    const client = api(server.url);
    for (const { path, method } of operations()) {
      const concrete = path.replace(/\{\w+\}/g, "zz-not-an-id");
      const response = await client.call(method.toUpperCase(), concrete, method === "get" || method === "delete" ? {} : { body: {} });
      expect(response.body?.error?.message ?? "", `${method} ${path}`).not.toBe("No such API route.");
    }
    const unknown = await client.get("/api/v1/not-a-route");
    expect(unknown.body.error.message).toBe("No such API route.");
  });

  it("takes the verbs' own limits: path parameters, the query of reads, the JSON body of writes", () => {
    const list = document.paths["/api/v1/posts/{postId}/scenarios"]!.get as unknown as { parameters: { name: string; in: string; schema: { enum?: string[]; maximum?: number } }[] };
    expect(list.parameters.find((p) => p.name === "postId")?.in).toBe("path");
    expect(list.parameters.find((p) => p.name === "sort")?.schema.enum).toEqual(["best", "probability", "hot", "new", "controversial", "top"]);
    expect(list.parameters.find((p) => p.name === "limit")?.schema.maximum).toBe(200);
    const create = document.paths["/api/v1/posts/{postId}/scenarios"]!.post as unknown as {
      parameters: { name: string; in: string }[];
      responses: Record<string, unknown>;
      requestBody: { content: { "application/json": { schema: { properties: Record<string, { minimum?: number }>; required: string[] } } } };
    };
    const body = create.requestBody.content["application/json"].schema;
    expect(Object.keys(body.properties).sort()).toEqual(["body", "title", "x", "y"]);
    expect(body.required.sort()).toEqual(["body", "title"]);
    expect(body.properties.x?.minimum).toBe(0);
    expect(create.parameters.map((p) => `${p.in}:${p.name}`).sort()).toEqual(["header:Idempotency-Key", "path:postId"]);
    expect(Object.keys(create.responses)).toEqual(expect.arrayContaining(["201", "400", "401", "404", "409", "423", "429"]));
  });

  it("feeds a client generator whose types compile and carry the schemas", async () => {
    const generated = astToString(await openapiTS(document as never));
    const usage = `
      import type { paths, components } from "./api";
      type CreateScenario = paths["/api/v1/posts/{postId}/scenarios"]["post"];
      const body: CreateScenario["requestBody"]["content"]["application/json"] = { title: "t", body: "b", x: 10 };
      const sort: NonNullable<paths["/api/v1/posts/{postId}/scenarios"]["get"]["parameters"]["query"]>["sort"] = "hot";
      const error: components["schemas"]["Error"] = { error: { code: "locked", message: "m", details: [] } };
      // @ts-expect-error a sort the API does not have
      const wrong: NonNullable<paths["/api/v1/posts/{postId}/scenarios"]["get"]["parameters"]["query"]>["sort"] = "oldest";
      export { body, sort, error, wrong };
    `;
    expect(typeErrors({ "api.ts": generated, "usage.ts": usage })).toEqual([]);
  });
});
