/** An interval in the largest whole unit that says it exactly: 90 s stays seconds, 300 s is 5 minutes. */
export function durationParts(seconds: number): { unit: "second" | "minute" | "hour"; count: number } {
  if (seconds % 3600 === 0) return { unit: "hour", count: seconds / 3600 };
  if (seconds % 60 === 0) return { unit: "minute", count: seconds / 60 };
  return { unit: "second", count: seconds };
}

/** The longest interval slow mode may hold between one member's replies on a post. */
export const maxSlowModeSeconds = 86_400;

/** The intervals the moderators' form offers, in seconds (0 turns slow mode off). */
export const slowModePresets = [0, 30, 60, 300, 900, 3600, maxSlowModeSeconds] as const;
