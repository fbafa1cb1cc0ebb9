import { AsyncResource } from "node:async_hooks";
import net from "node:net";

type SocketOptions = { host: string[]; port: number[]; path?: string | false };

/**
 * postgres-js's `socket` option, opening each connection outside any request's async context. A socket (like a
 * timer) keeps the AsyncLocalStorage stores of the code that created it for as long as it lives; a pooled
 * connection opened while Next.js rendered a page kept that page's stores, whose aborted cache signal holds an
 * Error whose unformatted stack reaches the Immediates, and through them the stores, of the pages rendered
 * beside it: under concurrent page load every response stayed in memory (heap snapshots: 946 of 947). Create it
 * where no request runs (at startup): its scope is the context it is created in.
 */
export function detachedSockets(connectTimeoutSeconds: number): (options: SocketOptions) => Promise<net.Socket> {
  const scope = new AsyncResource("mizan:database-connection");
  return (options) =>
    scope.runInAsyncScope(
      () =>
        new Promise((resolve, reject) => {
          const socket = options.path ? net.connect(options.path) : net.connect(options.port[0]!, options.host[0]!);
          socket.setTimeout(connectTimeoutSeconds * 1000, () => socket.destroy(new Error(`the database did not answer within ${connectTimeoutSeconds} s`)));
          socket.once("error", reject);
          socket.once("connect", () => {
            socket.setTimeout(0);
            socket.off("error", reject);
            resolve(socket);
          });
        }),
    );
}
