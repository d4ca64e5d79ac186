import { DECIMAL_PROBLEM_TEXT, decimalProblem } from "../../core/decimal.js";
import { quote } from "../../core/display.js";
import { MAX_ISSUES, TOO_MANY_ISSUES } from "../../core/errors.js";
import type { Exact } from "../../core/exact.js";
import type { PathSegment } from "../../core/path.js";
import { DIMENSION_LABEL, type Dimension, dimensionOf, isKnownUnit, unitsOf } from "../../core/units.js";
import type { MonitoringOption, QuantitySpec } from "./quantity.js";

/** Reading one leaf of a document value: decimals, units, ranges, options and notes, each problem raised as an issue. */
// Issues raised from inside a leaf parser

export interface LeafIssue {
  path: PathSegment[];
  code: string;
  message: string;
  symbol?: string;
  expected?: string;
  found?: string;
}

export type Ctx = { issues: unknown[] };

/** The `too-many-issues` issue of each capped issue list, counting what it left out. */
const overflow = new WeakMap<unknown[], { params: { mrv: LeafIssue } }>();

/**
 * Adds a zod issue to a parser's list, at most 1,000 of them; beyond, one `too-many-issues`
 * issue counts the rest (trust.md §3), so a million bad readings cost a counter, not a million
 * issue objects (nor a RangeError when zod spreads a child's issues into its parent's).
 */
export function pushIssue(ctx: Ctx, issue: unknown): void {
  if (ctx.issues.length < MAX_ISSUES) {
    ctx.issues.push(issue);
    return;
  }
  countMore(ctx, 1);
}

/** Counts `n` issues left out of `ctx`'s list. */
export function countMore(ctx: Ctx, n: number): void {
  if (n <= 0) return;
  let sentinel = overflow.get(ctx.issues);
  if (!sentinel) {
    const mrv: LeafIssue = { path: [], code: TOO_MANY_ISSUES, message: "more issues", found: "0" };
    sentinel = { params: { mrv } };
    ctx.issues.push({ code: "custom", message: mrv.message, input: undefined, path: [], ...sentinel });
    overflow.set(ctx.issues, sentinel);
  }
  sentinel.params.mrv.found = String(Number(sentinel.params.mrv.found) + n);
}

export function raise(ctx: Ctx, input: unknown, issue: LeafIssue): void {
  pushIssue(ctx, { code: "custom", message: issue.message, input, path: issue.path, params: { mrv: issue } });
}

/** What an issue says it found: a string quoted (at most 80 of its characters), else its kind. */
export function found(value: unknown): string {
  if (value === undefined) return "nothing";
  if (typeof value === "string") return quote(value);
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") return "an object";
  if (typeof value === "number") return String(value);
  return typeof value;
}

// Ranges and units

export function describeRange(spec: QuantitySpec): string | undefined {
  const parts: string[] = [];
  if (spec.min !== undefined) parts.push(`${spec.minExclusive ? ">" : "≥"} ${spec.min}`);
  if (spec.max !== undefined) parts.push(`${spec.maxExclusive ? "<" : "≤"} ${spec.max}`);
  if (spec.integer) parts.push("a whole number");
  return parts.length > 0 ? parts.join(" and ") : undefined;
}

export function rangeProblem(value: Exact, spec: QuantitySpec): boolean {
  if (spec.min !== undefined && (spec.minExclusive ? value.lte(spec.min) : value.lt(spec.min))) return true;
  if (spec.max !== undefined && (spec.maxExclusive ? value.gte(spec.max) : value.gt(spec.max))) return true;
  if (spec.integer && !value.isInteger()) return true;
  return false;
}

export function specDimension(spec: QuantitySpec): Dimension {
  const dimension = dimensionOf(spec.unit);
  if (!dimension) throw new TypeError(`parameter ${spec.symbol}: unknown canonical unit "${spec.unit}"`);
  return dimension;
}

export function unitExpectation(spec: QuantitySpec): string {
  const dimension = specDimension(spec);
  if (dimension === "dimensionless") return 'no unit, or "1"';
  return `a ${DIMENSION_LABEL[dimension]} unit: ${unitsOf(dimension).join(", ")}`;
}

export function checkUnit(
  ctx: Ctx,
  input: unknown,
  unit: unknown,
  spec: QuantitySpec,
  path: PathSegment[],
): string | undefined {
  const dimension = specDimension(spec);
  if (typeof unit !== "string") {
    raise(ctx, input, {
      path,
      code: "invalid-type",
      message: `unit of ${spec.symbol} must be a string`,
      symbol: spec.symbol,
      expected: unitExpectation(spec),
      found: found(unit),
    });
    return undefined;
  }
  if (!isKnownUnit(unit)) {
    raise(ctx, input, {
      path,
      code: "unknown-unit",
      message: `unknown unit ${quote(unit)} for ${spec.symbol}`,
      symbol: spec.symbol,
      expected: unitExpectation(spec),
      found: quote(unit),
    });
    return undefined;
  }
  if (dimensionOf(unit) !== dimension) {
    raise(ctx, input, {
      path,
      code: "wrong-unit-dimension",
      message: `${spec.symbol} is a ${DIMENSION_LABEL[dimension]} but ${quote(unit)} is a unit of ${DIMENSION_LABEL[dimensionOf(unit)!]}`,
      symbol: spec.symbol,
      expected: unitExpectation(spec),
      found: quote(unit),
    });
    return undefined;
  }
  return unit;
}

/** Reads a decimal string or JSON number; raises an issue and returns undefined otherwise. */
export function readDecimal(
  ctx: Ctx,
  input: unknown,
  value: unknown,
  spec: QuantitySpec,
  path: PathSegment[],
): { text: string; fromNumber: boolean } | undefined {
  const fromNumber = typeof value === "number";
  if (typeof value !== "string" && !fromNumber) {
    raise(ctx, input, {
      path,
      code: value === undefined ? "missing" : "invalid-type",
      message: value === undefined ? `${spec.symbol} needs a value` : `${spec.symbol} must be a decimal string`,
      symbol: spec.symbol,
      expected: `${DECIMAL_PROBLEM_TEXT["not-a-decimal"]} in ${spec.unit}`,
      found: found(value),
    });
    return undefined;
  }
  const problem = decimalProblem(value as string | number);
  if (problem) {
    raise(ctx, input, {
      path,
      code: problem === "not-a-decimal" ? "invalid-decimal" : "out-of-range",
      message: `${spec.symbol} is not an acceptable decimal`,
      symbol: spec.symbol,
      expected: DECIMAL_PROBLEM_TEXT[problem],
      found: found(value),
    });
    return undefined;
  }
  return { text: fromNumber ? String(value) : (value as string), fromNumber };
}

export function checkRange(
  ctx: Ctx,
  input: unknown,
  canonical: Exact,
  spec: QuantitySpec,
  path: PathSegment[],
  shown: string,
): boolean {
  if (!rangeProblem(canonical, spec)) return true;
  raise(ctx, input, {
    path,
    code: "out-of-range",
    message: `${spec.symbol} is out of range`,
    symbol: spec.symbol,
    expected: `${describeRange(spec)} ${spec.unit === "1" ? "" : spec.unit}`.trim(),
    found: shown,
  });
  return false;
}

export const OPTIONS: readonly MonitoringOption[] = ["A", "B", "C"];

export function unknownKeys(
  ctx: Ctx,
  input: unknown,
  object: Record<string, unknown>,
  allowed: readonly string[],
  spec: QuantitySpec,
  base: PathSegment[],
): boolean {
  let ok = true;
  for (const key of Object.keys(object)) {
    if (!allowed.includes(key)) {
      ok = false;
      const hint = allowed.find((a) => a.toLowerCase() === key.toLowerCase());
      raise(ctx, input, {
        path: [...base, key],
        code: "unknown-key",
        message: `unknown key ${quote(key)} in ${spec.symbol}${hint ? ` (did you mean "${hint}"?)` : ""}`,
        symbol: spec.symbol,
        expected: `one of ${allowed.join(", ")}`,
        found: quote(key),
      });
    }
  }
  return ok;
}

export function readOption(
  ctx: Ctx,
  input: unknown,
  value: unknown,
  spec: QuantitySpec,
  path: PathSegment[],
): MonitoringOption | undefined | false {
  if (value === undefined) return undefined;
  if (typeof value === "string" && (OPTIONS as readonly string[]).includes(value)) return value as MonitoringOption;
  raise(ctx, input, {
    path,
    code: "invalid-option",
    message: `monitoring option of ${spec.symbol} must be "A", "B" or "C"`,
    symbol: spec.symbol,
    expected: '"A", "B" or "C" (jcm-rules §3)',
    found: found(value),
  });
  return false;
}

export function readNote(
  ctx: Ctx,
  input: unknown,
  value: unknown,
  spec: QuantitySpec,
  path: PathSegment[],
): string | undefined | false {
  if (value === undefined) return undefined;
  if (typeof value === "string") return value;
  raise(ctx, input, {
    path,
    code: "invalid-type",
    message: `note of ${spec.symbol} must be text`,
    symbol: spec.symbol,
    expected: "a string",
    found: found(value),
  });
  return false;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export const QUANTITY_KEYS = ["value", "unit", "option", "note"] as const;
export const SERIES_KEYS = [
  "unit",
  "kind",
  "interval",
  "option",
  "note",
  "rolloverAt",
  "replacements",
  "readings",
  "csv",
] as const;

/**
 * Parses one document value of a numeric parameter. Returns a Quantity, a PendingSeries (series),
 * or undefined after raising issues. `idKey` names the id merged into per-equipment entries.
 */
