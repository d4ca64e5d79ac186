import DecimalJs from "decimal.js";

/**
 * The library's private Decimal: 34 significant digits (IEEE 754 decimal128), half-even.
 * A clone, so the global `Decimal` a user configures is never touched, and theirs never touches ours.
 * Exponent limits are wide so `toString()` never switches to exponent notation by surprise;
 * input ranges are enforced by `decimalProblem` instead.
 */
export const Decimal = DecimalJs.clone({
  precision: 34,
  rounding: DecimalJs.ROUND_HALF_EVEN,
  toExpNeg: -9e15,
  toExpPos: 9e15,
  maxE: 9e15,
  minE: -9e15,
});
export type Decimal = InstanceType<typeof Decimal>;

/**
 * A clone whose precision covers every digit a valid input can carry (|exponent| ≤ 1000,
 * magnitude < 1e30), used only for sums: adding in it never rounds (architecture §5).
 */
const ExactDecimal = DecimalJs.clone({
  precision: 1e9,
  rounding: DecimalJs.ROUND_HALF_EVEN,
  toExpNeg: -9e15,
  toExpPos: 9e15,
  maxE: 9e15,
  minE: -9e15,
});

/** Decimal strings as the monitoring document defines them (no `+`, no leading `.`, no spaces). */
export const DECIMAL_PATTERN = /^-?[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?$/;
/** Reported figures: no exponent, so the decimal places a verifier matched on stay visible. */
export const PLAIN_DECIMAL_PATTERN = /^-?[0-9]+(\.[0-9]+)?$/;
export const MAX_EXPONENT = 1000;
/** Values of this magnitude or larger are rejected as out of range. */
export const MAGNITUDE_LIMIT = new Decimal("1e30");

/** Most significant digits a decimal input may carry (trust.md §3), however it is written. */
export const MAX_SIGNIFICANT_DIGITS = 100;

export type DecimalProblem =
  | "not-a-decimal"
  | "exponent-out-of-range"
  | "magnitude-out-of-range"
  | "too-many-digits"
  | "not-finite";

/**
 * Why a string or number is not an acceptable decimal input, or `undefined` when it is. Besides the
 * pattern: at most 100 significant digits (leading zeros do not count, trailing ones do), and the
 * exponent of the value in scientific form within ±1000 whether written with an exponent or in
 * plain notation (`0.` + 1,000 zeros + `1` is 1e-1001), and a magnitude below 1e30.
 */
export function decimalProblem(input: string | number): DecimalProblem | undefined {
  if (typeof input === "number") {
    if (!Number.isFinite(input)) return "not-finite";
    return decimalProblem(String(input));
  }
  // One pass over the characters (this runs once per reading), no allocation on the common path.
  const n = input.length;
  let i = input.charCodeAt(0) === 45 /* - */ ? 1 : 0;
  const intStart = i;
  let firstNonZero = -1; // index in `input` of the first non-zero mantissa digit
  while (i < n) {
    const c = input.charCodeAt(i);
    if (c < 48 || c > 57) break;
    if (firstNonZero < 0 && c !== 48) firstNonZero = i;
    i++;
  }
  const intEnd = i;
  if (intEnd === intStart) return "not-a-decimal";
  let fracStart = -1;
  if (i < n && input.charCodeAt(i) === 46 /* . */) {
    fracStart = ++i;
    while (i < n) {
      const c = input.charCodeAt(i);
      if (c < 48 || c > 57) break;
      if (firstNonZero < 0 && c !== 48) firstNonZero = i;
      i++;
    }
    if (i === fracStart) return "not-a-decimal";
  }
  const mantissaEnd = i;
  let exponent = 0;
  if (i < n) {
    const c = input.charCodeAt(i);
    if (c !== 101 /* e */ && c !== 69 /* E */) return "not-a-decimal";
    i++;
    const negative = input.charCodeAt(i) === 45;
    if (negative || input.charCodeAt(i) === 43 /* + */) i++;
    const digitsStart = i;
    let value = 0;
    while (i < n) {
      const d = input.charCodeAt(i) - 48;
      if (d < 0 || d > 9) return "not-a-decimal";
      // Saturates instead of growing: the exponent may be written with any number of digits.
      value = Math.min(value * 10 + d, 1e6);
      i++;
    }
    if (i === digitsStart) return "not-a-decimal";
    if (value > MAX_EXPONENT) return "exponent-out-of-range";
    exponent = negative ? -value : value;
  }
  if (firstNonZero < 0) return undefined; // zero: no digits and no exponent to judge
  // Significant digits run from the first non-zero digit to the end of the mantissa, point excluded.
  const pointInside = fracStart > firstNonZero ? 1 : 0;
  if (mantissaEnd - firstNonZero - pointInside > MAX_SIGNIFICANT_DIGITS) return "too-many-digits";
  // Exponent in scientific form: d.ddd × 10^e.
  const scientific =
    firstNonZero < intEnd ? exponent + (intEnd - firstNonZero - 1) : exponent - (firstNonZero - fracStart + 1);
  if (scientific > MAX_EXPONENT || scientific < -MAX_EXPONENT) return "exponent-out-of-range";
  if (scientific >= 30) return "magnitude-out-of-range";
  return undefined;
}

export const DECIMAL_PROBLEM_TEXT: Record<DecimalProblem, string> = {
  "not-a-decimal":
    "a decimal string such as \"1523.4\" (digits, optional '-', optional fraction and exponent; no spaces, separators, '+' or NaN/Infinity)",
  "exponent-out-of-range": `a decimal whose exponent in scientific form is within ±${MAX_EXPONENT}`,
  "magnitude-out-of-range": "a decimal of magnitude below 1e30",
  "too-many-digits": `a decimal with at most ${MAX_SIGNIFICANT_DIGITS} significant digits`,
  "not-finite": "a finite number",
};

/**
 * Converts a validated decimal string (or JSON number, read through its shortest round-trip
 * string) to a Decimal. Throws a TypeError for anything `decimalProblem` rejects: callers
 * validate first and turn problems into issues; reaching the throw is a bug.
 */
export function toDecimal(input: string | number | Decimal): Decimal {
  // decimal.js clones share one prototype, so `instanceof` cannot tell ours from a user's clone
  // (with another precision): check the constructor instead.
  if (DecimalJs.isDecimal(input)) return input.constructor === Decimal ? input : new Decimal(input);
  const problem = decimalProblem(input);
  if (problem) throw new TypeError(`not an acceptable decimal (${problem}): ${String(input)}`);
  return new Decimal(typeof input === "number" ? String(input) : input);
}

/** Canonical decimal string: plain notation, no trailing zeros, "-0" written "0". */
export function toCanonicalString(value: Decimal): string {
  if (!value.isFinite()) throw new RangeError("non-finite value reached output");
  if (value.isZero()) return "0";
  return value.toFixed(); // decimal.js Decimal#toFixed(): plain notation, exact — not Number#toFixed
}

/** Exact sum: no rounding at any magnitude (architecture §5). */
export function sumExact(values: Iterable<Decimal>): Decimal {
  let total = new ExactDecimal(0);
  for (const v of values) total = total.plus(v);
  return new Decimal(total);
}

/** Exact difference a − b (ER_p = RE_p − PE_p must not round). */
export function subtractExact(a: Decimal, b: Decimal): Decimal {
  return new Decimal(new ExactDecimal(a).minus(b));
}

/** Exact sum a + b. */
export function addExact(a: Decimal, b: Decimal): Decimal {
  return new Decimal(new ExactDecimal(a).plus(b));
}

/**
 * Exact product a × b, not yet rounded: for a computation that divides next and must round only
 * once (unit conversions). Round the final result, e.g. with `.div(…)` or `toSignificantDigits`.
 */
export function multiplyExact(a: Decimal, b: Decimal): Decimal {
  return new Decimal(new ExactDecimal(a).times(b));
}

/** Rounds to `digits` significant digits, half-even — for comparisons "at 30 significant digits". */
export function toSignificantDigits(value: Decimal, digits: number): Decimal {
  return value.toSignificantDigits(digits, Decimal.ROUND_HALF_EVEN);
}

export const ZERO = new Decimal(0);
