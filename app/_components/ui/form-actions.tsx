import type { ReactNode } from "react";

type Props = {
  /** What the form says of itself (the draft saved, a reply posted), at the start of the row. */
  status?: ReactNode;
  /** A way out of the form without sending it. */
  cancel?: { label: string; onClick: () => void };
  /** Spacing around the row (a rule above it). */
  className?: string;
  /** The form's submit button. */
  children: ReactNode;
};

/** The row under a form's fields: its status at the start, cancel and submit at the end. */
export function FormActions({ status, cancel, className = "", children }: Props) {
  return (
    <div className={`flex flex-wrap items-center gap-3 ${className}`}>
      {status}
      <div className="ms-auto flex items-center gap-2">
        {cancel && (
          <button type="button" onClick={cancel.onClick} className="cursor-pointer rounded-full px-4 py-2 text-sm font-medium text-muted hover:text-ink">
            {cancel.label}
          </button>
        )}
        {children}
      </div>
    </div>
  );
}
