/**
 * A linear scan of Markdown source that runs before the parser: micromark and mdast recurse once per level of
 * nesting and some inline shapes cost more than linear time, so input past these bounds is refused as bad input
 * (400) instead of stalling the event loop or overflowing the stack.
 */
export const markdownLimits = {
  /** Block containers (list items, block quotes) open on one line, counting indentation as list nesting. */
  blockDepth: 16,
  /** Link or image brackets (and link destinations) open at once within one paragraph. */
  bracketDepth: 16,
  /** HTML tags open at once within one paragraph (raw HTML is dropped, but still parsed). */
  htmlDepth: 16,
  /** Emphasis, strike-through and code delimiter runs within one paragraph. */
  delimiterRuns: 500,
  /** Table cells (columns × rows): GFM pads every row to the header's width, so a wide header multiplies. */
  tableCells: 5_000,
  /** Columns of one table. */
  tableColumns: 64,
};

const LIST_MARKER = /^(?:[-*+]|\d{1,9}[.)])(?=[ \t]|$)/;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const TABLE_DELIMITER_ROW = /^ {0,3}\|?(?: *:?-+:? *\|)+(?: *:?-+:? *)?$|^ {0,3}:?-+:? *\|/;

/** Consumes the container prefix of one line; returns how many containers it opens, indentation included. */
function blockDepthOf(line: string): number {
  let depth = 0;
  let i = 0;
  let indent = 0;
  while (i < line.length) {
    const c = line[i]!;
    if (c === " ") indent += 1;
    else if (c === "\t") indent += 4;
    else if (c === ">") {
      depth += 1;
      indent = 0;
    } else {
      const marker = LIST_MARKER.exec(line.slice(i, i + 11));
      if (!marker) break;
      depth += 1 + Math.floor(indent / 2);
      indent = 0;
      i += marker[0].length;
      continue;
    }
    i += 1;
  }
  return depth;
}

type InlineState = { brackets: number; destinations: number; html: number; runs: number };

/** Updates the paragraph's counters with one line; returns the name of the first bound passed, if any. */
function scanInline(line: string, state: InlineState): string | null {
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (c === "\\") {
      i += 1;
    } else if (c === "[") {
      if (++state.brackets > markdownLimits.bracketDepth) return "link brackets";
    } else if (c === "]") {
      state.brackets = Math.max(0, state.brackets - 1);
      if (line[i + 1] === "(" && ++state.destinations > markdownLimits.bracketDepth) return "link brackets";
    } else if (c === ")") {
      state.destinations = Math.max(0, state.destinations - 1);
    } else if (c === "<") {
      const next = line[i + 1];
      if (next === "/") state.html = Math.max(0, state.html - 1);
      else if (next !== undefined && /[A-Za-z]/.test(next) && ++state.html > markdownLimits.htmlDepth) return "HTML tags";
    } else if (c === "*" || c === "_" || c === "~" || c === "`") {
      while (line[i + 1] === c) i += 1;
      if (++state.runs > markdownLimits.delimiterRuns) return "emphasis or code markers";
    }
  }
  return null;
}

/**
 * Why the source is refused, or null when it is within bounds. One pass, constant work per character.
 */
export function markdownNestingProblem(source: string): string | null {
  let fence: string | null = null;
  let inline: InlineState = { brackets: 0, destinations: 0, html: 0, runs: 0 };
  let tableColumns = 0;
  let tableCells = 0;
  let previous = "";
  for (const line of source.split("\n")) {
    const opened = FENCE.exec(line);
    if (fence !== null) {
      if (opened && opened[1]!.startsWith(fence)) fence = null;
      continue;
    }
    if (opened) {
      fence = opened[1]!.slice(0, 3);
      continue;
    }
    if (line.trim() === "") {
      inline = { brackets: 0, destinations: 0, html: 0, runs: 0 };
      tableColumns = 0;
      previous = line;
      continue;
    }
    if (tableColumns === 0 && previous.includes("|") && TABLE_DELIMITER_ROW.test(line)) {
      tableColumns = Math.max(1, line.split("|").filter((cell) => cell.trim() !== "").length);
      tableCells += 2 * tableColumns;
      if (tableColumns > markdownLimits.tableColumns) return `has a table of more than ${markdownLimits.tableColumns} columns`;
    } else if (tableColumns > 0) tableCells += tableColumns;
    if (tableCells > markdownLimits.tableCells) return `has more than ${markdownLimits.tableCells} table cells`;
    previous = line;
    if (blockDepthOf(line) > markdownLimits.blockDepth) {
      return `nests lists or block quotes deeper than ${markdownLimits.blockDepth} levels`;
    }
    const passed = scanInline(line, inline);
    if (passed === "emphasis or code markers") {
      return `has more than ${markdownLimits.delimiterRuns} emphasis or code markers in one paragraph`;
    }
    if (passed !== null) return `nests ${passed} deeper than ${markdownLimits.bracketDepth} levels`;
  }
  return null;
}
