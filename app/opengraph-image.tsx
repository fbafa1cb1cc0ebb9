import { previewSize, renderPreviewCard } from "@/app/_components/meta/preview-card";
import { siteNameIn, taglineIn } from "@/app/_components/meta/preview-figures";

export const size = previewSize;
export const contentType = "image/png";
export const alt = "Mizan";

/** The site's link-preview image, for every page without its own: the name and what it is, in both languages. */
export default function SitePreviewImage() {
  return renderPreviewCard({ brand: `${siteNameIn("ar")} · ${siteNameIn("en")}`, title: taglineIn("ar"), subtitle: taglineIn("en"), rtl: true });
}
