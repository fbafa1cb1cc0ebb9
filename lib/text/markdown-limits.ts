/**
 * A linear scan of Markdown source that runs before the parser. micromark and mdast recurse once per level of
 * nesting, some inline shapes cost more than linear time, and every block or inline construct costs far more than
 * plain text: so input past these bounds is refused as bad input (400) instead of stalling the event loop or
 * overflowing the stack. Within them the worst body costs a small multiple of ordinary prose of the same length.
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
  /** Lines of text plus the containers they open, in the whole body: each is a block node for the parser. */
  blockNodes: 400,
  /**
   * Markup that may open an inline node in the whole body: delimiter runs, tags, escapes, entities and autolink
   * starts count one, a link bracket two (it is also a label looked up among the definitions).
   */
  inlineNodes: 1_000,
};

const LIST_MARKER = /^(?:[-*+]|\d{1,9}[.)])(?=[ \t]|$)/;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const TABLE_DELIMITER_ROW = /^ {0,3}\|?(?: *:?-+:? *\|)+(?: *:?-+:? *)?$|^ {0,3}:?-+:? *\|/;
/** Where GFM may start an autolink literal or an email, and where an entity or escape begins. */
const INLINE_STARTS = /www\.|:\/\/|@|&|\\/g;

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
const freshInline = (): InlineState => ({ brackets: 0, destinations: 0, html: 0, runs: 0 });

/**
 * Updates the paragraph's counters with one line; returns the first bound passed, if any, and how many inline
 * constructs the line may open.
 */
function scanInline(line: string, state: InlineState): { passed: string | null; opened: number } {
  let opened = (line.match(INLINE_STARTS) ?? []).length;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (c === "\\") {
      i += 1;
    } else if (c === "[") {
      opened += 2;
      if (++state.brackets > markdownLimits.bracketDepth) return { passed: `nests link brackets deeper than ${markdownLimits.bracketDepth} levels`, opened };
    } else if (c === "]") {
      state.brackets = Math.max(0, state.brackets - 1);
      if (line[i + 1] === "(" && ++state.destinations > markdownLimits.bracketDepth) return { passed: `nests link brackets deeper than ${markdownLimits.bracketDepth} levels`, opened };
    } else if (c === ")") {
      state.destinations = Math.max(0, state.destinations - 1);
    } else if (c === "<") {
      opened += 1;
      const next = line[i + 1];
      if (next === "/") state.html = Math.max(0, state.html - 1);
      else if (next !== undefined && /[A-Za-z]/.test(next) && ++state.html > markdownLimits.htmlDepth) return { passed: `nests HTML tags deeper than ${markdownLimits.htmlDepth} levels`, opened };
    } else if (c === "*" || c === "_" || c === "~" || c === "`") {
      while (line[i + 1] === c) i += 1;
      opened += 1;
      if (++state.runs > markdownLimits.delimiterRuns) return { passed: `has more than ${markdownLimits.delimiterRuns} emphasis or code markers in one paragraph`, opened };
    }
  }
  return { passed: null, opened };
}

/**
 * Why the source is refused (a sentence to show its author), or null when it is within bounds. One pass,
 * constant work per character.
 */
export function markdownComplexityProblem(source: string): string | null {
  let fence: string | null = null;
  let inline = freshInline();
  let tableColumns = 0;
  let tableCells = 0;
  let blockNodes = 0;
  let inlineNodes = 0;
  let previous = "";
  for (const line of source.split("\n")) {
    const opened = FENCE.exec(line);
    if (fence !== null || opened) {
      // Code is text to the parser: one node per line, nothing inside it nests.
      if (++blockNodes > markdownLimits.blockNodes) return `has more than ${markdownLimits.blockNodes} lines and list or quote levels`;
      if (fence === null) fence = opened![1]!.slice(0, 3);
      else if (opened && opened[1]!.startsWith(fence)) fence = null;
      continue;
    }
    if (line.trim() === "") {
      inline = freshInline();
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
    const depth = blockDepthOf(line);
    if (depth > markdownLimits.blockDepth) return `nests lists or block quotes deeper than ${markdownLimits.blockDepth} levels`;
    blockNodes += 1 + depth;
    if (blockNodes > markdownLimits.blockNodes) return `has more than ${markdownLimits.blockNodes} lines and list or quote levels`;
    const { passed, opened: inlineOpened } = scanInline(line, inline);
    if (passed !== null) return passed;
    inlineNodes += inlineOpened;
    if (inlineNodes > markdownLimits.inlineNodes) return `has more than ${markdownLimits.inlineNodes} links, emphasis, code or other markup`;
  }
  return null;
}
