/**
 * How much one flag weighs in the review queue, after Discourse's ReviewableScore.user_flag_score:
 * 1 + the flagger's standing (5 for staff) + a bonus or malus from how often their decided flags were upheld.
 */
export function flagScore(standing: number, agreed: number, disagreed: number): number {
  return Math.max(0, 1 + standing + accuracyBonus(agreed, disagreed));
}

/**
 * Discourse's calc_user_accuracy_bonus: nothing until more than 5 decided flags; then, around an axis of 70%
 * upheld, a bonus up to +5·log4(total) above it and a malus down to −5·log4(total) below it.
 */
export function accuracyBonus(agreed: number, disagreed: number): number {
  const total = agreed + disagreed;
  if (total <= 5) return 0;
  const axis = 0.7;
  const correct = agreed / total;
  const positive = correct >= axis;
  const distance = positive ? (correct - axis) / (1 - axis) : -(axis - correct) / axis;
  return Math.round(distance * (Math.log(total) / Math.log(4)) * 5 * 100) / 100;
}

/** A member's standing as a flagger, in place of Discourse's trust level: staff 5, new accounts 0, a month old 2. */
export function flaggerStanding(role: "member" | "moderator" | "admin", accountAgeMs: number): number {
  if (role !== "member") return 5;
  const day = 86_400_000;
  if (accountAgeMs < day) return 0;
  return accountAgeMs < 30 * day ? 1 : 2;
}
