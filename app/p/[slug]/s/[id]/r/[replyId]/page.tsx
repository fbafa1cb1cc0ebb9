import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { can } from "@/lib/auth/permissions";
import { scenarioPath } from "@/lib/forum/paths";
import { excerptFromMarkdown } from "@/lib/text/excerpt";
import { previewMetadata } from "@/app/_components/meta/page-metadata";
import { Breadcrumb } from "@/app/_components/forum/breadcrumb";
import { BackArrow } from "@/app/_components/ui/icons";
import { ReplyList } from "@/app/_components/debate/reply-thread";
import { buildReplyTree, findReplyNode } from "@/app/_components/debate/reply-tree";
import { notFoundOn } from "@/app/p/[slug]/page-reads";
import { loadBranchReplies, loadScenario } from "@/app/p/[slug]/s/[id]/load";

type Props = { params: Promise<{ slug: string; id: string; replyId: string }> };

async function loadBranch({ params }: Props) {
  const { slug, id, replyId } = await params;
  const loaded = await loadScenario(slug, id);
  const replies = await loadBranchReplies(loaded.scenario.id, replyId).catch(notFoundOn);
  const node = findReplyNode(buildReplyTree(replies), replyId);
  if (!node) notFound();
  return { ...loaded, node };
}

export async function generateMetadata(props: Props): Promise<Metadata> {
  const { post, scenario, node } = await loadBranch(props);
  const [t, tSite] = await Promise.all([getTranslations("thread"), getTranslations("site")]);
  return previewMetadata({
    title: `${t("subthreadTitle", { name: node.reply.author.name })} · ${scenario.title}`,
    description: excerptFromMarkdown(node.reply.body),
    path: `${scenarioPath(post.slug, scenario.id)}/r/${node.reply.id}`,
    lang: post.lang,
    siteName: tSite("name"),
    largeImage: true,
    type: "article",
  });
}

/** One branch of a debate that nests too deep for the scenario page, with its own replies from the top. */
export default async function BranchPage(props: Props) {
  const { ctx, post, scenario, node } = await loadBranch(props);
  const t = await getTranslations("thread");
  const base = `/p/${post.slug}/s/${scenario.id}`;
  const canReply = can(ctx.actor, { action: "reply.create", target: { post: { isLocked: post.locked }, scenario: { status: scenario.status, isLocked: scenario.locked } } });
  const title = t("subthreadTitle", { name: `\u2068${node.reply.author.name}\u2069` });
  return (
    <div className="mx-auto max-w-3xl py-6 sm:py-10">
      <Breadcrumb
        items={[
          { label: post.title, href: `/p/${post.slug}`, lang: post.lang, isUserText: true },
          { label: scenario.title, href: base, isUserText: true },
          { label: title },
        ]}
      />
      <header className="mt-6">
        <p className="text-sm text-muted">
          {t("subthreadHeading")}{" "}
          <Link href={base} dir="auto" className="font-semibold text-ink hover:text-accent hover:underline">
            {scenario.title}
          </Link>
        </p>
        <h1 className="mt-1 text-2xl font-bold">{title}</h1>
        <Link
          href={`${base}?reply=${node.reply.parentId ?? node.reply.id}#reply-${node.reply.parentId ?? node.reply.id}`}
          className="mt-4 inline-flex items-center gap-1.5 rounded-full border border-line px-4 py-1.5 text-sm font-medium text-accent hover:border-accent"
        >
          <BackArrow />
          {t("backToScenario")}
        </Link>
      </header>
      <div className="mt-8">
        <ReplyList nodes={[node]} depth={0} thread={{ scenarioId: scenario.id, base, canReply, moderates: can(ctx.actor, { action: "content.moderate" }) }} />
      </div>
    </div>
  );
}
