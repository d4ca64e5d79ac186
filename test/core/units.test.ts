import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Exact } from "../../src/core/exact.js";
import { convert, type Dimension, dimensionOf, isKnownUnit, UnitError, unitsOf } from "../../src/core/units.js";
import { dec, div, type Frac, mul, print } from "../helpers/fraction.js";

const d = (text: string) => Exact.from(text);
const canonical = (value: Exact) => value.toString();
/** The library's exact value as an independent fraction. */
const asFrac = (value: Exact): Frac => ({ n: value.numerator, d: value.denominator });

/** jcm-rules.md §7: units accepted per dimension, canonical first, and the exact factor to the canonical unit. */
const TABLE: Record<Dimension, Record<string, [numerator: string, denominator: string]>> = {
  energy: {
    MWh: ["1", "1"],
    kWh: ["1", "1000"],
    GWh: ["1000", "1"],
    GJ: ["1", "3.6"],
    TJ: ["1000", "3.6"],
    Gcal: ["4.1868", "3.6"],
  },
  mass: { t: ["1", "1"], kg: ["1", "1000"] },
  volume: { kL: ["1", "1"], L: ["1", "1000"], m3: ["1", "1"] },
  power: { kW: ["1", "1"], MW: ["1000", "1"], W: ["1", "1000"], USRt: ["10.5505585262", "3"] },
  time: { h: ["1", "1"], d: ["24", "1"] },
  temperature: { "°C": ["1", "1"], degC: ["1", "1"] },
  "emission-factor-energy": { "tCO2/MWh": ["1", "1"], "tCO2/GJ": ["3.6", "1"], "kgCO2/TJ": ["3.6", "1000000"] },
  "emission-factor-mass": { "tCO2/t": ["1", "1"] },
  "calorific-value": { "GJ/t": ["1", "1"], "MJ/kg": ["1", "1"] },
  density: { "t/kL": ["1", "1"], "kg/L": ["1", "1"], "t/m3": ["1", "1"] },
  strength: { "N/mm2": ["1", "1"], MPa: ["1", "1"] },
  dimensionless: { "1": ["1", "1"] },
};
const DIMENSIONS = Object.keys(TABLE) as Dimension[];
const ALL_UNITS = DIMENSIONS.flatMap((dimension) => Object.keys(TABLE[dimension]));

/** The exact value of `value` converted from → to, as an independent BigInt fraction. */
function exactConvert(value: string, from: string, to: string): Frac {
  const dimension = dimensionOf(from)!;
  const [nf, df] = TABLE[dimension][from]!;
  const [nt, dt] = TABLE[dimension][to]!;
  return div(mul(mul(dec(value), dec(nf)), dec(dt)), mul(dec(df), dec(nt)));
}

/** That exact value printed (architecture §5): exactly, or toward −∞ at 34 significant digits. */
function referenceConvert(value: string, from: string, to: string): string {
  return print(exactConvert(value, from, to));
}

// Generators -----------------------------------------------------------------------------------

const digitChar = fc.constantFrom(..."0123456789");
const significand = (maxDigits: number) =>
  fc
    .tuple(fc.constantFrom(..."123456789"), fc.string({ unit: digitChar, minLength: 0, maxLength: maxDigits - 1 }))
    .map(([a, b]) => a + b);

/** ±d.ddd…e±x with at most `maxDigits` significant digits, any exponent a document may carry (magnitude < 1e30). */
const decimalOf = (maxDigits: number) =>
  fc
    .tuple(fc.boolean(), significand(maxDigits), fc.integer({ min: -1000, max: 29 }))
    .map(([negative, digits, exponent]) =>
      d(`${negative ? "-" : ""}${digits[0]}${digits.length > 1 ? `.${digits.slice(1)}` : ""}e${exponent}`),
    );

const unitPair = fc
  .constantFrom(...DIMENSIONS)
  .chain((dimension) => fc.tuple(fc.constantFrom(...unitsOf(dimension)), fc.constantFrom(...unitsOf(dimension))));
const unitTriple = fc
  .constantFrom(...DIMENSIONS)
  .chain((dimension) =>
    fc.tuple(
      fc.constantFrom(...unitsOf(dimension)),
      fc.constantFrom(...unitsOf(dimension)),
      fc.constantFrom(...unitsOf(dimension)),
    ),
  );

// ---------------------------------------------------------------------------------------------

describe("the unit table (jcm-rules §7)", () => {
  it.each(DIMENSIONS)("%s: the units accepted, canonical first", (dimension) => {
    expect(unitsOf(dimension)).toEqual(Object.keys(TABLE[dimension]));
  });

  it("knows every unit of the table and its dimension", () => {
    for (const dimension of DIMENSIONS) {
      for (const symbol of Object.keys(TABLE[dimension])) {
        expect(isKnownUnit(symbol), symbol).toBe(true);
        expect(dimensionOf(symbol), symbol).toBe(dimension);
      }
    }
  });

  it.each([
    "kwh",
    "MWH",
    "mwh",
    "",
    " MWh",
    "tonne",
    "tCO2/kWh",
    "toString",
    "__proto__",
    "constructor",
    "hasOwnProperty",
    "valueOf",
  ])("does not know %j", (symbol) => {
    expect(isKnownUnit(symbol)).toBe(false);
    expect(dimensionOf(symbol)).toBeUndefined();
  });
});

describe("conversion factors to the canonical unit", () => {
  it.each([
    ["1523400", "kWh", "MWh", "1523.4"],
    ["1", "kWh", "MWh", "0.001"],
    ["1", "GWh", "MWh", "1000"],
    ["3.6", "GJ", "MWh", "1"],
    ["1", "GJ", "MWh", `0.2${"7".repeat(33)}`],
    ["3.6", "TJ", "MWh", "1000"],
    ["1", "TJ", "MWh", `277.${"7".repeat(31)}`],
    ["1", "Gcal", "MWh", "1.163"],
    ["1", "Gcal", "GJ", "4.1868"],
    ["1000", "Gcal", "GJ", "4186.8"],
    ["1", "kg", "t", "0.001"],
    ["2500", "kg", "t", "2.5"],
    ["1", "L", "kL", "0.001"],
    ["7.5", "m3", "kL", "7.5"],
    ["1", "MW", "kW", "1000"],
    ["1", "W", "kW", "0.001"],
    ["3", "USRt", "kW", "10.5505585262"],
    ["1", "USRt", "kW", `3.5168528420${"6".repeat(23)}`],
    ["3", "GJ", "MWh", `0.8${"3".repeat(33)}`],
    ["-1", "GJ", "MWh", `-0.2${"7".repeat(32)}8`],
    ["1", "d", "h", "24"],
    ["365", "d", "h", "8760"],
    ["21.5", "degC", "°C", "21.5"],
    ["1", "tCO2/GJ", "tCO2/MWh", "3.6"],
    ["74800", "kgCO2/TJ", "tCO2/GJ", "0.0748"],
    ["74800", "kgCO2/TJ", "tCO2/MWh", "0.26928"],
    ["0.0748", "tCO2/GJ", "kgCO2/TJ", "74800"],
    ["43.0", "MJ/kg", "GJ/t", "43"],
    ["0.84", "kg/L", "t/kL", "0.84"],
    ["0.84", "t/m3", "t/kL", "0.84"],
    ["30", "MPa", "N/mm2", "30"],
  ])("%s %s = %s %s", (value, from, to, expected) => {
    expect(canonical(convert(d(value), from, to))).toBe(expected);
  });

  it("USRt = 12,000 Btu(IT)/h = 10/3 × 1.05505585262 kW, not the rounded 3.5163", () => {
    const oneTon = convert(d("1"), "USRt", "kW");
    expect(oneTon.eq(d("10.5505585262").div(3))).toBe(true);
    expect(oneTon.toFraction()).toBe("52752792631/15000000000");
    expect(canonical(oneTon.roundSignificant(12, "half-even"))).toBe("3.51685284207");
  });

  it("every unit converts to its dimension's canonical unit by the exact factor of §7, exactly", () => {
    for (const dimension of DIMENSIONS) {
      const canonicalUnit = unitsOf(dimension)[0]!;
      for (const symbol of unitsOf(dimension)) {
        for (const value of ["1", "123.456", "-0.5", "1e-20"]) {
          const converted = convert(d(value), symbol, canonicalUnit);
          expect(asFrac(converted), `${value} ${symbol} → ${canonicalUnit}`).toEqual(
            exactConvert(value, symbol, canonicalUnit),
          );
          expect(canonical(converted)).toBe(referenceConvert(value, symbol, canonicalUnit));
        }
      }
    }
  });

  it("the identity conversion returns the value unchanged for every unit", () => {
    const x = d(`1.${"3".repeat(40)}`);
    for (const symbol of ALL_UNITS) expect(convert(x, symbol, symbol).eq(x)).toBe(true);
  });
});

describe("conversion properties", () => {
  it("property: a → b → a round-trips exactly for any decimal (≤ 100 significant digits) and any unit pair of a dimension", () => {
    fc.assert(
      fc.property(decimalOf(100), unitPair, (x, [a, b]) => {
        expect(convert(convert(x, a, b), b, a)).toEqual(x);
      }),
      { numRuns: 500 },
    );
  });

  it("property: a → b → c equals a → c exactly", () => {
    fc.assert(
      fc.property(decimalOf(100), unitTriple, (x, [a, b, c]) => {
        expect(convert(convert(x, a, b), b, c)).toEqual(convert(x, a, c));
      }),
      { numRuns: 500 },
    );
  });

  it("property: conversion is the exact ratio of §7 (an independent BigInt fraction), printed by the §5 rule", () => {
    fc.assert(
      fc.property(decimalOf(100), unitPair, (x, [a, b]) => {
        const text = canonical(x);
        const converted = convert(x, a, b);
        expect(asFrac(converted)).toEqual(exactConvert(text, a, b));
        expect(canonical(converted)).toBe(referenceConvert(text, a, b));
      }),
      { numRuns: 500 },
    );
  });

  it("property: conversion scales exactly (convert(k × x) = k × convert(x)) and adds exactly", () => {
    fc.assert(
      fc.property(decimalOf(34), decimalOf(34), decimalOf(12), unitPair, (x, y, k, [a, b]) => {
        expect(convert(x.times(k), a, b)).toEqual(convert(x, a, b).times(k));
        expect(convert(x.plus(y), a, b)).toEqual(convert(x, a, b).plus(convert(y, a, b)));
      }),
      { numRuns: 300 },
    );
  });

  it("3 GJ + 7 GJ is exactly 10/3.6 MWh, and × 3.6 tCO2/MWh exactly 10 t (issue 11)", () => {
    const total = convert(d("3"), "GJ", "MWh").plus(convert(d("7"), "GJ", "MWh"));
    expect(total.toFraction()).toBe("25/9");
    expect(canonical(total.times("3.6"))).toBe("10");
  });

  it("property: conversion is linear in sign (convert(−x) = −convert(x))", () => {
    fc.assert(
      fc.property(decimalOf(34), unitPair, (x, [a, b]) => {
        expect(convert(x.neg(), a, b).eq(convert(x, a, b).neg())).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  const EXACT_PAIRS: [string, string][] = [
    ["kWh", "MWh"],
    ["GWh", "MWh"],
    ["kWh", "GWh"],
    ["kg", "t"],
    ["L", "kL"],
    ["m3", "kL"],
    ["W", "kW"],
    ["MW", "kW"],
    ["°C", "degC"],
  ];

  it("property: decimal-shift conversions (kWh↔MWh, GWh, kg↔t, L↔kL, W/MW↔kW) round-trip exactly for values of ≤ 34 significant digits", () => {
    fc.assert(
      fc.property(decimalOf(34), fc.constantFrom(...EXACT_PAIRS), fc.boolean(), (x, [a, b], reverse) => {
        const [from, to] = reverse ? [b, a] : [a, b];
        const there = convert(x, from, to);
        expect(canonical(there)).toBe(referenceConvert(canonical(x), from, to));
        expect(there.terminates()).toBe(true);
        expect(convert(there, to, from).eq(x)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it("property: Gcal → GJ is × 4.1868 and Gcal → MWh is × 1.163 exactly, for values of ≤ 25 significant digits", () => {
    fc.assert(
      fc.property(decimalOf(25), (x) => {
        expect(convert(x, "Gcal", "GJ").eq(x.times("4.1868"))).toBe(true);
        expect(convert(x, "Gcal", "MWh").eq(x.times("1.163"))).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  // Regression (fixed; src/core/units.ts, convert): "multiply first, divide once" still rounds twice when
  // value × (num_from × den_to) has more than 34 significant digits — the product rounds, then the
  // quotient rounds again. Conversions whose exact result fits in 34 digits (TJ → GJ is × 1000,
  // kgCO2/TJ → tCO2/GJ is ÷ 1,000,000, Gcal → GJ is × 4.1868) then come out with a wrong last digit,
  // and non-terminating ones differ from the correctly rounded value in the 34th digit.
  it("conversions by exact decimal factors are exact when the result fits in 34 significant digits (TJ → GJ × 1000, GJ → TJ ÷ 1000, kgCO2/TJ → tCO2/GJ ÷ 10⁶, Gcal → GJ × 4.1868)", () => {
    const cases: [string, string, string, string][] = [
      ["509966412235557.752481831733569186", "TJ", "GJ", "509966412235557752.481831733569186"],
      ["94356602221337777833451553.7254976", "TJ", "GJ", "94356602221337777833451553725.4976"],
      ["42888.40679451219114869501142657148", "GJ", "TJ", "42.88840679451219114869501142657148"],
      ["4044519656799967.546626605166682748", "kgCO2/TJ", "tCO2/GJ", "4044519656.799967546626605166682748"],
      ["6975315410487590775876309279", "Gcal", "GJ", "29204250560629445060438931689.3172"],
      ["21035444584416496752656394178", "Gcal", "GJ", "88071199386034988604021791144.4504"],
    ];
    const wrong = cases.filter(([value, from, to, expected]) => canonical(convert(d(value), from, to)) !== expected);
    expect(
      wrong.map(([value, from, to]) => `${value} ${from} → ${to} = ${canonical(convert(d(value), from, to))}`),
    ).toEqual([]);
  });

  it("a conversion does not round: the exact ratio applied to the value, printed toward −∞ at 34 significant digits when it does not terminate (architecture §5)", () => {
    const cases: [string, string, string][] = [
      ["6.374306433290775753569063556026621", "Gcal", "MWh"],
      ["6.887911770820537789163810346865544", "Gcal", "GJ"],
      ["6.887911770820537789163810346865544", "kW", "USRt"],
    ];
    const wrong = cases.filter(
      ([value, from, to]) => canonical(convert(d(value), from, to)) !== referenceConvert(value, from, to),
    );
    expect(
      wrong.map(
        ([value, from, to]) =>
          `${value} ${from} → ${to}: got ${canonical(convert(d(value), from, to))}, want ${referenceConvert(value, from, to)}`,
      ),
    ).toEqual([]);
  });
});

describe("conversion errors", () => {
  it.each([
    ["kWh", "t"],
    ["MWh", "kW"],
    ["°C", "h"],
    ["tCO2/MWh", "tCO2/t"],
    ["GJ/t", "t/kL"],
    ["1", "MWh"],
    ["MPa", "kW"],
  ])("%s → %s is a UnitError naming both dimensions", (from, to) => {
    let caught: unknown;
    try {
      convert(d("1"), from, to);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(UnitError);
    expect(caught).toBeInstanceOf(Error);
    expect((caught as Error).message).toContain(from);
    expect((caught as Error).message).toContain(to);
  });

  it.each(["kwh", "MWH", "", "toString", "__proto__", "constructor", "hasOwnProperty", "tCO2/kWh", "Btu"])(
    "an unknown unit %j throws UnitError on either side",
    (symbol) => {
      expect(() => convert(d("1"), symbol, "MWh")).toThrow(UnitError);
      expect(() => convert(d("1"), "MWh", symbol)).toThrow(UnitError);
      expect(() => convert(d("1"), symbol, "MWh")).toThrow(/unknown unit/);
    },
  );

  // Regression (fixed; src/core/units.ts, convert): the `from === to` shortcut runs before the table lookup, so
  // an unknown unit given on both sides is returned unchanged instead of throwing.
  it("an unknown unit throws UnitError even when both sides name it", () => {
    expect(() => convert(d("1"), "bogus", "bogus")).toThrow(UnitError);
    expect(() => convert(d("1"), "toString", "toString")).toThrow(UnitError);
  });
});
