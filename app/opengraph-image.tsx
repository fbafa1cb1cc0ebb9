import { getTranslations } from "next-intl/server";
import { previewSize, renderPreviewCard } from "./_components/preview-card";

export const size = previewSize;
export const contentType = "image/png";
export const alt = "Mizan";

/** The site's link-preview image, for every page without its own: the name and what it is, in both languages. */
export default async function SitePreviewImage() {
  const [ar, en] = await Promise.all([getTranslations({ locale: "ar", namespace: "site" }), getTranslations({ locale: "en", namespace: "site" })]);
  return renderPreviewCard({ brand: `${ar("name")} · ${en("name")}`, title: ar("tagline"), subtitle: en("tagline"), rtl: true });
}
