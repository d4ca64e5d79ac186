import DecimalJs from "decimal.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  DECIMAL_PATTERN,
  Decimal,
  decimalProblem,
  MAGNITUDE_LIMIT,
  MAX_EXPONENT,
  PLAIN_DECIMAL_PATTERN,
  subtractExact,
  sumExact,
  toCanonicalString,
  toDecimal,
  toSignificantDigits,
  ZERO,
} from "../../src/core/decimal.js";

// ---------------------------------------------------------------------------
// An independent reference: value = mantissa / 10^scale in BigInt.
// ---------------------------------------------------------------------------

interface Scaled {
  mantissa: bigint;
  scale: number;
}

const INPUT = /^(-?)([0-9]+)(?:\.([0-9]+))?(?:[eE]([+-]?[0-9]+))?$/;

function parseScaled(text: string): Scaled {
  const m = INPUT.exec(text);
  if (m === null) throw new Error(`bad test input ${text}`);
  const fraction = m[3] ?? "";
  return { mantissa: BigInt(`${m[1]}${m[2]}${fraction}`), scale: fraction.length - Number(m[4] ?? "0") };
}

function align(values: readonly Scaled[]): { mantissas: bigint[]; scale: number } {
  const scale = Math.max(0, ...values.map((v) => v.scale));
  return { mantissas: values.map((v) => v.mantissa * 10n ** BigInt(scale - v.scale)), scale };
}

/** Canonical plain string of mantissa / 10^scale (scale ≥ 0). */
function formatScaled(mantissa: bigint, scale: number): string {
  const negative = mantissa < 0n;
  let digits = (negative ? -mantissa : mantissa).toString().padStart(scale + 1, "0");
  if (scale > 0) digits = `${digits.slice(0, -scale)}.${digits.slice(-scale)}`.replace(/0+$/, "").replace(/\.$/, "");
  return digits === "0" ? "0" : `${negative ? "-" : ""}${digits}`;
}

function referenceSum(values: readonly string[]): string {
  const { mantissas, scale } = align(values.map(parseScaled));
  return formatScaled(
    mantissas.reduce((a, b) => a + b, 0n),
    scale,
  );
}

function referenceCanonical(text: string): string {
  return referenceSum([text]);
}

/** |value| ≥ 10^30 by the reference. */
function referenceOutOfRange(text: string): boolean {
  const { mantissa, scale } = parseScaled(text);
  const abs = mantissa < 0n ? -mantissa : mantissa;
  return scale >= -30 ? abs >= 10n ** BigInt(30 + scale) : abs !== 0n;
}

// ---------------------------------------------------------------------------
// Generators: valid decimal strings of any magnitude the contract allows
// ---------------------------------------------------------------------------

const digitChar = fc.constantFrom(..."0123456789");
const digitString = (min: number, max: number) => fc.string({ unit: digitChar, minLength: min, maxLength: max });
const significand = (maxDigits: number) =>
  fc.tuple(fc.constantFrom(..."123456789"), digitString(0, maxDigits - 1)).map(([a, b]) => a + b);

/** `±d.ddd…e±x` with |x| ≤ 1000 and magnitude < 1e30, or plain notation of the same value. */
const anyMagnitude = fc.tuple(fc.boolean(), significand(40)).chain(([negative, digits]) =>
  fc.tuple(fc.integer({ min: -MAX_EXPONENT, max: 29 }), fc.boolean()).map(([exponent, plain]) => {
    const sign = negative ? "-" : "";
    const text = `${sign}${digits[0]}${digits.length > 1 ? `.${digits.slice(1)}` : ""}e${exponent}`;
    return plain ? referenceCanonical(text) : text;
  }),
);

/** Meter-reading-like plain decimals. */
const reading = fc
  .tuple(fc.constantFrom("", "-"), digitString(1, 8), digitString(0, 6))
  .map(([s, i, f]) => `${s}${i}${f === "" ? "" : `.${f}`}`);

const anyDecimal = fc.oneof({ weight: 3, arbitrary: reading }, { weight: 2, arbitrary: anyMagnitude });

const CANONICAL = /^-?(0|[1-9][0-9]*)(\.[0-9]*[1-9])?$/;

// ---------------------------------------------------------------------------

describe("the private Decimal clone", () => {
  it("works at 34 significant digits, half-even, and leaves the global decimal.js untouched", () => {
    expect(Decimal.precision).toBe(34);
    expect(Decimal.rounding).toBe(DecimalJs.ROUND_HALF_EVEN);
    expect(Decimal).not.toBe(DecimalJs);
    expect(DecimalJs.precision).toBe(20); // decimal.js default, not ours
    expect(new Decimal(1).div(3).toString()).toBe(`0.${"3".repeat(34)}`);
    expect(new Decimal(2).div(3).toString()).toBe(`0.${"6".repeat(33)}7`);
  });

  it("rounds ties to even at the 34th significant digit", () => {
    // 1.000…000|5 (tie, last kept digit 0 is even) → down; 1.000…001|5 → up to …002.
    expect(new Decimal(`1.${"0".repeat(33)}5`).times(1).toString()).toBe("1");
    expect(new Decimal(`1.${"0".repeat(32)}15`).times(1).toString()).toBe(`1.${"0".repeat(32)}2`);
    expect(new Decimal(`1.${"0".repeat(32)}25`).times(1).toString()).toBe(`1.${"0".repeat(32)}2`);
  });

  it("is not affected when a user reconfigures the global decimal.js", () => {
    const saved = DecimalJs.precision;
    try {
      DecimalJs.set({ precision: 3 });
      expect(new Decimal(1).div(3).toString()).toBe(`0.${"3".repeat(34)}`);
    } finally {
      DecimalJs.set({ precision: saved });
    }
  });
});

describe("toCanonicalString", () => {
  it.each([
    ["-0", "0"],
    ["-0.000", "0"],
    ["0e5", "0"],
    ["0", "0"],
    ["1e-7", "0.0000001"],
    ["1e29", `1${"0".repeat(29)}`],
    ["1.500", "1.5"],
    ["25.0", "25"],
    ["25", "25"],
    ["11303.054", "11303.054"],
    ["-1.50", "-1.5"],
    ["123e-2", "1.23"],
    ["1.23E+3", "1230"],
    ["0.00100", "0.001"],
    ["1e-1000", `0.${"0".repeat(999)}1`],
  ])("%s → %s", (input, expected) => {
    expect(toCanonicalString(new Decimal(input))).toBe(expected);
  });

  it("refuses non-finite values", () => {
    expect(() => toCanonicalString(new Decimal(NaN))).toThrow(RangeError);
    expect(() => toCanonicalString(new Decimal(Infinity))).toThrow(RangeError);
  });

  it("property: the canonical string is plain, without trailing zeros or '-0', and equals the BigInt reference", () => {
    fc.assert(
      fc.property(anyDecimal, (text) => {
        const s = toCanonicalString(toDecimal(text));
        expect(s).toMatch(CANONICAL);
        expect(s).not.toBe("-0");
        expect(s).toBe(referenceCanonical(text));
      }),
      { numRuns: 300 },
    );
  });
});

describe("decimalProblem", () => {
  const thirtyNines = "9".repeat(30);

  it.each([
    "0",
    "-0",
    "12.5",
    "-12.5",
    "007",
    "1e5",
    "1E-5",
    "1e+5",
    "1e-1000",
    "-1e-1000",
    "0e1000",
    "1e0000000001", // exponent 1 with leading zeros
    "1e29",
    "9.99e29",
    "0.00001e34",
    thirtyNines,
    `-${thirtyNines}`,
    `${thirtyNines}.999999`,
    `000${thirtyNines}`,
    `0.${"9".repeat(40)}e30`,
  ])("accepts %s", (input) => {
    expect(decimalProblem(input)).toBeUndefined();
  });

  it.each([
    "12,5",
    "1,000",
    "Infinity",
    "-Infinity",
    "NaN",
    "+1",
    ".5",
    "-.5",
    "1.",
    " 1",
    "1 ",
    "",
    "-",
    "1e",
    "e5",
    "0x10",
    "1_000",
    "1.5.5",
    "--1",
    "1e1.5",
    "١٢",
  ])("rejects %j as not-a-decimal", (input) => {
    expect(decimalProblem(input)).toBe("not-a-decimal");
  });

  it.each(["1e1001", "1e-1001", "0e1001", "1e99999", `1e${"9".repeat(30)}`, "1E+1001"])(
    "rejects %s as exponent-out-of-range",
    (input) => {
      expect(decimalProblem(input)).toBe("exponent-out-of-range");
    },
  );

  it.each([
    "1e30",
    "-1e30",
    "1e1000",
    `1${"0".repeat(30)}`,
    `-1${"0".repeat(30)}`,
    `${thirtyNines}9`,
    `1${"0".repeat(30)}.5`,
    "10e29",
    "0.1e31",
  ])("rejects %s as magnitude-out-of-range", (input) => {
    expect(decimalProblem(input)).toBe("magnitude-out-of-range");
  });

  it("counts significant digits however the decimal is written: at most 100 (trust.md §3)", () => {
    const hundred = `1${"2".repeat(99)}`;
    expect(decimalProblem(`0.${hundred}`)).toBeUndefined();
    expect(decimalProblem(`0.${"0".repeat(500)}${hundred}`)).toBeUndefined(); // leading zeros do not count
    expect(decimalProblem(`${"0".repeat(500)}1.5`)).toBeUndefined();
    expect(decimalProblem(`0.${hundred}3`)).toBe("too-many-digits");
    expect(decimalProblem(`1.${"0".repeat(100)}`)).toBe("too-many-digits"); // trailing zeros do
    expect(decimalProblem(`1.${"0".repeat(1_000_000)}`)).toBe("too-many-digits");
    expect(decimalProblem(`${hundred.slice(0, 20)}.${hundred.slice(20)}3e-50`)).toBe("too-many-digits");
    expect(decimalProblem(`0.${"0".repeat(1_000_000)}`)).toBeUndefined(); // zero, however long
  });

  it("judges the exponent of the value, not the one written (0. + 1,000 zeros + 1 is 1e-1001)", () => {
    expect(decimalProblem(`0.${"0".repeat(999)}1`)).toBeUndefined(); // 1e-1000
    expect(decimalProblem(`0.${"0".repeat(1000)}1`)).toBe("exponent-out-of-range");
    expect(decimalProblem("0.1e-1000")).toBe("exponent-out-of-range");
    expect(decimalProblem("0.01e-999")).toBe("exponent-out-of-range");
    expect(decimalProblem("10e1000")).toBe("exponent-out-of-range");
    expect(decimalProblem(`1e-${"0".repeat(1_000_000)}5`)).toBeUndefined();
    expect(decimalProblem(`1e${"9".repeat(1_000_000)}`)).toBe("exponent-out-of-range");
  });

  it("checks JSON numbers through their shortest round-trip string", () => {
    expect(decimalProblem(NaN)).toBe("not-finite");
    expect(decimalProblem(Infinity)).toBe("not-finite");
    expect(decimalProblem(-Infinity)).toBe("not-finite");
    expect(decimalProblem(12.5)).toBeUndefined();
    expect(decimalProblem(-0)).toBeUndefined();
    expect(decimalProblem(1e21)).toBeUndefined(); // "1e+21"
    expect(decimalProblem(5e-324)).toBeUndefined(); // "5e-324"
    expect(decimalProblem(1e29)).toBeUndefined();
    expect(decimalProblem(1e30)).toBe("magnitude-out-of-range");
    expect(decimalProblem(-1e30)).toBe("magnitude-out-of-range");
    expect(decimalProblem(Number.MAX_VALUE)).toBe("magnitude-out-of-range");
  });

  it("exports the pattern of the monitoring document and a plain pattern for reported figures", () => {
    expect(DECIMAL_PATTERN.source).toBe("^-?[0-9]+(\\.[0-9]+)?([eE][+-]?[0-9]+)?$");
    expect(PLAIN_DECIMAL_PATTERN.test("11303.05")).toBe(true);
    expect(PLAIN_DECIMAL_PATTERN.test("1e5")).toBe(false);
    expect(MAGNITUDE_LIMIT.eq("1e30")).toBe(true);
  });

  it("property: every decimal with |exponent| ≤ 1000 and magnitude < 1e30 is accepted", () => {
    fc.assert(
      fc.property(anyDecimal, (text) => {
        expect(decimalProblem(text)).toBeUndefined();
      }),
      { numRuns: 300 },
    );
  });

  it("property: plain and exponent notation agree with the BigInt reference on the 1e30 magnitude limit", () => {
    const plainNearLimit = fc
      .tuple(fc.constantFrom("", "-"), fc.constantFrom("", "0", "000"), significand(33), digitString(0, 5))
      .map(([sign, zeros, integer, fraction]) => `${sign}${zeros}${integer}${fraction === "" ? "" : `.${fraction}`}`);
    const exponentNearLimit = fc
      .tuple(
        fc.constantFrom("", "-"),
        significand(35),
        fc.integer({ min: 26, max: 33 }),
        fc.constantFrom("e", "E", "e+"),
      )
      .map(
        ([sign, digits, exponent, e]) =>
          `${sign}${digits[0]}${digits.length > 1 ? `.${digits.slice(1)}` : ""}${e}${exponent}`,
      );
    const nearLimit = fc.oneof(
      plainNearLimit,
      exponentNearLimit,
      fc.constantFrom(`9.${"9".repeat(40)}e29`, `0.${"0".repeat(40)}1e71`, `${"9".repeat(30)}.${"9".repeat(40)}`),
    );
    fc.assert(
      fc.property(nearLimit, (text) => {
        expect(decimalProblem(text)).toBe(referenceOutOfRange(text) ? "magnitude-out-of-range" : undefined);
      }),
      { numRuns: 300 },
    );
  });
});

describe("toDecimal", () => {
  it("reads decimal strings without rounding", () => {
    const d = toDecimal("1523.4");
    expect(d).toBeInstanceOf(Decimal);
    expect(d.constructor).toBe(Decimal);
    expect(toCanonicalString(d)).toBe("1523.4");
    const long = `1.${"1".repeat(50)}`;
    expect(toCanonicalString(toDecimal(long))).toBe(long);
  });

  it("reads JSON numbers through their shortest round-trip string", () => {
    expect(toCanonicalString(toDecimal(0.1))).toBe("0.1");
    expect(toCanonicalString(toDecimal(0.1 + 0.2))).toBe("0.30000000000000004");
    expect(toCanonicalString(toDecimal(1e21))).toBe(`1${"0".repeat(21)}`);
    expect(toCanonicalString(toDecimal(-0))).toBe("0");
    expect(toCanonicalString(toDecimal(1523.4))).toBe("1523.4");
  });

  it.each(["12,5", "Infinity", "NaN", "+1", ".5", "1.", " 1", "1e1001", "1e30"])(
    "throws a TypeError for %j",
    (input) => {
      expect(() => toDecimal(input)).toThrow(TypeError);
    },
  );

  it.each([NaN, Infinity, -Infinity, 1e30])("throws a TypeError for the number %s", (input) => {
    expect(() => toDecimal(input)).toThrow(TypeError);
  });

  it("returns one of our Decimals unchanged", () => {
    const d = new Decimal("2.5");
    expect(toDecimal(d)).toBe(d);
  });

  it("turns a user's own decimal.js clone (another precision) into one of ours, keeping every digit", () => {
    const UserDecimal = DecimalJs.clone({ precision: 5, rounding: DecimalJs.ROUND_DOWN });
    const theirs = new UserDecimal("1.23456789012345678901234567890123456789");
    const ours = toDecimal(theirs);
    expect(ours.constructor).toBe(Decimal);
    expect(ours.constructor).not.toBe(UserDecimal);
    expect(ours.eq("1.23456789012345678901234567890123456789")).toBe(true);
    // Arithmetic on the result uses our 34 digits, not the user's 5.
    expect(ours.div(3).precision(true)).toBe(34);
    // …and the user's value and configuration are untouched.
    expect(theirs.toString()).toBe("1.23456789012345678901234567890123456789");
    expect(UserDecimal.precision).toBe(5);
  });

  it("turns a global decimal.js instance into one of ours", () => {
    const global = new DecimalJs("7.25");
    const ours = toDecimal(global);
    expect(ours.constructor).toBe(Decimal);
    expect(ours.eq("7.25")).toBe(true);
  });
});

describe("sumExact", () => {
  it("is exact where a 34-digit sum would round", () => {
    expect(toCanonicalString(sumExact([toDecimal("0.1"), toDecimal("0.2")]))).toBe("0.3");
    expect(toCanonicalString(sumExact([toDecimal("1e29"), toDecimal("1e-1000")]))).toBe(
      `1${"0".repeat(29)}.${"0".repeat(999)}1`,
    );
    expect(toCanonicalString(sumExact([toDecimal("1e29"), toDecimal("1e-1000"), toDecimal("-1e29")]))).toBe(
      `0.${"0".repeat(999)}1`,
    );
    expect(toCanonicalString(sumExact([]))).toBe("0");
    expect(sumExact([toDecimal("1")]).constructor).toBe(Decimal);
  });

  it("accepts any iterable", () => {
    function* values() {
      yield toDecimal("1.5");
      yield toDecimal("2.25");
    }
    expect(toCanonicalString(sumExact(values()))).toBe("3.75");
  });

  it("property: sumExact equals the BigInt reference sum for values at any magnitude", () => {
    fc.assert(
      fc.property(fc.array(anyDecimal, { maxLength: 25 }), (values) => {
        const total = sumExact(values.map((v) => toDecimal(v)));
        expect(total.constructor).toBe(Decimal);
        expect(toCanonicalString(total)).toBe(referenceSum(values));
      }),
      { numRuns: 200 },
    );
  });

  it("property: sumExact does not depend on the order of its terms", () => {
    fc.assert(
      fc.property(
        fc
          .array(anyDecimal, { minLength: 1, maxLength: 15 })
          .chain((values) =>
            fc.tuple(
              fc.constant(values),
              fc.shuffledSubarray(values, { minLength: values.length, maxLength: values.length }),
            ),
          ),
        ([values, shuffled]) => {
          expect(toCanonicalString(sumExact(shuffled.map((v) => toDecimal(v))))).toBe(
            toCanonicalString(sumExact(values.map((v) => toDecimal(v)))),
          );
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe("subtractExact", () => {
  it("does not round", () => {
    expect(toCanonicalString(subtractExact(toDecimal("1e29"), toDecimal("1e-1000")))).toBe(
      `${"9".repeat(29)}.${"9".repeat(1000)}`,
    );
    expect(toCanonicalString(subtractExact(toDecimal("1458.6555"), ZERO))).toBe("1458.6555");
    expect(toCanonicalString(subtractExact(toDecimal("0.3"), toDecimal("0.1")))).toBe("0.2");
    expect(subtractExact(toDecimal("1"), toDecimal("1")).constructor).toBe(Decimal);
  });

  it("property: subtractExact(a, b) equals the BigInt reference a − b at any magnitude", () => {
    fc.assert(
      fc.property(anyDecimal, anyDecimal, (a, b) => {
        const { mantissas, scale } = align([parseScaled(a), parseScaled(b)]);
        expect(toCanonicalString(subtractExact(toDecimal(a), toDecimal(b)))).toBe(
          formatScaled(mantissas[0]! - mantissas[1]!, scale),
        );
      }),
      { numRuns: 300 },
    );
  });

  it("property: subtractExact(a + b, b) = a exactly", () => {
    fc.assert(
      fc.property(anyDecimal, anyDecimal, (a, b) => {
        const sum = sumExact([toDecimal(a), toDecimal(b)]);
        expect(toCanonicalString(subtractExact(sum, toDecimal(b)))).toBe(referenceCanonical(a));
      }),
      { numRuns: 200 },
    );
  });
});

describe("toSignificantDigits", () => {
  it("rounds half-even to the given number of significant digits", () => {
    expect(toCanonicalString(toSignificantDigits(toDecimal("1.25"), 2))).toBe("1.2");
    expect(toCanonicalString(toSignificantDigits(toDecimal("1.35"), 2))).toBe("1.4");
    expect(toCanonicalString(toSignificantDigits(toDecimal("-1.25"), 2))).toBe("-1.2");
    expect(toCanonicalString(toSignificantDigits(toDecimal(`1.${"0".repeat(28)}15`), 30))).toBe(`1.${"0".repeat(28)}2`);
    expect(toCanonicalString(toSignificantDigits(toDecimal("123456"), 2))).toBe("120000");
  });
});
