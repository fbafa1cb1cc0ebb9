"use client";

import { createContext, useContext, useEffect, useState } from "react";
import type { MemberPage, MemberPostLayer } from "@/lib/forum/member-page";
import { memberHintCookie, ownRenderCookie, ownRenderValue } from "@/lib/rules/member-cookies";

const MemberLayerContext = createContext<MemberPage | null>(null);
const pendingAttribute = "data-member-pending";

/**
 * Run before the page paints: with the member hint, what only signed-out readers see (`data-signed-out`: the
 * sign-in links and prompts) stays invisible until the member's layer has come or failed, so it never flashes.
 */
export const memberPendingScript = `document.cookie.split("; ").includes("${memberHintCookie}=1")&&document.documentElement.setAttribute("${pendingAttribute}","")`;

const hasCookie = (name: string, value: string) => document.cookie.split("; ").includes(`${name}=${value}`);

/** The post a page shows, from its path (`/p/{slug}` and the pages under it), for the member's layer. */
function postOfPath(pathname: string): string | null {
  const match = /^\/p\/([^/]+)/.exec(pathname);
  if (!match) return null;
  try {
    return decodeURIComponent(match[1]!);
  } catch {
    return null;
  }
}

/**
 * The member's layer of a page served from the shared render: when the page was rendered for an anonymous
 * reader but a member's browser shows it (the `mizan_member` hint), one small request (GET /api/v1/me/page)
 * brings what is theirs, and the components below fill it in. A page rendered for the member needs none.
 */
export function MemberLayerProvider({ renderedForMember, children }: { renderedForMember: boolean; children: React.ReactNode }) {
  const [layer, setLayer] = useState<MemberPage | null>(null);
  useEffect(() => {
    const settled = () => document.documentElement.removeAttribute(pendingAttribute);
    if (renderedForMember || !hasCookie(memberHintCookie, "1")) return settled();
    const controller = new AbortController();
    const post = postOfPath(location.pathname);
    fetch(`/api/v1/me/page${post ? `?post=${encodeURIComponent(post)}` : ""}`, { signal: controller.signal, cache: "no-store" })
      .then(async (response) => {
        if (response.status === 401) {
          document.cookie = `${memberHintCookie}=; Max-Age=0; Path=/`;
          return;
        }
        if (!response.ok) return;
        const page = (await response.json()) as MemberPage;
        if (page.needsOwnRender && !hasCookie(ownRenderCookie, ownRenderValue)) {
          document.cookie = `${ownRenderCookie}=${ownRenderValue}; Path=/; Max-Age=31536000; SameSite=Lax`;
          location.reload();
          return;
        }
        setLayer(page);
      })
      .catch(() => undefined)
      .finally(settled);
    return () => controller.abort();
  }, [renderedForMember]);
  return <MemberLayerContext.Provider value={layer}>{children}</MemberLayerContext.Provider>;
}

/** The member's layer of this page, or null (an anonymous reader, a page rendered for the member, or not loaded yet). */
export function useMemberLayer(): MemberPage | null {
  return useContext(MemberLayerContext);
}

/** The member's layer of this post (none asked: null), or null. */
export function useMemberPost(postId: string | null): MemberPostLayer | null {
  const post = useContext(MemberLayerContext)?.post;
  return post && post.postId === postId ? post : null;
}
