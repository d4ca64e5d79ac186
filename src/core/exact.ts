import { MrvValidationError } from "./errors.js";

/**
 * `Exact`: the library's exact number, a rational numerator/denominator over BigInt, always in
 * lowest terms with a positive denominator (architecture §5). Equations use only +, −, ×, ÷, so
 * every figure of a calculation is an exact rational; nothing rounds before ER_p is floored.
 *
 * Values are immutable (frozen); every operation returns a new value. Operands may be an `Exact`,
 * a decimal string ("0.099", "1.5e3"), a bigint or a safe-integer number — never a fractional
 * number: binary floats have no place in a calculation.
 *
 * Bounded: a result whose numerator or denominator would have more than {@link MAX_EXACT_DIGITS}
 * digits becomes an "overflowed" value instead of being computed further. Arithmetic on it stays
 * overflowed (cheaply); the trace step that receives it stops the calculation with the issue
 * `too-many-digits` naming that equation, and comparing or printing it throws the same issue.
 *
 * Printing ({@link Exact.toString}): a value whose decimal expansion terminates prints exactly as a
 * canonical decimal string; one that does not (4/3) prints rounded toward −∞ at 34 significant
 * digits, so a printed figure never exceeds the true one. {@link Exact.toFraction} gives "n/d".
 */

/** Most decimal digits a numerator or denominator may have (architecture §5). */
export const MAX_EXACT_DIGITS = 10_000;
/** MAX_EXACT_DIGITS as messages write it (no locale). */
const DIGITS_TEXT = "10,000";
/** Significant digits a non-terminating value prints with. */
export const PRINTED_SIGNIFICANT_DIGITS = 34;

/** What an operation accepts: an Exact, a decimal string, a bigint or a safe integer. */
export type ExactLike = Exact | string | bigint | number;

/** Rounding directions for {@link Exact.round} and {@link Exact.roundSignificant}. */
export type RoundingMode = "floor" | "ceil" | "trunc" | "half-away-from-zero" | "half-even";

/** 10^MAX_EXACT_DIGITS: a numerator or denominator must stay below it (≤ 10,000 digits). */
const LIMIT = 10n ** BigInt(MAX_EXACT_DIGITS);
/** −LIMIT, made once: negating a 10,000-digit BigInt allocates 4 KB, and every operation checks it. */
const NEGATIVE_LIMIT = -LIMIT;
const BRAND = Symbol.for("jcm-mrv.Exact");
const MAX_SAFE = 9_007_199_254_740_991n;
const DECIMAL = /^(-?)([0-9]+)(?:\.([0-9]+))?(?:[eE]([+-]?[0-9]+))?$/;

const POW10: bigint[] = [1n];
/** Characters of the longest print an Exact keeps (100 significant digits, a sign, a point and some zeros). */
const LONGEST_KEPT_PRINT = 128;
const LOG10_2 = Math.log10(2);
const LOG2_5 = Math.log2(5);
/** log10(2) and a little: how far (bn − bd)·log10(2) may lie from log10(n/d), float error included. */
const MARGIN = 0.302;

/** Bits of n > 0 (2^(bits−1) ≤ n < 2^bits). */
function bitLength(n: bigint): number {
  const hex = n.toString(16);
  return (hex.length - 1) * 4 + (32 - Math.clz32(Number.parseInt(hex[0]!, 16)));
}

/** n/d ≥ 10^k, for n, d > 0. */
function atLeastPow10(n: bigint, d: bigint, k: number): boolean {
  return k >= 0 ? n >= d * pow10(k) : n * pow10(-k) >= d;
}

function pow10(k: number): bigint {
  let p = POW10[k];
  if (p === undefined) {
    p = 10n ** BigInt(k);
    if (k <= 1100) POW10[k] = p;
  }
  return p;
}

/**
 * Above ~1,500 digits Lehmer's gcd beats Euclid's (each bigint `%` there allocates kilobytes, and
 * Euclid takes ~0.84 steps per bit): 10,000-digit operands 154 → 33 ms, 1,500 digits even.
 */
const LEHMER_FROM = 1n << 5000n;

/**
 * One step of Lehmer's gcd (Knuth, TAOCP vol. 2, §4.5.2, Algorithm L) on a ≥ b > 0: Euclid's steps
 * simulated on the leading 30 bits while their quotients are certain, then applied to a and b at
 * once; a plain Euclid step when not one quotient was. Every number here stays below 2^53: the
 * leading parts below 2^31, the cofactors within 2^30 (so q·C below 2^31), and a floored quotient
 * of integers below 2^53 is exact.
 */
function lehmerStep(a: bigint, b: bigint): [bigint, bigint] {
  const shift = BigInt(bitLength(a) - 30);
  let x = Number(a >> shift);
  let y = Number(b >> shift);
  let A = 1;
  let B = 0;
  let C = 0;
  let D = 1;
  while (y + C !== 0 && y + D !== 0) {
    const q = Math.floor((x + A) / (y + C));
    if (q !== Math.floor((x + B) / (y + D))) break;
    [A, C] = [C, A - q * C];
    [B, D] = [D, B - q * D];
    [x, y] = [y, x - q * y];
  }
  if (B === 0) return [b, a % b];
  return [BigInt(A) * a + BigInt(B) * b, BigInt(C) * a + BigInt(D) * b];
}

/**
 * Greatest common divisor of |a| and b (b > 0). Lehmer's steps while the smaller is above 2^5000,
 * then Euclid; when both fit in a safe integer the loop runs on numbers, where `%` of two integers
 * below 2^53 is exact.
 */
function gcd(a: bigint, b: bigint): bigint {
  if (a < 0n) a = -a;
  if (a < b) [a, b] = [b, a];
  while (b > LEHMER_FROM) [a, b] = lehmerStep(a, b);
  while (a > MAX_SAFE || b > MAX_SAFE) {
    if (b === 0n) return a;
    const r = a % b;
    a = b;
    b = r;
  }
  let x = Number(a);
  let y = Number(b);
  while (y !== 0) {
    const r = x % y;
    x = y;
    y = r;
  }
  return BigInt(x);
}

/** The issue `too-many-digits`: an exact intermediate beyond the bound (§5). */
export class TooManyDigitsError extends MrvValidationError {
  constructor(where?: { symbol: string; equation: string }) {
    super([
      {
        path: "",
        ...(where && { symbol: where.symbol }),
        code: "too-many-digits",
        message: where
          ? `equation ${where.equation} (${where.symbol}): an exact intermediate would have more than ${DIGITS_TEXT} digits in its numerator or denominator`
          : `an exact intermediate would have more than ${DIGITS_TEXT} digits in its numerator or denominator`,
        expected: `exact values of at most ${DIGITS_TEXT} digits (inputs of at most 100 significant digits keep every realistic document far below)`,
        found: "more digits",
      },
    ]);
    this.name = "TooManyDigitsError";
  }
}

/** Internal constructor for values already in lowest terms (set by Exact's static block). */
let lowestTerms: (n: bigint, d: bigint) => Exact;

export class Exact {
  static {
    lowestTerms = (n, d) => Exact.make(n, d);
  }
  /** Numerator, in lowest terms; carries the sign. */
  readonly numerator: bigint;
  /** Denominator, in lowest terms, > 0 (0 only inside an overflowed value, which never prints). */
  readonly denominator: bigint;
  // Printed form and decimal scale, computed once per value (a figure is printed several times:
  // step value, input of the next step, parameter). Private fields stay writable on a frozen
  // object; a WeakMap cache cost more in garbage collection than the printing it saved. `toJSON`
  // keeps no print longer than LONGEST_KEPT_PRINT (see there); `toString` keeps every print, so a
  // result's parameter and trace input share one string.
  #printed: string | undefined = undefined;
  #scale: number | undefined = undefined;

  private constructor(numerator: bigint, denominator: bigint) {
    this.numerator = numerator;
    this.denominator = denominator;
    Object.freeze(this);
  }

  static readonly ZERO: Exact = new Exact(0n, 1n);
  static readonly ONE: Exact = new Exact(1n, 1n);
  /** Result of an operation beyond the digit bound (see the module comment). */
  private static readonly OVERFLOW: Exact = new Exact(0n, 0n);

  /** An Exact from a decimal string ("0.099", "-1.5E+3"), a bigint or a safe integer. */
  static from(value: ExactLike): Exact {
    if (isExact(value)) return value;
    if (typeof value === "bigint") return Exact.make(value, 1n);
    if (typeof value === "number") {
      if (!Number.isSafeInteger(value))
        throw new TypeError(`Exact.from: ${String(value)} is not a safe integer; give decimals as strings`);
      if (value === 0) return Exact.ZERO;
      return new Exact(value > 0 ? smallBigInt(value) : -smallBigInt(-value), 1n);
    }
    if (typeof value === "string") return parseDecimal(value);
    throw new TypeError(`Exact.from: not a decimal string, bigint or integer: ${String(value)}`);
  }

  /** numerator ÷ denominator, exactly (throws RangeError on a zero denominator). */
  static fraction(numerator: ExactLike, denominator: ExactLike): Exact {
    return Exact.from(numerator).div(denominator);
  }

  /**
   * An Exact rebuilt from another Exact's own `numerator` and `denominator` — after a structured
   * clone to another thread, say — without reducing again: they are in lowest terms already, and a
   * gcd of two 8,000-digit numbers costs ~0.1 s. Anything else goes through {@link Exact.fraction}:
   * parts not in lowest terms would make equal values compare unequal.
   */
  static ofOwnParts(numerator: bigint, denominator: bigint): Exact {
    if (typeof numerator !== "bigint" || typeof denominator !== "bigint" || denominator <= 0n)
      throw new TypeError("Exact.ofOwnParts: the numerator and positive denominator of an Exact");
    return Exact.make(numerator, denominator);
  }

  /**
   * Σ values, exactly (0 for none). Terms over the same denominator are added as numerators and
   * reduced once per denominator: a total over 100,000 boilers then costs a few gcds, not 100,000
   * (the sum is the same rational whatever the grouping, and lowest terms are unique).
   */
  static sum(values: Iterable<ExactLike>): Exact {
    const numerators = new Map<bigint, bigint>();
    for (const v of values) {
      const x = Exact.from(v);
      if (x.denominator === 0n) return Exact.OVERFLOW;
      const d = x.denominator;
      const n = numerators.get(d);
      numerators.set(d, n === undefined ? x.numerator : n + x.numerator);
    }
    let total = Exact.ZERO;
    for (const [d, n] of numerators) total = total.plus(Exact.reduce(n, d));
    return total;
  }

  static max(a: ExactLike, b: ExactLike): Exact {
    const x = Exact.from(a);
    const y = Exact.from(b);
    return x.compare(y) >= 0 ? x : y;
  }

  static min(a: ExactLike, b: ExactLike): Exact {
    const x = Exact.from(a);
    const y = Exact.from(b);
    return x.compare(y) <= 0 ? x : y;
  }

  /** Builds n/d already known to be in lowest terms with d > 0, checking the bound. */
  private static make(n: bigint, d: bigint): Exact {
    if (n >= LIMIT || n <= NEGATIVE_LIMIT || d >= LIMIT) return Exact.OVERFLOW;
    if (n === 0n) return Exact.ZERO;
    return new Exact(n, d);
  }

  /** n/d in lowest terms (d > 0). */
  private static reduce(n: bigint, d: bigint): Exact {
    if (d === 1n || n === 0n) return Exact.make(n, 1n);
    const g = gcd(n, d);
    return g === 1n ? Exact.make(n, d) : Exact.make(n / g, d / g);
  }

  plus(other: ExactLike): Exact {
    const o = Exact.from(other);
    const b = this.denominator;
    const d = o.denominator;
    if (b === 0n || d === 0n) return Exact.OVERFLOW;
    const a = this.numerator;
    const c = o.numerator;
    if (b === d) return Exact.reduce(a + c, b);
    // Knuth's addition: with g = gcd(b, d) the result needs only a gcd with g, not with b·d.
    const g = gcd(b, d);
    if (g === 1n) return Exact.make(a * d + c * b, b * d);
    const s = b / g;
    const t = a * (d / g) + c * s;
    const g2 = gcd(t, g);
    return g2 === 1n ? Exact.make(t, s * d) : Exact.make(t / g2, s * (d / g2));
  }

  minus(other: ExactLike): Exact {
    return this.plus(Exact.from(other).neg());
  }

  times(other: ExactLike): Exact {
    const o = Exact.from(other);
    const b = this.denominator;
    const d = o.denominator;
    if (b === 0n || d === 0n) return Exact.OVERFLOW;
    const a = this.numerator;
    const c = o.numerator;
    if (b === 1n && d === 1n) return Exact.make(a * c, 1n);
    // Cross-cancel first: the product of two lowest-terms fractions is then in lowest terms.
    const g1 = gcd(a, d);
    const g2 = gcd(c, b);
    return Exact.make((a / g1) * (c / g2), (b / g2) * (d / g1));
  }

  div(other: ExactLike): Exact {
    const o = Exact.from(other);
    if (o.denominator === 0n || this.denominator === 0n) return Exact.OVERFLOW;
    if (o.numerator === 0n) throw new RangeError("Exact: division by zero");
    return this.times(
      o.numerator < 0n ? new Exact(-o.denominator, -o.numerator) : new Exact(o.denominator, o.numerator),
    );
  }

  neg(): Exact {
    if (this.denominator === 0n) return Exact.OVERFLOW;
    return this.numerator === 0n ? this : new Exact(-this.numerator, this.denominator);
  }

  abs(): Exact {
    return this.numerator < 0n ? this.neg() : this;
  }

  /** −1, 0 or 1 as this is below, equal to or above `other`. */
  compare(other: ExactLike): -1 | 0 | 1 {
    const o = Exact.from(other);
    this.check();
    o.check();
    const left = this.denominator === o.denominator ? this.numerator : this.numerator * o.denominator;
    const right = this.denominator === o.denominator ? o.numerator : o.numerator * this.denominator;
    return left < right ? -1 : left > right ? 1 : 0;
  }

  eq(other: ExactLike): boolean {
    return this.compare(other) === 0;
  }
  lt(other: ExactLike): boolean {
    return this.compare(other) < 0;
  }
  lte(other: ExactLike): boolean {
    return this.compare(other) <= 0;
  }
  gt(other: ExactLike): boolean {
    return this.compare(other) > 0;
  }
  gte(other: ExactLike): boolean {
    return this.compare(other) >= 0;
  }

  isZero(): boolean {
    this.check();
    return this.numerator === 0n;
  }
  isNegative(): boolean {
    this.check();
    return this.numerator < 0n;
  }
  isPositive(): boolean {
    this.check();
    return this.numerator > 0n;
  }
  isInteger(): boolean {
    this.check();
    return this.denominator === 1n;
  }

  /** True when the decimal expansion ends (the denominator has no prime factor but 2 and 5). */
  terminates(): boolean {
    this.check();
    return this.decimalScale() !== undefined;
  }

  /** Largest integer ≤ this. */
  floor(): Exact {
    return this.roundAt(0, "floor");
  }
  /** Smallest integer ≥ this. */
  ceil(): Exact {
    return this.roundAt(0, "ceil");
  }
  /** Integer part (toward zero). */
  trunc(): Exact {
    return this.roundAt(0, "trunc");
  }

  /** Rounded to `places` decimal places (≥ 0). */
  round(places: number, mode: RoundingMode): Exact {
    if (!Number.isSafeInteger(places) || places < 0) throw new RangeError(`Exact.round: places ${places}`);
    return this.roundAt(places, mode);
  }

  /** Rounded to `digits` significant digits (≥ 1). */
  roundSignificant(digits: number, mode: RoundingMode): Exact {
    if (!Number.isSafeInteger(digits) || digits < 1) throw new RangeError(`Exact.roundSignificant: digits ${digits}`);
    this.check();
    if (this.numerator === 0n) return this;
    return this.roundAt(digits - 1 - this.magnitude(), mode);
  }

  /** ⌊log10 |this|⌋ for a non-zero value. */
  private magnitude(): number {
    const n = this.numerator < 0n ? -this.numerator : this.numerator;
    const d = this.denominator;
    // From the bit lengths (hex printing is linear; decimal printing of an 8,000-digit bigint is not):
    // 2^(b−1) ≤ x < 2^b puts log10(n/d) within ±log10(2) of (bn − bd)·log10(2). Away from an integer
    // that decides ⌊log10⌋ at once; near one, one comparison with a power of ten does.
    const estimate = (bitLength(n) - bitLength(d)) * LOG10_2;
    const e = Math.floor(estimate);
    const fraction = estimate - e;
    if (fraction < MARGIN) return atLeastPow10(n, d, e) ? e : e - 1;
    if (fraction > 1 - MARGIN) return atLeastPow10(n, d, e + 1) ? e + 1 : e;
    return e;
  }

  /** Rounded to a multiple of 10^−scale (scale may be negative). */
  private roundAt(scale: number, mode: RoundingMode): Exact {
    this.check();
    const up = scale >= 0 ? pow10(scale) : 1n;
    const down = scale >= 0 ? 1n : pow10(-scale);
    const n = this.numerator * up;
    const d = this.denominator * down;
    // BigInt division truncates toward zero.
    let q = n / d;
    const r = n - q * d;
    if (r !== 0n) {
      const negative = n < 0n;
      switch (mode) {
        case "floor":
          if (negative) q -= 1n;
          break;
        case "ceil":
          if (!negative) q += 1n;
          break;
        case "trunc":
          break;
        case "half-away-from-zero":
        case "half-even": {
          const twice = 2n * (r < 0n ? -r : r);
          const away = twice > d || (twice === d && (mode === "half-away-from-zero" || q % 2n !== 0n));
          if (away) q += negative ? -1n : 1n;
          break;
        }
      }
    }
    return scale >= 0 ? Exact.reduce(q, up) : Exact.make(q * down, 1n);
  }

  /**
   * Canonical decimal string (architecture §5): exact when the expansion terminates; otherwise
   * rounded toward −∞ at 34 significant digits. No exponent, no trailing zeros, "-0" never.
   */
  toString(): string {
    return this.print(true);
  }

  /** The print; kept on this value when `keepLong` or when it is at most LONGEST_KEPT_PRINT long. */
  private print(keepLong: boolean): string {
    this.check();
    if (this.denominator === 1n) return this.numerator.toString();
    if (this.#printed !== undefined) return this.#printed;
    const scale = this.decimalScale();
    const printed =
      scale !== undefined
        ? formatScaled(this.numerator * (pow10(scale) / this.denominator), scale)
        : this.printedRoundedDown();
    if (keepLong || printed.length <= LONGEST_KEPT_PRINT) this.#printed = printed;
    return printed;
  }

  /**
   * A non-terminating value rounded toward −∞ at 34 significant digits, printed: what
   * `roundSignificant(34, "floor").toString()` prints, without making that value (its gcd with a
   * power of ten, a second Exact) — every PE_i,p of a boiler (÷ 0.7) prints this way.
   */
  private printedRoundedDown(): string {
    const scale = PRINTED_SIGNIFICANT_DIGITS - 1 - this.magnitude();
    if (scale < 0) {
      const unit = pow10(-scale);
      return (floorDiv(this.numerator, this.denominator * unit) * unit).toString();
    }
    return formatScaled(floorDiv(this.numerator * pow10(scale), this.denominator), scale);
  }

  /** "numerator/denominator" in lowest terms ("7" for an integer). */
  toFraction(): string {
    this.check();
    return this.denominator === 1n ? this.numerator.toString() : `${this.numerator}/${this.denominator}`;
  }

  /** JSON form: the printed decimal string. */
  toJSON(): string {
    // What is written once need not outlive the write: a long print is not kept (the CLI's streamed
    // result writes 100,000 readings of 1e-1000, 1,002 characters each, and their values live on).
    return this.print(false);
  }

  /** No silent conversion to a number: `a < b`, `a + 1` and `Number(a)` throw. */
  [Symbol.toPrimitive](hint: string): string {
    if (hint === "string") return this.toString();
    throw new TypeError("an Exact has no number value: use .lt/.gt/.eq to compare and .toString() to print");
  }

  /** decimalScale of the denominator, computed once (−1 inside stands for "does not terminate"). */
  private decimalScale(): number | undefined {
    this.#scale ??= decimalScale(this.denominator) ?? -1;
    return this.#scale < 0 ? undefined : this.#scale;
  }

  private check(): void {
    if (this.denominator === 0n) throw new TooManyDigitsError();
  }
}
Object.defineProperty(Exact.prototype, BRAND, { value: true });

/** True for a value beyond the digit bound (internal: the trace turns it into `too-many-digits`). */
export function overflowed(value: Exact): boolean {
  return value.denominator === 0n;
}

/** True for an Exact (also one made by another copy of the library). */
export function isExact(value: unknown): value is Exact {
  return (
    value instanceof Exact ||
    (typeof value === "object" && value !== null && (value as unknown as Record<symbol, unknown>)[BRAND] === true)
  );
}

/**
 * k such that 10^k is a multiple of d (d > 0), when d's only prime factors are 2 and 5 — the
 * decimal places of a terminating expansion; undefined otherwise. Not by dividing out one factor
 * at a time (1e-1000 would take a thousand divisions of a 1,000-digit number, per value): the twos
 * are d's trailing zero bits, and what is left must be one power of five, whose exponent its bit
 * length gives to within one.
 */
function decimalScale(d: bigint): number | undefined {
  if (d === 1n) return 0;
  // Values parsed alike share their denominator (10^1000 for 100,000 readings of 1e-1000): its
  // scale is worked out once, not per value (a power of five of 2,300 bits each time).
  if (d === lastScaled.denominator) return lastScaled.scale;
  const scale = decimalScaleOf(d);
  lastScaled = { denominator: d, scale };
  return scale;
}

let lastScaled: { denominator: bigint; scale: number | undefined } = { denominator: 1n, scale: 0 };

function decimalScaleOf(d: bigint): number | undefined {
  const twos = bitLength(d & -d) - 1;
  const odd = d >> BigInt(twos);
  if (odd === 1n) return twos;
  if (odd % 5n !== 0n) return undefined;
  // 5^m has ⌊m·log2 5⌋ + 1 bits, so m is ⌊(bits − 1)/log2 5⌋ or one more.
  const estimate = Math.floor((bitLength(odd) - 1) / LOG2_5);
  for (const m of [estimate, estimate + 1]) if (5n ** BigInt(m) === odd) return Math.max(twos, m);
  return undefined;
}

/** ⌊n / d⌋ for d > 0 (BigInt division truncates toward zero). */
function floorDiv(n: bigint, d: bigint): bigint {
  const q = n / d;
  return n < 0n && q * d !== n ? q - 1n : q;
}

/** m / 10^scale as a canonical decimal string (plain notation, no trailing zeros). */
function formatScaled(m: bigint, scale: number): string {
  if (m === 0n) return "0";
  const negative = m < 0n;
  let digits = (negative ? -m : m).toString();
  let s = scale;
  let end = digits.length;
  while (s > 0 && digits.charCodeAt(end - 1) === 48 /* 0 */) {
    end--;
    s--;
  }
  digits = digits.slice(0, end);
  if (s === 0) return negative ? ["-", digits].join("") : digits;
  if (digits.length <= s) digits = digits.padStart(s + 1, "0");
  // Joined, not concatenated with `+`: a flat string. A concatenation is a tree of pieces that
  // JSON.stringify copies flat each time it writes it (1e-1000 prints 1,002 characters, twice per
  // value in a result).
  const point = digits.length - s;
  return (
    negative
      ? ["-", digits.slice(0, point), ".", digits.slice(point)]
      : [digits.slice(0, point), ".", digits.slice(point)]
  ).join("");
}

/** A decimal string in lowest terms. */
function parseDecimal(text: string): Exact {
  // Hot path: plain notation with at most 15 digits. The mantissa m < 10^15 and 10^scale ≤ 10^15
  // are integers below 2^53, so the number arithmetic below (×10 + digit, %, exact division by
  // the gcd) is exact.
  const length = text.length;
  if (length <= 17) {
    let i = text.charCodeAt(0) === 45 /* - */ ? 1 : 0;
    const negative = i === 1;
    let m = 0;
    let digits = 0;
    let scale = -1;
    for (; i < length; i++) {
      const c = text.charCodeAt(i);
      if (c >= 48 && c <= 57) {
        m = m * 10 + (c - 48);
        digits++;
        if (scale >= 0) scale++;
      } else if (c === 46 /* . */ && scale < 0 && digits > 0) scale = 0;
      else break;
    }
    if (i === length && digits > 0 && digits <= 15 && scale !== 0) {
      if (scale < 0 || m === 0) return Exact.from(negative ? -m : m);
      let d = POW10_NUMBER[scale]!;
      let x = m;
      let y = d;
      while (y !== 0) {
        const r = x % y;
        x = y;
        y = r;
      }
      m /= x;
      d /= x;
      return lowestTerms(negative ? -smallBigInt(m) : smallBigInt(m), smallBigInt(d));
    }
  }
  return parseLong(text);
}

/**
 * A bigint from a safe integer ≥ 0, shared below 1,024: every `BigInt(x)` is a new 24-byte object,
 * and a document's values keep theirs — the denominators (2, 5, 10, 100, …) and small numerators of
 * 500,000 efficiencies and capacities were a million objects, most of them equal.
 */
function smallBigInt(x: number): bigint {
  return x < SMALL_BIGINTS.length ? SMALL_BIGINTS[x]! : BigInt(x);
}
const SMALL_BIGINTS: readonly bigint[] = Array.from({ length: 1024 }, (_, k) => BigInt(k));

/** 10^0 … 10^15 as numbers (exact: below 2^53). */
const POW10_NUMBER = Array.from({ length: 16 }, (_, k) => 10 ** k);

/** Any decimal string (exponent, many digits), through BigInt. */
function parseLong(text: string): Exact {
  const m = DECIMAL.exec(text);
  if (!m) throw new TypeError(`Exact.from: not a decimal string: ${JSON.stringify(text.slice(0, 60))}`);
  let digits = m[2]! + (m[3] ?? "");
  // The exponent text may be long; beyond the digit bound it is refused before any BigInt is built.
  const exponentText = m[4] ?? "0";
  const exponent = exponentText.replace(/^[+-]?0*/, "").length > 6 ? Number.NaN : Number(exponentText);
  let scale = (m[3]?.length ?? 0) - exponent;
  if (!Number.isFinite(scale) || digits.length - scale > MAX_EXACT_DIGITS + 1 || scale > MAX_EXACT_DIGITS + 200)
    throw new RangeError(`Exact.from: ${text.slice(0, 60)} is beyond ${MAX_EXACT_DIGITS} digits`);
  // Trailing zeros of a fraction cancel against the power of ten.
  let end = digits.length;
  while (scale > 0 && end > 1 && digits.charCodeAt(end - 1) === 48) {
    end--;
    scale--;
  }
  if (end !== digits.length) digits = digits.slice(0, end);
  let n = BigInt(digits);
  if (m[1] === "-") n = -n;
  if (n === 0n) return Exact.ZERO;
  if (scale <= 0) return Exact.from(n * pow10(-scale));
  // Reduced here, not through a division: when n has no factor 2 or 5 the denominator is the cached
  // power of ten itself, not a new product — 100,000 values of 1e-1000 kept 100,000 copies of 10^1000.
  const p = pow10(scale);
  const g = gcd(n, p);
  return g === 1n ? lowestTerms(n, p) : lowestTerms(n / g, p / g);
}
