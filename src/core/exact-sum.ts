/**
 * Exact summation of decimal strings.
 *
 * Exactness argument (the whole module relies on these two facts only):
 *
 *  1. Every integer n with |n| <= 2^53 is representable as an IEEE-754 double,
 *     and the sum / product of two such integers is computed exactly whenever
 *     the true result also has magnitude <= 2^53 (the exact result is
 *     representable, and IEEE-754 returns the exact result when it is
 *     representable).
 *  2. BigInt arithmetic is exact at any magnitude.
 *
 * Hot path: a reading with at most 15 digits in total and no exponent is parsed
 * with `charCodeAt` into an integer mantissa `m` (`value = ±m / 10^scale`).
 * With at most 15 digits, every intermediate `m * 10 + d` is < 10^15 < 2^53, so
 * the mantissa is exact by (1). (For longer inputs the parse loop's `m` may be
 * inexact, but it is then discarded: the digit count routes the reading to the
 * medium or slow path before `m` is used.) Its scale (= number of fraction
 * digits) is <= 15 and selects the accumulator (one per scale 0..30, shared with
 * the medium path), one bank for positive and one for negative readings (so each accumulator only grows and
 * needs a single comparison). Invariant: before an add, acc <= FLUSH_LIMIT =
 * 2^53 - 10^15; since m < 10^15 the new acc is < 2^53, exact by (1). If the new
 * acc exceeds FLUSH_LIMIT it is moved into a BigInt (BigInt(acc) is exact
 * because acc is an exactly-held integer) and reset to 0, restoring the
 * invariant.
 *
 * Medium path (no exponent, 16..30 digits): the digits are split into a high
 * part (the leading digitCount - 15 digits) and a low part (the last 15 digits),
 * both < 10^15, so value = ±(hi * 10^15 + lo) / 10^scale. `lo` goes to the
 * same per-scale accumulators as the hot path, `hi` to a second bank whose
 * flushes are multiplied by 10^15 in BigInt. Same invariant, same proof.
 *
 * Slow path (exponent notation, more than 30 digits): the digits become a
 * BigInt mantissa and the value is kept as `mantissa / 10^scale` with
 * scale = fractionDigits - exponent (negative scales are normalised to 0 by an
 * exact BigInt multiplication), summed per scale in BigInts by (2).
 *
 * toString aligns every partial sum to the largest scale present with exact
 * BigInt multiplications by powers of ten and formats the single BigInt.
 *
 * No floating-point rounding can occur anywhere: the only `number` arithmetic is
 * integer adds/multiplies that provably stay within +-2^53.
 */

/** Hot-path readings have at most this many digits, so |mantissa| < 10^15. */
const FAST_MAX_DIGITS = 15;
/** Medium-path readings have at most this many digits (two 15-digit halves). */
const MEDIUM_MAX_DIGITS = 30;
/** Number of per-scale accumulators (scales 0..30: scale <= digit count <= 30). */
const FAST_SCALES = MEDIUM_MAX_DIGITS + 1;
/** Weight of the high half on the medium path. */
const HI_WEIGHT = 1_000_000_000_000_000n;
/** 2^53 - 10^15: an accumulator <= this plus a mantissa < 10^15 stays < 2^53. */
const FLUSH_LIMIT = 9_007_199_254_740_992 - 1_000_000_000_000_000;

const POW10_CACHE: bigint[] = [1n];
function pow10(k: number): bigint {
  let p = POW10_CACHE[k];
  if (p === undefined) {
    p = 10n ** BigInt(k);
    if (k < 2048) POW10_CACHE[k] = p;
  }
  return p;
}

/** Parsed form of one decimal string: value = mantissa / 10^scale, scale >= 0. */
interface Scaled {
  mantissa: bigint;
  scale: number;
}

/** Exact parse of a validated decimal string (any size, any exponent). */
function parseScaled(value: string): Scaled {
  let i = 0;
  const len = value.length;
  const negative = value.charCodeAt(0) === 45; /* '-' */
  if (negative) i = 1;
  const intStart = i;
  while (i < len && isDigit(value.charCodeAt(i))) i++;
  let digits = value.slice(intStart, i);
  let fractionDigits = 0;
  if (i < len && value.charCodeAt(i) === 46 /* '.' */) {
    const fracStart = ++i;
    while (i < len && isDigit(value.charCodeAt(i))) i++;
    fractionDigits = i - fracStart;
    digits += value.slice(fracStart, i);
  }
  let exponent = 0;
  if (i < len) {
    // 'e' or 'E', optional sign, digits. |exponent| <= 1000 by contract, so
    // this integer accumulation stays far below 2^53 and is exact.
    i++;
    let expNegative = false;
    const s = value.charCodeAt(i);
    if (s === 45 /* '-' */) {
      expNegative = true;
      i++;
    } else if (s === 43 /* '+' */) {
      i++;
    }
    for (; i < len; i++) exponent = exponent * 10 + (value.charCodeAt(i) - 48);
    if (expNegative) exponent = -exponent;
  }
  let mantissa = BigInt(digits);
  if (negative) mantissa = -mantissa;
  let scale = fractionDigits - exponent; // small integers: exact
  if (scale < 0) {
    if (mantissa !== 0n) mantissa *= pow10(-scale);
    scale = 0;
  }
  return { mantissa, scale };
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** Formats mantissa / 10^scale canonically (plain notation, no trailing zeros). */
function formatScaled(mantissa: bigint, scale: number): string {
  if (mantissa === 0n) return "0";
  const negative = mantissa < 0n;
  let digits = (negative ? -mantissa : mantissa).toString();
  if (scale > 0) {
    // Drop trailing zeros of the fraction.
    let end = digits.length;
    let s = scale;
    while (s > 0 && digits.charCodeAt(end - 1) === 48) {
      end--;
      s--;
    }
    if (end !== digits.length) digits = digits.slice(0, end);
    if (s > 0) {
      if (digits.length <= s) digits = "0".repeat(s - digits.length + 1) + digits;
      const point = digits.length - s;
      digits = `${digits.slice(0, point)}.${digits.slice(point)}`;
    }
  }
  return negative ? `-${digits}` : digits;
}

/** Rows of ExactSum's accumulator array. */
const POS = 0;
const NEG = FAST_SCALES;
const HI_POS = 2 * FAST_SCALES;
const HI_NEG = 3 * FAST_SCALES;

/** Accumulates decimal strings exactly. Inputs are already validated to match
 *  /^-?[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?$/ with |exponent| <= 1000 and magnitude < 1e30. */
export class ExactSum {
  /**
   * Hot-path accumulators, index = scale, in four rows of FAST_SCALES: positive readings, negative
   * readings (magnitudes), and the medium path's high halves (weight 10^15) of each. Every entry is an
   * exactly-held integer in [0, 2^53). One typed array, not four, made on the first value: a document
   * with 100,000 one-row series checks each series' header with a sum that never adds anything, and
   * every typed array is a backing store the garbage collector tracks on its own (measured: most of
   * the cost of 100,000 one-row CSV files).
   */
  private acc: Float64Array | undefined = undefined;
  /** Flushed hot/medium-path totals (signed, already weighted), index = scale; made on first flush. */
  private flushed: bigint[] | undefined = undefined;
  /** Slow-path totals keyed by scale; made on first use. */
  private slow: Map<number, bigint> | undefined = undefined;
  /**
   * The first value, kept as it came until a second one arrives: a sum of one value (a one-row CSV
   * file, a day with one reading) is its canonical form and never allocates the accumulators.
   */
  private first: string | undefined = undefined;
  private n = 0;

  private accumulators(): Float64Array {
    if (this.acc === undefined) this.acc = new Float64Array(4 * FAST_SCALES);
    return this.acc;
  }

  private flush(scale: number, amount: bigint): void {
    this.flushed ??= new Array<bigint>(FAST_SCALES).fill(0n);
    this.flushed[scale] = this.flushed[scale]! + amount;
  }

  /** Adds one validated decimal string. */
  add(value: string): void {
    if (this.n++ === 0) {
      this.first = value;
      return;
    }
    if (this.first !== undefined) {
      this.accumulate(this.first);
      this.first = undefined;
    }
    this.accumulate(value);
  }

  private accumulate(value: string): void {
    const len = value.length;
    let i = 0;
    let negative = false;
    if (value.charCodeAt(0) === 45 /* '-' */) {
      negative = true;
      i = 1;
    }
    // Integer digits. The mantissa stays < 10^15 (exact) while at most 15
    // digits are read; longer inputs are routed elsewhere below, before `m` is used.
    let m = 0;
    let c = 0;
    for (; i < len; i++) {
      c = value.charCodeAt(i) - 48;
      if (c < 0 || c > 9) break;
      m = m * 10 + c;
    }
    let scale = 0;
    let digitCount = i - (negative ? 1 : 0);
    if (i < len) {
      if (c !== -2 /* '.' */) {
        this.addSlow(value);
        return;
      }
      const fracStart = ++i;
      for (; i < len; i++) {
        c = value.charCodeAt(i) - 48;
        if (c < 0 || c > 9) break;
        m = m * 10 + c;
      }
      if (i < len) {
        this.addSlow(value);
        return;
      }
      scale = i - fracStart;
      digitCount += scale;
    }
    if (digitCount > FAST_MAX_DIGITS) {
      if (digitCount > MEDIUM_MAX_DIGITS) this.addSlow(value);
      else this.addMedium(value, negative, digitCount, scale);
      return;
    }
    // m < 10^15 and acc <= FLUSH_LIMIT, so acc + m < 2^53: exact.
    const acc = this.accumulators();
    const at = (negative ? NEG : POS) + scale;
    const a = acc[at]! + m;
    if (a > FLUSH_LIMIT) {
      this.flush(scale, negative ? -BigInt(a) : BigInt(a));
      acc[at] = 0;
    } else {
      acc[at] = a;
    }
  }

  /** Exact add of a reading with 16..30 digits and no exponent (see module comment). */
  private addMedium(value: string, negative: boolean, digitCount: number, scale: number): void {
    const len = value.length;
    let hiDigits = digitCount - FAST_MAX_DIGITS; // 1..15 leading digits go to `hi`
    let hi = 0;
    let lo = 0;
    // Each half collects at most 15 digits: every intermediate value is < 10^15, exact.
    for (let i = negative ? 1 : 0; i < len; i++) {
      const c = value.charCodeAt(i) - 48;
      if (c === -2 /* '.' */) continue;
      if (hiDigits > 0) {
        hi = hi * 10 + c;
        hiDigits--;
      } else {
        lo = lo * 10 + c;
      }
    }
    const low = (negative ? NEG : POS) + scale;
    const high = (negative ? HI_NEG : HI_POS) + scale;
    const acc = this.accumulators();
    // Same invariant as the hot path: acc <= FLUSH_LIMIT before, addend < 10^15.
    const a = acc[low]! + lo;
    if (a > FLUSH_LIMIT) {
      this.flush(scale, negative ? -BigInt(a) : BigInt(a));
      acc[low] = 0;
    } else {
      acc[low] = a;
    }
    const h = acc[high]! + hi;
    if (h > FLUSH_LIMIT) {
      const w = BigInt(h) * HI_WEIGHT;
      this.flush(scale, negative ? -w : w);
      acc[high] = 0;
    } else {
      acc[high] = h;
    }
  }

  private addSlow(value: string): void {
    const { mantissa, scale } = parseScaled(value);
    if (mantissa === 0n) return;
    this.slow ??= new Map();
    this.slow.set(scale, (this.slow.get(scale) ?? 0n) + mantissa);
  }

  /** How many values were added. */
  get count(): number {
    return this.n;
  }

  /** Exact total as a canonical decimal string: plain notation, no exponent, no trailing zeros
   *  after the point, no trailing point, "-0" written "0". */
  toString(): string {
    if (this.first !== undefined) return canonicalDecimalString(this.first);
    const parts: Scaled[] = [];
    let maxScale = 0;
    const acc = this.acc;
    for (let s = 0; s < FAST_SCALES && (acc !== undefined || this.flushed !== undefined); s++) {
      // Accumulators hold exact integers < 2^53, so BigInt() of them is exact.
      const v =
        (this.flushed?.[s] ?? 0n) +
        (acc === undefined
          ? 0n
          : BigInt(acc[POS + s]!) -
            BigInt(acc[NEG + s]!) +
            (BigInt(acc[HI_POS + s]!) - BigInt(acc[HI_NEG + s]!)) * HI_WEIGHT);
      if (v !== 0n) {
        parts.push({ mantissa: v, scale: s });
        if (s > maxScale) maxScale = s;
      }
    }
    for (const [s, v] of this.slow ?? []) {
      if (v !== 0n) {
        parts.push({ mantissa: v, scale: s });
        if (s > maxScale) maxScale = s;
      }
    }
    let total = 0n;
    for (const p of parts) total += p.mantissa * pow10(maxScale - p.scale);
    return formatScaled(total, maxScale);
  }
}

/** Exact sum of decimal strings as a canonical decimal string. */
export function sumDecimalStrings(values: Iterable<string>): string {
  const sum = new ExactSum();
  for (const v of values) sum.add(v);
  return sum.toString();
}

/** Canonical form of one decimal string (same rules as toString) — exact, no rounding. */
export function canonicalDecimalString(value: string): string {
  const { mantissa, scale } = parseScaled(value);
  return formatScaled(mantissa, scale);
}
