/** Small helpers for talking to a running server as an API client would. */
export type ApiResponse = { status: number; body: any; headers: Headers; text: string };
export type CallOptions = { body?: unknown; token?: string; headers?: Record<string, string> };

/**
 * A JSON client for any method (PATCH included). Objects are sent as JSON with content-type application/json;
 * strings are sent as they are. The answer is parsed as JSON when it has a body (except a CSV export), and kept
 * as text either way.
 */
export function api(base: string) {
  async function call(method: string, path: string, options: CallOptions = {}): Promise<ApiResponse> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.body !== undefined) headers["content-type"] ??= "application/json";
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    const response = await fetch(base + path, {
      method,
      headers,
      body: options.body === undefined ? undefined : typeof options.body === "string" ? options.body : JSON.stringify(options.body),
    });
    const text = await response.text();
    let body: any = null;
    // A CSV export and an Atom feed are text by design; any other body must be JSON (an HTML error page fails loudly here).
    if (text && !/^(text\/csv|application\/atom\+xml)/.test(response.headers.get("content-type") ?? "")) {
      try {
        body = JSON.parse(text);
      } catch {
        throw new Error(`${method} ${path} answered ${response.status} with a body that is not JSON: ${text.slice(0, 200)}`);
      }
    }
    return { status: response.status, body, headers: response.headers, text };
  }
  return {
    call,
    get: (path: string, options?: CallOptions) => call("GET", path, options),
    post: (path: string, body?: unknown, options?: CallOptions) => call("POST", path, { ...options, body }),
    put: (path: string, body?: unknown, options?: CallOptions) => call("PUT", path, { ...options, body }),
    patch: (path: string, body?: unknown, options?: CallOptions) => call("PATCH", path, { ...options, body }),
    delete: (path: string, options?: CallOptions) => call("DELETE", path, options),
  };
}

/** Signs in through Auth.js's credentials endpoint, as a browser form would, and returns the session cookie. */
export async function signInForCookie(base: string, email: string, password: string): Promise<string> {
  const csrf = await fetch(base + "/api/auth/csrf");
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const csrfCookie = csrf.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  const response = await fetch(base + "/api/auth/callback/credentials", {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: csrfCookie, origin: base },
    body: new URLSearchParams({ csrfToken, email, password }),
  });
  const session = response.headers.getSetCookie().find((c) => c.startsWith("authjs.session-token="));
  if (!session) throw new Error(`sign-in failed with ${response.status}`);
  return session.split(";")[0]!;
}
