"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import type { FollowTargetType } from "@/db/schema";
import { callApi } from "@/app/_components/client/api-client";
import { useMemberPost } from "@/app/_components/auth/member-layer";

type Props = {
  targetType: FollowTargetType;
  targetId: string;
  initialFollowing: boolean;
  initialCount: number;
  /** Anonymous readers get a link to sign in instead. */
  signedIn: boolean;
};

/**
 * Follow or unfollow a post, scenario or member, with the number of followers beside it. On a post page from the
 * shared render, the member's layer says whether they follow the post.
 */
export function FollowButton(props: Props) {
  const member = useMemberPost(props.targetType === "post" && !props.signedIn ? props.targetId : null);
  if (!member) return <Follow {...props} />;
  return <Follow key="member" {...props} signedIn initialFollowing={member.following} />;
}

function Follow({ targetType, targetId, initialFollowing, initialCount, signedIn }: Props) {
  const t = useTranslations("follow");
  const [state, setState] = useState({ following: initialFollowing, count: initialCount });
  const [failed, setFailed] = useState(false);
  const [pending, startTransition] = useTransition();
  const count = <span className="tabular-nums text-muted">{t("followers", { count: state.count })}</span>;
  if (!signedIn) {
    return (
      <span className="inline-flex items-center gap-2 text-sm">
        <Link href="/signin" className="rounded-full border border-line px-3.5 py-1.5 font-medium hover:border-accent">
          {t("follow")}
        </Link>
        {count}
      </span>
    );
  }
  function toggle() {
    const before = state;
    const following = !state.following;
    setState({ following, count: Math.max(0, state.count + (following ? 1 : -1)) });
    setFailed(false);
    startTransition(async () => {
      try {
        await callApi(following ? "PUT" : "DELETE", `/follows/${targetType}/${targetId}`);
      } catch {
        setState(before);
        setFailed(true);
      }
    });
  }
  return (
    <span className="inline-flex flex-wrap items-center gap-2 text-sm">
      <button
        type="button"
        onClick={toggle}
        disabled={pending}
        aria-pressed={state.following}
        data-follow={targetType}
        className={`cursor-pointer rounded-full border px-3.5 py-1.5 font-medium disabled:opacity-60 ${state.following ? "border-accent bg-accent-soft text-accent" : "border-line hover:border-accent"}`}
      >
        {state.following ? t("following") : t("follow")}
      </button>
      {count}
      {failed && (
        <span role="alert" className="text-red-700 dark:text-red-400">
          {t("failed")}
        </span>
      )}
    </span>
  );
}
