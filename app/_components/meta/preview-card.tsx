import { ImageResponse } from "next/og";
import { cardFontFamily, cardFonts, drawable, type CardWeight } from "@/lib/preview/card-fonts";
import { layoutText } from "@/lib/preview/text-layout";

/** The link-preview image: 1200 × 630, the size OpenGraph and Twitter's large card expect. */
export const previewSize = { width: 1200, height: 630 };
const padding = 56;
const textWidth = previewSize.width - 2 * padding;
const colors = { paper: "#faf7f1", ink: "#1c1d21", muted: "#5b5f66", accent: "#0d6b5b", gold: "#7a5212", goldSoft: "#f6ecd9", line: "#e4ddd0" };

type Block = { text: string; fontSize: number; weight: CardWeight; color: string; maxLines: number; width?: number };

/** Text laid out line by line with its shaped widths (see lib/preview/text-layout.ts), right to left for Arabic. */
function TextBlock({ text, fontSize, weight, color, maxLines, width = textWidth }: Block) {
  const layout = layoutText(drawable(text), { fontSize, weight, width, maxLines });
  return (
    <div style={{ display: "flex", flexDirection: "column", alignItems: layout.rtl ? "flex-end" : "flex-start", width, color, fontSize, fontWeight: weight, lineHeight: 1.45 }}>
      {layout.lines.map((line, i) => (
        <div key={i} style={{ display: "flex", flexDirection: layout.rtl ? "row-reverse" : "row" }}>
          {line.map((piece, j) => (
            <span key={j} style={{ width: piece.width, whiteSpace: "nowrap", flexShrink: 0, [layout.rtl ? "marginRight" : "marginLeft"]: j > 0 && !piece.joined ? layout.gap : 0 }}>
              {piece.text}
            </span>
          ))}
        </div>
      ))}
    </div>
  );
}

export type PreviewCard = {
  /** The site's name, at the top. */
  brand: string;
  title: string;
  subtitle?: string;
  /** The community figure ("42%") with what it is, or a sentence when there is none yet. */
  figure?: { value: string; label: string } | { note: string };
  rtl: boolean;
};

/** Renders the card as a PNG response, server-side, with the fonts of the project's @fontsource package. */
export function renderPreviewCard(card: PreviewCard): ImageResponse {
  const end = card.rtl ? "flex-end" : "flex-start";
  return new ImageResponse(
    (
      <div style={{ display: "flex", flexDirection: "column", width: "100%", height: "100%", padding, background: colors.paper, fontFamily: cardFontFamily, borderTop: `16px solid ${colors.accent}` }}>
        <div style={{ display: "flex", justifyContent: end, marginBottom: 16 }}>
          <TextBlock text={card.brand} fontSize={30} weight={700} color={colors.gold} maxLines={1} width={400} />
        </div>
        <TextBlock text={card.title} fontSize={52} weight={700} color={colors.ink} maxLines={3} />
        {card.subtitle && (
          <div style={{ display: "flex", marginTop: 16 }}>
            <TextBlock text={card.subtitle} fontSize={28} weight={400} color={colors.muted} maxLines={2} />
          </div>
        )}
        {card.figure && (
          <div style={{ display: "flex", marginTop: "auto", paddingTop: 16, justifyContent: end }}>
            {"value" in card.figure ? (
              <div style={{ display: "flex", flexDirection: card.rtl ? "row-reverse" : "row", alignItems: "center", gap: 24, padding: "12px 24px", borderRadius: 24, background: colors.goldSoft }}>
                <TextBlock text={card.figure.value} fontSize={60} weight={700} color={colors.accent} maxLines={1} width={240} />
                <TextBlock text={card.figure.label} fontSize={26} weight={400} color={colors.gold} maxLines={2} width={680} />
              </div>
            ) : (
              <TextBlock text={card.figure.note} fontSize={28} weight={400} color={colors.muted} maxLines={2} />
            )}
          </div>
        )}
      </div>
    ),
    { ...previewSize, fonts: cardFonts(), headers: { "cache-control": "public, max-age=300" } },
  );
}
