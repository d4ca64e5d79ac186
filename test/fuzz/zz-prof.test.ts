import fc from "fast-check";
import { it } from "vitest";
import { idArb, textArb, periodArb, decimalArb, seriesArb, makePeriod } from "./arbitraries.js";
const time = (name: string, arb: fc.Arbitrary<unknown>, n = 1000) => { const t = performance.now(); fc.sample(arb, n); console.log(name, ((performance.now() - t) / n).toFixed(3), "ms"); };
it("prof", () => {
  time("idArb", idArb);
  time("uniqueIds", fc.uniqueArray(fc.record({ id: idArb, template: fc.nat({ max: 2 }) }), { minLength: 1, maxLength: 6, selector: (m) => m.id }));
  time("textArb", textArb);
  time("period", periodArb(1500));
  time("decimal", decimalArb({ symbol: "x", unit: "MWh", description: "", min: "0" }));
  time("decimal01", decimalArb({ symbol: "x", unit: "1", description: "", min: "0", minExclusive: true, max: "1" }));
  time("reported", fc.stringMatching(/^-?[0-9]{1,6}(\.[0-9]{1,3})?$/));
  time("dict", fc.dictionary(fc.oneof(fc.constantFrom("reference", "title"), fc.string({ maxLength: 6 })), textArb, { maxKeys: 5 }));
  const p = makePeriod(19000, 3, 480, true);
  time("series", seriesArb({ symbol: "x", unit: "MWh", description: "", min: "0" }, p, 120), 200);
}, 600000);
