import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import mnAm002, { mnAm002HeatOnlyBoiler } from "../../methodologies/mn-am002-heat-only-boiler/index.js";
import type { CalculationResult } from "../../src/calculate.js";
import { Decimal, toCanonicalString } from "../../src/core/decimal.js";
import { type Issue, MrvValidationError } from "../../src/core/errors.js";
import { calculate } from "../../src/entries/core.js";
import { collectRejections } from "../helpers/cli-rejects.js";
import { exactOf, expectExactResult } from "../helpers/exact-result.js";
import { expectMatches, LOCAL_EXAMPLES } from "../helpers/examples.js";
import { cmp } from "../helpers/fraction.js";

interface Entry {
  equipment: string;
  value?: string;
  unit?: string;
  [key: string]: unknown;
}
interface BoilerInput {
  equipment: string;
  "η_RE,i"?: unknown;
  "η_PJ,i"?: unknown;
  capacity?: unknown;
  "P_aux,i"?: unknown;
  declarations?: Record<string, boolean>;
  [key: string]: unknown;
}
interface Doc {
  methodology: { id: string; version: string };
  project?: Record<string, string>;
  period: { start: string; end: string; timeZone?: string };
  fixed: { EF_coal?: unknown; EF_grid?: unknown; boilers: BoilerInput[]; [key: string]: unknown };
  monitored: { "HG_PJ,i,p": Entry[]; "EC_PJ,i,p"?: Entry[]; "t_op,i,p"?: Entry[] };
}

const EXAMPLES = LOCAL_EXAMPLES;
const exampleText = readFileSync(new URL("mn-am002-two-boilers.json", EXAMPLES), "utf8");
const expected = JSON.parse(readFileSync(new URL("mn-am002-two-boilers.expected.json", EXAMPLES), "utf8")) as Record<
  string,
  unknown
>;
/** A fresh copy of the shared worked example (tests mutate it). */
const example = (): Doc => JSON.parse(exampleText) as Doc;

/** The issues of a document that must be rejected. */
const rejectedThroughApi = collectRejections("JCM_MN_AM002");

function issuesOf(doc: unknown): Issue[] {
  let error: unknown;
  try {
    calculate(mnAm002HeatOnlyBoiler, doc);
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(MrvValidationError);
  const issues = [...(error as MrvValidationError).issues];
  rejectedThroughApi(doc, issues);
  return issues;
}

function expectIssue(issues: Issue[], path: string, symbol: string | undefined, mentions?: string): Issue {
  const issue = issues.find(
    (i) => i.path === path && i.symbol === symbol && (mentions === undefined || i.message.includes(mentions)),
  );
  expect(
    issue,
    `an issue at ${path} [${symbol}]${mentions ? ` mentioning ${mentions}` : ""}; got ${JSON.stringify(issues)}`,
  ).toBeDefined();
  return issue!;
}

const step = (r: CalculationResult, symbol: string) => r.trace.find((s) => s.symbol === symbol);

describe("JCM_MN_AM002 worked example (shared)", () => {
  const result = calculate(mnAm002HeatOnlyBoiler, example());

  it("reproduces the expected figures to the digit", () => {
    expectMatches(result, expected);
    expect(result.referenceEmissions).toBe("3170.448");
    expect(result.projectEmissions).toBe("2360.64685");
    expect(result.emissionReductionsUnrounded).toBe("809.80115");
    expect(result.emissionReductions).toBe("809");
    expect(result.figures.HG_p).toEqual({ value: "16773.6", unit: "GJ" });
    expect(result.figures["EC_PJ,p"]).toEqual({ value: "18.5", unit: "MWh" });
    expect(result.warnings.map((w) => w.message)).toContain(
      "equations follow the demonstration-study draft of JCM_MN_AM002; not checked against the approved text",
    );
  });

  it("says in the trace which EC_PJ,i,p case applied to each boiler", () => {
    expect(step(result, "EC_PJ,i,p[HOB-1]")).toMatchObject({ expression: "monitored", value: "6.2", unit: "MWh" });
    expect(step(result, "EC_PJ,i,p[HOB-2]")).toMatchObject({
      expression: "P_aux,i × t_op,i,p ÷ 1000",
      inputs: { "P_aux,i": "3", "t_op,i,p": "4100" },
      value: "12.3",
    });
    expect(step(result, "HG_PJ,i,p[HOB-2]")?.value).toBe("8373.6");
    expect(step(result, "RE_i,p[HOB-2]")?.value).toBe("1507.248");
    expect(step(result, "RE_p")).toMatchObject({ equation: "(1)", value: "3170.448" });
    expect(step(result, "PE_p")).toMatchObject({ equation: "(2)", value: "2360.64685" });
    expect(step(result, "HG_p")?.value).toBe("16773.6");
  });

  it("shows the Gcal heat converted, with the unit given", () => {
    expect(result.parameters.find((p) => p.symbol === "HG_PJ,i,p[HOB-2]")).toMatchObject({
      value: "8373.6",
      unit: "GJ",
      given: { value: "2000", unit: "Gcal" },
    });
  });

  it("assesses eligibility: capacity and efficiency met, declarations not given", () => {
    expect(result.eligibility.map((c) => [c.id, c.result])).toEqual([
      ["1", "not-assessed"],
      ["2", "met"],
      ["3", "not-assessed"],
      ["4", "not-assessed"],
      ["5", "not-assessed"],
      ["6", "met"],
    ]);
  });

  it("exports the module named and default", () => {
    expect(mnAm002).toBe(mnAm002HeatOnlyBoiler);
    expect(mnAm002HeatOnlyBoiler).toMatchObject({
      id: "JCM_MN_AM002",
      version: "01.0",
      status: "approved",
      hostCountry: "MN",
      reportable: ["RE_p", "PE_p", "ER_p", "HG_p"],
    });
  });
});

describe("JCM_MN_AM002 cases and eligibility", () => {
  it("uses EC_PJ,i,p = 0 with a warning when a boiler has no auxiliary electricity, and needs no EF_grid then", () => {
    const doc = example();
    delete doc.fixed.EF_grid;
    delete doc.fixed.boilers[1]!["P_aux,i"];
    delete doc.monitored["EC_PJ,i,p"];
    delete doc.monitored["t_op,i,p"];
    const r = calculate(mnAm002HeatOnlyBoiler, doc);
    expect(step(r, "EC_PJ,i,p[HOB-1]")?.expression).toBe("0 (no auxiliary electricity given)");
    expect(r.warnings.filter((w) => w.code === "no-auxiliary-electricity").map((w) => w.message)).toEqual([
      expect.stringContaining("HOB-1"),
      expect.stringContaining("HOB-2"),
    ]);
    expect(r.projectEmissions).toBe("2339.37");
  });

  it("accepts η_PJ,i ≤ η_RE,i with a warning and criterion 6 not met", () => {
    const doc = example();
    doc.fixed.boilers[0]!["η_PJ,i"] = "0.50";
    const r = calculate(mnAm002HeatOnlyBoiler, doc);
    expect(r.warnings.some((w) => w.code === "efficiency-not-improved" && w.message.includes("HOB-1"))).toBe(true);
    expect(r.eligibility.find((c) => c.id === "6")).toMatchObject({
      result: "not-met",
      reason: expect.stringContaining("HOB-1"),
    });
  });

  it("meets every criterion with full evidence; capacity outside 0.10–3.15 MW (given in kW) is not met", () => {
    const doc = example();
    const all = {
      coalFired: true,
      hotWaterSupply: true,
      newOrReplacementOrExpansion: true,
      dustCollector: true,
      operationManualAndMaintenancePlan: true,
    };
    for (const b of doc.fixed.boilers) b.declarations = { ...all };
    expect(calculate(mnAm002HeatOnlyBoiler, doc).eligibility.every((c) => c.result === "met")).toBe(true);
    doc.fixed.boilers[1]!.capacity = { value: "3150", unit: "kW" };
    expect(calculate(mnAm002HeatOnlyBoiler, doc).eligibility.find((c) => c.id === "2")?.result).toBe("met");
    doc.fixed.boilers[1]!.capacity = { value: "3151", unit: "kW" };
    doc.fixed.boilers[0]!.declarations = { ...all, dustCollector: false };
    const r = calculate(mnAm002HeatOnlyBoiler, doc);
    expect(r.eligibility.find((c) => c.id === "2")).toMatchObject({
      result: "not-met",
      reason: expect.stringContaining("HOB-2"),
    });
    expect(r.eligibility.find((c) => c.id === "4")).toMatchObject({
      result: "not-met",
      reason: expect.stringContaining("HOB-1"),
    });
  });

  it("gives each boiler the reason of its own declarations, whichever boilers share a pattern", () => {
    const doc = example();
    const [first, second] = doc.fixed.boilers;
    doc.fixed.boilers = [
      { ...first!, declarations: { coalFired: true, hotWaterSupply: false } },
      { ...second!, declarations: { hotWaterSupply: true } },
      { ...first!, equipment: "HOB-3", declarations: { coalFired: true, hotWaterSupply: false } },
      { ...second!, equipment: "HOB-4", declarations: { coalFired: true } },
      { ...second!, equipment: "HOB-5", "η_PJ,i": "0.55", capacity: { value: "3151", unit: "kW" } },
    ];
    for (const [i, id] of ["HOB-3", "HOB-4", "HOB-5"].entries())
      doc.monitored["HG_PJ,i,p"].push({ equipment: id, value: String(1000 + i), unit: "GJ" });
    doc.monitored["EC_PJ,i,p"] = doc.fixed.boilers.map((b) => ({ equipment: b.equipment, value: "1", unit: "MWh" }));
    delete doc.monitored["t_op,i,p"];
    for (const b of doc.fixed.boilers) delete b["P_aux,i"];
    const reasons = Object.fromEntries(
      calculate(mnAm002HeatOnlyBoiler, doc).eligibility.map((c) => [c.id, [c.result, c.reason]]),
    );
    expect(reasons["1"]).toEqual([
      "not-met",
      "HOB-1: declarations.hotWaterSupply is false; HOB-3: declarations.hotWaterSupply is false",
    ]);
    expect(reasons["2"]).toEqual(["not-met", "HOB-5: capacity 3.151 MW is outside 0.10–3.15 MW"]);
    expect(reasons["3"]).toEqual([
      "not-assessed",
      "HOB-1: declarations.newOrReplacementOrExpansion not given; HOB-2: declarations.newOrReplacementOrExpansion not given; HOB-3: declarations.newOrReplacementOrExpansion not given; HOB-4: declarations.newOrReplacementOrExpansion not given; HOB-5: declarations.newOrReplacementOrExpansion not given",
    ]);
    expect(reasons["6"]).toEqual(["not-met", "HOB-5: η_PJ,i 0.55 ≤ η_RE,i 0.55"]);
    doc.fixed.boilers[1]!.declarations = { coalFired: true, hotWaterSupply: true };
    doc.fixed.boilers[0]!.declarations = { coalFired: true, hotWaterSupply: true };
    doc.fixed.boilers[2]!.declarations = { coalFired: true };
    doc.fixed.boilers[4]!["η_PJ,i"] = "0.56";
    const again = calculate(mnAm002HeatOnlyBoiler, doc).eligibility;
    expect([again[0]?.result, again[0]?.reason]).toEqual([
      "not-assessed",
      "HOB-3: declarations.hotWaterSupply not given; HOB-4: declarations.hotWaterSupply not given; HOB-5: declarations.coalFired, declarations.hotWaterSupply not given",
    ]);
    expect([again[5]?.result, again[5]?.reason]).toEqual([
      "met",
      "HOB-1: η_PJ,i 0.7 > η_RE,i 0.5; HOB-2: η_PJ,i 0.72 > η_RE,i 0.55; HOB-3: η_PJ,i 0.7 > η_RE,i 0.5; HOB-4: η_PJ,i 0.72 > η_RE,i 0.55; HOB-5: η_PJ,i 0.56 > η_RE,i 0.55",
    ]);
  });

  it("accepts the heat as an interval series", () => {
    const doc = example();
    doc.monitored["HG_PJ,i,p"][0] = {
      equipment: "HOB-1",
      unit: "GJ",
      kind: "interval",
      readings: [
        { at: "2018-09-15T00:00:00+08:00", value: "4000" },
        { at: "2019-01-01T00:00:00+08:00", value: "4400" },
      ],
    };
    expect(calculate(mnAm002HeatOnlyBoiler, doc).referenceEmissions).toBe("3170.448");
  });
});

describe("JCM_MN_AM002 rejects bad input", () => {
  it("EF_grid missing while auxiliary electricity is positive", () => {
    const doc = example();
    delete doc.fixed.EF_grid;
    const issue = expectIssue(issuesOf(doc), "fixed.EF_grid", "EF_grid");
    expect(issue.message).toContain("HOB-1");
    expect(issue.message).toContain("HOB-2");
  });

  it("a monitored boiler id with no fixed entry", () => {
    const doc = example();
    doc.monitored["HG_PJ,i,p"].push({ equipment: "HOB-9", value: "10" });
    expectIssue(issuesOf(doc), 'monitored["HG_PJ,i,p"][2].equipment', "HG_PJ,i,p", "HOB-9");
    const ec = example();
    ec.monitored["EC_PJ,i,p"]!.push({ equipment: "HOB-7", value: "1" });
    expectIssue(issuesOf(ec), 'monitored["EC_PJ,i,p"][1].equipment', "EC_PJ,i,p", "HOB-7");
  });

  it("a fixed boiler with no HG_PJ,i,p entry", () => {
    const doc = example();
    doc.fixed.boilers.push({ equipment: "HOB-3", "η_RE,i": "0.5", "η_PJ,i": "0.7" });
    expectIssue(issuesOf(doc), 'monitored["HG_PJ,i,p"]', "HG_PJ,i,p", "HOB-3");
  });

  it("an efficiency ≤ 0", () => {
    const doc = example();
    doc.fixed.boilers[0]!["η_RE,i"] = "0";
    expectIssue(issuesOf(doc), 'fixed.boilers[0]["η_RE,i"]', "η_RE,i");
  });

  it("an efficiency > 1", () => {
    const doc = example();
    doc.fixed.boilers[1]!["η_PJ,i"] = { value: "1.01" };
    expectIssue(issuesOf(doc), 'fixed.boilers[1]["η_PJ,i"].value', "η_PJ,i");
  });

  it("a heat value in a mass unit", () => {
    const doc = example();
    doc.monitored["HG_PJ,i,p"][0]!.unit = "t";
    const issue = expectIssue(issuesOf(doc), 'monitored["HG_PJ,i,p"][0].unit', "HG_PJ,i,p");
    expect(issue.code).toBe("wrong-unit-dimension");
  });

  it("EC_PJ,i,p and t_op,i,p both given for one boiler", () => {
    const doc = example();
    doc.monitored["EC_PJ,i,p"]!.push({ equipment: "HOB-2", value: "12.3" });
    expectIssue(issuesOf(doc), 'monitored["t_op,i,p"][0]', "t_op,i,p", "HOB-2");
  });

  it("P_aux,i without t_op,i,p", () => {
    const doc = example();
    delete doc.monitored["t_op,i,p"];
    expectIssue(issuesOf(doc), 'monitored["t_op,i,p"]', "t_op,i,p", "HOB-2");
  });

  it("t_op,i,p without P_aux,i", () => {
    const doc = example();
    delete doc.fixed.boilers[1]!["P_aux,i"];
    expectIssue(issuesOf(doc), 'fixed.boilers[1]["P_aux,i"]', "P_aux,i", "HOB-2");
  });

  it("t_op,i,p above 24 × days of the period", () => {
    const doc = example(); // 243 days → at most 5832 h
    doc.monitored["t_op,i,p"]![0]!.value = "5833";
    const issue = expectIssue(issuesOf(doc), 'monitored["t_op,i,p"][0].value', "t_op,i,p");
    expect(issue.expected).toContain("5832");
  });

  it("missing EF_coal", () => {
    const doc = example();
    delete doc.fixed.EF_coal;
    expectIssue(issuesOf(doc), "fixed.EF_coal", "EF_coal");
  });

  it("a misspelt key in fixed (EF_Coal) is an error", () => {
    const doc = example();
    doc.fixed.EF_Coal = doc.fixed.EF_coal;
    delete doc.fixed.EF_coal;
    const issues = issuesOf(doc);
    const unknown = issues.find((i) => i.path === "fixed.EF_Coal");
    expect(unknown).toMatchObject({ code: "unknown-key", message: expect.stringContaining("EF_coal") });
    expectIssue(issues, "fixed.EF_coal", "EF_coal");
  });
});

// ---------------------------------------------------------------------------------------------
// Properties over generated documents (the example's 243-day period: t_op ≤ 5832 h).

const decimal = (n: number, places: number) => toCanonicalString(new Decimal(n).div(new Decimal(10).pow(places)));
const efficiency = fc.integer({ min: 1, max: 1000 }).map((n) => decimal(n, 3));
const heat = fc.integer({ min: 1, max: 2_000_000_000 }).map((n) => decimal(n, 2));
const efCoal = fc.integer({ min: 1, max: 2000 }).map((n) => decimal(n, 4));

interface BoilerCase {
  re: string;
  pj: string;
  hg: string;
  aux: { case: "monitored"; ec: string } | { case: "estimated"; p: string; t: string } | { case: "none" };
}
const boilerCase: fc.Arbitrary<BoilerCase> = fc.record({
  re: efficiency,
  pj: efficiency,
  hg: heat,
  aux: fc.oneof(
    fc.record({
      case: fc.constant("monitored" as const),
      ec: fc.integer({ min: 0, max: 1_000_000 }).map((n) => decimal(n, 1)),
    }),
    fc.record({
      case: fc.constant("estimated" as const),
      p: fc.integer({ min: 0, max: 100_000 }).map((n) => decimal(n, 1)),
      t: fc.integer({ min: 0, max: 5832 }).map(String),
    }),
    fc.record({ case: fc.constant("none" as const) }),
  ),
});
const plant = fc.record({ EF_coal: efCoal, boilers: fc.array(boilerCase, { minLength: 1, maxLength: 4 }) });
type Plant = { EF_coal: string; boilers: BoilerCase[] };

function documentOf(p: Plant, heatUnit: "GJ" | "Gcal" = "GJ"): Doc {
  const id = (i: number) => `HOB-${i + 1}`;
  const ec: Entry[] = [];
  const top: Entry[] = [];
  p.boilers.forEach((b, i) => {
    if (b.aux.case === "monitored") ec.push({ equipment: id(i), value: b.aux.ec, unit: "MWh" });
    if (b.aux.case === "estimated") top.push({ equipment: id(i), value: b.aux.t, unit: "h" });
  });
  return {
    methodology: { id: "JCM_MN_AM002", version: "01.0" },
    period: { start: "2018-09-15", end: "2019-05-15", timeZone: "+08:00" },
    fixed: {
      EF_coal: p.EF_coal,
      EF_grid: "1.1501",
      boilers: p.boilers.map((b, i) => ({
        equipment: id(i),
        "η_RE,i": b.re,
        "η_PJ,i": b.pj,
        ...(b.aux.case === "estimated" && { "P_aux,i": { value: b.aux.p, unit: "kW" } }),
      })),
    },
    monitored: {
      "HG_PJ,i,p": p.boilers.map((b, i) => ({ equipment: id(i), value: b.hg, unit: heatUnit })),
      ...(ec.length > 0 && { "EC_PJ,i,p": ec }),
      ...(top.length > 0 && { "t_op,i,p": top }),
    },
  };
}

/** The exact unrounded ER (from the trace, as an independent fraction). */
const erOf = (p: Plant) => exactOf(calculate(mnAm002HeatOnlyBoiler, documentOf(p))).ER;
const withEfficiency = (p: Plant, k: number, key: "re" | "pj", value: string): Plant => ({
  ...p,
  boilers: p.boilers.map((b, i) => (i === k ? { ...b, [key]: value } : b)),
});
const figuresOf = (r: CalculationResult) => ({
  RE: r.referenceEmissions,
  PE: r.projectEmissions,
  ER: r.emissionReductionsUnrounded,
  ERr: r.emissionReductions,
  figures: r.figures,
});

describe("JCM_MN_AM002 properties", () => {
  it("ER strictly increases with η_PJ,i (HG_PJ,i,p > 0, EF_coal > 0)", () => {
    fc.assert(
      fc.property(plant, fc.nat(), efficiency, efficiency, (p, k, a, b) => {
        fc.pre(a !== b);
        const i = k % p.boilers.length;
        const [lo, hi] = new Decimal(a).lt(b) ? [a, b] : [b, a];
        expect(cmp(erOf(withEfficiency(p, i, "pj", lo)), erOf(withEfficiency(p, i, "pj", hi)))).toBe(-1);
      }),
    );
  });

  it("ER strictly decreases with η_RE,i (HG_PJ,i,p > 0, EF_coal > 0)", () => {
    fc.assert(
      fc.property(plant, fc.nat(), efficiency, efficiency, (p, k, a, b) => {
        fc.pre(a !== b);
        const i = k % p.boilers.length;
        const [lo, hi] = new Decimal(a).lt(b) ? [a, b] : [b, a];
        expect(cmp(erOf(withEfficiency(p, i, "re", lo)), erOf(withEfficiency(p, i, "re", hi)))).toBe(1);
      }),
    );
  });

  it("heat given in Gcal and the same heat in GJ give the same figures, exactly", () => {
    fc.assert(
      fc.property(plant, (p) => {
        const gcal = calculate(mnAm002HeatOnlyBoiler, documentOf(p, "Gcal"));
        const gj = calculate(
          mnAm002HeatOnlyBoiler,
          documentOf({
            ...p,
            boilers: p.boilers.map((b) => ({ ...b, hg: toCanonicalString(new Decimal(b.hg).times("4.1868")) })),
          }),
        );
        expect(gcal.referenceEmissions).toBe(gj.referenceEmissions);
        expect(gcal.projectEmissions).toBe(gj.projectEmissions);
        expect(gcal.emissionReductionsUnrounded).toBe(gj.emissionReductionsUnrounded);
        expect(gcal.figures.HG_p!.value).toBe(gj.figures.HG_p!.value);
        expect(exactOf(gcal)).toEqual(exactOf(gj));
      }),
    );
  });

  it("the boilers' order in fixed and in monitored does not change the figures", () => {
    const shuffled = plant.chain((p) =>
      fc.record({
        p: fc.constant(p),
        fixedOrder: fc.shuffledSubarray([...p.boilers.keys()], {
          minLength: p.boilers.length,
          maxLength: p.boilers.length,
        }),
        monitoredOrder: fc.shuffledSubarray([...p.boilers.keys()], {
          minLength: p.boilers.length,
          maxLength: p.boilers.length,
        }),
      }),
    );
    fc.assert(
      fc.property(shuffled, ({ p, fixedOrder, monitoredOrder }) => {
        const doc = documentOf(p);
        const reordered = documentOf(p);
        reordered.fixed.boilers = fixedOrder.map((i) => doc.fixed.boilers[i]!);
        const order = (entries: Entry[] | undefined) =>
          entries &&
          monitoredOrder
            .map((i) => entries.find((e) => e.equipment === `HOB-${i + 1}`))
            .filter((e): e is Entry => e !== undefined);
        reordered.monitored["HG_PJ,i,p"] = order(doc.monitored["HG_PJ,i,p"])!;
        if (doc.monitored["EC_PJ,i,p"]) reordered.monitored["EC_PJ,i,p"] = order(doc.monitored["EC_PJ,i,p"])!;
        if (doc.monitored["t_op,i,p"]) reordered.monitored["t_op,i,p"] = order(doc.monitored["t_op,i,p"])!;
        expect(figuresOf(calculate(mnAm002HeatOnlyBoiler, reordered))).toEqual(
          figuresOf(calculate(mnAm002HeatOnlyBoiler, doc)),
        );
      }),
    );
  });

  it("ER unrounded = RE − PE exactly (the trace's exact values), and ER = max(0, ⌊RE − PE⌋)", () => {
    fc.assert(
      fc.property(plant, (p) => {
        expectExactResult(calculate(mnAm002HeatOnlyBoiler, documentOf(p)));
      }),
    );
  });

  it("every trace input appears as a token of its step's expression", () => {
    fc.assert(
      fc.property(plant, (p) => {
        for (const s of calculate(mnAm002HeatOnlyBoiler, documentOf(p)).trace) {
          const tokens = new Set(s.expression.split(/[\s()⌊⌋]+/));
          for (const key of Object.keys(s.inputs)) expect(tokens.has(key), `${key} in "${s.expression}"`).toBe(true);
        }
      }),
    );
  });
});

rejectedThroughApi.checkThroughCli();
