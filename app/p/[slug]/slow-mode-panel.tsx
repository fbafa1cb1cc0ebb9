import { getTranslations } from "next-intl/server";
import { durationParts } from "@/lib/rules/slow-mode";
import { SlowModeForm } from "@/app/_components/slow-mode-form";
import { can } from "@/lib/auth/permissions";
import { currentContext } from "@/lib/auth/session";
import type { PostView } from "@/lib/forum/post-view";

/** The moderators' slow-mode control, folded away under its own heading; nothing for anyone else. */
export async function SlowModePanel({ post }: { post: PostView }) {
  const ctx = await currentContext();
  if (!can(ctx.actor, { action: "post.setSlowMode" })) return null;
  const t = await getTranslations("slowMode");
  const state = post.slowModeSeconds === 0 ? t("off") : t("duration", durationParts(post.slowModeSeconds));
  return (
    <section aria-labelledby="slow-mode-heading" className="rounded-3xl border border-dashed border-gold/60 p-5 sm:p-8">
      <details>
        <summary className="cursor-pointer">
          <h2 id="slow-mode-heading" className="inline text-lg font-bold">
            {t("heading")}
          </h2>
          <span className="ms-2 rounded-full bg-gold-soft px-2 py-0.5 text-xs font-semibold text-gold">{t("moderators")}</span>
          <span className="ms-2 text-sm text-muted">{t("current", { state })}</span>
        </summary>
        <p className="mt-3 text-sm text-muted">{t("lead")}</p>
        <SlowModeForm postId={post.id} current={post.slowModeSeconds} />
      </details>
    </section>
  );
}
