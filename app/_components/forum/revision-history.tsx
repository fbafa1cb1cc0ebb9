import { getTranslations } from "next-intl/server";
import type { PostView } from "@/lib/forum/post-view";
import type { RevisionView } from "@/lib/forum/scenarios";
import { TimeAgo } from "@/app/_components/ui/time-ago";

/** A name inside a translated sentence, isolated so its direction cannot reorder the words around it. */
const isolate = (name: string) => `\u2068${name}\u2069`;

/** Earlier versions of a scenario, newest first, folded away until asked for. */
export async function RevisionHistory({ revisions, axes }: { revisions: RevisionView[]; axes: PostView["axes"] }) {
  if (revisions.length === 0) return null;
  const [t, tScenarios] = await Promise.all([getTranslations("scenario"), getTranslations("scenarios")]);
  return (
    <details className="group mt-8 rounded-2xl border border-line bg-card">
      <summary className="flex cursor-pointer items-center gap-2 rounded-2xl px-5 py-3 text-sm font-semibold text-muted hover:text-ink">
        <svg viewBox="0 0 16 16" aria-hidden="true" className="size-4 transition group-open:rotate-90 rtl:-scale-x-100" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round">
          <path d="m6 3.5 4.5 4.5L6 12.5" />
        </svg>
        {t("revisions", { count: revisions.length })}
      </summary>
      <ol className="space-y-5 border-t border-line px-5 py-4">
        {revisions.map((revision) => (
          <li key={revision.id} className="border-s-2 border-line ps-4">
            <p className="flex flex-wrap gap-x-1.5 text-sm text-muted">
              <span>{t("revisionMeta", { name: isolate(revision.editor.name) })}</span>
              <span aria-hidden="true">·</span>
              <TimeAgo iso={revision.createdAt} />
            </p>
            <p dir="auto" className="mt-1 font-semibold">
              {revision.title}
            </p>
            <p className="mt-0.5 text-xs text-muted">
              {t("revisionPlacement", { text: tScenarios("placement", { xLabel: axes.x.label, x: revision.x, yLabel: axes.y.label, y: revision.y }) })}
            </p>
            <div dir="auto" className="user-text mt-2 text-[0.95rem] text-muted" dangerouslySetInnerHTML={{ __html: revision.html }} />
          </li>
        ))}
      </ol>
    </details>
  );
}
