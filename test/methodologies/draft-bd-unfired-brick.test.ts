import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import defaultExport, { draftBdUnfiredBrick } from "../../methodologies/draft-bd-unfired-brick/index.js";
import { Decimal, toCanonicalString } from "../../src/core/decimal.js";
import { type Issue, MrvValidationError } from "../../src/core/errors.js";
import { FUEL_NAMES } from "../../src/core/ipcc-fuels.js";
import { calculate } from "../../src/entries/core.js";
import { defineMethodology } from "../../src/methodology/define.js";
import { collectRejections } from "../helpers/cli-rejects.js";
import { exactOf } from "../helpers/exact-result.js";
import { expectMatches, LOCAL_EXAMPLES } from "../helpers/examples.js";
import { dec, frac, mul, print } from "../helpers/fraction.js";

const module = draftBdUnfiredBrick;
const DRAFT = "not an approved JCM methodology: results are indicative and cannot support credit issuance";

type Json = Record<string, unknown>;
const BASE_FIXED: Json = {
  products: [{ product: "standard" }],
  SEC_RE: "0.12",
  NCV_coal: "25.8",
  EF_coal: "0.0946",
  f_clinker: "0.95",
  EF_clinker: "0.52",
};
const BASE_MONITORED: Json = { "N_k,p": [{ product: "standard", value: "1500000" }], "M_cement,p": "210" };
function doc(fixed: Json = {}, monitored: Json = {}): Json {
  return {
    methodology: { id: "DRAFT_BD_UNFIRED_BRICK", version: "0.1" },
    project: { hostCountry: "BD" },
    period: { start: "2024-01-01", end: "2024-12-31" },
    fixed: { ...BASE_FIXED, ...fixed },
    monitored: { ...BASE_MONITORED, ...monitored },
  };
}

const rejectedThroughApi = collectRejections("DRAFT_BD_UNFIRED_BRICK");

function issuesOf(document: unknown): Issue[] {
  try {
    calculate(module, document);
  } catch (error) {
    expect(error).toBeInstanceOf(MrvValidationError);
    const issues = [...(error as MrvValidationError).issues];
    rejectedThroughApi(document, issues);
    return issues;
  }
  throw new Error("expected an MrvValidationError");
}

const decimalText = fc
  .tuple(fc.bigInt({ min: 0n, max: 10n ** 15n - 1n }), fc.integer({ min: 0, max: 6 }))
  .map(([digits, scale]) => toCanonicalString(new Decimal(`${digits}e-${scale}`)));
const positiveText = decimalText.filter((t) => t !== "0");
const countText = fc.bigInt({ min: 0n, max: 10n ** 12n }).map(String);

describe("DRAFT_BD_UNFIRED_BRICK: module", () => {
  it("is a draft with the spec's identity", () => {
    expect(defaultExport).toBe(module);
    expect(module).toMatchObject({
      id: "DRAFT_BD_UNFIRED_BRICK",
      version: "0.1",
      status: "draft",
      hostCountry: "BD",
      sectoralScope: "4 (manufacturing industries)",
      emissionReductionsEquation: "(4)",
    });
    expect([...module.reportable]).toEqual(["RE_p", "PE_p", "ER_p", "N_eq,p", "PE_binder,p", "PE_elec,p", "PE_fuel,p"]);
    expect(module.card.notes).toMatch(/Why a draft.*No Joint Committee has approved/);
    for (const source of ["IPCC 2006", "jcm-rules"]) expect(module.card.notes).toContain(source);
  });

  it("a module with status draft whose id lacks DRAFT_ is refused by defineMethodology", () => {
    expect(() => defineMethodology({ ...module, id: "BD_UNFIRED_BRICK" })).toThrow(/must start with DRAFT_/);
  });
});

describe("DRAFT_BD_UNFIRED_BRICK: the shared worked example", () => {
  const text = readFileSync(new URL("draft-bd-unfired-brick.json", LOCAL_EXAMPLES), "utf8");
  const expected = JSON.parse(
    readFileSync(new URL("draft-bd-unfired-brick.expected.json", LOCAL_EXAMPLES), "utf8"),
  ) as Json;
  const result = calculate(module, text);

  it("reproduces RE 439.3224, PE 129.535, ER 309.7874 → 309 to the digit", () => {
    expectMatches(result, expected);
    expect(result.referenceEmissions).toBe("439.3224");
    expect(result.projectEmissions).toBe("129.535");
    expect(result.emissionReductionsUnrounded).toBe("309.7874");
    expect(result.emissionReductions).toBe("309");
    expect(result.methodology.status).toBe("draft");
  });

  it("reports N_eq,p and each project-emission line as its own figure and trace step", () => {
    expect(result.figures).toEqual({
      "N_eq,p": { value: "1500000", unit: "bricks" },
      "PE_binder,p": { value: "103.74", unit: "tCO2" },
      "PE_elec,p": { value: "25.795", unit: "tCO2" },
      "PE_fuel,p": { value: "0", unit: "tCO2" },
    });
    expect(result.trace.map((s) => s.symbol)).toEqual([
      "N_eq,p",
      "RE_p",
      "PE_binder,p",
      "PE_elec,p",
      "PE_fuel,p",
      "PE_p",
      "ER_p",
      "ER_p",
    ]);
  });

  it("warns about the draft and the unverified EF_clinker default, not about the supplied coal values", () => {
    expect(result.warnings.some((w) => w.message.includes(DRAFT))).toBe(true);
    expect(
      result.warnings.some(
        (w) => w.symbol === "EF_clinker" && w.message.includes("0.52") && w.message.includes("unverified"),
      ),
    ).toBe(true);
    expect(result.warnings.some((w) => /NCV_coal|EF_coal/.test(`${w.message} ${w.symbol ?? ""} ${w.path ?? ""}`))).toBe(
      false,
    );
    expect(result.warnings).toHaveLength(2);
  });
});

describe("DRAFT_BD_UNFIRED_BRICK: calculation", () => {
  it("defaults NCV_coal and EF_coal to the IPCC lower bounds for other bituminous coal, with warnings", () => {
    const result = calculate(module, {
      ...doc(),
      fixed: { products: [{ product: "standard" }], SEC_RE: "0.12", f_clinker: "0.95" },
    });
    // 180 t × 19.9 GJ/t × 0.0895 tCO2/GJ
    expect(result.referenceEmissions).toBe("320.589");
    expect(result.parameters).toContainEqual(
      expect.objectContaining({
        symbol: "NCV_coal",
        value: "19.9",
        status: "unverified",
        source: expect.stringContaining("lower bound for other bituminous coal"),
      }),
    );
    expect(result.parameters).toContainEqual(
      expect.objectContaining({ symbol: "EF_coal", value: "0.0895", status: "unverified" }),
    );
    for (const symbol of ["NCV_coal", "EF_coal", "EF_clinker"])
      expect(result.warnings.some((w) => w.symbol === symbol)).toBe(true);
  });

  it("converts products to standard bricks with EQ_k (default 1, recorded with its source)", () => {
    const result = calculate(
      module,
      doc(
        { products: [{ product: "standard" }, { product: "hollow-block", EQ_k: "2.5" }] },
        {
          "N_k,p": [
            { product: "standard", value: "1000" },
            { product: "hollow-block", value: "400" },
          ],
        },
      ),
    );
    expect(result.figures["N_eq,p"]?.value).toBe("2000");
    expect(result.parameters).toContainEqual(
      expect.objectContaining({
        symbol: "EQ_k[standard]",
        value: "1",
        status: "derived",
        source: expect.stringContaining("default equivalence 1"),
      }),
    );
  });

  it("counts electricity and on-site fuel (IPCC upper bounds by default) in PE_p", () => {
    const result = calculate(
      module,
      doc(
        { EF_grid: "0.67", fuels: [{ fuel: "gas/diesel oil" }] },
        { EC_p: { value: "38500", unit: "kWh" }, "FC_f,p": [{ fuel: "gas/diesel oil", value: "1200", unit: "kg" }] },
      ),
    );
    expect(result.figures["PE_elec,p"]?.value).toBe("25.795");
    expect(result.figures["PE_fuel,p"]?.value).toBe("3.886608");
    expect(result.projectEmissions).toBe("133.421608");
    expect(result.warnings.filter((w) => w.message.includes("IPCC upper bound"))).toHaveLength(2);
  });

  it("eligibility 2 compares every strength result with minStrength (N/mm2 or MPa)", () => {
    const strength = (values: string[]) =>
      values.map((value, i) => ({ sample: `S${i + 1}`, value, unit: i % 2 === 0 ? "N/mm2" : "MPa" }));
    const criterion = (fixed: Json, monitored: Json) =>
      calculate(module, doc(fixed, monitored)).eligibility.find((c) => c.id === "2");
    expect(criterion({ minStrength: "5" }, { strength: strength(["5", "7.5"]) })?.result).toBe("met");
    expect(criterion({ minStrength: { value: "5", unit: "MPa" } }, { strength: strength(["6", "4.9"]) })).toMatchObject(
      { result: "not-met", reason: expect.stringContaining("strength[S2]") },
    );
    expect(criterion({}, { strength: strength(["6"]) })?.result).toBe("not-assessed");
    expect(criterion({ minStrength: "5" }, {})?.result).toBe("not-assessed");
  });

  it("eligibility 1, 3 and 4 follow declarations and the options of N_k,p", () => {
    const result = calculate(
      module,
      doc(
        { declarations: { noFiring: true, wasteOrSedimentRawMaterial: false } },
        { "N_k,p": [{ product: "standard", value: "10", option: "C" }] },
      ),
    );
    expect(result.eligibility.map((c) => c.result)).toEqual(["met", "not-assessed", "not-met", "met"]);
    const counted = calculate(module, doc({}, { "N_k,p": [{ product: "standard", value: "10", option: "A" }] }));
    expect(counted.eligibility.find((c) => c.id === "4")?.result).toBe("not-met");
  });
});

describe("DRAFT_BD_UNFIRED_BRICK: bad input", () => {
  it("a fractional brick count", () => {
    expect(issuesOf(doc({}, { "N_k,p": [{ product: "standard", value: "1500000.5" }] }))).toContainEqual(
      expect.objectContaining({
        path: 'monitored["N_k,p"][0].value',
        symbol: "N_k,p",
        code: "out-of-range",
        expected: expect.stringContaining("whole number"),
      }),
    );
  });

  it("electricity without EF_grid", () => {
    expect(issuesOf(doc({}, { EC_p: "1" }))).toContainEqual(
      expect.objectContaining({ path: "fixed.EF_grid", symbol: "EF_grid", code: "missing" }),
    );
  });

  it("a product without a count, and a count for an unknown product", () => {
    const issues = issuesOf(
      doc(
        { products: [{ product: "standard" }, { product: "block" }] },
        {
          "N_k,p": [
            { product: "standard", value: "1" },
            { product: "paver", value: "1" },
          ],
        },
      ),
    );
    expect(issues).toContainEqual(
      expect.objectContaining({
        path: 'monitored["N_k,p"]',
        symbol: "N_k,p",
        message: expect.stringContaining('"block"'),
      }),
    );
    expect(issues).toContainEqual(
      expect.objectContaining({
        path: 'monitored["N_k,p"][1].product',
        symbol: "N_k,p",
        message: expect.stringContaining('"paver"'),
      }),
    );
  });

  it("a product listed twice", () => {
    expect(issuesOf(doc({ products: [{ product: "standard" }, { product: "standard", EQ_k: "2" }] }))).toContainEqual(
      expect.objectContaining({ path: "fixed.products[1].product", code: "duplicate-id" }),
    );
  });

  it("SEC_RE and f_clinker are required", () => {
    const issues = issuesOf({ ...doc(), fixed: { products: [{ product: "standard" }] } });
    expect(issues).toContainEqual(expect.objectContaining({ path: "fixed.SEC_RE", symbol: "SEC_RE" }));
    expect(issues).toContainEqual(expect.objectContaining({ path: "fixed.f_clinker", symbol: "f_clinker" }));
  });

  it("an unknown fuel name (the error lists the known ones)", () => {
    const issue = issuesOf(doc({ fuels: [{ fuel: "coal" }] }, { "FC_f,p": [{ fuel: "coal", value: "1" }] })).find(
      (i) => i.path === 'monitored["FC_f,p"][0].fuel',
    );
    expect(issue).toMatchObject({ symbol: "FC_f,p", code: "unknown-fuel" });
    for (const name of FUEL_NAMES) expect(issue!.message).toContain(`"${name}"`);
  });

  it("a volume of fuel without density", () => {
    expect(
      issuesOf(doc({ fuels: [{ fuel: "LPG" }] }, { "FC_f,p": [{ fuel: "LPG", value: "2", unit: "m3" }] })),
    ).toContainEqual(
      expect.objectContaining({
        path: 'monitored["FC_f,p"][0].unit',
        symbol: "FC_f,p",
        code: "volume-without-density",
        message: expect.stringMatching(/LPG.*density/),
      }),
    );
  });
});

describe("DRAFT_BD_UNFIRED_BRICK: properties", () => {
  it("RE is linear in brick count, exactly", () => {
    fc.assert(
      fc.property(countText, fc.integer({ min: 0, max: 100000 }), positiveText, positiveText, (N, k, SEC_RE, EQ_k) => {
        const times = frac(BigInt(k));
        const at = (count: string) =>
          calculate(
            module,
            doc(
              { SEC_RE, products: [{ product: "standard", EQ_k }] },
              { "N_k,p": [{ product: "standard", value: count }] },
            ),
          );
        const one = exactOf(at(N)).RE;
        const scaled = exactOf(at(print(mul(dec(N), times)))).RE;
        expect(print(scaled)).toBe(print(mul(one, times)));
      }),
    );
  });

  const inputs = fc.record({
    M_cement: decimalText,
    f_clinker: fc.integer({ min: 0, max: 100 }).map((p) => toCanonicalString(new Decimal(p).div(100))),
    EC: decimalText,
    EF_grid: decimalText,
    fuels: fc.uniqueArray(fc.record({ fuel: fc.constantFrom(...FUEL_NAMES), FC: decimalText }), {
      selector: (f) => f.fuel,
      maxLength: 3,
    }),
  });
  const build = (d: {
    M_cement: string;
    f_clinker: string;
    EC: string;
    EF_grid: string;
    fuels: { fuel: string; FC: string }[];
  }) =>
    doc(
      {
        f_clinker: d.f_clinker,
        EF_grid: d.EF_grid,
        ...(d.fuels.length > 0 && { fuels: d.fuels.map((f) => ({ fuel: f.fuel })) }),
      },
      {
        "M_cement,p": d.M_cement,
        EC_p: d.EC,
        ...(d.fuels.length > 0 && { "FC_f,p": d.fuels.map((f) => ({ fuel: f.fuel, value: f.FC })) }),
      },
    );

  it("project emissions are never negative (nor any of their lines)", () => {
    fc.assert(
      fc.property(inputs, (d) => {
        const result = calculate(module, build(d));
        for (const value of [
          result.projectEmissions,
          ...["PE_binder,p", "PE_elec,p", "PE_fuel,p"].map((s) => result.figures[s]!.value),
        ]) {
          expect(new Decimal(value).isNegative()).toBe(false);
        }
      }),
    );
  });

  it("results always carry status draft and the draft warning", () => {
    fc.assert(
      fc.property(inputs, (d) => {
        const result = calculate(module, build(d));
        expect(result.methodology.status).toBe("draft");
        expect(result.warnings.some((w) => w.message.includes(DRAFT))).toBe(true);
      }),
    );
  });
});

rejectedThroughApi.checkThroughCli();
