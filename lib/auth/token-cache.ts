import { LRUCache } from "lru-cache";
import type { Server } from "socket.io";
import { env } from "@/lib/env";
import { liveServer } from "@/lib/live/registry";
import { processSlot } from "@/lib/process-slot";
import type { Actor } from "./actor";

export type TokenHolder = { actor: Actor; tokenId: string };
type Which = { tokenId?: string; userId?: string };

/**
 * Who holds a bearer token (or a browser session, lib/auth/session-cookie.ts), remembered for a few seconds: an
 * API client sends its token with every request, and looking it up each time was a third of the database round
 * trips of a vote. Whatever changes what a token may
 * do (revoking it, a member's role or profile changing) forgets it at once, on this node and, through the
 * socket.io Redis adapter, on every other; without Redis there is only this node.
 */
const ttlMs = 5_000;
const maxEntries = 10_000;
const forgetEvent = "mizan:forget-token-holders";

// The settings page's actions (in the Next.js bundle) revoke tokens too, so the cache is the process's.
const holders = processSlot<LRUCache<string, TokenHolder>>("tokenHolders");
const entries = () => holders.getOrCreate(() => new LRUCache({ max: maxEntries, ttl: ttlMs }));

export function cachedTokenHolder(tokenHash: string): TokenHolder | undefined {
  return entries().get(tokenHash);
}

export function rememberTokenHolder(tokenHash: string, holder: TokenHolder): void {
  entries().set(tokenHash, holder);
}

function forgetHere({ tokenId, userId }: Which): void {
  const cache = entries();
  const forgotten = [...cache.entries()].filter(([, holder]) => holder.tokenId === tokenId || holder.actor.id === userId);
  for (const [hash] of forgotten) cache.delete(hash);
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
