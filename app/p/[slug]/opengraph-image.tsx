import { anonymous } from "@/lib/auth/actor";
import { getForecast } from "@/lib/forecasts/forecasts";
import { getPost } from "@/lib/forum/posts";
import { listScenarioPlacements } from "@/lib/forum/scenarios";
import { previewSize, renderPreviewCard } from "@/app/_components/meta/preview-card";
import { previewFigure, siteNameIn } from "@/app/_components/meta/preview-figures";
import { decodeSlug, notFoundOn } from "./page-reads";

export const size = previewSize;
export const contentType = "image/png";
export const alt = "Mizan";

/** The post's link-preview image: its title, its question and the community's most likely scenario. Read as anyone. */
export default async function PostPreviewImage({ params }: { params: Promise<{ slug: string }> }) {
  const post = await getPost(anonymous, { idOrSlug: decodeSlug((await params).slug) }).catch(notFoundOn);
  // The visible scenarios, most likely first: a scenario hidden since the last forecast is not named.
  const [{ community }, [top]] = await Promise.all([getForecast(anonymous, { postId: post.id }), listScenarioPlacements(anonymous, { postId: post.id })]);
  const leading = community.revealed && top ? community.scenarios[top.id] : undefined;
  return renderPreviewCard({
    brand: siteNameIn(post.lang),
    title: post.title,
    subtitle: post.question,
    figure: previewFigure(post.lang, leading ?? null, leading ? top!.title : undefined),
    rtl: post.dir === "rtl",
  });
}
