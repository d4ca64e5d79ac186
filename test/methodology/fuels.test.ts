import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FUEL_NAMES, type IpccBound, ipccValue } from "../../src/core/ipcc-fuels.js";
import { createTrace } from "../../src/core/trace.js";
import { zodIssuesToIssues } from "../../src/document/issues.js";
import { fuelConsumptionSchema, fuelEmissions, fuelIssues, fuelsSchema } from "../../src/methodology/fuels.js";
import type { CalculationContext, UsedParameter, Warning } from "../../src/methodology/types.js";

function context() {
  const trace = createTrace();
  const warnings: Warning[] = [];
  const used: UsedParameter[] = [];
  const ctx: CalculationContext = { trace, warn: (w) => warnings.push(w), useParameter: (p) => used.push(p) };
  return { ctx, trace, warnings, used };
}

const fuels = (input: unknown) => fuelsSchema.parse(input);
const consumption = (input: unknown) => fuelConsumptionSchema.parse(input)!;
function issues(schema: typeof fuelsSchema | typeof fuelConsumptionSchema, input: unknown, base: string[]) {
  const result = schema.safeParse(input, { reportInput: true });
  expect(result.success).toBe(false);
  return zodIssuesToIssues(result.error!.issues, base, {}, new Set(["fuels", "FC_f,p"]));
}

describe("fuels[] (fixed)", () => {
  it("accepts NCV_f, EF_CO2,f and density in any unit of their dimension", () => {
    const [entry] = fuels([
      {
        fuel: "gas/diesel oil",
        NCV_f: { value: "43", unit: "MJ/kg" },
        "EF_CO2,f": { value: "74100", unit: "kgCO2/TJ" },
        density: { value: "0.84", unit: "kg/L" },
      },
    ])!;
    expect(entry!.NCV_f!.value.toString()).toBe("43");
    expect(entry!["EF_CO2,f"]!.value.toString()).toBe("0.0741");
    expect(entry!.density!.value.toString()).toBe("0.84");
  });

  it("rejects an unknown fuel, listing the known names", () => {
    const [issue] = issues(fuelsSchema, [{ fuel: "diesel" }], ["fixed", "fuels"]);
    expect(issue).toMatchObject({ path: "fixed.fuels[0].fuel", symbol: "fuels", found: '"diesel"' });
    for (const name of FUEL_NAMES) expect(issue!.expected).toContain(`"${name}"`);
  });

  it("rejects unknown keys and a fuel listed twice", () => {
    expect(issues(fuelsSchema, [{ fuel: "LPG", ncv: "47" }], ["fixed", "fuels"])[0]).toMatchObject({
      path: "fixed.fuels[0].ncv",
      code: "unknown-key",
    });
    expect(issues(fuelsSchema, [{ fuel: "LPG" }, { fuel: "LPG" }], ["fixed", "fuels"])[0]).toMatchObject({
      path: "fixed.fuels[1].fuel",
      code: "duplicate-id",
      symbol: "fuels",
    });
  });
});

describe("FC_f,p (monitored)", () => {
  it("reads a mass in t (canonical) or kg", () => {
    const [a, b] = consumption([
      { fuel: "gas/diesel oil", value: "1.2", unit: "t" },
      { fuel: "LPG", value: "350", unit: "kg", option: "B" },
    ]);
    expect(a).toMatchObject({ id: "gas/diesel oil", unit: "t" });
    expect(b!.value.toString()).toBe("0.35");
    expect(b).toMatchObject({ unit: "t", option: "B", given: { value: "350", unit: "kg" } });
  });

  it("keeps a volume as a volume (kL) for the density join", () => {
    const [q] = consumption([{ fuel: "gas/diesel oil", value: "1500", unit: "L" }]);
    expect(q).toMatchObject({ unit: "kL", given: { value: "1500", unit: "L" } });
    expect(q!.value.toString()).toBe("1.5");
  });

  it("rejects an unknown fuel with a message listing the known names", () => {
    const [issue] = issues(fuelConsumptionSchema, [{ fuel: "diesel", value: "1" }], ["monitored", "FC_f,p"]);
    expect(issue).toMatchObject({ path: 'monitored["FC_f,p"][0].fuel', symbol: "FC_f,p", code: "unknown-fuel" });
    for (const name of FUEL_NAMES) expect(issue!.message).toContain(`"${name}"`);
  });

  it("rejects units that are neither mass nor volume, negative values and duplicates, at the entry's path", () => {
    expect(
      issues(fuelConsumptionSchema, [{ fuel: "LPG", value: "1", unit: "MWh" }], ["monitored", "FC_f,p"])[0],
    ).toMatchObject({ path: 'monitored["FC_f,p"][0].unit', code: "wrong-unit-dimension" });
    expect(
      issues(fuelConsumptionSchema, [{ fuel: "LPG", value: "1", unit: "gal" }], ["monitored", "FC_f,p"])[0],
    ).toMatchObject({
      path: 'monitored["FC_f,p"][0].unit',
      code: "unknown-unit",
      expected: expect.stringContaining("kL"),
    });
    expect(
      issues(
        fuelConsumptionSchema,
        [
          { fuel: "LPG", value: "1" },
          { fuel: "lignite", value: "-1" },
        ],
        ["monitored", "FC_f,p"],
      )[0],
    ).toMatchObject({ path: 'monitored["FC_f,p"][1].value', code: "out-of-range", symbol: "FC_f,p" });
    expect(
      issues(
        fuelConsumptionSchema,
        [
          { fuel: "LPG", value: "1" },
          { fuel: "LPG", value: "1", unit: "L" },
        ],
        ["monitored", "FC_f,p"],
      )[0],
    ).toMatchObject({ path: 'monitored["FC_f,p"][1].fuel', code: "duplicate-id" });
    expect(issues(fuelConsumptionSchema, { fuel: "LPG", value: "1" }, ["monitored", "FC_f,p"])[0]).toMatchObject({
      code: "invalid-type",
    });
  });
});

describe("fuelIssues: the join on fuel", () => {
  it("accepts both absent and a matching pair", () => {
    expect(fuelIssues(undefined, undefined)).toEqual([]);
    expect(fuelIssues(fuels([{ fuel: "LPG" }]), consumption([{ fuel: "LPG", value: "1" }]))).toEqual([]);
  });

  it("names a fuel consumed without a fuels[] entry, and an entry without consumption", () => {
    expect(fuelIssues(undefined, consumption([{ fuel: "LPG", value: "1" }]))).toEqual([
      expect.objectContaining({
        path: ["monitored", "FC_f,p", 0, "fuel"],
        symbol: "FC_f,p",
        message: expect.stringContaining('"LPG"'),
      }),
    ]);
    expect(fuelIssues(fuels([{ fuel: "lignite" }]), undefined)).toEqual([
      expect.objectContaining({
        path: ["fixed", "fuels", 0, "fuel"],
        symbol: "fuels",
        message: expect.stringContaining('"lignite"'),
      }),
    ]);
  });

  it("requires the fuel's density for a volume", () => {
    const [issue] = fuelIssues(
      fuels([{ fuel: "gas/diesel oil" }]),
      consumption([{ fuel: "gas/diesel oil", value: "100", unit: "L" }]),
    );
    expect(issue).toMatchObject({
      path: ["monitored", "FC_f,p", 0, "unit"],
      symbol: "FC_f,p",
      code: "volume-without-density",
    });
    expect(issue!.message).toContain("gas/diesel oil");
    expect(issue!.message).toContain("density");
    expect(
      fuelIssues(
        fuels([{ fuel: "gas/diesel oil", density: "0.84" }]),
        consumption([{ fuel: "gas/diesel oil", value: "100", unit: "L" }]),
      ),
    ).toEqual([]);
  });
});

describe("fuelEmissions: PE_fuel,p = Σ_f FC_f,p × NCV_f × EF_CO2,f", () => {
  it("defaults to the IPCC upper bounds, recording and warning about each unverified value", () => {
    const { ctx, trace, warnings, used } = context();
    const PE = fuelEmissions(
      fuels([{ fuel: "gas/diesel oil" }]),
      consumption([{ fuel: "gas/diesel oil", value: "1.2" }]),
      ctx,
      { equation: "(3)" },
    );
    expect(PE.toString()).toBe("3.886608");
    expect(used.map((p) => [p.symbol, p.value.toString(), p.unit, p.status])).toEqual([
      ["NCV_f[gas/diesel oil]", "43.3", "GJ/t", "unverified"],
      ["EF_CO2,f[gas/diesel oil]", "0.0748", "tCO2/GJ", "unverified"],
    ]);
    expect(used.every((p) => p.source?.includes("IPCC 2006") && p.source.includes("upper bound"))).toBe(true);
    expect(warnings).toHaveLength(2);
    for (const [w, quantity, value] of [
      [warnings[0], "NCV", "43.3"],
      [warnings[1], "CO2 emission factor", "0.0748"],
    ] as const) {
      expect(w!.message).toContain("gas/diesel oil");
      expect(w!.message).toContain(quantity);
      expect(w!.message).toContain("upper bound");
      expect(w!.message).toContain(value);
      expect(w!.message).toContain("unverified");
    }
    expect(trace.steps().map((s) => s.symbol)).toEqual(["FC_f,p[gas/diesel oil]", "PE_fuel,p"]);
  });

  it("uses supplied factors without recording or warning, and converts a volume with density", () => {
    const { ctx, trace, warnings, used } = context();
    const PE = fuelEmissions(
      fuels([{ fuel: "gas/diesel oil", NCV_f: "43", "EF_CO2,f": "0.0741", density: { value: "0.84", unit: "kg/L" } }]),
      consumption([{ fuel: "gas/diesel oil", value: "1000", unit: "L", option: "B" }]),
      ctx,
      { equation: "(3)" },
    );
    // 1 kL × 0.84 t/kL × 43 GJ/t × 0.0741 tCO2/GJ
    expect(PE.toString()).toBe("2.676492");
    expect(warnings).toEqual([]);
    expect(used).toEqual([
      expect.objectContaining({
        symbol: "FC_f,p[gas/diesel oil]",
        unit: "t",
        given: { value: "1000", unit: "L" },
        option: "B",
      }),
    ]);
    expect(used[0]!.value.toString()).toBe("0.84");
    expect(trace.steps()[0]).toMatchObject({
      symbol: "FC_f,p[gas/diesel oil]",
      expression: "V_f,p[gas/diesel oil] × density[gas/diesel oil]",
      value: "0.84",
      unit: "t",
    });
  });

  it("is 0 with no auxiliary fuel", () => {
    const { ctx, trace } = context();
    expect(fuelEmissions(undefined, undefined, ctx, { equation: "(3)" }).isZero()).toBe(true);
    expect(trace.steps()).toEqual([expect.objectContaining({ symbol: "PE_fuel,p", expression: "0", value: "0" })]);
  });

  it("using only verified values yields no fuel warning (and every unverified value used yields one)", () => {
    const entry = fc.record({
      fuel: fc.constantFrom(...FUEL_NAMES),
      NCV: fc.boolean(),
      EF: fc.boolean(),
      mass: fc.nat({ max: 100000 }),
    });
    fc.assert(
      fc.property(
        fc.uniqueArray(entry, { selector: (e) => e.fuel, maxLength: 8 }),
        fc.constantFrom<IpccBound>("default", "lower", "upper"),
        (entries, bound) => {
          const { ctx, warnings } = context();
          const PE = fuelEmissions(
            fuels(
              entries.map((e) => ({
                fuel: e.fuel,
                ...(e.NCV && { NCV_f: "40" }),
                ...(e.EF && { "EF_CO2,f": "0.07" }),
              })),
            ),
            consumption(entries.map((e) => ({ fuel: e.fuel, value: String(e.mass) }))),
            ctx,
            { equation: "(3)", bound },
          );
          const unverifiedUsed = entries.flatMap((e) =>
            [...(e.NCV ? [] : ["NCV" as const]), ...(e.EF ? [] : ["EF_CO2" as const])].filter(
              (q) => ipccValue(e.fuel, q, bound).status === "unverified",
            ),
          );
          expect(warnings).toHaveLength(unverifiedUsed.length);
          expect(PE.isNegative()).toBe(false);
        },
      ),
    );
  });
});
