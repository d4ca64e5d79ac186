/**
 * The substitution of values into a step's expression: a symbol is a token and the longest one wins,
 * whether the symbols are tried one by one (a few) or walked in a trie (many).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { substitute, substitutedPieces } from "../../src/report/substitute.js";

describe("substitutedPieces", () => {
  it("replaces whole symbols only, the longest first", () => {
    const step = {
      expression: "EC_PJ,i,p[A] + EC_PJ + xEC_PJ + EC_PJ,i + EC_PJ_2",
      inputs: { EC_PJ: "1", "EC_PJ,i,p[A]": "2", "EC_PJ,i": "3" },
    };
    expect(substitute(step)).toBe("2 + 1 + xEC_PJ + 3 + EC_PJ_2");
    for (const matching of ["one-by-one", "by-length", "trie"] as const)
      expect(substitutedPieces(step, matching)).toEqual(substitutedPieces(step));
  });

  it("one by one, by length and by the trie, the same pieces", () => {
    const symbol = fc.string({
      unit: fc.constantFrom("E", "C", "_", ",", "[", "]", "1", "-", "é"),
      minLength: 1,
      maxLength: 6,
    });
    const glue = fc.constantFrom(" + ", " × ", "(", ")", "", "x", ",", "-", "]", "[");
    fc.assert(
      fc.property(
        fc.uniqueArray(symbol, { minLength: 1, maxLength: 12 }),
        fc.array(fc.tuple(fc.nat(), glue), { maxLength: 12 }),
        (symbols, parts) => {
          const expression = parts.map(([k, g]) => `${symbols[k % symbols.length]}${g}`).join("");
          const inputs = Object.fromEntries(symbols.map((s, k) => [s, `<${k}>`]));
          const step = { expression, inputs };
          const pieces = substitutedPieces(step);
          expect(substitutedPieces(step, "one-by-one")).toEqual(pieces);
          expect(substitutedPieces(step, "by-length")).toEqual(pieces);
          expect(substitutedPieces(step, "trie")).toEqual(pieces);
        },
      ),
      { numRuns: 5_000 },
    );
  });
});
