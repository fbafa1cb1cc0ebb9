import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { PostView } from "@/lib/forum/post-view";
import { postPath } from "@/lib/forum/paths";
import { TimeAgo } from "@/app/_components/ui/time-ago";

/** A post in a list; the featured one is larger and shows its question. */
export async function PostCard({ post, featured = false }: { post: PostView; featured?: boolean }) {
  const t = await getTranslations("home");
  return (
    <article
      className={`group relative rounded-2xl border border-line bg-card transition hover:border-accent ${featured ? "p-6 sm:p-8" : "p-5"}`}
    >
      <h3 lang={post.lang} dir="auto" className={`font-article font-bold leading-snug ${featured ? "text-2xl sm:text-3xl" : "text-xl"}`}>
        <Link href={postPath(post.slug)} className="after:absolute after:inset-0 after:content-['']">
          {post.title}
        </Link>
      </h3>
      {featured && (
        <div className="mt-5 border-s-4 border-gold ps-4">
          <p className="text-sm font-medium text-gold">{t("question")}</p>
          <p lang={post.lang} dir="auto" className="font-article mt-1 text-lg leading-relaxed sm:text-xl">
            {post.question}
          </p>
        </div>
      )}
      <div className="mt-5 flex flex-wrap items-center gap-x-4 gap-y-2 text-sm text-muted">
        <span className="inline-flex items-center gap-1.5 rounded-full bg-accent-soft px-3 py-1 text-accent">
          <span lang={post.lang} dir="auto">{post.axes.x.label}</span>
          <span aria-hidden="true">×</span>
          <span lang={post.lang} dir="auto">{post.axes.y.label}</span>
        </span>
        <span>{t("scenarioCount", { count: post.scenarioCount })}</span>
        <span>
          {t("lastActivity")} <TimeAgo iso={post.lastActivityAt} />
        </span>
        {featured && (
          <span className="ms-auto font-medium text-accent group-hover:underline" aria-hidden="true">
            {t("readAndDebate")} <span className="inline-block rtl:-scale-x-100">→</span>
          </span>
        )}
      </div>
    </article>
  );
}
