import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Exact } from "../../src/core/exact.js";
import {
  decimalPlacesShown,
  floorToWholeTonnes,
  ROUNDING_POLICIES,
  roundHalfAwayFromZero,
} from "../../src/core/rounding.js";

const d = (text: string) => Exact.from(text);
const s = (value: Exact) => value.toString();
const sumExact = (values: readonly Exact[]) => Exact.sum(values);

// Generators -----------------------------------------------------------------------------------

const digitChar = fc.constantFrom(..."0123456789");
const significand = (maxDigits: number) =>
  fc
    .tuple(fc.constantFrom(..."123456789"), fc.string({ unit: digitChar, minLength: 0, maxLength: maxDigits - 1 }))
    .map(([a, b]) => a + b);

/** Any decimal a calculation can produce: either sign, up to 40 digits, magnitude < 1e30, down to 1e-1000. */
const anyDecimal = fc.oneof(
  {
    weight: 3,
    arbitrary: fc
      .tuple(fc.boolean(), fc.nat({ max: 99_999 }), fc.string({ unit: digitChar, minLength: 0, maxLength: 6 }))
      .map(([negative, i, f]) => d(`${negative ? "-" : ""}${i}${f === "" ? "" : `.${f}`}`)),
  },
  {
    weight: 2,
    arbitrary: fc
      .tuple(fc.boolean(), significand(40), fc.integer({ min: -1000, max: 29 }))
      .map(([negative, digits, exponent]) =>
        d(`${negative ? "-" : ""}${digits[0]}${digits.length > 1 ? `.${digits.slice(1)}` : ""}e${exponent}`),
      ),
  },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom("0", "-0", "1", "-1", "0.5", "-0.5", "-1e-1000", `${"9".repeat(29)}.${"9".repeat(10)}`)
      .map(d),
  },
);

// ---------------------------------------------------------------------------------------------

describe("floorToWholeTonnes (jcm-rules §2)", () => {
  it("is a named, frozen policy applied to ER_p", () => {
    expect(floorToWholeTonnes.name).toBe("floor");
    expect(floorToWholeTonnes.appliedTo).toBe("ER_p");
    expect(Object.isFrozen(floorToWholeTonnes)).toBe(true);
    expect(ROUNDING_POLICIES.floor).toBe(floorToWholeTonnes);
    expect(Object.keys(ROUNDING_POLICIES)).toEqual(["floor"]);
  });

  it.each([
    ["1458.6555", "1458", "1458"],
    ["25.999", "25", "25"],
    ["25", "25", "25"],
    ["0.999", "0", "0"],
    ["0", "0", "0"],
    ["-0", "0", "0"],
    ["1e-1000", "0", "0"],
    ["-1e-1000", "-1", "0"],
    ["-0.5", "-1", "0"],
    ["-3", "-3", "0"],
    ["-3.2", "-4", "0"],
    [`${"9".repeat(29)}.${"9".repeat(30)}`, "9".repeat(29), "9".repeat(29)],
  ])("%s → unclamped %s, credited %s", (x, unclamped, applied) => {
    expect(s(floorToWholeTonnes.unclamped(d(x)))).toBe(unclamped);
    expect(s(floorToWholeTonnes.apply(d(x)))).toBe(applied);
  });

  it("property: for f = unclamped(x): f is an integer, f ≤ x < f + 1, and apply(x) = max(0, f)", () => {
    fc.assert(
      fc.property(anyDecimal, (x) => {
        const f = floorToWholeTonnes.unclamped(x);
        expect(f.isInteger()).toBe(true);
        expect(f.lte(x)).toBe(true);
        expect(x.lt(f.plus(1))).toBe(true);
        const applied = floorToWholeTonnes.apply(x);
        expect(applied.eq(f.isNegative() ? 0 : f)).toBe(true);
        expect(applied.isNegative() && !applied.isZero()).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it("property: splitting never raises the unclamped floored total: ⌊Σ parts⌋ ≥ Σ ⌊part⌋, losing less than one tonne per extra part", () => {
    fc.assert(
      fc.property(fc.array(anyDecimal, { minLength: 1, maxLength: 12 }), (parts) => {
        const whole = floorToWholeTonnes.unclamped(sumExact(parts));
        const ofParts = sumExact(parts.map((p) => floorToWholeTonnes.unclamped(p)));
        expect(whole.gte(ofParts)).toBe(true);
        expect(whole.minus(ofParts).lt(parts.length)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it("floors the exact value: 4157/3 − 4/3 = 1384.33…, (4159 − 1)/3 = 1386 exactly, never 1385.99…9", () => {
    expect(s(floorToWholeTonnes.apply(Exact.fraction(4159, 3).minus(Exact.fraction(1, 3))))).toBe("1386");
    expect(s(floorToWholeTonnes.apply(Exact.fraction(4157, 3).minus(Exact.fraction(4, 3))))).toBe("1384");
    expect(s(floorToWholeTonnes.apply(Exact.fraction(-1, 3)))).toBe("0");
    expect(s(floorToWholeTonnes.unclamped(Exact.fraction(-1, 3)))).toBe("-1");
    // One part in 10^40 below a whole tonne is not a whole tonne.
    expect(s(floorToWholeTonnes.apply(d("1386").minus(Exact.fraction(1, 3n * 10n ** 40n))))).toBe("1385");
  });

  it("clamping negative parts at 0 can make the parts exceed the whole (the per-period rule, shown not hidden)", () => {
    const parts = [d("-2.5"), d("3.7")];
    expect(s(floorToWholeTonnes.apply(sumExact(parts)))).toBe("1");
    expect(s(sumExact(parts.map((p) => floorToWholeTonnes.apply(p))))).toBe("3");
  });
});

describe("roundHalfAwayFromZero", () => {
  it.each([
    ["2.5", 0, "3"],
    ["-2.5", 0, "-3"],
    ["0.5", 0, "1"],
    ["-0.5", 0, "-1"],
    ["1.4999999", 0, "1"],
    ["-1.4999999", 0, "-1"],
    ["2.45", 1, "2.5"],
    ["-2.45", 1, "-2.5"],
    ["2.449", 1, "2.4"],
    ["11303.054", 0, "11303"],
    ["11303.054", 1, "11303.1"],
    ["11303.054", 2, "11303.05"],
    ["11303.054", 5, "11303.054"],
    ["11303.055", 2, "11303.06"],
    ["-11303.055", 2, "-11303.06"],
    ["0.0001", 2, "0"],
    [`0.${"4".repeat(40)}5`, 41, `0.${"4".repeat(40)}5`],
    [`1.${"0".repeat(40)}5`, 40, `1.${"0".repeat(39)}1`],
  ])("%s at %i places → %s", (x, places, expected) => {
    expect(s(roundHalfAwayFromZero(d(x), places))).toBe(expected);
  });

  it("property: rounding half away from zero agrees with a BigInt reference and is odd-symmetric", () => {
    const INPUT = /^(-?)([0-9]+)(?:\.([0-9]+))?$/;
    const reference = (text: string, places: number): string => {
      const m = INPUT.exec(text)!;
      const fraction = (m[3] ?? "").padEnd(places + 1, "0");
      const kept = BigInt(`${m[2]}${fraction.slice(0, places)}`);
      const rest = fraction.slice(places);
      const up = rest[0]! >= "5"; // first dropped digit ≥ 5 → away from zero (ties included)
      const magnitude = up ? kept + 1n : kept;
      let digits = magnitude.toString().padStart(places + 1, "0");
      if (places > 0)
        digits = `${digits.slice(0, -places)}.${digits.slice(-places)}`.replace(/0+$/, "").replace(/\.$/, "");
      return digits === "0" ? "0" : `${m[1]}${digits}`;
    };
    const plain = fc
      .tuple(fc.boolean(), fc.nat({ max: 10 ** 9 }), fc.string({ unit: digitChar, minLength: 0, maxLength: 12 }))
      .map(([negative, i, f]) => `${negative ? "-" : ""}${i}${f === "" ? "" : `.${f}`}`);
    fc.assert(
      fc.property(plain, fc.integer({ min: 0, max: 8 }), (x, places) => {
        const rounded = roundHalfAwayFromZero(d(x), places);
        expect(s(rounded)).toBe(reference(x, places));
        expect(rounded.neg().eq(roundHalfAwayFromZero(d(x).neg(), places))).toBe(true);
        expect(
          rounded
            .minus(d(x))
            .abs()
            .lte(Exact.fraction(1, 2n * 10n ** BigInt(places))),
        ).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

describe("decimalPlacesShown", () => {
  it.each([
    ["11303", 0],
    ["11303.05", 2],
    ["11303.1", 1],
    ["11303.10", 2],
    ["-0.500", 3],
    ["0", 0],
    ["-7", 0],
  ])("%s shows %i places", (text, places) => {
    expect(decimalPlacesShown(text)).toBe(places);
  });
});

describe("roundHalfAwayFromZero of non-terminating values", () => {
  it.each([
    [Exact.fraction(2, 3), 0, "1"],
    [Exact.fraction(2, 3), 3, "0.667"],
    [Exact.fraction(-2, 3), 3, "-0.667"],
    [Exact.fraction(1, 3), 2, "0.33"],
    [Exact.fraction(5, 9), 1, "0.6"],
  ])("%s at %i places → %s", (x, places, expected) => {
    expect(s(roundHalfAwayFromZero(x, places))).toBe(expected);
  });
});

describe("verify's matching rule: recomputed value rounded half away from zero to the places shown", () => {
  const recomputed = d("11303.054");
  const matches = (reported: string) => roundHalfAwayFromZero(recomputed, decimalPlacesShown(reported)).eq(reported);

  it.each(["11303", "11303.05", "11303.1", "11303.054", "11303.0540"])("%s matches 11303.054", (reported) => {
    expect(matches(reported)).toBe(true);
  });

  it.each(["11304", "11303.06", "11303.0", "11303.055", "11302"])("%s does not match 11303.054", (reported) => {
    expect(matches(reported)).toBe(false);
  });
});
