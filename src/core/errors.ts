/**
 * Typed errors. Problems with input are data (`Issue`), collected all at once and thrown together in
 * one `MrvValidationError`; `MrvError` is the base every error of the library extends.
 *
 * `instanceof` is branded with registered symbols, so it holds across the ESM and CJS builds and
 * across duplicated copies of the package in one process.
 */

/** One problem with an input, as data. */
export interface Issue {
  /** JSON path into the monitoring document, e.g. `monitored["EG_i,p"][2].value`. */
  path: string;
  /** Official parameter symbol the problem concerns, e.g. `EG_i,p`. */
  symbol?: string;
  /** Stable machine-readable code, e.g. `unknown-key`, `out-of-range`, `wrong-unit`. */
  code: string;
  message: string;
  /** What was expected (type, unit, range). */
  expected?: string;
  /** What was found, shortened for display. */
  found?: string;
}

import { escapeForDisplay, MAX_FOUND, quote, truncate } from "./display.js";

/** At most this many issues are listed; one more says how many were left out (trust.md §3). */
export const MAX_ISSUES = 1000;
/** Code of the issue that stands for the issues beyond {@link MAX_ISSUES}. */
export const TOO_MANY_ISSUES = "too-many-issues";

const ERROR_BRAND = Symbol.for("jcm-mrv.MrvError");
const VALIDATION_BRAND = Symbol.for("jcm-mrv.MrvValidationError");

function hasBrand(value: unknown, brand: symbol): boolean {
  return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[brand] === true;
}

/** Base class of every error jcm-mrv throws on purpose. */
export class MrvError extends Error {
  readonly code: string;
  constructor(message: string, code = "mrv-error") {
    super(message);
    this.name = "MrvError";
    this.code = code;
    Object.defineProperty(this, ERROR_BRAND, { value: true });
  }
  static override [Symbol.hasInstance](value: unknown): boolean {
    // `this` is the class `instanceof` was asked about: a subclass without a brand of its own must
    // not inherit MrvError's brand check.
    // biome-ignore lint/complexity/noThisInStatic: `this` is the subclass here, not MrvError
    return this === MrvError ? hasBrand(value, ERROR_BRAND) : Function.prototype[Symbol.hasInstance].call(this, value);
  }
}

/** Invalid input: carries every problem found, each with path, symbol, expected and found. */
export class MrvValidationError extends MrvError {
  readonly issues: readonly Issue[];
  constructor(issues: readonly Issue[]) {
    const safe = capIssues(issues).map(displayable);
    super(summarise(safe), "invalid-input");
    this.name = "MrvValidationError";
    this.issues = Object.freeze(safe.map((issue) => Object.freeze(issue)));
    Object.defineProperty(this, VALIDATION_BRAND, { value: true });
  }
  static override [Symbol.hasInstance](value: unknown): boolean {
    // biome-ignore lint/complexity/noThisInStatic: `this` is the subclass here, not MrvValidationError
    return this === MrvValidationError
      ? hasBrand(value, VALIDATION_BRAND)
      : // biome-ignore lint/complexity/noThisInStatic: as above
        Function.prototype[Symbol.hasInstance].call(this, value);
  }
}

/**
 * The issue {@link TOO_MANY_ISSUES} standing for `count` issues that are not listed. Its `found` is
 * the count, so lists capped separately (per document, per parameter) add up when merged.
 */
export function tooManyIssues(count: number): Issue {
  return {
    path: "",
    code: TOO_MANY_ISSUES,
    message: `${count} more issue${count === 1 ? " was" : "s were"} found; only the first ${MAX_ISSUES} are listed`,
    expected: `at most ${MAX_ISSUES} issues listed`,
    found: String(count),
  };
}

/** How many issues a {@link TOO_MANY_ISSUES} issue stands for (0 for any other issue). */
export function countOfTooMany(issue: Issue): number {
  if (issue.code !== TOO_MANY_ISSUES) return 0;
  const n = Number(issue.found);
  return Number.isSafeInteger(n) && n > 0 ? n : 0;
}

/**
 * The first {@link MAX_ISSUES} issues, then one {@link TOO_MANY_ISSUES} issue counting the rest —
 * the issues beyond the cap, the counts of earlier `too-many-issues` issues, and `uncounted` more.
 * One pass; the list given is not changed.
 */
export function capIssues(issues: Iterable<Issue>, uncounted = 0): Issue[] {
  const kept: Issue[] = [];
  let more = uncounted + (uncountedIn.get(issues as object) ?? 0);
  for (const issue of issues) {
    const count = countOfTooMany(issue);
    if (count > 0 || issue.code === TOO_MANY_ISSUES) more += count;
    else if (kept.length < MAX_ISSUES) kept.push(issue);
    else more += 1;
  }
  if (more > 0) kept.push(tooManyIssues(more));
  return kept;
}

/** What each list made by {@link issueList} counted instead of keeping. */
const uncountedIn = new WeakMap<object, number>();

/**
 * An issue list for a collection site that may meet millions of problems: it keeps the first
 * {@link MAX_ISSUES} and only counts the rest (a `too-many-issues` issue pushed into it adds its
 * count), so memory stays bounded; `MrvValidationError` and {@link capIssues} add the count back.
 */
export function issueList(): Issue[] {
  const list: Issue[] = [];
  const count = (n: number) => uncountedIn.set(list, (uncountedIn.get(list) ?? 0) + n);
  Object.defineProperty(list, "push", {
    value: (...items: Issue[]): number => {
      for (const issue of items) {
        const n = countOfTooMany(issue);
        if (n > 0 || issue.code === TOO_MANY_ISSUES) count(n);
        else if (list.length < MAX_ISSUES) Array.prototype.push.call(list, issue);
        else count(1);
      }
      return list.length;
    },
  });
  return list;
}

/** Longest message or expectation kept in an issue; longer ones end in `…`. */
const MAX_TEXT = 2000;
/** Longest path kept in an issue. */
const MAX_PATH = 1000;

/**
 * An issue safe to show anywhere: plain strings only, control, bidi and invisible characters
 * escaped, `found` at most 200 characters ending in `…` when cut (trust.md §2 and §4).
 */
function displayable(issue: Issue): Issue {
  const text = (value: unknown, max: number): string =>
    truncate(escapeForDisplay(typeof value === "string" ? value : String(value)), max);
  const out: Issue = {
    path: text(issue.path, MAX_PATH),
    code: text(issue.code, 100),
    message: text(issue.message, MAX_TEXT),
  };
  if (issue.symbol !== undefined) out.symbol = text(issue.symbol, MAX_FOUND);
  if (issue.expected !== undefined) out.expected = text(issue.expected, MAX_TEXT);
  if (issue.found !== undefined) out.found = text(issue.found, MAX_FOUND);
  // Reordered so every issue lists its fields alike: path, symbol, code, message, expected, found.
  return {
    path: out.path,
    ...(out.symbol !== undefined && { symbol: out.symbol }),
    code: out.code,
    message: out.message,
    ...(out.expected !== undefined && { expected: out.expected }),
    ...(out.found !== undefined && { found: out.found }),
  };
}

/** One readable line per issue, every part escaped for a terminal (trust.md §4). */
/** A caller's options of the wrong kind (`invalid-options`): the caller's mistake, not a jcm-mrv bug. */
export function invalidOptions(message: string, expected: string, found: string): MrvValidationError {
  return new MrvValidationError([{ path: "", code: "invalid-options", message, expected, found }]);
}

export function formatIssue(issue: Issue): string {
  const where = issue.path === "" ? "(document)" : escapeForDisplay(issue.path);
  const symbol = issue.symbol ? ` [${escapeForDisplay(issue.symbol)}]` : "";
  const expected = issue.expected ? `; expected ${escapeForDisplay(issue.expected)}` : "";
  const found = issue.found !== undefined ? `; found ${escapeForDisplay(issue.found)}` : "";
  return `${where}${symbol}: ${escapeForDisplay(issue.message)}${expected}${found}`;
}

function summarise(issues: readonly Issue[]): string {
  const count = issues.length === 1 ? "1 problem" : `${issues.length} problems`;
  const lines = issues.slice(0, 20).map((issue) => `  - ${formatIssue(issue)}`);
  if (issues.length > 20) lines.push(`  … and ${issues.length - 20} more`);
  return `Invalid monitoring document (${count}):\n${lines.join("\n")}`;
}

/**
 * Any found value shortened for an issue: a string quoted (at most 80 of its characters), anything
 * else as JSON cut at 200 characters — never serialising more of it than that (trust.md §2), and
 * never throwing whatever it is given.
 */
export function describeFound(value: unknown): string {
  if (value === undefined) return "nothing";
  if (typeof value === "string") return quote(value);
  const out: string[] = [];
  let length = 0;
  const write = (text: string): boolean => {
    out.push(text);
    length += text.length;
    return length < MAX_FOUND;
  };
  // Depth-limited and budgeted: a cycle or a huge object costs no more than the 200 characters shown.
  const visit = (v: unknown, depth: number): boolean => {
    if (v === null || v === undefined) return write("null");
    if (typeof v === "string") return write(quote(v));
    if (typeof v === "number") return write(Number.isFinite(v) ? String(v) : "null");
    if (typeof v === "boolean" || typeof v === "bigint") return write(String(v));
    if (typeof v === "symbol") return write(v.toString());
    if (typeof v !== "object") return write(typeof v);
    if (depth >= 4) return write("…");
    try {
      if (Array.isArray(v)) {
        if (!write("[")) return false;
        for (let i = 0; i < v.length; i++) {
          if ((i > 0 && !write(",")) || !visit(v[i], depth + 1)) return false;
        }
        return write("]");
      }
      if (!write("{")) return false;
      let first = true;
      for (const key in v) {
        if (!Object.hasOwn(v, key)) continue;
        if ((!first && !write(",")) || !write(`${quote(key)}:`)) return false;
        first = false;
        if (!visit((v as Record<string, unknown>)[key], depth + 1)) return false;
      }
      return write("}");
    } catch {
      return write(Object.prototype.toString.call(v));
    }
  };
  visit(value, 0);
  return truncate(escapeForDisplay(out.join("")), MAX_FOUND);
}
