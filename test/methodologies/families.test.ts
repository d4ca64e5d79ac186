import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bundledByFolder, registry } from "../../methodologies/index.js";
import { keAm002SolarPv } from "../../methodologies/ke-am002-solar-pv/index.js";
import { mmAm002Refrigerator } from "../../methodologies/mm-am002-refrigerator/index.js";
import { mnAm003SolarPv } from "../../methodologies/mn-am003-solar-pv/index.js";
import { mvAm001SolarPv } from "../../methodologies/mv-am001-solar-pv/index.js";
import { thAm001SolarPv } from "../../methodologies/th-am001-solar-pv/index.js";
import { thAm005CentrifugalChiller } from "../../methodologies/th-am005-centrifugal-chiller/index.js";
import { vnAm007SolarPv } from "../../methodologies/vn-am007-solar-pv/index.js";
import { MrvValidationError } from "../../src/core/errors.js";
import { Exact } from "../../src/core/exact.js";
import { roundHalfAwayFromZero } from "../../src/core/rounding.js";
import {
  type AnyMethodology,
  calculate,
  defineChillerMethodology,
  defineRefrigeratorMethodology,
  defineSolarPvMethodology,
  safeCalculate,
  toJsonSchema,
} from "../../src/entries/core.js";
import { renderCard } from "../../src/methodology/card.js";
import { loadExamples } from "../helpers/examples.js";

const SUMMARY_LEVEL = [
  mvAm001SolarPv,
  thAm001SolarPv,
  keAm002SolarPv,
  vnAm007SolarPv,
  mmAm002Refrigerator,
  thAm005CentrifugalChiller,
] as AnyMethodology[];

const example = (id: string) => {
  const found = loadExamples().find((e) => JSON.parse(e.text).methodology.id === id);
  if (!found) throw new Error(`no example for ${id}`);
  return JSON.parse(found.text) as {
    methodology: { id: string; version: string };
    fixed: Record<string, unknown>;
    monitored: Record<string, unknown>;
  } & Record<string, unknown>;
};
const issuesOf = (module: AnyMethodology, document: unknown) => {
  const outcome = safeCalculate(document, { module });
  if (outcome.success) throw new Error("expected the document to be refused");
  return outcome.error.issues;
};

describe("the family factories refuse what families.md rules out", () => {
  const solar = {
    id: "JCM_XX_AM001",
    version: "01.0",
    title: "Installation of Solar PV System",
    hostCountry: "XX",
    sectoralScope: "1 (energy industries)",
    status: "approved" as const,
    basis: "approved text",
    connections: {},
    defaults: {},
    sources: [{ id: "methodology", title: "JCM_XX_AM001 ver01.0, approved methodology", status: "verified" as const }],
  };

  it("an id without JCM_ or DRAFT_, in every factory", () => {
    expect(() => defineSolarPvMethodology({ ...solar, id: "XX_AM001" })).toThrow(/must start with JCM_ .* or DRAFT_/);
    expect(() => defineChillerMethodology({ ...solar, id: "AM005" })).toThrow(/defineChillerMethodology\(AM005\)/);
    expect(() => defineRefrigeratorMethodology({ ...solar, id: "MM_AM002" })).toThrow(/JCM_/);
  });

  it("an approved module without a source; a draft may have none (but needs DRAFT_)", () => {
    expect(() => defineSolarPvMethodology({ ...solar, sources: [] })).toThrow(/at least one source/);
    expect(() => defineRefrigeratorMethodology({ ...solar, sources: [] })).toThrow(/at least one source/);
    const draft = defineSolarPvMethodology({ ...solar, id: "DRAFT_XX_PV", status: "draft", sources: [] });
    expect(draft.status).toBe("draft");
    expect(() => defineSolarPvMethodology({ ...solar, status: "draft" })).toThrow(/must start with DRAFT_/);
  });

  it("a description for a symbol the module lacks, a default for a case it does not name, a repeated criterion id", () => {
    expect(() => defineSolarPvMethodology({ ...solar, descriptions: { "EC_PJ,i,p": "…" } })).toThrow(
      /descriptions names "EC_PJ,i,p"/,
    );
    expect(() =>
      defineSolarPvMethodology({
        ...solar,
        connections: { "off-grid": "no grid" },
        defaults: { EF_RE: { "national-grid": { value: "0.5", source: "x", status: "verified" } } as never },
      }),
    ).toThrow(/not in connections: national-grid/);
    expect(() =>
      defineSolarPvMethodology({
        ...solar,
        criteria: [
          { id: "1", text: "a", kind: "metered" },
          { id: "1", text: "b", kind: "declaration", declaration: "b" },
        ],
      }),
    ).toThrow(/repeat the id "1"/);
    expect(() =>
      defineRefrigeratorMethodology({ ...solar, criteria: [{ id: "1", text: "a", kind: "centrifugal" as never }] }),
    ).toThrow(/not one a refrigerator module evaluates/);
  });

  it("returns an ordinary frozen plug-in module with the family the factory names", () => {
    const m = defineRefrigeratorMethodology(solar);
    expect(Object.isFrozen(m)).toBe(true);
    expect(m).toMatchObject({ kind: "jcm-mrv/methodology", family: "refrigerator", basis: "approved text" });
    expect(m.standingWarnings ?? []).toEqual([]);
  });
});

describe("every module states its basis; summary level adds the summary-basis warning", () => {
  for (const module of registry.modules) {
    it(`${module.id}: the example's result carries methodology.basis "${module.basis}"`, () => {
      const result = calculate(example(module.id), { module });
      expect(result.methodology).toEqual({
        id: module.id,
        version: module.version,
        title: module.title,
        status: module.status,
        basis: module.basis,
      });
      const summaryWarnings = result.warnings.filter((w) => w.code === "summary-basis");
      if (module.basis === "summary")
        expect(summaryWarnings).toEqual([
          {
            code: "summary-basis",
            message: `equations follow the published summary of ${module.id} ver${module.version}; the approved text was not checked`,
          },
        ]);
      else expect(summaryWarnings).toEqual([]);
    });
  }

  it("summary-level modules: approved, no default factor, no criteria (the card says they were not seen), the summary as a verified source", () => {
    expect(SUMMARY_LEVEL.map((m) => m.id).sort()).toEqual(
      registry.modules
        .filter((m) => m.basis === "summary")
        .map((m) => m.id)
        .sort(),
    );
    for (const module of SUMMARY_LEVEL) {
      expect(module.status).toBe("approved");
      expect(module.sources[0]).toMatchObject({
        id: "summary",
        title: `${module.id} ver${module.version}, methodology summary on the JCM website`,
        status: "verified",
      });
      expect(module.sources.some((s) => s.title.includes("registered PDD, data and parameters fixed ex ante"))).toBe(
        true,
      );
      expect(calculate(example(module.id), { module }).eligibility).toEqual([]);
      const card = renderCard(module);
      expect(card).toContain("The eligibility criteria of the approved methodology were not seen");
      expect(card).toContain("Registered at **summary level**");
      const schema = JSON.stringify(toJsonSchema(module));
      expect(schema).not.toContain('"default"');
      expect(card).not.toMatch(/\| (verified|unverified|derived) \| (required|optional)/);
    }
  });
});

describe("a missing factor is an error naming the parameter and where the registered PDD states it", () => {
  const cases: [AnyMethodology, string][] = [
    [mvAm001SolarPv, "EF_RE"],
    [thAm001SolarPv, "EF_RE"],
    [keAm002SolarPv, "EF_RE"],
    [vnAm007SolarPv, "EF_RE"],
    [mmAm002Refrigerator, "EF_elec"],
    [thAm005CentrifugalChiller, "EF_elec"],
  ];
  for (const [module, symbol] of cases) {
    it(`${module.id} without ${symbol}`, () => {
      const doc = example(module.id);
      delete doc.fixed[symbol];
      const issues = issuesOf(module, doc);
      expect(issues).toHaveLength(1);
      expect(issues[0]).toMatchObject({ path: `fixed.${symbol}`, symbol, code: "missing", found: "nothing" });
      expect(issues[0]!.message).toBe(
        `${symbol} is required: ${module.id} ver${module.version} has no default for it; the registered PDD's "data and parameters fixed ex ante" states it`,
      );
    });
  }

  it("reported together with the document's other problems", () => {
    const doc = example("JCM_MM_AM002");
    delete doc.fixed.EF_elec;
    (doc.monitored["EC_PJ,i,p"] as { value: string }[])[0]!.value = "-1";
    const issues = issuesOf(mmAm002Refrigerator, doc);
    expect(issues.map((i) => i.path).sort()).toEqual(['monitored["EC_PJ,i,p"][0].value', "fixed.EF_elec"].sort());
  });

  it("JCM_TH_AM005: equation (4) without TD_cooling and TD_chilled is refused (no default), with them it warns that (4) is unverified", () => {
    const doc = example("JCM_TH_AM005");
    const { TD_cooling: _c, TD_chilled: _h, ...rest } = doc.fixed;
    const issues = issuesOf(thAm005CentrifugalChiller, { ...doc, fixed: rest });
    expect(issues.map((i) => [i.path, i.code])).toEqual([
      ["fixed.TD_cooling", "missing"],
      ["fixed.TD_chilled", "missing"],
    ]);
    expect(issues[0]!.message).toContain('"data and parameters fixed ex ante"');
    // COP_PJ,tc,i for every chiller: no TD needed.
    const chillers = (rest.chillers as Record<string, unknown>[]).map((c) => ({
      equipment: c.equipment,
      "COP_RE,i": c["COP_RE,i"],
      "COP_PJ,tc,i": "6",
    }));
    expect(
      calculate({ ...doc, fixed: { ...rest, chillers } }, { module: thAm005CentrifugalChiller }).warnings,
    ).toHaveLength(1);
    const result = calculate(doc, { module: thAm005CentrifugalChiller });
    const w = result.warnings.find((x) => x.code === "unverified-equation")!;
    expect(w.message).toContain("TD_cooling = 2 °C (given) and TD_chilled = 1 °C (given)");
    expect(result.parameters.find((p) => p.symbol === "TD_cooling")).toMatchObject({ value: "2" });
    expect(result.parameters.some((p) => p.status === "unverified")).toBe(false);
  });

  it("JCM_TH_AM005 has no Indonesian grid table: a grid lookup is refused; its card says captive power is not modelled", () => {
    const doc = example("JCM_TH_AM005");
    const issues = issuesOf(thAm005CentrifugalChiller, {
      ...doc,
      fixed: { ...doc.fixed, EF_elec: { grid: "Jamali", case: 1 } },
    });
    expect(issues[0]).toMatchObject({ path: "fixed.EF_elec.grid", symbol: "EF_elec" });
    expect(renderCard(thAm005CentrifugalChiller)).toContain("Not modelled: the summary also monitors");
    expect(renderCard(thAm005CentrifugalChiller)).toMatch(/captive power/);
  });
});

describe("connection cases (families.md): stated → recorded with the factor; absent → a warning", () => {
  it("JCM_TH_AM001: the stated case is recorded in EF_RE's source, which is the registered PDD", () => {
    const result = calculate(example("JCM_TH_AM001"), { module: thAm001SolarPv });
    expect(result.parameters.find((p) => p.symbol === "EF_RE")).toMatchObject({
      value: "0.5",
      source: 'registered PDD, "data and parameters fixed ex ante" (given by the document; connection "national-grid")',
    });
    expect(result.parameters.find((p) => p.symbol === "EF_RE")!.status).toBeUndefined();
  });

  it("JCM_VN_AM007 without its case: a warning naming the cases; an unknown case is refused", () => {
    const doc = example("JCM_VN_AM007");
    delete doc.fixed.connection;
    const result = calculate(doc, { module: vnAm007SolarPv });
    const w = result.warnings.find((x) => x.code === "connection-not-stated")!;
    expect(w).toMatchObject({ symbol: "EF_RE", path: "fixed.EF_RE" });
    expect(w.message).toContain('("national-grid" or "off-grid")');
    expect(result.parameters.find((p) => p.symbol === "EF_RE")!.source).toBe(
      'registered PDD, "data and parameters fixed ex ante" (given by the document)',
    );
    const issues = issuesOf(vnAm007SolarPv, { ...doc, fixed: { ...doc.fixed, connection: "grid-and-captive" } });
    expect(issues[0]).toMatchObject({ path: "fixed.connection" });
  });

  it("JCM_MV_AM001 and JCM_KE_AM002 name no case: connection is not a parameter, and no warning asks for one", () => {
    for (const module of [mvAm001SolarPv, keAm002SolarPv]) {
      const doc = example(module.id);
      expect(calculate(doc, { module }).warnings.map((w) => w.code)).toEqual(["summary-basis"]);
      expect(issuesOf(module, { ...doc, fixed: { ...doc.fixed, connection: "off-grid" } })[0]).toMatchObject({
        path: "fixed.connection",
      });
    }
  });

  it("JCM_VN_AM007's EG_i,p is the electricity consumed on site or sold, not gross generation", () => {
    expect(renderCard(vnAm007SolarPv)).toContain("consumed on site or sold to the power company");
    expect(renderCard(thAm001SolarPv)).toContain("AC electricity delivered by PV system i");
    expect(JSON.stringify(toJsonSchema(vnAm007SolarPv))).toContain("consumed on site or sold");
  });

  it("JCM_MN_AM003 keeps its defaults: no PDD source for its factors", () => {
    const result = calculate(example("JCM_MN_AM003"), { module: mnAm003SolarPv });
    expect(result.parameters.some((p) => p.source?.includes("registered PDD"))).toBe(false);
  });
});

describe("the COP-ratio factory takes connection cases and grid tables as data, for either member", () => {
  const spec = {
    id: "DRAFT_XX_COLD",
    version: "0.1",
    title: "Refrigerators (test)",
    hostCountry: "ID",
    sectoralScope: "3 (energy demand)",
    status: "draft" as const,
    basis: "test data",
    sources: [],
  };
  const doc = (fixed: Record<string, unknown>) => ({
    methodology: { id: "DRAFT_XX_COLD", version: "0.1" },
    period: { start: "2021-01-01", end: "2021-12-31" },
    fixed: { refrigerators: [{ equipment: "R", "COP_PJ,i": "2", "COP_RE,i": "1.6" }], ...fixed },
    monitored: { "EC_PJ,i,p": [{ equipment: "R", value: "100" }] },
  });

  it("a grid table: EF_elec by lookup, recorded with the table's source and note", () => {
    const m = defineRefrigeratorMethodology({
      ...spec,
      connections: {},
      defaults: {
        EF_elec: {
          name: "test grid table",
          source: "a test table",
          note: "published for tests",
          factors: {
            North: {
              1: { value: "0.5", source: "a test table", status: "verified" },
              2: { value: "0.4", source: "a test table", status: "verified" },
            },
          },
        },
      },
    });
    const r = calculate(doc({ EF_elec: { grid: "North", case: 2 } }), { module: m });
    expect(r.referenceEmissions).toBe("50");
    expect(r.projectEmissions).toBe("40");
    expect(r.parameters.find((p) => p.symbol === "EF_elec")).toMatchObject({
      value: "0.4",
      source: "a test table, grid North case 2 (published for tests)",
      status: "verified",
    });
  });

  it("connection cases: the stated one recorded with EF_elec, an absent one warned about", () => {
    const m = defineRefrigeratorMethodology({
      ...spec,
      connections: { "national-grid": "grid only", "grid-and-captive": "grid and a captive generator" },
      defaults: {},
    });
    const stated = calculate(doc({ EF_elec: "0.5", connection: "grid-and-captive" }), { module: m });
    expect(stated.parameters.find((p) => p.symbol === "EF_elec")!.source).toContain('connection "grid-and-captive"');
    expect(stated.warnings.map((w) => w.code)).toEqual(["draft-methodology"]);
    const absent = calculate(doc({ EF_elec: "0.5" }), { module: m });
    expect(absent.warnings.map((w) => w.code)).toEqual(["draft-methodology", "connection-not-stated"]);
    expect(absent.warnings[1]!.message).toContain('("national-grid" or "grid-and-captive")');
  });
});

describe("JCM_MM_AM002: the published check of the ID_AM003 structure", () => {
  it("COP_PJ 1.63, COP_RE 1.32, 135 MWh → RE prints as 136, ER 25 (floored; rounding would give 26)", () => {
    const doc = example("JCM_MM_AM002");
    expect(doc.fixed.refrigerators).toEqual([{ equipment: "R-1", "COP_PJ,i": "1.63", "COP_RE,i": "1.32" }]);
    const result = calculate(doc, { module: mmAm002Refrigerator });
    expect(roundHalfAwayFromZero(Exact.from(result.referenceEmissions), 0).toString()).toBe("136");
    expect(result.emissionReductions).toBe("25");
    expect(roundHalfAwayFromZero(Exact.from(result.emissionReductionsUnrounded), 0).toString()).toBe("26");
    expect(result.figures["EC_PJ,p"]).toEqual({ value: "135", unit: "MWh" });
    // The example states and explains its factor.
    const ef = doc.fixed.EF_elec as { value: string; note: string };
    expect(ef.value).toBe("0.8158");
    expect(ef.note).toMatch(/^derived, not published: 136 ÷ \(135 × 1\.63 ÷ 1\.32\)/);
  });

  it("any EF_elec that makes RE round to 136 gives ER 25 (jcm-rules §2)", () => {
    const doc = example("JCM_MM_AM002");
    // 135 × 1.63 ÷ 1.32 × EF ∈ [135.5, 136.5) ⇔ EF ∈ [0.81282, 0.81881): four-place factors 0.8129 … 0.8188.
    fc.assert(
      fc.property(fc.integer({ min: 8129, max: 8188 }), (n) => {
        const EF_elec = `0.${n}`;
        const r = calculate({ ...doc, fixed: { ...doc.fixed, EF_elec } }, { module: mmAm002Refrigerator });
        expect(roundHalfAwayFromZero(Exact.from(r.referenceEmissions), 0).toString()).toBe("136");
        expect(r.emissionReductions).toBe("25");
      }),
      { numRuns: 60 },
    );
  });

  it("refrigerators join their consumption as the chillers do", () => {
    const doc = example("JCM_MM_AM002");
    const issues = issuesOf(mmAm002Refrigerator, {
      ...doc,
      monitored: { "EC_PJ,i,p": [{ equipment: "R-9", value: "1" }] },
    });
    expect(issues.map((i) => i.code).sort()).toEqual(["missing-entry", "unknown-id"]);
    expect(() => calculate({ ...doc, reported: { "EC_RE,p": "1" } }, { module: mmAm002Refrigerator })).toThrow(
      MrvValidationError,
    );
  });
});

describe("a country module is data", () => {
  it("the new folders hold only index.ts and the generated card", async () => {
    const { readdirSync } = await import("node:fs");
    for (const folder of [
      "mv-am001-solar-pv",
      "th-am001-solar-pv",
      "ke-am002-solar-pv",
      "vn-am007-solar-pv",
      "mm-am002-refrigerator",
      "th-am005-centrifugal-chiller",
    ]) {
      expect(folder in bundledByFolder).toBe(true);
      expect(readdirSync(new URL(`../../methodologies/${folder}/`, import.meta.url)).sort(), folder).toEqual([
        "README.md",
        "index.ts",
      ]);
    }
  });
});
