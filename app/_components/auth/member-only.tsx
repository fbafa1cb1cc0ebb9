"use client";

import type { ReactNode } from "react";
import { useMemberPost } from "@/app/_components/auth/member-layer";

type Props = {
  postId: string;
  /** What the member's layer must allow on this post. */
  may: "propose" | "forecast" | "vote";
  /** What an anonymous reader sees; and what a member sees who may not (null: nothing). */
  signedOut: ReactNode;
  refused?: ReactNode;
  children: ReactNode;
};

/** On a page from the shared render: the children for a member whose layer allows it, else what the others see. */
export function MemberOnly({ postId, may, signedOut, refused = null, children }: Props) {
  const member = useMemberPost(postId);
  if (!member) return signedOut;
  return member.may[may] ? children : refused;
}
