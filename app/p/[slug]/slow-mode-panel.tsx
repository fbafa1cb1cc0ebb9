import { getTranslations } from "next-intl/server";
import { durationParts } from "@/lib/rules/slow-mode";
import { SlowModeForm } from "@/app/_components/moderation/slow-mode-form";
import { can } from "@/lib/auth/permissions";
import { currentContext } from "@/lib/auth/session";
import type { PostView } from "@/lib/forum/post-view";
import { ModeratorPanel } from "./moderator-panel";

/** The moderators' slow-mode control, folded away under its own heading; nothing for anyone else. */
export async function SlowModePanel({ post }: { post: PostView }) {
  const ctx = await currentContext();
  if (!can(ctx.actor, { action: "post.setSlowMode" })) return null;
  const t = await getTranslations("slowMode");
  const state = post.slowModeSeconds === 0 ? t("off") : t("duration", durationParts(post.slowModeSeconds));
  return (
    <ModeratorPanel id="slow-mode-heading" heading={t("heading")} badge={t("moderators")} summary={t("current", { state })} lead={t("lead")}>
      <SlowModeForm postId={post.id} current={post.slowModeSeconds} />
    </ModeratorPanel>
  );
}
