/**
 * Strict reading of JSON text before the library trusts a document. `JSON.parse` silently keeps the
 * last of duplicate keys, turns 1e400 into Infinity and 1e-400 into 0, and a nesting bomb can exhaust
 * memory downstream; this reader reports those as problems, with line, column and JSON path.
 *
 * One linear, non-recursive scan (an explicit stack, so a million '[' cannot overflow the JS stack)
 * validates the grammar and finds the problems; only then does native `JSON.parse` build the value.
 */

import { formatPath, type PathSegment } from "./path.js";

export interface JsonTextLimits {
  /** Largest accepted text, in UTF-16 code units (characters). Default 256 MiB. */
  maxBytes: number;
  /** Deepest accepted nesting; the top-level object or array is depth 1. Default 64. */
  maxDepth: number;
}

export interface JsonTextProblem {
  code: "too-large" | "too-deep" | "duplicate-key" | "malformed-json" | "number-out-of-range";
  message: string;
  /** JSON path of the offending member or element, e.g. `monitored["EG_i,p"][2].value`; "" is the root. */
  path: string;
  /** 1-based line in the text (after a leading BOM); "\n", "\r\n" and "\r" end lines. */
  line: number;
  /** 1-based column, counted in UTF-16 code units. */
  column: number;
}

export type JsonTextResult =
  | { ok: true; value: unknown }
  | {
      ok: false;
      problems: JsonTextProblem[];
      /** Problems found beyond the first {@link MAX_TEXT_PROBLEMS}, counted but not listed. */
      more?: number;
    };

/** Most problems listed (trust.md §3: a million duplicate keys are counted, not listed). */
export const MAX_TEXT_PROBLEMS = 1000;

export const DEFAULT_JSON_TEXT_LIMITS: Readonly<JsonTextLimits> = Object.freeze({
  maxBytes: 256 * 1024 * 1024,
  maxDepth: 64,
});

/**
 * Reads JSON text strictly. Never throws for any text; throws `RangeError` only for invalid limits.
 *
 * Problems: `too-large` (checked before anything else), `malformed-json` (then the only problem),
 * `too-deep` (the scan stops there), and every `duplicate-key` and `number-out-of-range`.
 */
export function readJsonText(text: string, limits?: Partial<JsonTextLimits>): JsonTextResult {
  const maxBytes = limits?.maxBytes ?? DEFAULT_JSON_TEXT_LIMITS.maxBytes;
  const maxDepth = limits?.maxDepth ?? DEFAULT_JSON_TEXT_LIMITS.maxDepth;
  if (!(maxBytes >= 0) || !(maxDepth >= 0)) {
    throw new RangeError(
      `readJsonText: limits must be non-negative numbers (got maxBytes ${maxBytes}, maxDepth ${maxDepth})`,
    );
  }

  if (text.length > maxBytes) {
    return {
      ok: false,
      problems: [
        {
          code: "too-large",
          message: `JSON text is ${text.length} characters; the limit is ${maxBytes}`,
          path: "",
          line: 1,
          column: 1,
        },
      ],
    };
  }

  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const found = scan(source, maxDepth);
  if (found.length > 0) {
    const more = (found as FoundList).more ?? 0;
    return { ok: false, problems: locate(source, found), ...(more > 0 && { more }) };
  }

  try {
    return { ok: true, value: JSON.parse(source) };
  } catch (error) {
    // Unreachable if the scan is right (it accepts exactly the JSON grammar); kept so this never throws.
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, problems: [{ code: "malformed-json", message, path: "", line: 1, column: 1 }] };
  }
}

/** A problem before line/column are worked out (one pass over the text for all problems). */
interface Found {
  code: JsonTextProblem["code"];
  message: string;
  path: string;
  offset: number;
  /** For duplicates: where the key first appeared, added to the message as line and column. */
  firstOffset?: number;
}

/** One open object or array. Frames are reused by depth, so the scan allocates per key, not per value. */
interface Frame {
  isArray: boolean;
  /** Index of the current element (arrays). */
  index: number;
  /** Current member's key (objects); "" before the first key is read. */
  key: string;
  /** Keys seen so far and the offset of each one's first occurrence (objects). */
  keys: Map<string, number>;
}

type FoundList = Found[] & { more?: number };

/** Thrown inside the scan on the first syntax error; turned into the single malformed-json problem. */
class Malformed {
  constructor(
    readonly offset: number,
    readonly message: string,
  ) {}
}

// Scanner states: what may come next (after optional whitespace).
const VALUE = 0; // any value (top level, after ':' or after ',' in an array)
const VALUE_OR_CLOSE = 1; // a value or ']' (just after '[')
const KEY_OR_CLOSE = 2; // a key or '}' (just after '{')
const KEY = 3; // a key (after ',' in an object)
const COLON = 4; // ':' after a key
const AFTER_VALUE = 5; // ',' or the closing bracket, or the end of text at depth 0

function scan(s: string, maxDepth: number): Found[] {
  const n = s.length;
  // Listed up to MAX_TEXT_PROBLEMS, counted beyond: a text of a million duplicates stays linear and small.
  const found: FoundList = [];
  const note = (f: Found): void => {
    if (found.length < MAX_TEXT_PROBLEMS) found.push(f);
    else found.more = (found.more ?? 0) + 1;
  };
  const frames: Frame[] = [];
  let depth = 0;
  let state = VALUE;
  let i = 0;

  /** Path of the value being read: every open container's current key or index. */
  const pathHere = (): string => pathOf(frames, depth);

  try {
    for (;;) {
      let c = 0;
      while (i < n) {
        c = s.charCodeAt(i);
        if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) i++;
        else break;
      }
      if (i >= n) {
        if (state === AFTER_VALUE && depth === 0) return found;
        throw new Malformed(n, `unexpected end of text; expected ${expectation(state, frames, depth)}`);
      }

      if (state === AFTER_VALUE) {
        if (depth === 0) throw new Malformed(i, `unexpected ${describe(c)} after the JSON value; expected end of text`);
        const frame = frames[depth - 1]!;
        if (c === 0x2c /* , */) {
          i++;
          if (frame.isArray) {
            frame.index++;
            state = VALUE;
          } else {
            state = KEY;
          }
        } else if (c === (frame.isArray ? 0x5d /* ] */ : 0x7d) /* } */) {
          i++;
          depth--;
        } else {
          throw new Malformed(i, `unexpected ${describe(c)}; expected ${expectation(state, frames, depth)}`);
        }
        continue;
      }

      if (state === KEY || state === KEY_OR_CLOSE) {
        if (c === 0x22 /* " */) {
          const start = i;
          i = scanString(s, i, n);
          const raw = s.slice(start + 1, i - 1);
          // Decode escapes so "a" and "\u0061" compare equal; JSON.parse is exact and rarely needed.
          const key = raw.includes("\\") ? (JSON.parse(s.slice(start, i)) as string) : raw;
          const frame = frames[depth - 1]!;
          frame.key = key;
          const first = frame.keys.get(key);
          if (first === undefined) {
            frame.keys.set(key, start);
          } else {
            note({
              code: "duplicate-key",
              message: `duplicate key ${JSON.stringify(key)}`,
              path: pathHere(),
              offset: start,
              firstOffset: first,
            });
          }
          state = COLON;
        } else if (c === 0x7d /* } */ && state === KEY_OR_CLOSE) {
          i++;
          depth--;
          state = AFTER_VALUE;
        } else {
          throw new Malformed(
            i,
            `unexpected ${describe(c)}; expected ${expectation(state, frames, depth)}${trailingComma(s, i, c)}`,
          );
        }
        continue;
      }

      if (state === COLON) {
        if (c !== 0x3a /* : */) throw new Malformed(i, `unexpected ${describe(c)}; expected ':' after the key`);
        i++;
        state = VALUE;
        continue;
      }

      // state is VALUE or VALUE_OR_CLOSE
      if (c === 0x22 /* " */) {
        i = scanString(s, i, n);
      } else if ((c >= 0x30 && c <= 0x39) || c === 0x2d /* - */) {
        const start = i;
        i = scanNumber(s, i);
        if (numberProblem) {
          numberProblem = false;
          const literal = s.slice(start, i);
          const shown = literal.length > 40 ? `${literal.slice(0, 37)}...` : literal;
          note({
            code: "number-out-of-range",
            message: `number ${shown} ${Number(literal) === 0 ? "underflows to 0" : "overflows to Infinity"} as a binary64 double; send the value as a decimal string`,
            path: pathHere(),
            offset: start,
          });
        }
      } else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
        const isArray = c === 0x5b;
        if (depth >= maxDepth) {
          found.push({
            code: "too-deep",
            message: `JSON nesting deeper than the limit of ${maxDepth}`,
            path: pathHere(),
            offset: i,
          });
          return found;
        }
        let frame = frames[depth];
        if (frame === undefined) {
          frame = { isArray, index: 0, key: "", keys: new Map() };
          frames.push(frame);
        } else {
          frame.isArray = isArray;
          frame.index = 0;
          frame.key = "";
          if (frame.keys.size > 0) frame.keys.clear();
        }
        depth++;
        i++;
        state = isArray ? VALUE_OR_CLOSE : KEY_OR_CLOSE;
        continue;
      } else if (c === 0x5d /* ] */ && state === VALUE_OR_CLOSE) {
        i++;
        depth--;
      } else if (c === 0x74 /* t */) {
        i = scanLiteral(s, i, "true");
      } else if (c === 0x66 /* f */) {
        i = scanLiteral(s, i, "false");
      } else if (c === 0x6e /* n */) {
        i = scanLiteral(s, i, "null");
      } else {
        throw new Malformed(
          i,
          `unexpected ${describe(c)}; expected ${expectation(state, frames, depth)}${trailingComma(s, i, c)}`,
        );
      }
      state = AFTER_VALUE;
    }
  } catch (error) {
    if (error instanceof Malformed) {
      // While expecting a key, no member is current: the path is the object's own.
      const path = state === KEY || state === KEY_OR_CLOSE ? pathOf(frames, depth - 1) : pathHere();
      return [{ code: "malformed-json", message: error.message, path, offset: error.offset }];
    }
    throw error;
  }
}

/** Returns the offset after the closing quote of the string starting at `i`. */
function scanString(s: string, i: number, n: number): number {
  let j = i + 1;
  for (;;) {
    if (j >= n) throw new Malformed(n, "unterminated string; expected '\"'");
    const c = s.charCodeAt(j);
    if (c === 0x22 /* " */) return j + 1;
    if (c === 0x5c /* \ */) {
      const e = s.charCodeAt(j + 1); // NaN past the end
      if (e === 0x75 /* u */) {
        for (let k = j + 2; k < j + 6; k++) {
          if (!isHex(s.charCodeAt(k))) {
            throw new Malformed(Math.min(k, n), `invalid \\u escape; expected 4 hexadecimal digits`);
          }
        }
        j += 6;
      } else if (
        e === 0x22 ||
        e === 0x5c ||
        e === 0x2f ||
        e === 0x62 ||
        e === 0x66 ||
        e === 0x6e ||
        e === 0x72 ||
        e === 0x74
      ) {
        j += 2;
      } else if (j + 1 >= n) {
        throw new Malformed(n, "unterminated string; expected '\"'");
      } else {
        throw new Malformed(
          j + 1,
          `invalid escape \\${s[j + 1]}; expected one of \\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX`,
        );
      }
    } else if (c < 0x20) {
      throw new Malformed(j, `control character ${describe(c)} in a string; it must be escaped`);
    } else {
      j++;
    }
  }
}

/**
 * Set by `scanNumber` when the literal is out of binary64's meaningful range. A module variable rather
 * than a returned object keeps the hot path allocation-free; the scan is synchronous, so it is safe.
 */
let numberProblem = false;

/** Returns the offset after the number literal starting at `i` (RFC 8259 grammar). */
function scanNumber(s: string, i: number): number {
  const start = i;
  let c = s.charCodeAt(i);
  if (c === 0x2d /* - */) c = s.charCodeAt(++i);
  let nonZero = false; // a non-zero digit in the mantissa
  if (c === 0x30) {
    c = s.charCodeAt(++i);
    if (c >= 0x30 && c <= 0x39)
      throw new Malformed(i, "unexpected digit after a leading 0; leading zeros are not allowed");
  } else if (c >= 0x31 && c <= 0x39) {
    nonZero = true;
    do c = s.charCodeAt(++i);
    while (c >= 0x30 && c <= 0x39);
  } else {
    throw new Malformed(i, `unexpected ${describeAt(s, i)} in a number; expected a digit`);
  }
  if (c === 0x2e /* . */) {
    c = s.charCodeAt(++i);
    if (!(c >= 0x30 && c <= 0x39)) throw new Malformed(i, `unexpected ${describeAt(s, i)} after '.'; expected a digit`);
    do {
      if (c !== 0x30) nonZero = true;
      c = s.charCodeAt(++i);
    } while (c >= 0x30 && c <= 0x39);
  }
  let exponent = false;
  if (c === 0x65 /* e */ || c === 0x45 /* E */) {
    exponent = true;
    c = s.charCodeAt(++i);
    if (c === 0x2b /* + */ || c === 0x2d /* - */) c = s.charCodeAt(++i);
    if (!(c >= 0x30 && c <= 0x39))
      throw new Malformed(i, `unexpected ${describeAt(s, i)} in an exponent; expected a digit`);
    do c = s.charCodeAt(++i);
    while (c >= 0x30 && c <= 0x39);
  }
  // Only an exponent or a very long literal can overflow or underflow, so most numbers skip Number().
  if (exponent || i - start > 300) {
    const value = Number(s.slice(start, i));
    if (value === Infinity || value === -Infinity || (value === 0 && nonZero)) numberProblem = true;
  }
  return i;
}

function scanLiteral(s: string, i: number, literal: string): number {
  for (let k = 1; k < literal.length; k++) {
    if (s.charCodeAt(i + k) !== literal.charCodeAt(k)) {
      throw new Malformed(Math.min(i + k, s.length), `unexpected ${describeAt(s, i + k)}; expected '${literal}'`);
    }
  }
  return i + literal.length;
}

function isHex(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46);
}

function pathOf(frames: Frame[], depth: number): string {
  const segments: PathSegment[] = [];
  for (let d = 0; d < depth; d++) {
    const frame = frames[d]!;
    segments.push(frame.isArray ? frame.index : frame.key);
  }
  return formatPath(segments);
}

/** What the scanner wanted in `state`, for messages. */
function expectation(state: number, frames: Frame[], depth: number): string {
  switch (state) {
    case VALUE:
      return "a JSON value";
    case VALUE_OR_CLOSE:
      return "a JSON value or ']'";
    case KEY_OR_CLOSE:
      return "a string key or '}'";
    case KEY:
      return "a string key";
    case COLON:
      return "':'";
    default:
      return depth === 0 ? "end of text" : frames[depth - 1]!.isArray ? "',' or ']'" : "',' or '}'";
  }
}

/** Hint for the common mistake of a comma before a closing bracket. */
function trailingComma(s: string, i: number, c: number): string {
  if (c !== 0x5d && c !== 0x7d) return "";
  let j = i - 1;
  while (j >= 0 && /[ \t\n\r]/.test(s[j]!)) j--;
  return s.charCodeAt(j) === 0x2c ? " (trailing commas are not allowed)" : "";
}

function describe(c: number): string {
  if (c >= 0x21 && c <= 0x7e) return `'${String.fromCharCode(c)}'`;
  return `U+${c.toString(16).toUpperCase().padStart(4, "0")}`;
}

function describeAt(s: string, i: number): string {
  return i >= s.length ? "end of text" : describe(s.charCodeAt(i));
}

/** Adds 1-based line/column to each problem, in one pass up to the furthest offset. */
function locate(s: string, found: Found[]): JsonTextProblem[] {
  const wanted = new Set<number>();
  for (const f of found) {
    wanted.add(f.offset);
    if (f.firstOffset !== undefined) wanted.add(f.firstOffset);
  }
  const offsets = [...wanted].sort((a, b) => a - b);
  const positions = new Map<number, { line: number; column: number }>();
  let line = 1;
  let lineStart = 0;
  let i = 0;
  for (const offset of offsets) {
    for (; i < offset; i++) {
      const c = s.charCodeAt(i);
      if (c === 0x0a || (c === 0x0d && s.charCodeAt(i + 1) !== 0x0a)) {
        line++;
        lineStart = i + 1;
      }
    }
    positions.set(offset, { line, column: offset - lineStart + 1 });
  }
  return found.map((f) => {
    const at = positions.get(f.offset)!;
    let message = f.message;
    if (f.firstOffset !== undefined) {
      const first = positions.get(f.firstOffset)!;
      message += ` (first at line ${first.line}, column ${first.column}); an object must not repeat a key`;
    }
    return { code: f.code, message, path: f.path, line: at.line, column: at.column };
  });
}
