import { beforeEach, describe, expect, it, vi } from "vitest";

/** A stand-in for socket.io's client Socket: handlers by event, a connected flag, and a way to fire events. */
class FakeSocket {
  connected = false;
  disconnected = false;
  emitted: unknown[][] = [];
  private handlers = new Map<string, Set<(...args: unknown[]) => void>>();
  on(event: string, handler: (...args: unknown[]) => void) {
    if (!this.handlers.has(event)) this.handlers.set(event, new Set());
    this.handlers.get(event)!.add(handler);
    return this;
  }
  off(event: string, handler: (...args: unknown[]) => void) {
    this.handlers.get(event)?.delete(handler);
    return this;
  }
  emit(...args: unknown[]) {
    this.emitted.push(args);
    return this;
  }
  disconnect() {
    this.disconnected = true;
    this.connected = false;
    return this;
  }
  /** The server's side of things: an event arriving, or the (re)connection. */
  fire(event: string, ...args: unknown[]) {
    if (event === "connect") this.connected = true;
    for (const handler of this.handlers.get(event) ?? []) handler(...args);
  }
  listeners(event: string) {
    return this.handlers.get(event)?.size ?? 0;
  }
}

const opened: FakeSocket[] = [];
vi.mock("socket.io-client", () => ({
  io: () => {
    const socket = new FakeSocket();
    opened.push(socket);
    return socket;
  },
}));

const { joinLiveSocket } = await import("@/app/_components/client/live-socket");

describe("joinLiveSocket", () => {
  beforeEach(() => {
    opened.length = 0;
  });

  it("opens one socket for every feature of the tab, and closes it when the last one leaves", () => {
    const heard: string[] = [];
    const listen = (name: string) => (socket: unknown) => {
      const s = socket as FakeSocket;
      const handler = () => heard.push(name);
      s.on("notification", handler);
      return () => s.off("notification", handler);
    };
    const leaveBell = joinLiveSocket(listen("bell"));
    const leaveQueue = joinLiveSocket(listen("queue"));
    const leaveLive = joinLiveSocket(listen("live"));
    expect(opened).toHaveLength(1);
    const socket = opened[0]!;
    socket.fire("notification");
    expect(heard).toEqual(["bell", "queue", "live"]);

    leaveQueue();
    leaveLive();
    socket.fire("notification");
    expect(heard).toEqual(["bell", "queue", "live", "bell"]);
    expect(socket.disconnected).toBe(false);
    leaveBell();
    expect(socket.disconnected).toBe(true);
    expect(socket.listeners("notification") + socket.listeners("connect")).toBe(0);

    // The next feature to join opens a fresh one.
    const leaveNext = joinLiveSocket(() => () => {});
    expect(opened).toHaveLength(2);
    leaveNext();
  });

  it("tells each feature of every connection, at once when already connected, and which ones come again", () => {
    const first: boolean[] = [];
    const leaveFirst = joinLiveSocket(() => () => {}, (_socket, again) => first.push(again));
    const socket = opened[0]!;
    expect(first).toEqual([]);
    socket.fire("connect");
    expect(first).toEqual([false]);

    // A feature that joins an open connection is told now, as its first.
    const later: boolean[] = [];
    const leaveLater = joinLiveSocket(() => () => {}, (s, again) => {
      expect(s).toBe(socket);
      later.push(again);
    });
    expect(later).toEqual([false]);

    // A reconnection: both are told again (the live page subscribes anew, the bell asks for its count).
    socket.fire("disconnect");
    socket.fire("connect");
    expect(first).toEqual([false, true]);
    expect(later).toEqual([false, true]);
    leaveLater();
    socket.fire("connect");
    expect(later).toEqual([false, true]);
    leaveFirst();
  });
});
