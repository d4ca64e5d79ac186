/**
 * An independent exact model for tests: fractions as BigInt pairs, written here without the
 * library's `Exact`, so that properties hold the library against arithmetic it does not share.
 * Printing follows architecture §5 in its own way: terminating values exactly; others rounded
 * toward −∞ at 34 significant digits, found by long division.
 */

export interface Frac {
  readonly n: bigint;
  readonly d: bigint;
}

function gcd(a: bigint, b: bigint): bigint {
  a = a < 0n ? -a : a;
  b = b < 0n ? -b : b;
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

export function frac(n: bigint, d = 1n): Frac {
  if (d === 0n) throw new RangeError("zero denominator");
  if (d < 0n) [n, d] = [-n, -d];
  const g = gcd(n, d) || 1n;
  return { n: n / g, d: d / g };
}

/** A decimal string (plain or exponent) or a JSON number through its shortest string. */
export function dec(input: string | number): Frac {
  const text = typeof input === "number" ? String(input) : input;
  const m = /^(-?)([0-9]+)(?:\.([0-9]+))?(?:[eE]([+-]?[0-9]+))?$/.exec(text);
  if (!m) throw new TypeError(`not a decimal: ${text}`);
  const digits = BigInt(`${m[2]}${m[3] ?? ""}`) * (m[1] === "-" ? -1n : 1n);
  const exponent = Number(m[4] ?? "0") - (m[3]?.length ?? 0);
  return exponent >= 0 ? frac(digits * 10n ** BigInt(exponent)) : frac(digits, 10n ** BigInt(-exponent));
}

/** "n/d" or an integer, as the trace's `exact` field writes it. */
export function parseFraction(text: string): Frac {
  const [n, d] = text.split("/");
  return frac(BigInt(n!), BigInt(d ?? "1"));
}

export const ZERO = frac(0n);
export const add = (a: Frac, b: Frac): Frac => frac(a.n * b.d + b.n * a.d, a.d * b.d);
export const sub = (a: Frac, b: Frac): Frac => frac(a.n * b.d - b.n * a.d, a.d * b.d);
export const mul = (a: Frac, b: Frac): Frac => frac(a.n * b.n, a.d * b.d);
export const div = (a: Frac, b: Frac): Frac => frac(a.n * b.d, a.d * b.n);
export const sum = (values: readonly Frac[]): Frac => values.reduce(add, ZERO);
export const eq = (a: Frac, b: Frac): boolean => a.n === b.n && a.d === b.d;
export const cmp = (a: Frac, b: Frac): number => {
  const x = a.n * b.d - b.n * a.d;
  return x < 0n ? -1 : x > 0n ? 1 : 0;
};

/** ⌊x⌋ */
export function floor(x: Frac): bigint {
  const q = x.n / x.d;
  return x.n < 0n && q * x.d !== x.n ? q - 1n : q;
}

/** True when the decimal expansion ends. */
export function terminates(x: Frac): boolean {
  let d = x.d;
  while (d % 2n === 0n) d /= 2n;
  while (d % 5n === 0n) d /= 5n;
  return d === 1n;
}

/** Canonical decimal string of a terminating value, or of a non-terminating one rounded toward −∞ at 34 significant digits. */
export function print(x: Frac): string {
  if (x.n === 0n) return "0";
  const negative = x.n < 0n;
  const n = negative ? -x.n : x.n;
  // Long division of |x|: integer part, then fraction digits until the expansion ends or 34
  // significant digits are collected (then one more test tells whether anything is left).
  let integer = n / x.d;
  let r = n % x.d;
  let fraction = "";
  let significant = integer === 0n ? 0 : integer.toString().length;
  const exactEnd = terminates(x);
  while (r !== 0n && (exactEnd || significant < 34)) {
    r *= 10n;
    const digit = r / x.d;
    r %= x.d;
    fraction += digit.toString();
    if (significant > 0 || digit !== 0n) significant++;
  }
  if (!exactEnd && significant > 34) {
    // More than 34 integer digits: drop the excess (toward −∞ for |x|, fixed below for negatives).
    const drop = significant - 34;
    const p = 10n ** BigInt(drop);
    integer = (integer / p) * p;
  }
  // Non-terminating: the digits so far are |x| truncated; toward −∞ a negative value steps away from 0.
  if (!exactEnd && negative) {
    const places = fraction.length;
    let scaled = integer * 10n ** BigInt(places) + (places > 0 ? BigInt(fraction) : 0n);
    if (significant > 34) scaled += 10n ** BigInt(significant - 34);
    else scaled += 1n;
    integer = scaled / 10n ** BigInt(places);
    fraction = places > 0 ? (scaled % 10n ** BigInt(places)).toString().padStart(places, "0") : "";
  }
  fraction = fraction.replace(/0+$/, "");
  return `${negative ? "-" : ""}${integer}${fraction ? `.${fraction}` : ""}`;
}
