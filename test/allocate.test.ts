import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { allocateCredits } from "../src/allocate.js";
import { Decimal } from "../src/core/decimal.js";
import { MrvValidationError } from "../src/core/errors.js";

describe("allocateCredits (largest remainder, ties by order)", () => {
  it("splits by percentages: 355 at 50/50 gives Japan 178 as published (the tie goes to the party given first)", () => {
    expect(allocateCredits("355", { Japan: "50", Bangladesh: "50" })).toEqual({ Japan: "178", Bangladesh: "177" });
    expect(allocateCredits("144", { Japan: "50", Bangladesh: "50" })).toEqual({ Japan: "72", Bangladesh: "72" });
    expect(allocateCredits("10", { a: "33.34", b: "33.33", c: "33.33" })).toEqual({ a: "4", b: "3", c: "3" });
    expect(allocateCredits("0", { a: "100" })).toEqual({ a: "0" });
  });

  it("ties go to the party given first", () => {
    expect(allocateCredits("1", { first: "50", second: "50" })).toEqual({ first: "1", second: "0" });
    expect(allocateCredits("1", { second: "50", first: "50" })).toEqual({ second: "1", first: "0" });
  });

  it("rejects shares that do not sum to exactly 100, negative or malformed shares and fractional totals", () => {
    for (const [total, shares] of [
      ["10", { a: "50", b: "49.99" }],
      ["10", { a: "-10", b: "110" }],
      ["10", { a: "fifty", b: "50" }],
      ["10.5", { a: "100" }],
      ["10", {}],
    ] as const) {
      expect(() => allocateCredits(total, shares)).toThrow(MrvValidationError);
    }
  });

  const sharesArb = fc
    .array(fc.integer({ min: 0, max: 10_000 }), { minLength: 1, maxLength: 8 })
    .filter((w) => w.some((x) => x > 0))
    .map((weights) => {
      // Percentages with two decimals summing to exactly 100: hundredths of a percent.
      const total = weights.reduce((a, b) => a + b, 0);
      const hundredths = weights.map((w) => Math.floor((w * 10_000) / total));
      hundredths[0]! += 10_000 - hundredths.reduce((a, b) => a + b, 0);
      return Object.fromEntries(hundredths.map((h, i) => [`p${i}`, new Decimal(h).div(100).toFixed()]));
    });

  it("the parts sum to the total, each within 1 of its exact share, and the function is deterministic", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 15n }), sharesArb, (n, shares) => {
        const total = n.toString();
        const parts = allocateCredits(total, shares);
        expect(Object.keys(parts)).toEqual(Object.keys(shares));
        expect(
          Object.values(parts)
            .reduce((a, p) => a.plus(p), new Decimal(0))
            .eq(total),
        ).toBe(true);
        for (const [party, share] of Object.entries(shares)) {
          const exact = new Decimal(total).times(share).div(100);
          expect(new Decimal(parts[party]!).minus(exact).abs().lt(1)).toBe(true);
        }
        expect(allocateCredits(total, shares)).toEqual(parts);
      }),
      { numRuns: 300 },
    );
  });
});
