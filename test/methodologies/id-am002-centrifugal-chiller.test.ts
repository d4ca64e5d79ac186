import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { GRID_NAMES, INDONESIAN_GRID_FACTORS } from "../../methodologies/id-am002-centrifugal-chiller/defaults.js";
import chillerDefault, {
  idAm002CentrifugalChiller as chiller,
} from "../../methodologies/id-am002-centrifugal-chiller/index.js";
import type { CalculationResult } from "../../src/calculate.js";
import { Decimal } from "../../src/core/decimal.js";
import { type Issue, MrvValidationError } from "../../src/core/errors.js";
import { Exact } from "../../src/core/exact.js";
import { calculate } from "../../src/entries/core.js";
import { standardConditionCop } from "../../src/methodology/families/cop-ratio/equations.js";
import { collectRejections } from "../helpers/cli-rejects.js";
import { expectExactResult } from "../helpers/exact-result.js";
import { expectMatches, LOCAL_EXAMPLES } from "../helpers/examples.js";

const SHARED = LOCAL_EXAMPLES;
const example = (name: string) => ({
  document: JSON.parse(readFileSync(new URL(`${name}.json`, SHARED), "utf8")) as Record<string, unknown>,
  expected: JSON.parse(readFileSync(new URL(`${name}.expected.json`, SHARED), "utf8")) as Record<string, unknown>,
});

type Entry = Record<string, unknown>;
const doc = (fixed: Entry, ec: Entry[], monitored: Entry = {}) => ({
  methodology: { id: "JCM_ID_AM002", version: "02.0" },
  project: { reference: "TEST", hostCountry: "ID" },
  period: { start: "2017-01-01", end: "2017-12-31", timeZone: "+07:00" },
  fixed,
  monitored: { "EC_PJ,i,p": ec, ...monitored },
});
/** One chiller (COP_RE 5, COP_PJ,tc 6, EC 1000 MWh, EF 0.619); a field set to undefined is left out. */
const oneChiller = (fixed: Entry = {}, chillerFields: Entry = {}) => {
  const entry = Object.fromEntries(
    Object.entries({ equipment: "CH-1", "COP_RE,i": "5", "COP_PJ,tc,i": "6", ...chillerFields }).filter(
      ([, v]) => v !== undefined,
    ),
  );
  return doc({ EF_elec: "0.619", chillers: [entry], ...fixed }, [{ equipment: "CH-1", value: "1000", unit: "MWh" }]);
};

/** The issues of a document that must be rejected; fails the test when it is accepted. */
const rejectedThroughApi = collectRejections("JCM_ID_AM002");

function issuesOf(document: unknown): readonly Issue[] {
  try {
    calculate(chiller, document);
  } catch (error) {
    expect(error).toBeInstanceOf(MrvValidationError);
    const issues = (error as MrvValidationError).issues;
    rejectedThroughApi(document, issues);
    return issues;
  }
  throw new Error("the document was accepted");
}
function expectIssue(document: unknown, path: string, symbol: string): Issue {
  const issues = issuesOf(document);
  const issue = issues.find((i) => i.path === path && i.symbol === symbol);
  expect(issue, JSON.stringify(issues, null, 1)).toBeDefined();
  expect(issue!.message.length).toBeGreaterThan(5);
  return issue!;
}

const tokens = (expression: string) => expression.split(/[\s()⌊⌋]+/).filter(Boolean);
function expectTraceTokens(result: CalculationResult): void {
  for (const step of result.trace) {
    for (const key of Object.keys(step.inputs))
      expect(tokens(step.expression), `${key} in ${step.expression}`).toContain(key);
  }
}

describe("JCM_ID_AM002 module", () => {
  it("is an approved Indonesian module, named and default export", () => {
    expect(chillerDefault).toBe(chiller);
    expect(chiller).toMatchObject({
      id: "JCM_ID_AM002",
      version: "02.0",
      status: "approved",
      hostCountry: "ID",
      sectoralScope: "3 (energy demand)",
      emissionReductionsEquation: "(3)",
    });
    expect([...chiller.reportable]).toEqual(["RE_p", "PE_p", "ER_p", "EC_PJ,p", "EC_RE,p"]);
  });
});

describe("JCM_ID_AM002 worked examples", () => {
  it("A: one chiller, COP_PJ,tc given → RE 976.8, PE 814, ER 162.8 → 162, zero warnings", () => {
    const { document, expected } = example("id-am002-one-chiller");
    const r = calculate(chiller, document);
    expectMatches(r, expected);
    expect(r.referenceEmissions).toBe("976.8");
    expect(r.projectEmissions).toBe("814");
    expect(r.emissionReductionsUnrounded).toBe("162.8");
    expect(r.emissionReductions).toBe("162");
    expect(r.warnings).toEqual([]);
    expect(r.figures).toEqual({ "EC_PJ,p": { value: "1000", unit: "MWh" }, "EC_RE,p": { value: "1200", unit: "MWh" } });
    // TD defaults are not used (no equation (4)), so they are not recorded either.
    expect(r.parameters.map((p) => p.symbol)).not.toContain("TD_cooling");
    expectTraceTokens(r);
  });

  it("B: two chillers, one by equation (4) → RE and ER to 34 significant digits, PE 289.5063, ER 31, a COP_PJ,tc warning", () => {
    const { document, expected } = example("id-am002-two-chillers");
    const r = calculate(chiller, document);
    expectMatches(r, expected);
    // The spec prints RE = 321.10513516295025728987993138936535…: every digit but the 35th.
    expect(r.referenceEmissions.startsWith("321.1051351629502572898799313893653")).toBe(true);
    expect(r.emissionReductionsUnrounded.startsWith("31.598835162950257289879931389365")).toBe(true);
    expect(r.projectEmissions).toBe("289.5063");
    expect(r.emissionReductions).toBe("31");
    const w = r.warnings.find((x) => x.message.includes("COP_PJ,tc"));
    expect(w).toBeDefined();
    expect(w!.message).toMatch(/equation \(4\)/);
    expect(w!.message).toMatch(/unverified/);
    expect(w!.message).toContain("TD_cooling");
    const step = r.trace.find((s) => s.symbol === "COP_PJ,tc,i[B]")!;
    expect(step).toMatchObject({
      equation: "(4)",
      inputs: {
        "COP_PJ,i[B]": "6.5",
        "T_cooling-out,i[B]": "35",
        "T_chilled-out,i[B]": "8",
        TD_cooling: "1.5",
        TD_chilled: "1.5",
      },
    });
    expect(step.exact).toBe(Exact.from("6.5").times(30).div(33).toFraction());
    expect(step.exact).toBe("65/11");
    expect(r.figures["EC_PJ,p"]).toEqual({ value: "467.7", unit: "MWh" });
    for (const symbol of ["TD_cooling", "TD_chilled"]) {
      expect(r.parameters.find((p) => p.symbol === symbol)).toMatchObject({
        value: "1.5",
        unit: "°C",
        status: "unverified",
        path: `fixed.${symbol}`,
      });
    }
    expect(r.parameters.find((p) => p.symbol === "EC_PJ,i,p[B]")).toMatchObject({
      value: "120.5",
      given: { value: "120500", unit: "kWh" },
    });
    expectTraceTokens(r);
  });

  it("equation (4) with TD values given uses them and still warns that (4) is unverified", () => {
    const r = calculate(
      chiller,
      oneChiller(
        { TD_cooling: "2", TD_chilled: "1" },
        { "COP_PJ,tc,i": undefined, "COP_PJ,i": "6.5", "T_cooling-out,i": "35", "T_chilled-out,i": "8" },
      ),
    );
    const step = r.trace.find((s) => s.symbol === "COP_PJ,tc,i[CH-1]")!;
    expect(step.exact).toBe(Exact.from("6.5").times(30).div(33).toFraction());
    expect(step.exact).toBe("65/11");
    expect(r.parameters.find((p) => p.symbol === "TD_cooling")).not.toHaveProperty("status");
    expect(r.warnings.some((w) => w.symbol === "COP_PJ,tc,i" && w.message.includes("(given)"))).toBe(true);
  });

  it("equation (4) as a function: 6.5 at 35 °C / 8 °C with 1.5 + 1.5 → 6.5 × 30 ÷ 33", () => {
    const d = (x: string) => Exact.from(x);
    expect(standardConditionCop(d("6.5"), d("35"), d("8"), d("1.5"), d("1.5")).eq(d("195").div(33))).toBe(true);
    expect(standardConditionCop(d("5"), d("37"), d("7"), d("1.5"), d("1.5")).eq(5)).toBe(true);
  });
});

describe("JCM_ID_AM002 EF_elec grid lookup (jcm-rules §5)", () => {
  const withGrid = (EF_elec: unknown) => calculate(chiller, oneChiller({ EF_elec }));
  const ef = (r: CalculationResult) => r.parameters.find((p) => p.symbol === "EF_elec" && p.path === "fixed.EF_elec");

  it.each([
    ["Jamali", 1, "0.619"],
    ["Jamali", 2, "0.533"],
    ["Sulselbar", 1, "0.243"],
    ["Sulselbar", 2, "0.243"],
    ["Batam", 1, "0.499"],
    ["Barito", 2, "0.533"],
  ] as const)("%s case %i → %s tCO2/MWh, recorded with its source", (grid, gridCase, value) => {
    const r = withGrid({ grid, case: gridCase });
    expect(new Decimal(r.projectEmissions).eq(new Decimal(1000).times(value))).toBe(true);
    const p = ef(r)!;
    expect(p).toMatchObject({ value, unit: "tCO2/MWh", kind: "fixed", status: "verified" });
    expect(p.source).toContain(
      "IGES, Additional information on calculating the emission factors of Indonesian electricity grids for the JCM",
    );
    expect(p.source).toContain(`grid ${grid} case ${gridCase}`);
    expect(p.source).toContain("renewable-energy");
    expect(r.warnings).toEqual([]);
  });

  it("the table holds every name of jcm-rules §5 once, each on its own", () => {
    expect(GRID_NAMES).toHaveLength(46);
    expect(new Set(GRID_NAMES).size).toBe(GRID_NAMES.length);
    for (const name of [
      "Jamali",
      "3 Nusa",
      "Karimun Jawa",
      "Sumatra",
      "Nias",
      "Pulau Tello",
      "Batam-Tanjung Pinang",
      "Masohi",
      "Sulutgo",
      "Sulselbar",
    ])
      expect(GRID_NAMES).toContain(name);
    for (const name of GRID_NAMES) {
      const row = INDONESIAN_GRID_FACTORS[name];
      expect(new Decimal(row[2].value).eq(Decimal.min(row[1].value, "0.533"))).toBe(true);
    }
  });

  it("an unknown grid name is an error listing the known names", () => {
    const issue = expectIssue(oneChiller({ EF_elec: { grid: "Java", case: 1 } }), "fixed.EF_elec.grid", "EF_elec");
    expect(issue.expected).toContain('"Jamali"');
    expect(issue.expected).toContain('"Sulselbar"');
    expect(issue.found).toContain("Java");
  });

  it("grid names match case-sensitively, and case is the number 1 or 2", () => {
    expectIssue(oneChiller({ EF_elec: { grid: "jamali", case: 1 } }), "fixed.EF_elec.grid", "EF_elec");
    expectIssue(oneChiller({ EF_elec: { grid: "Jamali", case: 3 } }), "fixed.EF_elec.case", "EF_elec");
    expectIssue(oneChiller({ EF_elec: { grid: "Jamali", case: "1" } }), "fixed.EF_elec.case", "EF_elec");
    expectIssue(oneChiller({ EF_elec: { grid: "Jamali" } }), "fixed.EF_elec.case", "EF_elec");
    expectIssue(oneChiller({ EF_elec: { grid: "Jamali", case: 1, value: "0.6" } }), "fixed.EF_elec.value", "EF_elec");
  });

  it("EF_elec as a quantity object in another unit is converted", () => {
    const r = withGrid({ value: "0.2", unit: "tCO2/GJ" });
    expect(ef(r)).toMatchObject({ value: "0.72", given: { value: "0.2", unit: "tCO2/GJ" } });
    expect(r.projectEmissions).toBe("720");
  });
});

// Positive decimal strings with up to 4 decimals; COPs between 0.5 and 12.
const energy = fc
  .tuple(fc.bigInt({ min: 0n, max: 10n ** 10n }), fc.integer({ min: 0, max: 4 }))
  .map(([n, scale]) => new Decimal(n.toString()).div(new Decimal(10).pow(scale)).toFixed());
const copValue = fc.integer({ min: 500, max: 12_000 }).map((n) => new Decimal(n).div(1000));
const efValue = fc.integer({ min: 1, max: 1500 }).map((n) => new Decimal(n).div(1000).toFixed());

interface ChillerCase {
  EC: string;
  COP_RE: Decimal;
  extra: Decimal;
  rated: { cooling: number; chilled: number } | undefined;
}
const chillerCase: fc.Arbitrary<ChillerCase> = fc.record({
  EC: energy,
  COP_RE: copValue,
  extra: fc.integer({ min: 0, max: 3000 }).map((n) => new Decimal(n).div(1000)),
  rated: fc.option(fc.record({ cooling: fc.integer({ min: 25, max: 40 }), chilled: fc.integer({ min: 4, max: 15 }) }), {
    nil: undefined,
  }),
});

/** A document; a chiller with `rated` gives COP_PJ,i and temperatures (equation (4)), else COP_PJ,tc,i = COP_RE + extra. */
function chillersDoc(cases: readonly ChillerCase[], EF_elec: string, unit: "MWh" | "kWh" = "MWh") {
  const chillers = cases.map((c, i) => {
    const base = { equipment: `CH-${i}`, "COP_RE,i": c.COP_RE.toFixed() };
    if (!c.rated) return { ...base, "COP_PJ,tc,i": c.COP_RE.plus(c.extra).toFixed() };
    return {
      ...base,
      "COP_PJ,i": c.COP_RE.plus(c.extra).toFixed(),
      "T_cooling-out,i": String(c.rated.cooling),
      "T_chilled-out,i": String(c.rated.chilled),
    };
  });
  const ec = cases.map((c, i) => ({
    equipment: `CH-${i}`,
    value: unit === "MWh" ? c.EC : new Decimal(c.EC).times(1000).toFixed(),
    unit,
  }));
  return doc({ EF_elec, chillers }, ec);
}
const figuresOf = (r: CalculationResult) => ({
  RE: r.referenceEmissions,
  PE: r.projectEmissions,
  ERu: r.emissionReductionsUnrounded,
  ER: r.emissionReductions,
  figures: r.figures,
});

describe("JCM_ID_AM002 properties", () => {
  it("COP_PJ,tc,i ≥ COP_RE,i for every chiller implies RE_p ≥ PE_p", () => {
    fc.assert(
      fc.property(
        fc.array(
          chillerCase.map((c) => ({ ...c, rated: undefined })),
          { minLength: 1, maxLength: 5 },
        ),
        efValue,
        (cases, EF) => {
          const r = calculate(chiller, chillersDoc(cases, EF));
          expect(new Decimal(r.referenceEmissions).gte(r.projectEmissions)).toBe(true);
          expect(r.warnings.filter((w) => w.code === "negative-reductions")).toEqual([]);
        },
      ),
      { numRuns: 150 },
    );
  });

  it("the order of the chillers does not change the figures", () => {
    fc.assert(
      fc.property(
        fc
          .array(chillerCase, { minLength: 2, maxLength: 5 })
          .filter((cs) => cs.every((c) => !c.rated || c.rated.chilled < c.rated.cooling)),
        efValue,
        (cases, EF) => {
          const forward = calculate(chiller, chillersDoc(cases, EF));
          const d = chillersDoc(cases, EF);
          const reversed = {
            ...d,
            fixed: { ...d.fixed, chillers: [...(d.fixed.chillers as Entry[])].reverse() },
            monitored: { "EC_PJ,i,p": [...d.monitored["EC_PJ,i,p"]].reverse() },
          };
          expect(figuresOf(calculate(chiller, reversed))).toEqual(figuresOf(forward));
        },
      ),
      { numRuns: 100 },
    );
  });

  it("the same energy in kWh or in MWh gives the same figures, exactly", () => {
    fc.assert(
      fc.property(
        fc
          .array(chillerCase, { minLength: 1, maxLength: 4 })
          .filter((cs) => cs.every((c) => !c.rated || c.rated.chilled < c.rated.cooling)),
        efValue,
        (cases, EF) => {
          const mwh = calculate(chiller, chillersDoc(cases, EF, "MWh"));
          const kwh = calculate(chiller, chillersDoc(cases, EF, "kWh"));
          for (const key of ["referenceEmissions", "projectEmissions", "emissionReductionsUnrounded"] as const)
            expect(kwh[key]).toBe(mwh[key]);
          for (const symbol of ["EC_PJ,p", "EC_RE,p"])
            expect(kwh.figures[symbol]!.value).toBe(mwh.figures[symbol]!.value);
          expect(kwh.emissionReductions).toBe(mwh.emissionReductions);
        },
      ),
      { numRuns: 100 },
    );
  });

  it("emissionReductionsUnrounded = RE_p − PE_p exactly, ER = max(0, ⌊RE_p − PE_p⌋), every trace input is a token of its expression", () => {
    fc.assert(
      fc.property(
        fc
          .array(chillerCase, { minLength: 1, maxLength: 4 })
          .filter((cs) => cs.every((c) => !c.rated || c.rated.chilled < c.rated.cooling)),
        efValue,
        (cases, EF) => {
          const r = calculate(chiller, chillersDoc(cases, EF));
          expectExactResult(r);
          expectTraceTokens(r);
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe("JCM_ID_AM002 bad input: MrvValidationError naming path and symbol", () => {
  it("missing EF_elec", () => {
    const d = oneChiller();
    delete (d.fixed as Entry).EF_elec;
    expectIssue(d, "fixed.EF_elec", "EF_elec");
  });

  it("EF_elec ≤ 0", () => {
    expectIssue(oneChiller({ EF_elec: "0" }), "fixed.EF_elec", "EF_elec");
  });

  it("a monitored chiller with no fixed entry", () => {
    const d = oneChiller();
    d.monitored["EC_PJ,i,p"].push({ equipment: "CH-9", value: "10", unit: "MWh" });
    const issue = expectIssue(d, 'monitored["EC_PJ,i,p"][1].equipment', "EC_PJ,i,p");
    expect(issue.message).toContain("CH-9");
  });

  it("a fixed chiller with no EC_PJ,i,p entry", () => {
    const d = oneChiller();
    (d.fixed.chillers as Entry[]).push({ equipment: "CH-2", "COP_RE,i": "5", "COP_PJ,tc,i": "6" });
    const issue = expectIssue(d, 'monitored["EC_PJ,i,p"]', "EC_PJ,i,p");
    expect(issue.message).toContain("CH-2");
  });

  it("COP ≤ 0", () => {
    expectIssue(oneChiller({}, { "COP_RE,i": "0" }), 'fixed.chillers[0]["COP_RE,i"]', "COP_RE,i");
    expectIssue(oneChiller({}, { "COP_PJ,tc,i": "-1.2" }), 'fixed.chillers[0]["COP_PJ,tc,i"]', "COP_PJ,tc,i");
  });

  it("rated temperatures with chilled ≥ cooling outlet", () => {
    const issue = expectIssue(
      oneChiller({}, { "COP_PJ,tc,i": undefined, "COP_PJ,i": "6", "T_cooling-out,i": "7", "T_chilled-out,i": "7" }),
      'fixed.chillers[0]["T_chilled-out,i"]',
      "T_chilled-out,i",
    );
    expect(issue.code).toBe("out-of-range");
  });

  it("both COP forms", () => {
    const issue = expectIssue(
      oneChiller({}, { "COP_PJ,i": "6", "T_cooling-out,i": "35", "T_chilled-out,i": "8" }),
      'fixed.chillers[0]["COP_PJ,tc,i"]',
      "COP_PJ,tc,i",
    );
    expect(issue.code).toBe("conflicting-forms");
  });

  it("a partial rated triple names the missing parameter", () => {
    const issue = expectIssue(
      oneChiller({}, { "COP_PJ,tc,i": undefined, "COP_PJ,i": "6", "T_cooling-out,i": "35" }),
      'fixed.chillers[0]["T_chilled-out,i"]',
      "T_chilled-out,i",
    );
    expect(issue.code).toBe("missing");
  });

  it("no COP form at all", () => {
    expectIssue(oneChiller({}, { "COP_PJ,tc,i": undefined }), 'fixed.chillers[0]["COP_PJ,tc,i"]', "COP_PJ,tc,i");
  });

  it("an energy value in a mass unit", () => {
    const d = oneChiller();
    d.monitored["EC_PJ,i,p"][0] = { equipment: "CH-1", value: "1000", unit: "t" };
    expect(expectIssue(d, 'monitored["EC_PJ,i,p"][0].unit', "EC_PJ,i,p").code).toBe("wrong-unit-dimension");
  });

  it("an unknown chiller key is an error", () => {
    expect(issuesOf(oneChiller({}, { COP_RE: "5" }))).toContainEqual(
      expect.objectContaining({ path: "fixed.chillers[0].COP_RE", code: "unknown-key" }),
    );
  });

  it("every cross-parameter problem is reported at once", () => {
    const d = doc(
      {
        EF_elec: "0.619",
        chillers: [
          { equipment: "A", "COP_RE,i": "5", "COP_PJ,tc,i": "6", "COP_PJ,i": "6" },
          { equipment: "B", "COP_RE,i": "5", "COP_PJ,i": "6", "T_cooling-out,i": "8", "T_chilled-out,i": "9" },
        ],
      },
      [
        { equipment: "A", value: "1" },
        { equipment: "X", value: "1" },
      ],
    );
    expect(
      issuesOf(d)
        .map((i) => i.path)
        .sort(),
    ).toEqual(
      [
        'fixed.chillers[0]["COP_PJ,tc,i"]',
        'fixed.chillers[1]["T_chilled-out,i"]',
        'monitored["EC_PJ,i,p"]',
        'monitored["EC_PJ,i,p"][1].equipment',
      ].sort(),
    );
  });
});

describe("JCM_ID_AM002 checks and eligibility", () => {
  it("an EC_PJ,i,p beyond full rated power all period warns of a kWh/MWh mix-up", () => {
    // 500 USRt ÷ COP 6 × 24 h × 365 d ≈ 2,567 MWh at most.
    const d = oneChiller({}, { capacity: { value: "500", unit: "USRt" } });
    d.monitored["EC_PJ,i,p"][0] = { equipment: "CH-1", value: "2600", unit: "MWh" };
    const w = calculate(chiller, d).warnings.find((x) => x.code === "implausible-magnitude")!;
    expect(w).toMatchObject({ symbol: "EC_PJ,i,p", path: 'monitored["EC_PJ,i,p"][0]' });
    expect(w.message).toContain("kWh/MWh");
    d.monitored["EC_PJ,i,p"][0] = { equipment: "CH-1", value: "2500", unit: "MWh" };
    expect(calculate(chiller, d).warnings).toEqual([]);
  });

  it("the magnitude check uses the rated COP when given", () => {
    // Rated COP 4 (not COP_PJ,tc 4.36): 1000 kW ÷ 4 × 24 × 365 = 2,190 MWh at most.
    const d = oneChiller(
      {},
      { "COP_PJ,tc,i": undefined, "COP_PJ,i": "4", "T_cooling-out,i": "37", "T_chilled-out,i": "4", capacity: "1000" },
    );
    d.monitored["EC_PJ,i,p"][0] = { equipment: "CH-1", value: "2200", unit: "MWh" };
    expect(calculate(chiller, d).warnings.map((w) => w.code)).toContain("implausible-magnitude");
  });

  it("all evidence given and meeting → every criterion met, no warning", () => {
    const r = calculate(
      chiller,
      oneChiller(
        { declarations: { periodicChecksPerYear: 4, refrigerantRecoveryPlan: true } },
        { type: "centrifugal", COP_threshold: "5.5", refrigerantODP: "0" },
      ),
    );
    expect(r.eligibility.map((c) => c.result)).toEqual(["met", "met", "met", "met", "met"]);
    expect(r.warnings).toEqual([]);
  });

  it("failing evidence → not-met with an ineligible warning; missing evidence → not-assessed", () => {
    const r = calculate(
      chiller,
      oneChiller(
        { declarations: { periodicChecksPerYear: 3, refrigerantRecoveryPlan: false } },
        { type: "other", COP_threshold: "6", refrigerantODP: "0.05" },
      ),
    );
    expect(r.eligibility.map((c) => c.result)).toEqual(["not-met", "not-met", "not-met", "not-met", "not-met"]);
    expect(r.warnings.filter((w) => w.code === "ineligible")).toHaveLength(5);
    expect(calculate(chiller, oneChiller()).eligibility.map((c) => c.result)).toEqual(Array(5).fill("not-assessed"));
  });

  it("per-chiller criteria: met only when every chiller meets them", () => {
    const d = doc(
      {
        EF_elec: "0.619",
        chillers: [
          { equipment: "A", "COP_RE,i": "5", "COP_PJ,tc,i": "6", type: "centrifugal", refrigerantODP: "0" },
          { equipment: "B", "COP_RE,i": "5", "COP_PJ,tc,i": "6" },
        ],
      },
      [
        { equipment: "A", value: "1" },
        { equipment: "B", value: "1" },
      ],
    );
    expect(
      calculate(chiller, d)
        .eligibility.slice(0, 3)
        .map((c) => c.result),
    ).toEqual(["not-assessed", "not-assessed", "not-assessed"]);
  });

  it("a series of readings is accepted for EC_PJ,i,p", () => {
    const readings = Array.from({ length: 3 }, (_, i) => ({ at: `2017-01-0${i + 1}T00:00:00+07:00`, value: "1000.5" }));
    const d = { ...oneChiller(), period: { start: "2017-01-01", end: "2017-01-03", timeZone: "+07:00" } };
    d.monitored["EC_PJ,i,p"][0] = { equipment: "CH-1", unit: "kWh", kind: "interval", interval: "P1D", readings };
    const r = calculate(chiller, d);
    expect(r.figures["EC_PJ,p"]).toEqual({ value: "3.0015", unit: "MWh" });
    expect(r.projectEmissions).toBe(new Decimal("3.0015").times("0.619").toFixed());
  });

  it("EI_grid,p is recorded and reported, not used", () => {
    const r = calculate(chiller, {
      ...oneChiller(),
      monitored: { ...oneChiller().monitored, "EI_grid,p": { value: "5000", unit: "MWh", option: "B" } },
    });
    expect(r.figures["EI_grid,p"]).toEqual({ value: "5000", unit: "MWh" });
    expect(r.parameters.find((p) => p.symbol === "EI_grid,p")).toMatchObject({ value: "5000", option: "B" });
    expect(r.projectEmissions).toBe("619");
  });
});

rejectedThroughApi.checkThroughCli();
