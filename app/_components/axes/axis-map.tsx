/**
 * A scenario's place on the post's two axes as a small square: x runs from the inline start (low) to the inline
 * end (high), so it mirrors with the reading direction like the axes legend; y runs from the bottom (low) up.
 * Usable from server and client components alike.
 */
export function AxisMap({ x, y, label, className = "size-14" }: { x: number; y: number; label: string; className?: string }) {
  return (
    <div role="img" aria-label={label} title={label} className={`axis-grid relative shrink-0 overflow-hidden rounded-lg border border-line ${className}`}>
      <span aria-hidden="true" className="axis-midline-x" />
      <span aria-hidden="true" className="axis-midline-y" />
      {/* The plot sits a dot's radius inside the frame, so a point at 0 or 100 stays whole. */}
      <span aria-hidden="true" className="absolute inset-[0.3125rem]">
        <span className="axis-dot" style={{ insetInlineStart: `${x}%`, bottom: `${y}%` }} />
      </span>
    </div>
  );
}
