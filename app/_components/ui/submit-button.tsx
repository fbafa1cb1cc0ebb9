import { primaryButton } from "@/app/_components/ui/button-styles";

type Props = { pending: boolean; label: string; pendingLabel: string; /** Size and placement (padding, margins, width). */ className: string };

/** A form's primary action: the accent pill, disabled and saying so while the form is being sent. */
export function SubmitButton({ pending, label, pendingLabel, className }: Props) {
  return (
    <button
      type="submit"
      disabled={pending}
      className={`${primaryButton} font-semibold ${className}`}
    >
      {pending ? pendingLabel : label}
    </button>
  );
}
