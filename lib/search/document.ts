import { documentKeys, wordSpans } from "./normalize";

/** How much a field counts in ranking: A for titles, B for a post's question, D (the default) for bodies. */
export type FieldWeight = "A" | "B" | "D";
export type SearchField = { text: string; weight: FieldWeight };

// tsvector limits: positions run 1–16383 and a lexeme keeps at most 256 of them.
const MAX_POSITION = 16_383;
const MAX_POSITIONS_PER_KEY = 256;

/** A key as a tsvector or tsquery lexeme literal. */
export function lexemeLiteral(key: string): string {
  return `'${key.replace(/\\/g, "\\\\").replace(/'/g, "''")}'`;
}

/**
 * The fields' words as the text of a tsvector: each word at its own position (one apart, so phrases match),
 * under every key it is found by, weighted by its field. Fields are one position apart from each other, so a
 * phrase never runs from a title into a body.
 */
export function searchDocument(fields: SearchField[]): string {
  const positions = new Map<string, string[]>();
  let position = 0;
  for (const field of fields) {
    position += 1;
    for (const { word } of wordSpans(field.text)) {
      const keys = documentKeys(word);
      if (keys.length === 0) continue;
      position = Math.min(position + 1, MAX_POSITION);
      const label = `${position}${field.weight === "D" ? "" : field.weight}`;
      for (const key of keys) {
        const list = positions.get(key) ?? [];
        if (list.length < MAX_POSITIONS_PER_KEY && list.at(-1) !== label) list.push(label);
        positions.set(key, list);
      }
    }
  }
  return Array.from(positions, ([key, list]) => `${lexemeLiteral(key)}:${list.join(",")}`).join(" ");
}
