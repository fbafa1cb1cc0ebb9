/**
 * The accent pill of a page's or a form's main action, for a button or a link; each use adds its size and place
 * (padding, text size and weight, width, margins).
 */
export const primaryButton = "cursor-pointer rounded-full bg-accent text-paper transition hover:opacity-90 disabled:cursor-wait disabled:opacity-60";
