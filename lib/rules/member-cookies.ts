/**
 * Two hints a member's browser carries for the shared render (lib/http/page-cache.ts). Neither grants anything:
 * the shared render is what an anonymous reader sees, and every write is checked by the verbs.
 * - `mizan_member=1`: set on a page served to a member from the shared render, so the page knows to fetch the
 *   member's layer (the session cookie itself is httpOnly); a refused layer (signed out) removes it.
 * - `mizan_view=own`: the member sees more than the shared render (a moderator; the author of hidden content):
 *   their pages are rendered for them.
 */
export const memberHintCookie = "mizan_member";
export const ownRenderCookie = "mizan_view";
export const ownRenderValue = "own";
