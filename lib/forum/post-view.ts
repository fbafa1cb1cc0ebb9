import type { Axes, Locale, Post, PostTranslation } from "@/db/schema";
import { contestEnd } from "@/lib/rules/contest-mode";
import type { ModerationView } from "./moderation-view";

export type PostView = {
  id: string;
  slug: string;
  title: string;
  body: string;
  html: string;
  question: string;
  disclaimer: string | null;
  lang: Locale;
  dir: "rtl" | "ltr";
  axes: {
    x: { label: string; low: string; high: string };
    y: { label: string; low: string; high: string };
    /** Names of the map's corners by where x and y stand, when the post has them. */
    quadrants: { highHigh: string; highLow: string; lowHigh: string; lowLow: string } | null;
  };
  scenarioCount: number;
  /** Members following the post. */
  followerCount: number;
  locked: boolean;
  pinned: boolean;
  /** Slow mode: the least seconds between one member's replies on the post (0: off; staff are exempt). */
  slowModeSeconds: number;
  /** Contest mode's end while it lasts (scenarios shuffled per reader, scores hidden from non-moderators), else null. */
  contestUntil: string | null;
  status: Post["status"];
  /** The latest moderator action, for the viewers told of it (moderators; the author while it is hidden). */
  moderation?: ModerationView;
  createdAt: string;
  /** When a scenario or reply last arrived, or the post was opened: the home page's order. */
  lastActivityAt: string;
  /** Which scenario happened (or other, or annulled), once a moderator has resolved the post. */
  resolution: { outcome: NonNullable<Post["resolutionOutcome"]>; scenarioId: string | null; note: string; resolvedAt: string } | null;
  /** The post's latest event seq: subscribe with `after: lastSeq` to hear everything after this view. */
  lastSeq: number;
  /** The post's languages: the original first, then its translations. */
  languages: Locale[];
};

export function dirOf(lang: string): "rtl" | "ltr" {
  return lang === "ar" ? "rtl" : "ltr";
}

function localizeAxes(axes: Axes, lang: Locale): PostView["axes"] {
  const pick = (axis: Axes["x"]) => ({ label: axis.label[lang], low: axis.low[lang], high: axis.high[lang] });
  const q = axes.quadrants;
  return {
    x: pick(axes.x),
    y: pick(axes.y),
    quadrants: q ? { highHigh: q.highHigh[lang], highLow: q.highLow[lang], lowHigh: q.lowHigh[lang], lowLow: q.lowLow[lang] } : null,
  };
}

/**
 * A post as the API and pages show it, in its original language or in the translation for `lang` when
 * `translations` holds it; `translationLangs` lists every language the post has been translated into.
 */
export function toPostView(
  post: Post,
  translations: PostTranslation[],
  lang: Locale | undefined,
  translationLangs: Locale[],
): PostView {
  const translation = lang && lang !== post.lang ? translations.find((t) => t.lang === lang) : undefined;
  const text = translation ?? post;
  const shownLang = translation?.lang ?? post.lang;
  return {
    id: post.id,
    slug: post.slug,
    title: text.title,
    body: text.body,
    html: text.html,
    question: text.question,
    disclaimer: text.disclaimer,
    lang: shownLang,
    dir: dirOf(shownLang),
    axes: localizeAxes(post.axes, shownLang),
    scenarioCount: post.scenarioCount,
    followerCount: post.followerCount,
    locked: post.isLocked,
    pinned: post.isPinned,
    slowModeSeconds: post.slowModeSeconds,
    contestUntil: contestEnd(post.contestUntil),
    status: post.status,
    createdAt: post.createdAt.toISOString(),
    lastActivityAt: post.lastActivityAt.toISOString(),
    lastSeq: post.lastSeq,
    resolution:
      post.resolvedAt && post.resolutionOutcome
        ? { outcome: post.resolutionOutcome, scenarioId: post.resolvedScenarioId, note: post.resolutionNote ?? "", resolvedAt: post.resolvedAt.toISOString() }
        : null,
    languages: [post.lang, ...translationLangs.filter((l) => l !== post.lang)],
  };
}
