import { stances, type Stance } from "@/lib/forum/stances";

/** The stances in the order pickers and tallies show them. */
export const stanceList = stances;

export const stanceTone: Record<Stance, string> = {
  supports: "bg-supports-soft text-supports",
  challenges: "bg-challenges-soft text-challenges",
  question: "bg-question-soft text-question",
  evidence: "bg-evidence-soft text-evidence",
  neutral: "bg-neutral-soft text-neutral",
};

const paths: Record<Stance, string> = {
  supports: "M4.5 10.5 8.5 14.5 15.5 6",
  challenges: "M6 6l8 8M14 6l-8 8",
  question: "M7.6 7.6a2.5 2.5 0 1 1 3.6 2.2c-.8.4-1.2.9-1.2 1.7v.6M10 15.2v.1",
  evidence: "M6.5 3.5h5l3 3v10h-8zM11.5 3.5v3h3M8.5 10h4M8.5 13h4",
  neutral: "M5.5 10h9",
};

/** A stance's glyph: the question mark turns with Arabic's mirrored "؟". */
export function StanceIcon({ stance, className = "size-4" }: { stance: Stance; className?: string }) {
  return (
    <svg viewBox="0 0 20 20" aria-hidden="true" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" className={`${className} ${stance === "question" ? "rtl:-scale-x-100" : ""}`}>
      <path d={paths[stance]} />
    </svg>
  );
}

/** A reply's stance as colour, icon and word together, so no one depends on the colour alone. */
export function StanceBadge({ stance, label }: { stance: Stance; label: string }) {
  return (
    <span className={`inline-flex items-center gap-1 rounded-full px-2 py-0.5 text-xs font-semibold ${stanceTone[stance]}`}>
      <StanceIcon stance={stance} className="size-3.5" />
      {label}
    </span>
  );
}
