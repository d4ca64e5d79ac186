import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import defaultExport, { draftKhRiceHuskStirling } from "../../methodologies/draft-kh-rice-husk-stirling/index.js";
import { Decimal, toCanonicalString } from "../../src/core/decimal.js";
import { type Issue, MrvValidationError } from "../../src/core/errors.js";
import { FUEL_NAMES } from "../../src/core/ipcc-fuels.js";
import { calculate } from "../../src/entries/core.js";
import { defineMethodology } from "../../src/methodology/define.js";
import { collectRejections } from "../helpers/cli-rejects.js";
import { exactOf } from "../helpers/exact-result.js";
import { expectMatches, LOCAL_EXAMPLES } from "../helpers/examples.js";
import { dec, frac, mul, print } from "../helpers/fraction.js";

const module = draftKhRiceHuskStirling;
const DRAFT = "not an approved JCM methodology: results are indicative and cannot support credit issuance";

type Json = Record<string, unknown>;
function doc(fixed: Json = {}, monitored: Json = { "EG_net,p": "100" }): Json {
  return {
    methodology: { id: "DRAFT_KH_RICE_HUSK_STIRLING", version: "0.1" },
    project: { hostCountry: "KH" },
    period: { start: "2024-01-01", end: "2024-06-30" },
    fixed,
    monitored,
  };
}

const rejectedThroughApi = collectRejections("DRAFT_KH_RICE_HUSK_STIRLING");

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

/** Decimal strings with up to 12 integer and 6 fraction digits. */
const decimalText = fc
  .tuple(fc.bigInt({ min: 0n, max: 10n ** 18n - 1n }), fc.integer({ min: 0, max: 6 }))
  .map(([digits, scale]) => toCanonicalString(new Decimal(`${digits}e-${scale}`)));
const positiveText = decimalText.filter((t) => t !== "0");

describe("DRAFT_KH_RICE_HUSK_STIRLING: module", () => {
  it("is a draft with the spec's identity", () => {
    expect(defaultExport).toBe(module);
    expect(module).toMatchObject({
      id: "DRAFT_KH_RICE_HUSK_STIRLING",
      version: "0.1",
      status: "draft",
      hostCountry: "KH",
      sectoralScope: "1 (energy industries, renewable)",
      emissionReductionsEquation: "(4)",
    });
    expect([...module.reportable]).toEqual(["RE_p", "PE_p", "ER_p", "EG_net,p"]);
    expect(module.card.notes).toMatch(/Why a draft.*No Joint Committee has approved/);
    for (const source of ["IPCC 2006", "jcm-rules"]) expect(module.card.notes).toContain(source);
  });

  it("a module with status draft whose id lacks DRAFT_ is refused by defineMethodology", () => {
    expect(() => defineMethodology({ ...module, id: "KH_RICE_HUSK_STIRLING" })).toThrow(/must start with DRAFT_/);
  });
});

describe("DRAFT_KH_RICE_HUSK_STIRLING: the shared worked example", () => {
  const text = readFileSync(new URL("draft-kh-rice-husk-stirling.json", LOCAL_EXAMPLES), "utf8");
  const expected = JSON.parse(
    readFileSync(new URL("draft-kh-rice-husk-stirling.expected.json", LOCAL_EXAMPLES), "utf8"),
  ) as Json;
  const result = calculate(module, text);

  it("reproduces RE 206.9106, PE 3.886608, ER 203.023992 → 203 to the digit", () => {
    expectMatches(result, expected);
    expect(result.referenceEmissions).toBe("206.9106");
    expect(result.projectEmissions).toBe("3.886608");
    expect(result.emissionReductionsUnrounded).toBe("203.023992");
    expect(result.emissionReductions).toBe("203");
    expect(result.methodology.status).toBe("draft");
    expect(result.figures["EG_net,p"]).toEqual({ value: "388.2", unit: "MWh" });
  });

  it("warns that it is a draft and that unverified IPCC upper bounds were used", () => {
    const messages = result.warnings.map((w) => w.message);
    expect(messages.some((m) => m.includes(DRAFT))).toBe(true);
    const ipcc = messages.filter(
      (m) => m.includes("IPCC upper bound") && m.includes("unverified") && m.includes("gas/diesel oil"),
    );
    expect(ipcc).toHaveLength(2);
    expect(ipcc.some((m) => m.includes("NCV") && m.includes("43.3"))).toBe(true);
    expect(ipcc.some((m) => m.includes("CO2 emission factor") && m.includes("0.0748"))).toBe(true);
  });

  it("traces every step and records the IPCC values used with source and status", () => {
    expect(result.trace.map((s) => s.symbol)).toEqual([
      "EG_net,p",
      "RE_p",
      "FC_f,p[gas/diesel oil]",
      "PE_fuel,p",
      "PE_p",
      "ER_p",
      "ER_p",
    ]);
    expect(result.parameters).toContainEqual(
      expect.objectContaining({
        symbol: "NCV_f[gas/diesel oil]",
        value: "43.3",
        unit: "GJ/t",
        status: "unverified",
        source: expect.stringContaining("Table 1.2"),
      }),
    );
    expect(result.parameters).toContainEqual(
      expect.objectContaining({
        symbol: "EF_CO2,f[gas/diesel oil]",
        value: "0.0748",
        unit: "tCO2/GJ",
        status: "unverified",
      }),
    );
    expect(result.parameters).toContainEqual(
      expect.objectContaining({ symbol: "EC_aux,p", value: "22.3", given: { value: "22300", unit: "kWh" } }),
    );
  });
});

describe("DRAFT_KH_RICE_HUSK_STIRLING: calculation", () => {
  it("takes net generation metered directly (EG_net,p), EF_RE defaulting to the verified 0.533", () => {
    const result = calculate(module, doc({}, { "EG_net,p": "388.2" }));
    expect(result.referenceEmissions).toBe("206.9106");
    expect(result.projectEmissions).toBe("0");
    expect(result.parameters).toContainEqual(
      expect.objectContaining({
        symbol: "EF_RE",
        value: "0.533",
        status: "verified",
        source: expect.stringContaining("IGES"),
      }),
    );
    expect(result.warnings.map((w) => w.code)).toEqual(["draft-methodology"]);
  });

  it("uses another EF_RE only with a justification, recording it and warning with both values", () => {
    const result = calculate(
      module,
      doc(
        { EF_RE: "0.8", EF_RE_justification: "diesel genset nameplate efficiency documented in the PDD" },
        { "EG_net,p": "100" },
      ),
    );
    expect(result.referenceEmissions).toBe("80");
    expect(result.parameters).toContainEqual(expect.objectContaining({ symbol: "EF_RE", value: "0.8" }));
    const warning = result.warnings.find((w) => w.symbol === "EF_RE");
    expect(warning?.message).toContain("0.8");
    expect(warning?.message).toContain("0.533");
    expect(warning?.message).toContain("nameplate");
  });

  it("EF_RE other than 0.533 without EF_RE_justification is an error", () => {
    expect(issuesOf(doc({ EF_RE: "0.8" }))).toContainEqual(
      expect.objectContaining({ path: "fixed.EF_RE_justification", symbol: "EF_RE_justification" }),
    );
  });

  it("EF_RE_justification with EF_RE 0.533 or absent is an error", () => {
    for (const fixed of [{ EF_RE_justification: "x" }, { EF_RE: "0.533", EF_RE_justification: "x" }]) {
      expect(issuesOf(doc(fixed))).toContainEqual(
        expect.objectContaining({
          path: "fixed.EF_RE_justification",
          symbol: "EF_RE_justification",
          code: "not-applicable",
        }),
      );
    }
  });

  it("counts imported electricity with EF_grid in PE_p (3)", () => {
    const result = calculate(
      module,
      doc({ EF_grid: "0.6" }, { "EG_net,p": "100", "EC_grid,p": { value: "2500", unit: "kWh" } }),
    );
    expect(result.projectEmissions).toBe("1.5");
    expect(result.trace.find((s) => s.symbol === "PE_p")).toMatchObject({
      expression: "PE_fuel,p + EC_grid,p × EF_grid",
      value: "1.5",
    });
  });

  it("reads a fuel volume with the fuel's density", () => {
    const result = calculate(
      module,
      doc(
        {
          fuels: [
            { fuel: "gas/diesel oil", density: { value: "0.84", unit: "kg/L" }, NCV_f: "43", "EF_CO2,f": "0.0741" },
          ],
        },
        { "EG_net,p": "100", "FC_f,p": [{ fuel: "gas/diesel oil", value: "500", unit: "L" }] },
      ),
    );
    // 0.5 kL × 0.84 t/kL × 43 × 0.0741
    expect(result.projectEmissions).toBe("1.338246");
    expect(result.warnings.map((w) => w.code)).toEqual(["draft-methodology"]);
  });

  it("warns when husk per kWh is outside 0.8–5 kg/kWh (t/MWh), and not inside", () => {
    const low = calculate(module, doc({}, { "EG_net,p": "100", BC_p: "50" }));
    expect(low.warnings.find((w) => w.code === "husk-consumption-implausible")?.message).toContain("0.5 kg/kWh");
    const high = calculate(module, doc({}, { "EG_net,p": "100", BC_p: { value: "600000", unit: "kg" } }));
    expect(high.warnings.some((w) => w.code === "husk-consumption-implausible" && w.message.includes("6 kg/kWh"))).toBe(
      true,
    );
    // Husk burned but no net generation: no ratio to show, and no "undefined" in the text.
    const none = calculate(module, doc({}, { "EG_gross,p": "10", "EC_aux,p": "10", BC_p: "5" }));
    const message = none.warnings.find((w) => w.code === "husk-consumption-implausible")?.message;
    expect(message).toContain("BC_p ÷ EG_net,p = not defined (EG_net,p = 0: no net generation)");
    expect(message).not.toContain("undefined");
    for (const BC_p of ["80", "150", "500"]) {
      expect(
        calculate(module, doc({}, { "EG_net,p": "100", BC_p })).warnings.some(
          (w) => w.code === "husk-consumption-implausible",
        ),
      ).toBe(false);
    }
  });

  it("eligibility 5 follows the monitoring options of the generation quantities", () => {
    const metered = calculate(
      module,
      doc({}, { "EG_gross,p": { value: "10", option: "C" }, "EC_aux,p": { value: "1", option: "C" } }),
    );
    expect(metered.eligibility.find((c) => c.id === "5")?.result).toBe("met");
    const invoiced = calculate(module, doc({}, { "EG_net,p": { value: "10", option: "B" } }));
    expect(invoiced.eligibility.find((c) => c.id === "5")?.result).toBe("not-met");
    const unstated = calculate(
      module,
      doc({ declarations: { newBiomassPowerAtRiceMill: true, replacesOffGridCaptiveFossil: false } }),
    );
    expect(unstated.eligibility.map((c) => c.result)).toEqual([
      "met",
      "not-met",
      "not-assessed",
      "not-assessed",
      "not-assessed",
    ]);
  });
});

describe("DRAFT_KH_RICE_HUSK_STIRLING: bad input", () => {
  it("auxiliary consumption above gross generation", () => {
    expect(issuesOf(doc({}, { "EG_gross,p": "10", "EC_aux,p": "10.5" }))).toContainEqual(
      expect.objectContaining({ path: 'monitored["EC_aux,p"]', symbol: "EC_aux,p", code: "out-of-range" }),
    );
  });

  it("both EG_net,p and the gross/auxiliary pair given", () => {
    expect(issuesOf(doc({}, { "EG_net,p": "9", "EG_gross,p": "10", "EC_aux,p": "1" }))).toContainEqual(
      expect.objectContaining({ path: 'monitored["EG_net,p"]', symbol: "EG_net,p", code: "conflicting-keys" }),
    );
  });

  it("half a pair, or no net generation at all", () => {
    expect(issuesOf(doc({}, { "EG_gross,p": "10" }))).toContainEqual(
      expect.objectContaining({ path: 'monitored["EC_aux,p"]', symbol: "EC_aux,p", code: "missing" }),
    );
    expect(issuesOf(doc({}, {}))).toContainEqual(
      expect.objectContaining({ path: 'monitored["EG_net,p"]', symbol: "EG_net,p", code: "missing" }),
    );
  });

  it("imported electricity without EF_grid", () => {
    expect(issuesOf(doc({}, { "EG_net,p": "10", "EC_grid,p": "0.1" }))).toContainEqual(
      expect.objectContaining({ path: "fixed.EF_grid", symbol: "EF_grid", code: "missing" }),
    );
  });

  it("an unknown fuel name (the error lists the known ones)", () => {
    const issues = issuesOf(
      doc({ fuels: [{ fuel: "gas/diesel oil" }] }, { "EG_net,p": "10", "FC_f,p": [{ fuel: "diesel", value: "1" }] }),
    );
    const issue = issues.find((i) => i.path === 'monitored["FC_f,p"][0].fuel');
    expect(issue).toMatchObject({ symbol: "FC_f,p", code: "unknown-fuel" });
    for (const name of FUEL_NAMES) expect(issue!.message).toContain(`"${name}"`);
    const fixedSide = issuesOf(doc({ fuels: [{ fuel: "Diesel" }] }, { "EG_net,p": "10" })).find(
      (i) => i.path === "fixed.fuels[0].fuel",
    );
    expect(fixedSide?.symbol).toBe("fuels");
    for (const name of FUEL_NAMES) expect(fixedSide!.expected).toContain(`"${name}"`);
  });

  it("a volume of fuel without density", () => {
    const [issue] = issuesOf(
      doc(
        { fuels: [{ fuel: "gas/diesel oil" }] },
        { "EG_net,p": "10", "FC_f,p": [{ fuel: "gas/diesel oil", value: "200", unit: "L" }] },
      ),
    );
    expect(issue).toMatchObject({
      path: 'monitored["FC_f,p"][0].unit',
      symbol: "FC_f,p",
      code: "volume-without-density",
    });
    expect(issue!.message).toContain("gas/diesel oil");
    expect(issue!.message).toContain("density");
  });

  it("a fuel consumed without a fuels[] entry, and a fuels[] entry without consumption", () => {
    expect(issuesOf(doc({}, { "EG_net,p": "10", "FC_f,p": [{ fuel: "LPG", value: "1" }] }))).toContainEqual(
      expect.objectContaining({ path: 'monitored["FC_f,p"][0].fuel', symbol: "FC_f,p", code: "fuel-not-declared" }),
    );
    expect(issuesOf(doc({ fuels: [{ fuel: "LPG" }] }))).toContainEqual(
      expect.objectContaining({ path: "fixed.fuels[0].fuel", symbol: "fuels", code: "fuel-not-consumed" }),
    );
  });
});

describe("DRAFT_KH_RICE_HUSK_STIRLING: properties", () => {
  const efRe = fc.option(positiveText, { nil: undefined });
  const fixedFor = (EF_RE: string | undefined): Json =>
    EF_RE === undefined
      ? {}
      : new Decimal(EF_RE).eq("0.533")
        ? { EF_RE }
        : { EF_RE, EF_RE_justification: "documented in the PDD" };

  it("RE is linear in net generation, exactly", () => {
    fc.assert(
      fc.property(decimalText, fc.integer({ min: 0, max: 100000 }), efRe, (EG, k, EF_RE) => {
        const times = frac(BigInt(k));
        const one = calculate(module, doc(fixedFor(EF_RE), { "EG_net,p": EG }));
        const scaled = calculate(module, doc(fixedFor(EF_RE), { "EG_net,p": print(mul(dec(EG), times)) }));
        expect(print(exactOf(scaled).RE)).toBe(print(mul(exactOf(one).RE, times)));
      }),
      // Found in CI when this compared at 30 significant digits through 34-digit decimals: the
      // reference value was rounded twice (seed -1049780375).
      { examples: [["426958316829836528", 93563, "999999999999999999"]] },
    );
  });

  const fuelDoc = fc.record({
    fuels: fc.uniqueArray(
      fc.record({
        fuel: fc.constantFrom(...FUEL_NAMES),
        FC: decimalText,
        NCV: fc.option(positiveText, { nil: undefined }),
        EF: fc.option(positiveText, { nil: undefined }),
      }),
      { selector: (f) => f.fuel, maxLength: 4 },
    ),
    EC_grid: fc.option(decimalText, { nil: undefined }),
    EF_grid: decimalText,
    EG: decimalText,
  });
  type FuelDoc = {
    fuels: { fuel: string; FC: string; NCV?: string | undefined; EF?: string | undefined }[];
    EC_grid?: string | undefined;
    EF_grid: string;
    EG: string;
  };
  const build = (d: FuelDoc) =>
    doc(
      {
        ...(d.fuels.length > 0 && {
          fuels: d.fuels.map((f) => ({
            fuel: f.fuel,
            ...(f.NCV !== undefined && { NCV_f: f.NCV }),
            ...(f.EF !== undefined && { "EF_CO2,f": f.EF }),
          })),
        }),
        EF_grid: d.EF_grid,
      },
      {
        "EG_net,p": d.EG,
        ...(d.fuels.length > 0 && { "FC_f,p": d.fuels.map((f) => ({ fuel: f.fuel, value: f.FC })) }),
        ...(d.EC_grid !== undefined && { "EC_grid,p": d.EC_grid }),
      },
    );

  it("project emissions are never negative", () => {
    fc.assert(
      fc.property(fuelDoc, (d) => {
        expect(new Decimal(calculate(module, build(d)).projectEmissions).isNegative()).toBe(false);
      }),
    );
  });

  it("using only verified or supplied values yields no fuel warning", () => {
    fc.assert(
      fc.property(fuelDoc, (d) => {
        const supplied = { ...d, fuels: d.fuels.map((f) => ({ ...f, NCV: f.NCV ?? "40", EF: f.EF ?? "0.07" })) };
        const result = calculate(module, build(supplied));
        expect(result.warnings.filter((w) => w.code === "unverified-default")).toEqual([]);
        expect(result.parameters.filter((p) => p.status === "unverified")).toEqual([]);
      }),
    );
  });

  it("results always carry status draft and the draft warning", () => {
    fc.assert(
      fc.property(fuelDoc, (d) => {
        const result = calculate(module, build(d));
        expect(result.methodology.status).toBe("draft");
        expect(result.warnings.some((w) => w.message.includes(DRAFT))).toBe(true);
      }),
    );
  });
});

rejectedThroughApi.checkThroughCli();
