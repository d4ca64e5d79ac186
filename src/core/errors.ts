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
    super(summarise(issues), "invalid-input");
    this.name = "MrvValidationError";
    this.issues = Object.freeze(issues.map((issue) => Object.freeze({ ...issue })));
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

/** One readable line per issue. */
export function formatIssue(issue: Issue): string {
  const where = issue.path === "" ? "(document)" : issue.path;
  const symbol = issue.symbol ? ` [${issue.symbol}]` : "";
  const expected = issue.expected ? `; expected ${issue.expected}` : "";
  const found = issue.found !== undefined ? `; found ${issue.found}` : "";
  return `${where}${symbol}: ${issue.message}${expected}${found}`;
}

function summarise(issues: readonly Issue[]): string {
  const count = issues.length === 1 ? "1 problem" : `${issues.length} problems`;
  const lines = issues.slice(0, 20).map((issue) => `  - ${formatIssue(issue)}`);
  if (issues.length > 20) lines.push(`  … and ${issues.length - 20} more`);
  return `Invalid monitoring document (${count}):\n${lines.join("\n")}`;
}

/** Shortens any found value for display in an issue. */
export function describeFound(value: unknown): string {
  if (value === undefined) return "nothing";
  let text: string;
  try {
    text = typeof value === "string" ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value));
  } catch {
    text = Object.prototype.toString.call(value);
  }
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
