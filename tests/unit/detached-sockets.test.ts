import { AsyncLocalStorage } from "node:async_hooks";
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { detachedSockets } from "@/db/detached-sockets";

const request = new AsyncLocalStorage<{ page: string }>();
let echo: net.Server;
let port: number;

beforeAll(async () => {
  echo = net.createServer((socket) => socket.pipe(socket));
  await new Promise<void>((resolve) => echo.listen(0, "127.0.0.1", resolve));
  port = (echo.address() as net.AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => echo.close(() => resolve())));

/** The request store seen by the socket's own callbacks (its async context), after one echoed byte. */
function storeSeenBySocket(socket: net.Socket): Promise<{ page: string } | undefined> {
  return new Promise((resolve) => {
    socket.once("data", () => {
      resolve(request.getStore());
      socket.destroy();
    });
    socket.write("x");
  });
}

describe("detachedSockets", () => {
  it("opens connections that keep no store of the request that asked for them", async () => {
    const open = detachedSockets(5);
    const socket = await request.run({ page: "/p/a-post" }, () => open({ host: ["127.0.0.1"], port: [port] }));
    expect(await storeSeenBySocket(socket)).toBeUndefined();
  });

  it("is needed: a socket opened the usual way inside a request keeps that request's store", async () => {
    const socket = await request.run({ page: "/p/a-post" }, () => new Promise<net.Socket>((resolve) => {
      const plain = net.connect(port, "127.0.0.1", () => resolve(plain));
    }));
    expect(await storeSeenBySocket(socket)).toEqual({ page: "/p/a-post" });
  });

  it("rejects when nothing listens", async () => {
    const closed = net.createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const freePort = (closed.address() as net.AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    await expect(detachedSockets(5)({ host: ["127.0.0.1"], port: [freePort] })).rejects.toThrow(/ECONNREFUSED/);
  });
});
