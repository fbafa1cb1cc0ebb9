import http from "node:http";
import type { AddressInfo } from "node:net";
import { createApiRouter } from "@/lib/api/router";

export type ApiServer = { url: string; port: number; close: () => Promise<void> };

/**
 * Serves the /api/v1 router in this process on a free port, against whatever database the test file installed.
 * Anything the router does not claim gets a plain 404, as Next.js would answer an unknown path.
 */
export async function startApiServer(): Promise<ApiServer> {
  const handleApi = createApiRouter();
  const server = http.createServer((req, res) => {
    if (!handleApi(req, res)) res.writeHead(404, { "content-type": "text/plain" }).end("not an API route");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

export type RawResponse = { status: number; headers: http.IncomingHttpHeaders; text: string; json: any };

/**
 * One request with exactly the bytes and headers given (no content-type or length added unless asked), for
 * malformed bodies that fetch would refuse to send or would re-encode. `chunked` streams the body without a
 * content-length. A connection the server cuts short rejects.
 */
export function rawRequest(
  base: string,
  method: string,
  path: string,
  options: { headers?: Record<string, string>; body?: Buffer | string; chunked?: boolean } = {},
): Promise<RawResponse> {
  const { port, hostname } = new URL(base);
  const body = options.body === undefined ? undefined : Buffer.isBuffer(options.body) ? options.body : Buffer.from(options.body, "utf8");
  const headers: Record<string, string> = { ...options.headers };
  if (body && !options.chunked) headers["content-length"] = String(body.length);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: hostname, port: Number(port), method, path, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("error", reject);
      res.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        let json: any = null;
        try {
          json = text ? JSON.parse(text) : null;
        } catch {
          json = undefined;
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
      });
    });
    req.on("error", reject);
    if (body && options.chunked) {
      // Several writes so the body really arrives in chunks.
      for (let offset = 0; offset < body.length; offset += 16 * 1024) req.write(body.subarray(offset, offset + 16 * 1024));
      req.end();
    } else req.end(body);
  });
}
