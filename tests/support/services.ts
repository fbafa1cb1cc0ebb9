import net from "node:net";

/** Whether something listens on host:port (PostgreSQL, Redis) within a short time. */
export function isListening(host: string, port: number, timeoutMs = 500): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (up: boolean) => {
      socket.destroy();
      resolve(up);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once("connect", () => done(true));
    socket.once("error", () => done(false));
  });
}

export const defaultPostgresUrl = "postgres://postgres@127.0.0.1:5432/test";
export const defaultRedisUrl = "redis://127.0.0.1:6379";
