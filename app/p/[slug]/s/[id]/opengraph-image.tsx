import { notFound } from "next/navigation";
import { anonymous } from "@/lib/auth/actor";
import { getPost } from "@/lib/forum/posts";
import { getScenario } from "@/lib/forum/scenarios";
import { previewSize, renderPreviewCard } from "@/app/_components/meta/preview-card";
import { previewFigure, siteNameIn } from "@/app/_components/meta/preview-figures";
import { decodeSlug, notFoundOn } from "@/app/p/[slug]/page-reads";

export const size = previewSize;
export const contentType = "image/png";
export const alt = "Mizan";

/** The scenario's link-preview image: its title, its post and its community probability. Read as anyone. */
export default async function ScenarioPreviewImage({ params }: { params: Promise<{ slug: string; id: string }> }) {
  const { slug, id } = await params;
  const [post, scenario] = await Promise.all([getPost(anonymous, { idOrSlug: decodeSlug(slug) }), getScenario(anonymous, { scenarioId: id })]).catch(notFoundOn);
  if (scenario.postId !== post.id) notFound();
  return renderPreviewCard({
    brand: siteNameIn(post.lang),
    title: scenario.title,
    subtitle: post.title,
    figure: previewFigure(post.lang, scenario.community),
    rtl: post.dir === "rtl",
  });
}
