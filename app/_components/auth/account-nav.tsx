import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { can } from "@/lib/auth/permissions";
import { currentContext } from "@/lib/auth/session";
import { countPendingReviews } from "@/lib/moderation/review-queue";
import { countUnread } from "@/lib/notify/notifications";
import { MemberNav, SharedAccountNav } from "@/app/_components/auth/member-nav";
import { primaryButton } from "@/app/_components/ui/button-styles";

/**
 * Sign-in links for readers; the member's header (member-nav.tsx) for members. A page rendered for an anonymous
 * reader may be shown to a member from the shared render: then their layer replaces the links.
 */
export async function AccountNav() {
  const [ctx, t] = await Promise.all([currentContext(), getTranslations("nav")]);
  const { actor } = ctx;
  if (!actor) {
    return (
      <SharedAccountNav>
        <div data-signed-out className="flex items-center gap-2 text-sm">
          <Link href="/signin" className="rounded-full px-3 py-1.5 font-medium text-ink hover:text-accent">
            {t("signIn")}
          </Link>
          <Link href="/signup" className={`${primaryButton} px-3.5 py-1.5 font-medium`}>
            {t("signUp")}
          </Link>
        </div>
      </SharedAccountNav>
    );
  }
  const [waiting, unread] = await Promise.all([countPendingReviews(ctx), countUnread(actor.id)]);
  return <MemberNav viewer={{ handle: actor.handle, name: actor.name, mayCreatePost: can(actor, { action: "post.create" }) }} unread={unread} waiting={waiting} />;
}
