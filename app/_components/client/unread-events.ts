/**
 * How the bell and the notifications page tell each other of a new unread count in one tab (a mark-read here, a
 * notification heard there); other tabs hear the server's own `notification` on their sockets.
 */
const name = "mizan:unread";

export function announceUnread(unread: number): void {
  window.dispatchEvent(new CustomEvent<number>(name, { detail: unread }));
}

export function onUnread(listener: (unread: number) => void): () => void {
  const handler = (event: Event) => listener((event as CustomEvent<number>).detail);
  window.addEventListener(name, handler);
  return () => window.removeEventListener(name, handler);
}
