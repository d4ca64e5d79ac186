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

export type DecimalProblem = "not-a-decimal" | "exponent-out-of-range" | "magnitude-out-of-range" | "not-finite";

/** Why a string or number is not an acceptable decimal input, or `undefined` when it is. */
export function decimalProblem(input: string | number): DecimalProblem | undefined {
  if (typeof input === "number") {
    if (!Number.isFinite(input)) return "not-finite";
    return decimalProblem(String(input));
  }
  // One pass over the characters (this runs once per reading): the pattern, and for plain
  // notation the count of significant integer digits, since < 1e30 ⇔ at most 30 of them.
  const n = input.length;
  let i = input.charCodeAt(0) === 45 /* - */ ? 1 : 0;
  const intStart = i;
  let firstNonZero = -1;
  while (i < n) {
    const c = input.charCodeAt(i);
    if (c < 48 || c > 57) break;
    if (firstNonZero < 0 && c !== 48) firstNonZero = i;
    i++;
  }
  const intEnd = i;
  if (intEnd === intStart) return "not-a-decimal";
  if (i < n && input.charCodeAt(i) === 46 /* . */) {
    const fracStart = ++i;
    while (i < n && input.charCodeAt(i) >= 48 && input.charCodeAt(i) <= 57) i++;
    if (i === fracStart) return "not-a-decimal";
  }
  if (i === n) return firstNonZero >= 0 && intEnd - firstNonZero > 30 ? "magnitude-out-of-range" : undefined;
  if (!DECIMAL_PATTERN.test(input)) return "not-a-decimal";
  const e = input.search(/[eE]/);
  const exponentDigits = input
    .slice(e + 1)
    .replace(/^[+-]/, "")
    .replace(/^0+(?=\d)/, "");
  // Compare as digit strings: the exponent itself may be too long for a safe integer.
  if (exponentDigits.length > 4 || Number(exponentDigits) > MAX_EXPONENT) return "exponent-out-of-range";
  if (new Decimal(input).abs().gte(MAGNITUDE_LIMIT)) return "magnitude-out-of-range";
  return undefined;
}

export const DECIMAL_PROBLEM_TEXT: Record<DecimalProblem, string> = {
  "not-a-decimal":
    "a decimal string such as \"1523.4\" (digits, optional '-', optional fraction and exponent; no spaces, separators, '+' or NaN/Infinity)",
  "exponent-out-of-range": `a decimal whose exponent is within ±${MAX_EXPONENT}`,
  "magnitude-out-of-range": "a decimal of magnitude below 1e30",
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
