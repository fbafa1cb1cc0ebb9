import { getFormatter, getTranslations } from "next-intl/server";
import { ContestModeForm } from "@/app/_components/moderation/contest-mode-form";
import { can } from "@/lib/auth/permissions";
import { currentContext } from "@/lib/auth/session";
import type { PostView } from "@/lib/forum/post-view";
import { ModeratorPanel } from "./moderator-panel";

/** The moderators' contest-mode control, folded away under its own heading; nothing for anyone else. */
export async function ContestModePanel({ post }: { post: PostView }) {
  const ctx = await currentContext();
  if (!can(ctx.actor, { action: "post.setContestMode" })) return null;
  const [t, format] = await Promise.all([getTranslations("contestMode"), getFormatter()]);
  const state = post.contestUntil ? t("on", { date: format.dateTime(new Date(post.contestUntil), { dateStyle: "medium", timeStyle: "short" }) }) : t("off");
  return (
    <ModeratorPanel id="contest-mode-heading" heading={t("heading")} badge={t("moderators")} summary={t("current", { state })} lead={t("lead")}>
      <ContestModeForm key={String(post.contestUntil !== null)} postId={post.id} active={post.contestUntil !== null} />
    </ModeratorPanel>
  );
}
