import type { Exact } from "../core/exact.js";

/** Longest input symbol substituted; a longer one (a document's megabyte-long id) stays as it is. */
const MAX_SUBSTITUTED_SYMBOL = 200;

/** A symbol continues before `c` (`\w`, `,`, `-`, `]`): no symbol may start right after it. */
const continuesBefore = (c: number): boolean => isWord(c) || c === 0x2c || c === 0x2d || c === 0x5d;
/** A symbol continues with `c` (`\w`, `,`, `[`): no symbol may end right before it. */
const continuesAfter = (c: number): boolean => isWord(c) || c === 0x2c || c === 0x5b;

function isWord(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f;
}

interface TrieNode {
  next: Map<number, TrieNode>;
  /** The input symbol that ends here. */
  symbol?: string;
}

/**
 * The expression of a trace step with each input symbol replaced by its value:
 * `EG_p × EF_RE` → `14182 × 0.797`. A symbol is a token (not preceded or followed by a character
 * that continues a symbol), and the longest one wins, so `EC_PJ,i,p[A]` is not split.
 *
 * One scan over the expression with a trie of the symbols: time follows the expression's length
 * (times at most 200), never the product of the number of symbols and their length — a step over
 * 100,000 boilers, or one id a megabyte long, stays cheap (no regular expression is built from input).
 */
export function substitute(step: SubstitutedStep): string {
  return substitutedPieces(step).join("");
}

type SubstitutedStep = { expression: string; inputs: Record<string, string | Exact> };

/** Up to this many input symbols are matched one by one… */
const MATCHED_ONE_BY_ONE = 8;
/** …up to this many distinct lengths of them by looking each length up; more go into a trie. */
const LOOKED_UP_BY_LENGTH = 16;

/** How the symbols standing at a position are found (for tests: `auto` picks by the symbols). */
export type Matching = "auto" | "one-by-one" | "by-length" | "trie";

/**
 * {@link substitute}'s text in pieces (slices of the expression and values), for a step over
 * 100,000 values whose substituted expression is written without being one string.
 */
export function substitutedPieces(step: SubstitutedStep, matching: Matching = "auto"): string[] {
  return substitutedParts(step, matching).map(printedPart);
}

/** A part of a substitution printed: a value not yet printed (a streamed step's input) prints as JSON would, not kept on it. */
export function printedPart(part: string | Exact): string {
  return typeof part === "string" ? part : part.toJSON();
}

/**
 * {@link substitutedPieces} with each value as the step gives it: an {@link Exact} not yet printed
 * stays one, to be printed as it is written (a report's step over 100,000 values of 1,002 digits
 * does not hold 100 MB of prints). Its print is a canonical decimal: digits, `-` and `.` only.
 */
export function substitutedParts(step: SubstitutedStep, matching: Matching = "auto"): (string | Exact)[] {
  const symbols = Object.keys(step.inputs).filter((s) => s.length > 0 && s.length <= MAX_SUBSTITUTED_SYMBOL);
  const expression = step.expression;
  if (symbols.length === 0) return [expression];
  const n = expression.length;
  /** A symbol ends at `j` when the expression does not continue it there. */
  const endsAt = (j: number) => j === n || !continuesAfter(expression.charCodeAt(j));
  let how = matching;
  let lengths: number[] = [];
  if (how === "auto" && symbols.length <= MATCHED_ONE_BY_ONE) how = "one-by-one";
  if (how !== "one-by-one") {
    lengths = [...new Set(symbols.map((symbol) => symbol.length))].sort((a, b) => b - a);
    if (how === "auto") how = lengths.length <= LOOKED_UP_BY_LENGTH ? "by-length" : "trie";
  }
  const longestAt =
    how === "one-by-one"
      ? oneByOne(symbols, expression, endsAt)
      : how === "by-length"
        ? byLength(lengths, step.inputs, expression, endsAt)
        : trie(symbols, expression, endsAt);
  const out: (string | Exact)[] = [];
  let copied = 0;
  let i = 0;
  while (i < n) {
    if (i === 0 || !continuesBefore(expression.charCodeAt(i - 1))) {
      const found = longestAt(i);
      if (found !== undefined) {
        out.push(expression.slice(copied, i), step.inputs[found] ?? found);
        copied = i = i + found.length;
        continue;
      }
    }
    i += 1;
  }
  out.push(expression.slice(copied));
  return out;
}

type LongestAt = (i: number) => string | undefined;

/** The longest symbol that stands at `i`, each symbol tried in turn: a few symbols, no trie to build. */
function oneByOne(symbols: readonly string[], expression: string, endsAt: (j: number) => boolean): LongestAt {
  return (i) => {
    let found: string | undefined;
    for (const symbol of symbols) {
      if (
        (found === undefined || symbol.length > found.length) &&
        expression.startsWith(symbol, i) &&
        endsAt(i + symbol.length)
      )
        found = symbol;
    }
    return found;
  };
}

/**
 * The longest symbol that stands at `i`, by looking up the text of each symbol length there: a total
 * over 100,000 boilers (symbols of a few lengths) builds nothing — its trie took ~60 MB.
 */
function byLength(
  lengths: readonly number[],
  inputs: Readonly<Record<string, unknown>>,
  expression: string,
  endsAt: (j: number) => boolean,
): LongestAt {
  const n = expression.length;
  return (i) => {
    for (const length of lengths) {
      if (i + length > n || !endsAt(i + length)) continue;
      const text = expression.slice(i, i + length);
      if (Object.hasOwn(inputs, text)) return text;
    }
    return undefined;
  };
}

/** The longest symbol that stands at `i`, by a walk of a trie of the symbols: time follows the expression. */
function trie(symbols: readonly string[], expression: string, endsAt: (j: number) => boolean): LongestAt {
  const root: TrieNode = { next: new Map() };
  for (const symbol of symbols) {
    let node = root;
    for (let k = 0; k < symbol.length; k++) {
      const c = symbol.charCodeAt(k);
      let child = node.next.get(c);
      if (!child) {
        child = { next: new Map() };
        node.next.set(c, child);
      }
      node = child;
    }
    node.symbol = symbol;
  }
  const n = expression.length;
  return (i) => {
    let node: TrieNode | undefined = root;
    let found: string | undefined;
    for (let j = i; j < n; ) {
      node = node.next.get(expression.charCodeAt(j));
      if (!node) break;
      j += 1;
      if (node.symbol !== undefined && endsAt(j)) found = node.symbol;
    }
    return found;
  };
}
