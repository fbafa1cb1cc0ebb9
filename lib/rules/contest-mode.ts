/** The lengths the moderators' form offers for contest mode, in hours from now (0 turns it off). */
export const contestModePresets = [0, 6, 24, 72] as const;

/** The furthest ahead contest mode may be set: a week. */
export const maxContestHours = 168;

/** Whether contest mode stands at `now`: it ends by itself at its time, with nothing to run. */
export function contestInForce(contestUntil: Date | null, now: Date = new Date()): boolean {
  return contestUntil !== null && contestUntil.getTime() > now.getTime();
}

/** When contest mode ends, for views (ISO time), or null when it does not stand now. */
export function contestEnd(contestUntil: Date | null): string | null {
  return contestInForce(contestUntil) ? contestUntil!.toISOString() : null;
}
