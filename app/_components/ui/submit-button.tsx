type Props = { pending: boolean; label: string; pendingLabel: string; /** Size and placement (padding, margins, width). */ className: string };

/** A form's primary action: the accent pill, disabled and saying so while the form is being sent. */
export function SubmitButton({ pending, label, pendingLabel, className }: Props) {
  return (
    <button
      type="submit"
      disabled={pending}
      className={`cursor-pointer rounded-full bg-accent font-semibold text-paper transition hover:opacity-90 disabled:cursor-wait disabled:opacity-60 ${className}`}
    >
      {pending ? pendingLabel : label}
    </button>
  );
}
