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

/**
 * {@link substitute}'s text in pieces (slices of the expression and values), for a step over
 * 100,000 values whose substituted expression is written without being one string.
 */
export function substitutedPieces(step: SubstitutedStep): string[] {
  const root: TrieNode = { next: new Map() };
  let symbols = 0;
  for (const symbol of Object.keys(step.inputs)) {
    if (symbol.length === 0 || symbol.length > MAX_SUBSTITUTED_SYMBOL) continue;
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
    symbols += 1;
  }
  const expression = step.expression;
  if (symbols === 0) return [expression];
  const n = expression.length;
  const out: string[] = [];
  let copied = 0;
  let i = 0;
  while (i < n) {
    if (i === 0 || !continuesBefore(expression.charCodeAt(i - 1))) {
      let node: TrieNode | undefined = root;
      let end = -1;
      let found: string | undefined;
      for (let j = i; j < n; ) {
        node = node.next.get(expression.charCodeAt(j));
        if (!node) break;
        j += 1;
        if (node.symbol !== undefined && (j === n || !continuesAfter(expression.charCodeAt(j)))) {
          end = j;
          found = node.symbol;
        }
      }
      if (found !== undefined) {
        // A value not yet printed (a streamed step's input) prints as JSON would, not kept on it.
        const value = step.inputs[found];
        out.push(
          expression.slice(copied, i),
          value === undefined ? found : typeof value === "string" ? value : value.toJSON(),
        );
        copied = i = end;
        continue;
      }
    }
    i += 1;
  }
  out.push(expression.slice(copied));
  return out;
}
