/** Mizan's mark: a balance beam on its pillar, drawn with currentColor. */
export function BalanceMark({ className }: { className?: string }) {
  return (
    <svg viewBox="0 0 32 32" aria-hidden="true" className={className} fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
      <path d="M16 5v21M10 27h12M6 9h20" />
      <circle cx="16" cy="5" r="1.5" fill="currentColor" />
      <path d="M6 9l-3.5 8h7L6 9zM26 9l-3.5 8h7L26 9z" />
      <path d="M2.5 17a3.5 2 0 0 0 7 0M22.5 17a3.5 2 0 0 0 7 0" />
    </svg>
  );
}
