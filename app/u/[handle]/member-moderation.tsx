import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { isSuspended, type Context } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { toActor } from "@/lib/auth/user-view";
import type { User } from "@/db/schema";
import { listFlagsAgainst } from "@/lib/moderation/flags-against";
import { listModerationLog } from "@/lib/moderation/log-entries";
import { ModerationLogTable } from "@/app/_components/moderation/moderation-log-table";
import { SuspensionForm } from "@/app/_components/moderation/suspension-form";

/**
 * A member's record for moderators on their profile: the suspension control when this moderator may suspend them
 * (the verb decides again), their moderation-log entries and the flags on their content. Nothing for anyone else.
 */
export async function MemberModeration({ ctx, user }: { ctx: Context; user: User }) {
  if (!can(ctx.actor, { action: "queue.review" })) return null;
  const [t, tQueue, format, history, flagged] = await Promise.all([
    getTranslations("memberModeration"),
    getTranslations("moderation.queue"),
    getFormatter(),
    listModerationLog(ctx, { targetType: "user", targetId: user.id, limit: 20 }),
    listFlagsAgainst(ctx, { userId: user.id }),
  ]);
  const maySuspend = can(ctx.actor, { action: "user.suspend", target: { id: user.id, role: user.role } });
  const suspended = isSuspended(toActor(user));
  const subheading = "mt-6 text-base font-semibold";
  return (
    <section aria-labelledby="member-moderation-heading" className="mt-10 rounded-3xl border border-dashed border-gold/60 p-5 sm:p-8" data-member-moderation>
      <h2 id="member-moderation-heading" className="text-xl font-semibold">
        {t("heading")}
        <span className="ms-2 rounded-full bg-gold-soft px-2 py-0.5 align-middle text-xs font-semibold text-gold">{t("moderators")}</span>
      </h2>
      <h3 className={subheading}>{t("suspensionHeading")}</h3>
      <p className="mt-1 text-sm text-muted">
        {suspended ? t("suspendedUntil", { date: format.dateTime(user.suspendedUntil!, { dateStyle: "medium", timeStyle: "short" }) }) : t("notSuspended")}
      </p>
      {maySuspend ? <SuspensionForm key={String(suspended)} userId={user.id} suspended={suspended} /> : <p className="mt-2 text-sm text-muted">{t("mayNotSuspend")}</p>}

      <h3 className={subheading}>{t("historyHeading")}</h3>
      {history.entries.length === 0 ? (
        <p className="mt-1 text-sm text-muted">{t("noHistory")}</p>
      ) : (
        <div className="mt-2">
          <ModerationLogTable entries={history.entries} label={t("historyHeading")} />
        </div>
      )}
      <Link href={`/mod/log?targetType=user&targetId=${encodeURIComponent(user.id)}`} className="mt-2 inline-block text-sm font-medium text-accent hover:underline">
        {t("fullLog")}
      </Link>

      <h3 className={subheading}>{t("flagsHeading")}</h3>
      {flagged.length === 0 ? (
        <p className="mt-1 text-sm text-muted">{t("noFlags")}</p>
      ) : (
        <ul className="mt-2 divide-y divide-line rounded-2xl border border-line bg-card text-sm">
          {flagged.map((flag) => (
            <li key={flag.id} className="flex flex-wrap items-baseline gap-x-3 gap-y-1 px-4 py-2.5">
              <Link href={flag.url} className="font-medium text-accent hover:underline">
                {tQueue(`type.${flag.targetType}`)}
              </Link>
              <span className="font-semibold">{tQueue(`reasons.${flag.reason}`)}</span>
              {flag.note && (
                <span dir="auto" className="min-w-0 break-words text-muted">
                  “{flag.note}”
                </span>
              )}
              <span className="text-muted">{t(`flagStatus.${flag.status}`)}</span>
              <span className="text-muted">
                {t("flaggedBy")} <bdi>@{flag.by.handle}</bdi> · <time dateTime={flag.at}>{format.dateTime(new Date(flag.at), { dateStyle: "medium" })}</time>
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
