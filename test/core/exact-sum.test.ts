import Decimal from "decimal.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalDecimalString, ExactSum, sumDecimalStrings } from "../../src/core/exact-sum.js";

/** Reference 1: decimal.js with enough precision that no addition here can round. */
const BigDecimal = Decimal.clone({ precision: 1e9 });

function decimalReference(values: readonly string[]): string {
  let total = new BigDecimal(0);
  for (const v of values) total = total.plus(v);
  const s = total.toFixed(); // plain notation, unrounded, no trailing zeros
  return s === "-0" ? "0" : s;
}

/** Reference 2: an independent BigInt reference (regex parse, align to a common scale). */
const INPUT_RE = /^(-?)([0-9]+)(?:\.([0-9]+))?(?:[eE]([+-]?[0-9]+))?$/;
function bigintReference(values: readonly string[]): string {
  const parts = values.map((v) => {
    const m = INPUT_RE.exec(v);
    if (m === null) throw new Error(`bad test input ${v}`);
    const frac = m[3] ?? "";
    const scale = frac.length - Number(m[4] ?? "0");
    const mant = BigInt((m[1] ?? "") + (m[2] ?? "") + frac);
    return { mant, scale };
  });
  const maxScale = Math.max(0, ...parts.map((p) => p.scale));
  let total = 0n;
  for (const p of parts) total += p.mant * 10n ** BigInt(maxScale - p.scale);
  const neg = total < 0n;
  let digits = (neg ? -total : total).toString().padStart(maxScale + 1, "0");
  if (maxScale > 0) digits = `${digits.slice(0, -maxScale)}.${digits.slice(-maxScale)}`;
  digits = digits.includes(".") ? digits.replace(/0+$/, "").replace(/\.$/, "") : digits;
  return digits === "0" ? "0" : (neg ? "-" : "") + digits;
}

// ---------------------------------------------------------------------------
// Generators
// ---------------------------------------------------------------------------

const digitChar = fc.constantFrom(..."0123456789");
const digits = (minLength: number, maxLength: number): fc.Arbitrary<string> =>
  fc.string({ unit: digitChar, minLength, maxLength });
const sign = fc.constantFrom("", "", "-");
const leadingZeros = fc.oneof(
  { weight: 4, arbitrary: fc.constant("") },
  { weight: 1, arbitrary: digits(0, 3).map((d) => d.replace(/./g, "0")) },
);

/** Integer part without leading zeros of at most `maxSig` significant digits (may be "0"). */
const intPart = (maxSig: number): fc.Arbitrary<string> =>
  fc.tuple(fc.constantFrom(..."123456789"), digits(0, maxSig - 1)).map(([a, b]) => a + b);
const intOrZero = (maxSig: number): fc.Arbitrary<string> =>
  fc.oneof({ weight: 1, arbitrary: fc.constant("0") }, { weight: 6, arbitrary: intPart(maxSig) });

const plain = (maxSig: number, minFrac: number, maxFrac: number): fc.Arbitrary<string> =>
  fc
    .tuple(sign, leadingZeros, intOrZero(maxSig), digits(minFrac, maxFrac))
    .map(([s, z, i, f]) => `${s}${z}${i}${f === "" ? "" : `.${f}`}`);

/** Meter-reading-like: up to 6 integer digits, 0–6 fraction digits. */
const shortReading = plain(6, 0, 6);
/** Long fractions: up to 40 fraction digits. */
const longFraction = plain(5, 1, 40);
/** Large magnitudes up to just under 1e30 (up to 30 integer digits). */
const largeMagnitude = plain(30, 0, 12);
/** Right at the path boundaries: 14–16 and 29–30 total digits, all nines or random. */
const boundary = fc.oneof(
  fc.constantFrom(
    "999999999999999",
    "-999999999999999",
    "9999999999999999",
    "99999999999999.9",
    "-9999999999999.99",
    "0.999999999999999",
    "0.9999999999999999",
    "999999999999999999999999999999",
    "-999999999999999999999999999999",
    "99999999999999999999.9999999999",
    "0.000000000000000000000000000001",
    "0.0000000000000000000000000000001",
    "999999999999999999999999999999.9",
  ),
  plain(16, 0, 14),
  plain(30, 0, 30),
);

/**
 * Exponent notation. The exponent ranges from -1000 up to the largest value that
 * keeps |value| < 1e30: with k significant integer digits, |mantissa| < 10^k, so
 * exponent <= 30 - k suffices (k = 0 when the integer part is zero).
 */
const exponentForm = fc
  .tuple(sign, leadingZeros, intOrZero(10), digits(0, 12), fc.constantFrom("e", "E"))
  .chain(([s, z, i, f, e]) => {
    const k = i === "0" ? 0 : i.length;
    return fc
      .tuple(fc.integer({ min: -1000, max: 30 - k }), fc.constantFrom("", "+"), fc.constantFrom("", "", "0", "00"))
      .map(([x, plus, pad]) => {
        const expo = x < 0 ? `-${pad}${-x}` : `${plus}${pad}${x}`;
        return `${s}${z}${i}${f === "" ? "" : `.${f}`}${e}${expo}`;
      });
  });

const zeroForms = fc.constantFrom("0", "-0", "0.000", "-0.000", "000", "0e-1000", "-0E+5", "0.0e1000", "00.00");

const anyDecimal = fc.oneof(
  { weight: 6, arbitrary: shortReading },
  { weight: 2, arbitrary: longFraction },
  { weight: 2, arbitrary: largeMagnitude },
  { weight: 2, arbitrary: exponentForm },
  { weight: 1, arbitrary: boundary },
  { weight: 1, arbitrary: zeroForms },
);

const VALID = /^-?[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?$/;

// ---------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------

describe("ExactSum", () => {
  it("generators only produce inputs inside the documented contract", () => {
    fc.assert(
      fc.property(anyDecimal, (v) => {
        expect(v).toMatch(VALID);
        expect(new BigDecimal(v).abs().lt("1e30")).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it("sum equals the decimal.js (precision 1e9) and BigInt references on arbitrary decimal strings", () => {
    fc.assert(
      fc.property(fc.array(anyDecimal, { maxLength: 60 }), (values) => {
        const expected = decimalReference(values);
        expect(bigintReference(values)).toBe(expected);
        expect(sumDecimalStrings(values)).toBe(expected);
      }),
      { numRuns: 500 },
    );
  });

  it("sum equals the reference for meter-like readings (0–6 fraction digits)", () => {
    fc.assert(
      fc.property(fc.array(shortReading, { maxLength: 300 }), (values) => {
        expect(sumDecimalStrings(values)).toBe(decimalReference(values));
      }),
      { numRuns: 300 },
    );
  });

  it("sum equals the reference for long fractions (up to 40 fraction digits)", () => {
    fc.assert(
      fc.property(fc.array(longFraction, { maxLength: 50 }), (values) => {
        expect(sumDecimalStrings(values)).toBe(decimalReference(values));
      }),
      { numRuns: 300 },
    );
  });

  it("sum equals the reference for magnitudes up to just under 1e30", () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(largeMagnitude, boundary), { maxLength: 50 }), (values) => {
        expect(sumDecimalStrings(values)).toBe(decimalReference(values));
      }),
      { numRuns: 300 },
    );
  });

  it("sum equals the reference for exponent notation with exponents from -1000 up to the magnitude limit", () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(exponentForm, shortReading), { maxLength: 30 }), (values) => {
        expect(sumDecimalStrings(values)).toBe(decimalReference(values));
      }),
      { numRuns: 300 },
    );
  });

  it("sum stays exact across many accumulator flushes (repeated near-limit values, mixed signs and scales)", () => {
    const nearLimit = fc.oneof(
      boundary,
      plain(15, 0, 0),
      fc.tuple(sign, digits(1, 14)).map(([s, f]) => `${s}9.${f}`),
      fc.tuple(sign, fc.integer({ min: 1, max: 14 })).map(([s, k]) => `${s}${"9".repeat(15 - k)}.${"9".repeat(k)}`),
    );
    fc.assert(
      fc.property(
        fc.array(fc.tuple(nearLimit, fc.integer({ min: 1, max: 400 })), { minLength: 1, maxLength: 8 }),
        (runs) => {
          const values = runs.flatMap(([v, times]) => new Array<string>(times).fill(v));
          expect(sumDecimalStrings(values)).toBe(decimalReference(values));
        },
      ),
      { numRuns: 200 },
    );
  });

  it("the order of adds does not change the result", () => {
    fc.assert(
      fc.property(
        fc
          .array(anyDecimal, { maxLength: 40 })
          .chain((values) =>
            fc.tuple(
              fc.constant(values),
              fc.shuffledSubarray(values, { minLength: values.length, maxLength: values.length }),
            ),
          ),
        ([values, permuted]) => {
          const forward = sumDecimalStrings(values);
          expect(sumDecimalStrings(permuted)).toBe(forward);
          expect(sumDecimalStrings([...values].reverse())).toBe(forward);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("count equals the number of values added", () => {
    fc.assert(
      fc.property(fc.array(anyDecimal, { maxLength: 100 }), (values) => {
        const sum = new ExactSum();
        for (const v of values) sum.add(v);
        expect(sum.count).toBe(values.length);
      }),
    );
  });

  it("toString does not disturb the running sum (prefix totals are all exact)", () => {
    fc.assert(
      fc.property(fc.array(anyDecimal, { maxLength: 30 }), (values) => {
        const sum = new ExactSum();
        values.forEach((v, i) => {
          sum.add(v);
          expect(sum.toString()).toBe(decimalReference(values.slice(0, i + 1)));
        });
      }),
      { numRuns: 100 },
    );
  });

  it("the result is always canonical (canonicalDecimalString is the identity on it)", () => {
    fc.assert(
      fc.property(fc.array(anyDecimal, { maxLength: 20 }), (values) => {
        const s = sumDecimalStrings(values);
        expect(s).toMatch(/^(0|-?[1-9][0-9]*(\.[0-9]*[1-9])?|-?0\.[0-9]*[1-9])$/);
        expect(canonicalDecimalString(s)).toBe(s);
      }),
    );
  });

  it('the empty sum is "0"', () => {
    expect(new ExactSum().toString()).toBe("0");
    expect(new ExactSum().count).toBe(0);
    expect(sumDecimalStrings([])).toBe("0");
  });

  it("examples: exact where floats are not, and forced flushes", () => {
    expect(sumDecimalStrings(["0.1", "0.2"])).toBe("0.3");
    expect(sumDecimalStrings(["1", "-1"])).toBe("0");
    expect(sumDecimalStrings(["-0.5", "0.25"])).toBe("-0.25");
    expect(sumDecimalStrings(["1e-1000", "-1e-1000"])).toBe("0");
    expect(sumDecimalStrings(["1.5e-7", "12E3", "-3e+2"])).toBe("11700.00000015");
    expect(sumDecimalStrings(["1e-1000", "1"])).toBe(`1.${"0".repeat(999)}1`);
    expect(sumDecimalStrings(new Array<string>(10_000).fill("99999999999999.9"))).toBe("999999999999999000");
    expect(sumDecimalStrings(new Array<string>(10_000).fill("-99999999999999.9"))).toBe("-999999999999999000");
    expect(sumDecimalStrings(new Array<string>(10_000).fill("0.999999999999999"))).toBe("9999.99999999999");
    expect(sumDecimalStrings(new Array<string>(1_000).fill("999999999999999999999999999999"))).toBe(
      "999999999999999999999999999999000",
    );
    expect(sumDecimalStrings(new Array<string>(1_000).fill("-99999999999999999.9999999999999"))).toBe(
      "-99999999999999999999.9999999999",
    );
    const mixed = [
      ...new Array<string>(5_000).fill("99999999999999.9"),
      ...new Array<string>(5_000).fill("-99999999999999.9"),
    ];
    expect(sumDecimalStrings(mixed)).toBe("0");
  });
});

describe("canonicalDecimalString", () => {
  it.each([
    ["-0", "0"],
    ["1.500", "1.5"],
    ["1e3", "1000"],
    ["-0.000", "0"],
    ["1.5e-3", "0.0015"],
    ["00.10", "0.1"],
    ["007.50", "7.5"],
    ["0e-1000", "0"],
    ["-3e+2", "-300"],
    ["12E3", "12000"],
    ["1.0", "1"],
    ["-0.010", "-0.01"],
    ["123.456e1", "1234.56"],
    ["123.456e-5", "0.00123456"],
    ["999999999999999999999999999999", "999999999999999999999999999999"],
  ])("canonicalDecimalString(%s) is %s", (input, expected) => {
    expect(canonicalDecimalString(input)).toBe(expected);
  });

  it("canonical form equals the exact value (decimal.js reference) and is idempotent", () => {
    fc.assert(
      fc.property(anyDecimal, (v) => {
        const c = canonicalDecimalString(v);
        expect(c).toBe(decimalReference([v]));
        expect(canonicalDecimalString(c)).toBe(c);
        expect(sumDecimalStrings([v])).toBe(c);
      }),
      { numRuns: 2000 },
    );
  });
});
