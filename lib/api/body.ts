import { PayloadTooLarge, ValidationFailed } from "@/lib/errors";

export const bodyLimitBytes = 64 * 1024;

/** Reads a JSON object body of at most 64 KiB; anything else is a 4xx, never a 5xx. */
export async function readJsonBody(request: Request): Promise<Record<string, unknown>> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > bodyLimitBytes) throw new PayloadTooLarge(bodyLimitBytes);
  const type = request.headers.get("content-type") ?? "";
  if (!/^application\/json\b/i.test(type)) {
    throw new ValidationFailed("The body must be JSON.", [{ path: "content-type", message: "must be application/json" }]);
  }
  const bytes = new Uint8Array(await request.arrayBuffer());
  if (bytes.byteLength > bodyLimitBytes) throw new PayloadTooLarge(bodyLimitBytes);
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch {
    throw new ValidationFailed("The body is not valid UTF-8 JSON.", [{ path: "(body)", message: "malformed JSON" }]);
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new ValidationFailed("The body must be a JSON object.", [{ path: "(body)", message: "expected an object" }]);
  }
  return parsed as Record<string, unknown>;
}
