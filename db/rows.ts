/** The rows of a raw `execute`: postgres-js answers the rows themselves, PGlite an object holding them. */
export function rowsOf<T>(result: unknown): T[] {
  const answer = result as { rows: T[] } | T[];
  return Array.isArray(answer) ? answer : answer.rows;
}
