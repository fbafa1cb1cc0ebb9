import { z } from "zod";
import { errorStatus } from "./http";
import type { Route } from "./router";

/**
 * `/api/v1/openapi.json`: the API described by the zod schemas its verbs parse with (OpenAPI 3.1, whose schema
 * dialect is JSON Schema 2020-12, what zod 4 writes). Each route names its verb's input schema; path parameters and
 * the Idempotency-Key header are taken out of it, the rest is the query (reads) or the JSON body (writes).
 */

type Operation = Record<string, unknown>;

const errorMeaning: Record<number, string> = {
  400: "The input is not valid: `details` names each bad field.",
  401: "Sign-in or a valid bearer token is required.",
  403: "Not allowed for this caller (or a cookie-authenticated write from another origin); `suspended` carries `until`.",
  404: "No such thing, or hidden from this caller.",
  409: "Conflicts with the current state (a duplicate, or someone acted first).",
  413: "The body is larger than 64 KiB.",
  423: "The post or scenario is locked or resolved.",
  429: "Too many requests: wait `Retry-After` seconds.",
};
const successMeaning: Record<number, string> = { 200: "OK", 201: "Created", 204: "Done; no body" };

const errorSchema = {
  type: "object",
  required: ["error"],
  properties: {
    error: {
      type: "object",
      required: ["code", "message", "details"],
      properties: {
        code: { type: "string", enum: [...Object.keys(errorStatus), "internal"] },
        message: { type: "string" },
        details: {
          type: "array",
          items: { type: "object", required: ["path", "message"], properties: { path: { type: "string" }, message: { type: "string" } } },
        },
      },
    },
  },
} as const;

const pathParams = (path: string) => [...path.matchAll(/:(\w+)/g)].map((m) => m[1]!);
const isWrite = (method: string) => method !== "GET" && method !== "HEAD";

/** The input schema's top-level properties as JSON Schema, with which are required. */
function inputProperties(input: z.ZodType | undefined): { properties: Record<string, object>; required: string[] } {
  if (!input) return { properties: {}, required: [] };
  const schema = z.toJSONSchema(input, { io: "input", unrepresentable: "any" }) as {
    properties?: Record<string, object>;
    required?: string[];
  };
  return { properties: schema.properties ?? {}, required: schema.required ?? [] };
}

function errorCodesFor(route: Route, hasInput: boolean): number[] {
  const codes = new Set<number>(route.doc.errors?.map((code) => errorStatus[code]) ?? []);
  if (hasInput) codes.add(400);
  if (pathParams(route.path).length > 0) codes.add(404);
  if (isWrite(route.method)) [401, 403, 413, 429].forEach((code) => codes.add(code));
  return [...codes].sort((a, b) => a - b);
}

function operationOf(route: Route): Operation {
  const inPath = pathParams(route.path);
  const { properties, required } = inputProperties(route.doc.input);
  const own = Object.keys(properties).filter((name) => !inPath.includes(name) && name !== "idempotencyKey");
  const parameters: object[] = inPath.map((name) => ({ name, in: "path", required: true, schema: properties[name] ?? { type: "string" } }));
  if ("idempotencyKey" in properties) {
    parameters.push({ name: "Idempotency-Key", in: "header", required: false, schema: { type: "string", maxLength: 100 } });
  }
  const operation: Operation = { operationId: route.doc.operationId, summary: route.doc.summary };
  if (!isWrite(route.method)) {
    for (const name of own) parameters.push({ name, in: "query", required: required.includes(name), schema: properties[name] });
  } else if (own.length > 0) {
    const body = { type: "object", properties: Object.fromEntries(own.map((name) => [name, properties[name]])), required: required.filter((name) => own.includes(name)) };
    operation.requestBody = { required: true, content: { "application/json": { schema: body } } };
  }
  if (parameters.length > 0) operation.parameters = parameters;
  const success = route.doc.success ?? 200;
  const responses: Record<string, object> = {
    [success]: success === 204 ? { description: successMeaning[204] } : { description: successMeaning[success], content: route.doc.produces ? { [route.doc.produces]: { schema: { type: "string" } } } : { "application/json": { schema: { type: "object" } } } },
  };
  for (const code of errorCodesFor(route, own.length > 0 || inPath.length > 0)) {
    responses[code] = { description: errorMeaning[code], content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } };
  }
  responses.default = { description: "Any other error, in the same shape.", content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } };
  operation.responses = responses;
  return operation;
}

export function openApiDocument(routes: Route[]): object {
  const paths: Record<string, Record<string, Operation>> = {};
  for (const route of routes) {
    const path = route.path.replace(/:(\w+)/g, "{$1}");
    (paths[path] ??= {})[route.method.toLowerCase()] = operationOf(route);
  }
  return {
    openapi: "3.1.0",
    info: { title: "Mizan API", version: "1", description: "The public JSON API of Mizan; the prose contract is docs/API.md." },
    servers: [{ url: "/" }],
    security: [{}, { bearer: [] }, { session: [] }],
    components: {
      securitySchemes: {
        bearer: { type: "http", scheme: "bearer", description: "A personal API token (POST /api/v1/tokens)." },
        session: { type: "apiKey", in: "cookie", name: "authjs.session-token", description: "The browser's session (`__Secure-authjs.session-token` over HTTPS); writes need a same-origin Origin header." },
      },
      schemas: { Error: errorSchema },
    },
    paths,
  };
}
