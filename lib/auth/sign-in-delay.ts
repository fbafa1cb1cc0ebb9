/**
 * How long a sign-in attempt waits before its password is checked. Failures for one (email, address) pair double
 * the wait from the third on, up to 1.6 s, so guessing from one address is slow long before it is refused; an
 * email past its ceiling of failures from anywhere adds one second for every attempt, its owner's included,
 * which slows a distributed guesser without locking the owner out.
 */
export function signInDelayMs(pairFailures: number, emailFailures: number, emailCeiling: number): number {
  const pair = pairFailures < 3 ? 0 : Math.min(50 * 2 ** (pairFailures - 3), 1600);
  return pair + (emailFailures >= emailCeiling ? 1000 : 0);
}
