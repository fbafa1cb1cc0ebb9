import type { FollowTargetType } from "@/db/schema";
import { currentContext } from "@/lib/auth/session";
import { isFollowing } from "@/lib/notify/follows";
import { FollowButton } from "./follow-button";

/** The follow button for pages that otherwise render as an anonymous reader: reads who is asking itself. */
export async function FollowControl({ targetType, targetId, count }: { targetType: FollowTargetType; targetId: string; count: number }) {
  const ctx = await currentContext();
  const following = await isFollowing(ctx, targetType, targetId);
  return <FollowButton targetType={targetType} targetId={targetId} initialFollowing={following} initialCount={count} signedIn={!!ctx.actor} />;
}
