import { describe, expect, it } from "vitest";
import { Exact } from "../../src/core/exact.js";
import { defaultQuantity, givenMayDiffer, quantity } from "../../src/methodology/parameters/index.js";

const EG = { symbol: "EG_p", unit: "MWh", description: "electricity", min: "0" } as const;

describe("a quantity's given value", () => {
  it("in the canonical unit is the value's print, plain data however it is copied", () => {
    const schema = quantity(EG);
    const long = `0.${"0".repeat(999)}1`;
    for (const [input, printed] of [
      ["1e-1000", long],
      [{ value: "1523.40", unit: "MWh" }, "1523.4"],
      [{ value: "2.50" }, "2.5"],
    ] as const) {
      const q = schema.parse(input);
      const plain = { value: printed, unit: "MWh" };
      expect(q.given.value).toBe(printed);
      expect({ ...q.given }).toEqual(plain);
      expect(JSON.parse(JSON.stringify(q.given))).toEqual(plain);
      expect(structuredClone(q.given)).toEqual(plain);
      expect(Object.keys(q.given)).toEqual(["value", "unit"]);
      // The quantity itself, copied, keeps its given.
      expect({ ...q }.given).toEqual(plain);
      expect(JSON.parse(JSON.stringify(q)).given).toEqual(plain);
      expect(Object.isFrozen(q)).toBe(true);
      expect(q.value.eq(Exact.from(printed))).toBe(true);
    }
  });

  it("in another unit is the document's value printed in that unit, a plain object", () => {
    const q = quantity(EG).parse({ value: "1523400.0", unit: "kWh" });
    expect(q.given).toEqual({ value: "1523400", unit: "kWh" });
    expect(Object.getPrototypeOf(q.given)).toBe(Object.prototype);
    expect(q.value.toString()).toBe("1523.4");
  });

  it("is told apart from the value without printing: only a converted unit or a series may differ", () => {
    expect(givenMayDiffer(quantity(EG).parse("1e-1000"))).toBe(false);
    expect(givenMayDiffer(quantity(EG).parse({ value: "5", unit: "kWh" }))).toBe(true);
    // A quantity made elsewhere, with a given of its own, is compared by its unit as before.
    const q = quantity(EG).parse("2");
    expect(givenMayDiffer({ ...q, given: { value: "2", unit: "MWh" } })).toBe(true);
  });

  it("of a default is the default's print", () => {
    const q = defaultQuantity({ ...EG, default: { value: "0.7970", source: "test", status: "verified" } });
    expect({ ...q.given }).toEqual({ value: "0.797", unit: "MWh" });
  });
});
