import { previewSize } from "@/app/_components/meta/preview-card";
import ScenarioPreviewImage from "@/app/p/[slug]/s/[id]/opengraph-image";

export const size = previewSize;
export const contentType = "image/png";
export const alt = "Mizan";

/** A branch of a debate is shared with its scenario's card (a page's own OpenGraph tags drop a parent's image). */
export default function BranchPreviewImage({ params }: { params: Promise<{ slug: string; id: string; replyId: string }> }) {
  return ScenarioPreviewImage({ params });
}
