import type { ReactNode } from "react";

type Props = { id: string; heading: string; badge: string; summary?: string; lead: string; children: ReactNode };

/** A moderators' tool on the post page, folded away under its heading and marked as theirs. */
export function ModeratorPanel({ id, heading, badge, summary, lead, children }: Props) {
  return (
    <section aria-labelledby={id} className="rounded-3xl border border-dashed border-gold/60 p-5 sm:p-8">
      <details>
        <summary className="cursor-pointer">
          <h2 id={id} className="inline text-lg font-bold">
            {heading}
          </h2>
          <span className="ms-2 rounded-full bg-gold-soft px-2 py-0.5 text-xs font-semibold text-gold">{badge}</span>
          {summary && <span className="ms-2 text-sm text-muted">{summary}</span>}
        </summary>
        <p className="mt-3 text-sm text-muted">{lead}</p>
        {children}
      </details>
    </section>
  );
}
