import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MrvValidationError } from "../../src/core/errors.js";
import { Exact, isExact, MAX_EXACT_DIGITS, overflowed, TooManyDigitsError } from "../../src/core/exact.js";

const e = (value: string | number | bigint) => Exact.from(value);

/** An independent model: a BigInt pair, reduced with its own gcd. */
function model(n: bigint, d: bigint): [bigint, bigint] {
  if (d < 0n) [n, d] = [-n, -d];
  let a = n < 0n ? -n : n;
  let b = d;
  while (b !== 0n) [a, b] = [b, a % b];
  return [n / a, d / a];
}

const decimalArb = fc
  .tuple(fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }), fc.integer({ min: -12, max: 12 }))
  .map(([m, exponent]) => `${m}e${exponent}`);
const fractionArb = fc
  .tuple(fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }), fc.bigInt({ min: 1n, max: 10n ** 9n }))
  .map(([n, d]) => Exact.fraction(n, d));

describe("Exact: construction", () => {
  it("reads decimal strings in every accepted spelling, in lowest terms", () => {
    expect(e("0.099")).toMatchObject({ numerator: 99n, denominator: 1000n });
    expect(e("1.50")).toMatchObject({ numerator: 3n, denominator: 2n });
    expect(e("-1.5E+3")).toMatchObject({ numerator: -1500n, denominator: 1n });
    expect(e("12.345e-2")).toMatchObject({ numerator: 2469n, denominator: 20000n });
    expect(e("-0.000")).toBe(Exact.ZERO);
    expect(e("00012")).toMatchObject({ numerator: 12n, denominator: 1n });
    expect(e("1e-1000").denominator).toBe(10n ** 1000n);
    expect(e("999999999999999999999999999999").numerator).toBe(10n ** 30n - 1n);
    expect(e("0.1234567890123456789").toString()).toBe("0.1234567890123456789");
  });

  it("reads small parts (shared bigints below 1,024) like large ones, at the table's edge and negative", () => {
    fc.assert(
      fc.property(fc.integer({ min: -5000, max: 5000 }), fc.integer({ min: 0, max: 4 }), (units, places) => {
        const text = places === 0 ? String(units) : (units / 10 ** places).toFixed(places);
        const model = BigInt(text.replace(".", "").replace(/^(-?)0+(?=\d)/, "$1"));
        const expected = Exact.fraction(model, 10n ** BigInt(places));
        expect(e(text)).toMatchObject({ numerator: expected.numerator, denominator: expected.denominator });
        expect(e(units)).toMatchObject({ numerator: BigInt(units), denominator: 1n });
      }),
      { numRuns: 3000 },
    );
    for (const [text, n, d] of [
      ["1023", 1023n, 1n],
      ["1024", 1024n, 1n],
      ["-1023", -1023n, 1n],
      ["0.5", 1n, 2n],
      ["-102.4", -512n, 5n],
      ["10.23", 1023n, 100n],
    ] as const)
      expect(e(text), text).toMatchObject({ numerator: n, denominator: d });
  });

  it("reads bigints and safe integers, but no fractional or unsafe number", () => {
    expect(e(7n)).toMatchObject({ numerator: 7n, denominator: 1n });
    expect(e(-24)).toMatchObject({ numerator: -24n, denominator: 1n });
    expect(() => e(0.1)).toThrow(TypeError);
    expect(() => e(2 ** 60)).toThrow(TypeError);
    expect(() => e(Number.NaN)).toThrow(TypeError);
    expect(() => e("1,5")).toThrow(TypeError);
    expect(() => e(" 1")).toThrow(TypeError);
    expect(() => e("1e99999999999")).toThrow(RangeError);
  });

  it("fraction(n, d) is n ÷ d in lowest terms with a positive denominator", () => {
    expect(Exact.fraction(4, 6)).toMatchObject({ numerator: 2n, denominator: 3n });
    expect(Exact.fraction(4, -6)).toMatchObject({ numerator: -2n, denominator: 3n });
    expect(Exact.fraction("10.5505585262", 3).toFraction()).toBe("52752792631/15000000000");
    expect(() => Exact.fraction(1, 0)).toThrow(RangeError);
  });

  it("is immutable and recognisable", () => {
    const x = e("1.5");
    expect(Object.isFrozen(x)).toBe(true);
    expect(isExact(x)).toBe(true);
    expect(isExact("1.5")).toBe(false);
    expect(isExact({ numerator: 1n, denominator: 1n })).toBe(false);
  });

  it("never turns into a number silently", () => {
    const x = e("1");
    expect(() => (x as unknown as number) + 1).toThrow(TypeError);
    expect(() => Number(x)).toThrow(TypeError);
    expect(`${x}`).toBe("1");
    expect(String(e("2.5"))).toBe("2.5");
    expect(JSON.stringify({ x: Exact.fraction(1, 4) })).toBe('{"x":"0.25"}');
  });
});

describe("Exact.ofOwnParts: an Exact's own parts, after a structured clone", () => {
  it("gives back the same value without reducing again", () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 40n), max: 10n ** 40n }),
        fc.bigInt({ min: 1n, max: 10n ** 40n }),
        (n, d) => {
          const x = Exact.fraction(n, d);
          const { numerator, denominator } = structuredClone({ numerator: x.numerator, denominator: x.denominator });
          const y = Exact.ofOwnParts(numerator, denominator);
          expect(y.eq(x)).toBe(true);
          expect(y.numerator).toBe(x.numerator);
          expect(y.denominator).toBe(x.denominator);
          expect(y.toString()).toBe(x.toString());
        },
      ),
    );
  });

  it("refuses what no Exact has: a denominator ≤ 0, numbers that are not bigints", () => {
    for (const [n, d] of [
      [1n, 0n],
      [1n, -2n],
      [1, 2n],
      [1n, "2"],
    ] as const)
      expect(() => Exact.ofOwnParts(n as bigint, d as bigint)).toThrow(TypeError);
  });
});

describe("Exact: arithmetic is exact", () => {
  it("the issue's three failures come out whole", () => {
    // 6 × 0.5 × (4/3 − 1) = 1, not 0.99…9
    expect(e(6).times("0.5").times(Exact.fraction(4, 3).minus(1)).toString()).toBe("1");
    // 3 GJ + 7 GJ in MWh, at 3.6 tCO2/MWh = 10 t exactly
    expect(e(3).div("3.6").plus(e(7).div("3.6")).times("3.6").toString()).toBe("10");
    // 17282 ÷ 0.7 × 0.099 + 4876 ÷ 0.3 × 0.099 − (17282 ÷ 0.9 × 0.099 + 4876 ÷ 0.63 × 0.099) = 1386
    const EF = e("0.099");
    const RE = e(17282).div("0.7").times(EF).plus(e(4876).div("0.3").times(EF));
    const PE = e(17282).div("0.9").times(EF).plus(e(4876).div("0.63").times(EF));
    expect(RE.minus(PE).toString()).toBe("1386");
    expect(RE.minus(PE).floor().toString()).toBe("1386");
  });

  it("matches an independent BigInt model on +, −, ×, ÷", () => {
    fc.assert(
      fc.property(fractionArb, fractionArb, (a, b) => {
        const [an, ad] = [a.numerator, a.denominator];
        const [bn, bd] = [b.numerator, b.denominator];
        expect([a.plus(b).numerator, a.plus(b).denominator]).toEqual(model(an * bd + bn * ad, ad * bd));
        expect([a.minus(b).numerator, a.minus(b).denominator]).toEqual(model(an * bd - bn * ad, ad * bd));
        expect([a.times(b).numerator, a.times(b).denominator]).toEqual(model(an * bn, ad * bd));
        if (bn !== 0n) expect([a.div(b).numerator, a.div(b).denominator]).toEqual(model(an * bd, ad * bn));
        expect(a.compare(b)).toBe(Math.sign(Number(an * bd - bn * ad)));
      }),
      { numRuns: 2000 },
    );
  });

  it("⌊log10|x|⌋ (from bit lengths) agrees with decimal digit counts, at and around every power of ten", () => {
    // roundSignificant(1, "floor") of a positive x is m·10^k with 1 ≤ m ≤ 9 and k = ⌊log10 x⌋.
    const magnitudeOf = (n: bigint, d: bigint): number => {
      let e = n.toString().length - d.toString().length;
      if (e >= 0 ? n < d * 10n ** BigInt(e) : n * 10n ** BigInt(-e) < d) e -= 1;
      return e;
    };
    const near = fc
      .tuple(fc.integer({ min: 0, max: 400 }), fc.constantFrom(-1n, 0n, 1n), fc.integer({ min: 0, max: 400 }))
      .map(([k, delta, j]) => [10n ** BigInt(k) + delta || 1n, 10n ** BigInt(j)] as const);
    const any = fc.tuple(fc.bigInt({ min: 1n, max: 10n ** 300n }), fc.bigInt({ min: 1n, max: 10n ** 300n }));
    fc.assert(
      fc.property(fc.oneof(near, any), fc.boolean(), ([n, d], negative) => {
        const x = Exact.fraction(negative ? -n : n, d);
        const k = magnitudeOf(x.numerator < 0n ? -x.numerator : x.numerator, x.denominator);
        const rounded = x.abs().roundSignificant(1, "floor");
        expect(rounded.gte(Exact.fraction(10n ** BigInt(Math.max(k, 0)), 10n ** BigInt(Math.max(-k, 0))))).toBe(true);
        expect(rounded.lt(Exact.fraction(10n ** BigInt(Math.max(k + 1, 0)), 10n ** BigInt(Math.max(-k - 1, 0))))).toBe(
          true,
        );
      }),
      { numRuns: 3000 },
    );
  });

  it("reduces operands of thousands of digits (Lehmer's gcd above 2^5000) like Euclid's gcd does", () => {
    const euclid = (a: bigint, b: bigint): bigint => {
      while (b !== 0n) [a, b] = [b, a % b];
      return a;
    };
    const big = fc.bigInt({ min: 1n << 2500n, max: 1n << 6000n });
    const fibonacci = (k: number): [bigint, bigint] => {
      let [a, b] = [1n, 1n];
      for (let i = 0; i < k; i++) [a, b] = [a + b, a];
      return [a, b];
    };
    const pairs = fc.oneof(
      // A large common factor, random cofactors, signs, and either order.
      fc.tuple(big, big, fc.bigInt({ min: 1n, max: 1n << 4000n })).map(([p, q, g]) => [p * g, q * g] as const),
      fc.tuple(big, big).map(([p, q]) => [p, q] as const),
      // Multiples, equal parts, powers of two, consecutive Fibonacci numbers (the most Euclid steps).
      fc.tuple(big, fc.integer({ min: 1, max: 1000 })).map(([p, k]) => [p * BigInt(k), p] as const),
      big.map((p) => [p, p] as const),
      fc
        .tuple(fc.integer({ min: 5001, max: 9000 }), fc.integer({ min: 5001, max: 9000 }))
        .map(([i, j]) => [1n << BigInt(i), 3n << BigInt(j)] as const),
      fc.integer({ min: 7200, max: 9000 }).map((k) => fibonacci(k)),
    );
    fc.assert(
      fc.property(pairs, fc.boolean(), ([n, d], negative) => {
        const x = Exact.fraction(negative ? -n : n, d);
        const g = euclid(n, d);
        expect(x.numerator).toBe((negative ? -n : n) / g);
        expect(x.denominator).toBe(d / g);
      }),
      { numRuns: 150 },
    );
  });

  // Found by fuzzing: 10,000 entries of "1e-1000" took 6 s to validate, dividing 10 out of each
  // 1,000-digit denominator one factor at a time.
  it("terminating or not, and the decimal places, for denominators 2^a·5^b·c of thousands of digits", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 3000 }),
        fc.integer({ min: 0, max: 3000 }),
        fc.constantFrom(1n, 3n, 7n, 9n, 21n, 3n ** 40n),
        fc.constantFrom(1n, 11n, 13n, 123_456_791n), // coprime to 10 and to every c
        (a, b, c, n) => {
          const x = Exact.fraction(n, 2n ** BigInt(a) * 5n ** BigInt(b) * c);
          expect(x.terminates()).toBe(c === 1n);
          if (c === 1n) {
            const printed = x.toString();
            const places = printed.includes(".") ? printed.length - printed.indexOf(".") - 1 : 0;
            expect(places).toBe(Math.max(a, b));
          }
        },
      ),
      { numRuns: 300 },
    );
    expect(Exact.from("1e-1000").toString()).toBe(`0.${"0".repeat(999)}1`);
    expect(Exact.fraction(1, 5n ** 1000n).terminates()).toBe(true);
    expect(Exact.fraction(1, 5n ** 1000n * 3n).terminates()).toBe(false);
    expect(Exact.fraction(1, 2n ** 3000n).terminates()).toBe(true);
  });

  it("sums like an independent model, terms sharing denominators or not, in any order", () => {
    // Few denominators, so the grouping by denominator is exercised, not just one group per term.
    const termArb = fc
      .tuple(fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }), fc.constantFrom(1n, 2n, 7n, 350_000n, 63n, 10n ** 9n))
      .map(([n, d]) => Exact.fraction(n, d));
    fc.assert(
      fc.property(fc.array(fc.oneof(termArb, fractionArb), { maxLength: 60 }), (terms) => {
        let n = 0n;
        let d = 1n;
        for (const t of terms) [n, d] = model(n * t.denominator + t.numerator * d, d * t.denominator);
        const total = Exact.sum(terms);
        expect([total.numerator, total.denominator]).toEqual([n, d]);
        expect(Exact.sum([...terms].reverse())).toEqual(total);
      }),
      { numRuns: 1000 },
    );
  });

  it("a sum with an overflowed term is overflowed", () => {
    const over = Exact.from(10n ** BigInt(MAX_EXACT_DIGITS - 1)).times(100);
    expect(overflowed(Exact.sum([Exact.ONE, over, Exact.ONE]))).toBe(true);
    expect(overflowed(Exact.sum([Exact.fraction(1, 3), Exact.fraction(2, 3)]))).toBe(false);
  });

  it("round trips: (x ÷ y) × y = x, x + y − y = x, and −(−x) = x", () => {
    fc.assert(
      fc.property(fractionArb, fractionArb, (x, y) => {
        if (!y.isZero()) expect(x.div(y).times(y).eq(x)).toBe(true);
        expect(x.plus(y).minus(y)).toEqual(x);
        expect(x.neg().neg()).toEqual(x);
      }),
    );
  });

  it("accepts decimal strings, bigints and integers as operands", () => {
    expect(e("0.1").plus("0.2").eq("0.3")).toBe(true);
    expect(e(1).div(3n).times(3).eq(1)).toBe(true);
    expect(Exact.sum(["0.1", "0.2", 3n, 4])).toMatchObject({ numerator: 73n, denominator: 10n });
    expect(Exact.sum([])).toBe(Exact.ZERO);
    expect(Exact.max("1.5", Exact.fraction(3, 2)).eq("1.5")).toBe(true);
    expect(Exact.min(-1, "-0.5").toString()).toBe("-1");
  });

  it("predicates", () => {
    expect(e(0).isZero()).toBe(true);
    expect(e("-0.1").isNegative()).toBe(true);
    expect(e("0.1").isPositive()).toBe(true);
    expect(e("2.000").isInteger()).toBe(true);
    expect(Exact.fraction(1, 3).isInteger()).toBe(false);
    expect(Exact.fraction(1, 3).terminates()).toBe(false);
    expect(Exact.fraction(3, 40).terminates()).toBe(true);
    expect(e("1e-1000").terminates()).toBe(true);
    expect(e("0.5").lt("0.6") && e("0.5").lte("0.5") && e("0.6").gt("0.5") && e("0.6").gte("0.6")).toBe(true);
    expect(Exact.fraction(2, 4).eq("0.5")).toBe(true);
  });
});

describe("Exact: rounding", () => {
  it("floor, ceil and trunc of positive and negative values", () => {
    const cases: [string, string, string, string][] = [
      ["2.5", "2", "3", "2"],
      ["-2.5", "-3", "-2", "-2"],
      ["7", "7", "7", "7"],
      ["-0.1", "-1", "0", "0"],
    ];
    for (const [x, floor, ceil, trunc] of cases) {
      expect([e(x).floor().toString(), e(x).ceil().toString(), e(x).trunc().toString()]).toEqual([floor, ceil, trunc]);
    }
    expect(Exact.fraction(4157, 3).floor().toString()).toBe("1385");
    expect(Exact.fraction(-1, 3).floor().toString()).toBe("-1");
  });

  it("round to decimal places in every mode", () => {
    expect(e("11303.054").round(2, "half-away-from-zero").toString()).toBe("11303.05");
    expect(e("11303.054").round(1, "half-away-from-zero").toString()).toBe("11303.1");
    expect(e("2.5").round(0, "half-away-from-zero").toString()).toBe("3");
    expect(e("-2.5").round(0, "half-away-from-zero").toString()).toBe("-3");
    expect(e("2.5").round(0, "half-even").toString()).toBe("2");
    expect(e("3.5").round(0, "half-even").toString()).toBe("4");
    expect(e("-2.5").round(0, "half-even").toString()).toBe("-2");
    expect(Exact.fraction(2, 3).round(3, "floor").toString()).toBe("0.666");
    expect(Exact.fraction(-2, 3).round(3, "floor").toString()).toBe("-0.667");
    expect(Exact.fraction(2, 3).round(3, "ceil").toString()).toBe("0.667");
    expect(() => e(1).round(-1, "floor")).toThrow(RangeError);
  });

  it("round to significant digits", () => {
    expect(Exact.fraction(1, 3).roundSignificant(4, "half-even").toString()).toBe("0.3333");
    expect(e("123456").roundSignificant(2, "floor").toString()).toBe("120000");
    expect(e("0.000123456").roundSignificant(2, "ceil").toString()).toBe("0.00013");
    expect(e("999.96").roundSignificant(4, "half-even").toString()).toBe("1000");
    expect(e("1000").roundSignificant(1, "floor").toString()).toBe("1000");
    expect(e("0").roundSignificant(3, "floor").toString()).toBe("0");
  });
});

describe("Exact: printing (architecture §5)", () => {
  it("a terminating value prints exactly, canonically", () => {
    expect(e("1523.40").toString()).toBe("1523.4");
    expect(e("-0").toString()).toBe("0");
    expect(e("1e29").toString()).toBe(`1${"0".repeat(29)}`);
    expect(e("1e-7").toString()).toBe("0.0000001");
    expect(Exact.fraction(1, 2n ** 60n).toString()).toBe(
      "0.000000000000000000867361737988403547205962240695953369140625",
    );
    expect(e("123456789012345678901234567890.123456789").toString()).toBe("123456789012345678901234567890.123456789");
  });

  it("a non-terminating value prints rounded toward −∞ at 34 significant digits", () => {
    expect(Exact.fraction(4, 3).toString()).toBe("1.333333333333333333333333333333333");
    expect(Exact.fraction(-4, 3).toString()).toBe("-1.333333333333333333333333333333334");
    expect(Exact.fraction(2, 3).toString()).toBe("0.6666666666666666666666666666666666");
    expect(e(1).div("3.6").toString()).toBe("0.2777777777777777777777777777777777");
    expect(e("10.5505585262").div(3).toString()).toBe("3.516852842066666666666666666666666");
    expect(Exact.fraction(1, 3).times("1e-40").toString()).toBe(`0.${"0".repeat(40)}${"3".repeat(34)}`);
    expect(Exact.fraction(10n ** 40n, 3).toString()).toBe(`${"3".repeat(34)}000000`);
    expect(Exact.fraction(-(10n ** 33n) + 1n, 3).toString()).toBe(`-${"3".repeat(33)}`);
  });

  it("the printed value never exceeds the exact one and floors the same (below 1e34)", () => {
    fc.assert(
      fc.property(fractionArb, fractionArb, (a, b) => {
        if (b.isZero()) return;
        const x = a.div(b);
        const printed = e(x.toString());
        expect(printed.lte(x)).toBe(true);
        expect(printed.floor()).toEqual(x.floor());
        if (x.terminates()) expect(printed).toEqual(x);
        else expect(printed.roundSignificant(34, "floor")).toEqual(printed);
      }),
      { numRuns: 2000 },
    );
  });

  it("prints a non-terminating value as roundSignificant(34, floor) prints, for magnitudes from 1e-60 to 1e60", () => {
    const wide = fc
      .tuple(fractionArb, fc.integer({ min: -60, max: 60 }))
      .map(([x, k]) => (k >= 0 ? x.times(10n ** BigInt(k)) : x.div(10n ** BigInt(-k))));
    fc.assert(
      fc.property(wide, fc.constantFrom(3n, 7n, 21n, 350_000n * 3n, 10n ** 40n + 1n), (x, d) => {
        const y = x.div(d).plus(Exact.fraction(1, 3));
        if (y.terminates()) return;
        expect(y.toString()).toBe(y.roundSignificant(34, "floor").toString());
        expect(y.neg().toString()).toBe(y.neg().roundSignificant(34, "floor").toString());
      }),
      { numRuns: 3000 },
    );
  });

  it("toFraction gives n/d in lowest terms, or the integer", () => {
    expect(Exact.fraction(8, 6).toFraction()).toBe("4/3");
    expect(Exact.fraction(-8, 6).toFraction()).toBe("-4/3");
    expect(e("14").toFraction()).toBe("14");
  });

  it("prints the same through toString, toJSON and String, in any order, short or long, negative or not", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -5, max: 5 }).filter((n) => n !== 0),
        fc.integer({ min: 0, max: 1000 }),
        fc.array(fc.constantFrom("toString", "toJSON", "String"), { minLength: 2, maxLength: 4 }),
        (digit, places, order) => {
          // Two equal values read alike: one printed in the given order, one only by toString.
          const text = `${digit}e-${places}`;
          const x = e(text);
          const printed = order.map((how) => (how === "String" ? String(x) : x[how]()));
          const expected = e(text).toString();
          expect(printed).toEqual(order.map(() => expected));
          expect(JSON.stringify({ x })).toBe(JSON.stringify({ x: expected }));
        },
      ),
      { numRuns: 300 },
    );
  });

  it("reads back what it prints", () => {
    fc.assert(
      fc.property(decimalArb, (text) => {
        const x = e(text);
        expect(e(x.toString())).toEqual(x);
      }),
    );
  });
});

describe("Exact: bounded (architecture §5)", () => {
  it("a result beyond 10,000 digits becomes overflowed, and stays so cheaply", () => {
    let x = Exact.ONE;
    for (let i = 0; i < 9999; i++) x = x.times("0.7");
    expect(overflowed(x)).toBe(false);
    expect(x.denominator).toBe(10n ** 9999n);
    const over = x.times("0.7");
    expect(overflowed(over)).toBe(true);
    expect(overflowed(over.plus(1).times(2).div(3).neg())).toBe(true);
    expect(overflowed(Exact.from(10n ** BigInt(MAX_EXACT_DIGITS)))).toBe(true);
    expect(overflowed(Exact.from(10n ** BigInt(MAX_EXACT_DIGITS) - 1n))).toBe(false);
  });

  it("comparing or printing an overflowed value is the issue too-many-digits", () => {
    const over = Exact.from(10n ** BigInt(MAX_EXACT_DIGITS));
    for (const use of [() => over.toString(), () => over.isZero(), () => over.lt(1), () => over.floor()]) {
      let caught: unknown;
      try {
        use();
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(TooManyDigitsError);
      expect(caught).toBeInstanceOf(MrvValidationError);
      expect((caught as MrvValidationError).issues[0]!.code).toBe("too-many-digits");
    }
  });

  it("inputs at the document limits (100 significant digits, exponent ±1000) stay far inside", () => {
    const long = `0.${"7".repeat(99)}1e-900`;
    const x = e(long)
      .times(e(`${"9".repeat(29)}.${"1".repeat(71)}`))
      .div(e("3.6"));
    expect(overflowed(x)).toBe(false);
    expect(x.toString()).toMatch(/^0\.0{800,}[1-9]/);
  });
});
