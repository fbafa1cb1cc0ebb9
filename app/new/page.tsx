import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { redirect } from "next/navigation";
import { can } from "@/lib/auth/permissions";
import { currentContext } from "@/lib/auth/session";
import { PostComposer } from "./post-composer";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("newPost"))("heading") };
}

/** Moderators open a post here; everyone else is sent to sign in or told they may not. */
export default async function NewPostPage() {
  const ctx = await currentContext();
  if (!ctx.actor) redirect("/signin?next=/new");
  const [t, locale] = await Promise.all([getTranslations("newPost"), getLocale()]);
  const allowed = can(ctx.actor, { action: "post.create" });
  return (
    <div className="mx-auto max-w-3xl py-10">
      <h1 className="text-3xl font-bold">{t("heading")}</h1>
      {allowed ? (
        <>
          <p className="mt-3 mb-8 text-muted">{t("lead")}</p>
          <PostComposer defaultLang={locale === "en" ? "en" : "ar"} />
        </>
      ) : (
        <p role="alert" className="mt-6 rounded-xl border border-line bg-card px-4 py-3">
          {t("forbidden")}
        </p>
      )}
    </div>
  );
}
