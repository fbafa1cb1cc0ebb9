import type { Server } from "socket.io";
import { env } from "@/lib/env";
import { liveServer } from "@/lib/live/registry";
import type { Actor } from "./actor";

export type TokenHolder = { actor: Actor; tokenId: string };
type Entry = { holder: TokenHolder; expires: number };
type Which = { tokenId?: string; userId?: string };

/**
 * Who holds a bearer token, remembered for a few seconds: an API client sends its token with every request, and
 * looking it up each time was a third of the database round trips of a vote. Whatever changes what a token may
 * do (revoking it, a member's role or profile changing) forgets it at once, on this node and, through the
 * socket.io Redis adapter, on every other; without Redis there is only this node.
 */
const ttlMs = 5_000;
const maxEntries = 10_000;
const forgetEvent = "mizan:forget-token-holders";

// server.ts and the Next.js bundle (settings page actions revoke tokens too) load separate copies of lib/.
const globalKey = Symbol.for("mizan.tokenHolders");
type Slot = { [globalKey]?: Map<string, Entry> };
function entries(): Map<string, Entry> {
  return ((globalThis as Slot)[globalKey] ??= new Map());
}

export function cachedTokenHolder(tokenHash: string): TokenHolder | undefined {
  const entry = entries().get(tokenHash);
  if (!entry) return undefined;
  if (entry.expires > Date.now()) return entry.holder;
  entries().delete(tokenHash);
  return undefined;
}

export function rememberTokenHolder(tokenHash: string, holder: TokenHolder): void {
  const map = entries();
  if (map.size >= maxEntries) map.delete(map.keys().next().value!); // the oldest first
  map.set(tokenHash, { holder, expires: Date.now() + ttlMs });
}

function forgetHere({ tokenId, userId }: Which): void {
  for (const [hash, { holder }] of entries()) {
    if (holder.tokenId === tokenId || holder.actor.id === userId) entries().delete(hash);
  }
}

/** Forgets the cached holder of a token, or of all of a member's tokens, on every node. */
export function forgetTokenHolders(which: Which): void {
  forgetHere(which);
  if (env().REDIS_URL) liveServer()?.serverSideEmit(forgetEvent, which);
}

/** Lets other nodes' forgetTokenHolders reach this one. */
export function listenForForgottenTokens(io: Server): void {
  io.on(forgetEvent, (which: Which) => forgetHere(which));
}
