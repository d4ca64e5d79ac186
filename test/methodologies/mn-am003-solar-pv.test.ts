import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { mnAm003SolarPv as pvModule } from "../../methodologies/mn-am003-solar-pv/index.js";
import { run } from "../../src/cli/run.js";
import { Decimal } from "../../src/core/decimal.js";
import { MrvValidationError } from "../../src/core/errors.js";
import { calculate, safeCalculate } from "../../src/entries/core.js";
import { invalidPvCases, pvBase } from "../fixtures-invalid.js";
import { exactOf } from "../helpers/exact-result.js";
import { add, dec, mul, print } from "../helpers/fraction.js";

const doc = (fixed: Record<string, unknown>, entries: Record<string, unknown>[]) => ({
  ...pvBase(),
  fixed,
  monitored: { "EG_i,p": entries },
});

describe("JCM_MN_AM003 worked examples", () => {
  it("A: national grid, EG 14,182 MWh → RE 11,303.054, ER 11,303, EF_RE 0.797 with its source", async () => {
    const r = calculate(
      pvModule,
      doc({ connection: "national-grid" }, [{ equipment: "PV-1", value: "14182", unit: "MWh" }]),
    );
    expect(r.referenceEmissions).toBe("11303.054");
    expect(r.projectEmissions).toBe("0");
    expect(r.emissionReductions).toBe("11303");
    const ef = r.parameters.find((p) => p.symbol === "EF_RE")!;
    expect(ef).toMatchObject({ value: "0.797", unit: "tCO2/MWh", status: "verified", path: "fixed.EF_RE" });
    expect(ef.source).toMatch(/Mongolia/);
    expect(r.trace.map((s) => s.symbol)).toEqual(["EG_p", "RE_p", "PE_p", "ER_p", "ER_p"]);
    expect(r.trace.find((s) => s.symbol === "RE_p")).toMatchObject({
      equation: "(1)",
      inputs: { EG_p: "14182", EF_RE: "0.797" },
      value: "11303.054",
    });
    expect(r.figures.EG_p).toEqual({ value: "14182", unit: "MWh" });
  });

  it("B: two off-grid rooftops in kWh → 45.2105 MWh × 0.533 = 24.0971965, ER 24", async () => {
    const r = calculate(
      pvModule,
      doc({ connection: "off-grid" }, [
        { equipment: "roof-1", value: "3960", unit: "kWh" },
        { equipment: "roof-2", value: "41250.5", unit: "kWh" },
      ]),
    );
    expect(r.referenceEmissions).toBe("24.0971965");
    expect(r.emissionReductions).toBe("24");
    expect(r.figures.EG_p!.value).toBe("45.2105");
    expect(r.parameters.find((p) => p.symbol === "EG_i,p[roof-2]")).toMatchObject({
      value: "41.2505",
      unit: "MWh",
      given: { value: "41250.5", unit: "kWh" },
    });
  });

  it("C: EF_RE 1.0601 with national-grid → RE 15,034.3382 and a warning naming both values", async () => {
    const r = calculate(
      pvModule,
      doc({ connection: "national-grid", EF_RE: "1.0601" }, [{ equipment: "PV-1", value: "14182", unit: "MWh" }]),
    );
    expect(r.referenceEmissions).toBe("15034.3382");
    expect(r.emissionReductions).toBe("15034");
    const w = r.warnings.find((x) => x.code === "ef-override")!;
    expect(w.message).toContain("1.0601");
    expect(w.message).toContain("0.797");
  });

  it("EF_RE without connection is accepted with a warning that the case was not stated", async () => {
    const r = calculate(pvModule, doc({ EF_RE: "0.797" }, [{ equipment: "PV-1", value: "100", unit: "MWh" }]));
    expect(r.referenceEmissions).toBe("79.7");
    expect(r.warnings.map((w) => w.code)).toContain("connection-not-stated");
  });

  it("grid-and-captive uses 0.533", async () => {
    const r = calculate(
      pvModule,
      doc({ connection: "grid-and-captive" }, [{ equipment: "PV-1", value: "1000", unit: "MWh" }]),
    );
    expect(r.referenceEmissions).toBe("533");
  });

  it("neither connection nor EF_RE is an error at fixed.connection", async () => {
    const r = safeCalculate(pvModule, doc({}, [{ equipment: "PV-1", value: "1", unit: "MWh" }]));
    expect(r.success).toBe(false);
    if (!r.success)
      expect(r.error.issues[0]).toMatchObject({ path: "fixed.connection", symbol: "connection", code: "missing" });
  });

  it("eligibility: declarations and metering options", async () => {
    const r = calculate(
      pvModule,
      doc({ connection: "national-grid", declarations: { pvInstalledInMongolia: true, modulesCertified: false } }, [
        { equipment: "PV-1", value: "1", unit: "MWh", option: "C" },
        { equipment: "PV-2", value: "1", unit: "MWh", option: "C" },
      ]),
    );
    expect(r.eligibility.map((c) => c.result)).toEqual(["met", "not-met", "met"]);
    expect(r.warnings.some((w) => w.code === "ineligible")).toBe(true);
    const unstated = calculate(
      pvModule,
      doc({ connection: "national-grid" }, [
        { equipment: "PV-1", value: "1", unit: "MWh", option: "C" },
        { equipment: "PV-2", value: "1", unit: "MWh" },
      ]),
    );
    expect(unstated.eligibility.map((c) => c.result)).toEqual(["not-assessed", "not-assessed", "not-assessed"]);
    const invoiced = calculate(
      pvModule,
      doc({ connection: "national-grid" }, [{ equipment: "PV-1", value: "1", unit: "MWh", option: "B" }]),
    );
    expect(invoiced.eligibility[2]!.result).toBe("not-met");
  });

  it("a host country other than MN is a warning", async () => {
    const r = calculate(pvModule, {
      ...doc({ connection: "national-grid" }, [{ equipment: "PV-1", value: "1", unit: "MWh" }]),
      project: { hostCountry: "ID" },
    });
    expect(r.warnings.map((w) => w.code)).toContain("host-country");
  });
});

const decimalString = fc
  .tuple(fc.bigInt({ min: 0n, max: 10n ** 12n }), fc.integer({ min: 0, max: 6 }))
  .map(([n, scale]) => new Decimal(n.toString()).div(new Decimal(10).pow(scale)).toFixed());

describe("JCM_MN_AM003 properties", () => {
  it("emissionReductionsUnrounded = RE − PE exactly, and with f = ⌊RE − PE⌋: f ≤ unrounded < f + 1 and ER = max(0, f)", async () => {
    fc.assert(
      fc.property(
        fc.array(decimalString, { minLength: 1, maxLength: 5 }),
        fc.constantFrom("national-grid", "off-grid"),
        (values, connection) => {
          const r = calculate(
            pvModule,
            doc(
              { connection },
              values.map((value, i) => ({ equipment: `PV-${i}`, value, unit: "MWh" })),
            ),
          );
          const unrounded = new Decimal(r.emissionReductionsUnrounded);
          expect(unrounded.eq(new Decimal(r.referenceEmissions).minus(r.projectEmissions))).toBe(true);
          const f = unrounded.floor();
          expect(f.lte(unrounded) && unrounded.lt(f.plus(1))).toBe(true);
          expect(new Decimal(r.emissionReductions).eq(Decimal.max(0, f))).toBe(true);
        },
      ),
      { numRuns: 150 },
    );
  });

  it("scaling every reading by k scales RE by k, exactly", async () => {
    fc.assert(
      fc.property(fc.array(decimalString, { minLength: 1, maxLength: 4 }), decimalString, (values, k) => {
        const at = (scale: (value: string) => string) =>
          calculate(
            pvModule,
            doc(
              { connection: "national-grid" },
              values.map((value, i) => ({ equipment: `PV-${i}`, value: scale(value) })),
            ),
          );
        const base = exactOf(at((value) => value)).RE;
        const scaled = exactOf(at((value) => print(mul(dec(value), dec(k))))).RE;
        expect(print(scaled)).toBe(print(mul(base, dec(k))));
      }),
      { numRuns: 100 },
    );
  });

  it("JSON numbers and decimal strings give the same figures, numbers with a warning", async () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.integer({ min: 0, max: 10_000_000 }).map((n) => n / 1000),
          { minLength: 1, maxLength: 4 },
        ),
        (values) => {
          const asNumbers = calculate(
            pvModule,
            doc(
              { connection: "national-grid" },
              values.map((value, i) => ({ equipment: `PV-${i}`, value })),
            ),
          );
          const asStrings = calculate(
            pvModule,
            doc(
              { connection: "national-grid" },
              values.map((value, i) => ({ equipment: `PV-${i}`, value: String(value) })),
            ),
          );
          expect(asNumbers.referenceEmissions).toBe(asStrings.referenceEmissions);
          expect(asNumbers.warnings.filter((w) => w.code === "json-number")).toHaveLength(values.length);
          expect(asStrings.warnings.filter((w) => w.code === "json-number")).toHaveLength(0);
          expect(asNumbers.inputDigest).not.toBe(asStrings.inputDigest);
        },
      ),
      { numRuns: 100 },
    );
  });

  it("the order of the PV systems does not change the figures", async () => {
    fc.assert(
      fc.property(fc.array(decimalString, { minLength: 2, maxLength: 6 }), (values) => {
        const entries = values.map((value, i) => ({ equipment: `PV-${i}`, value }));
        const forward = calculate(pvModule, doc({ connection: "off-grid" }, entries));
        const backward = calculate(pvModule, doc({ connection: "off-grid" }, [...entries].reverse()));
        expect(backward.referenceEmissions).toBe(forward.referenceEmissions);
        expect(backward.emissionReductions).toBe(forward.emissionReductions);
      }),
      { numRuns: 100 },
    );
  });

  it("an hourly interval series split at a day boundary: readings, RE and the unrounded ER add up exactly; unclamped floors never exceed the whole", async () => {
    fc.assert(
      fc.property(fc.array(decimalString, { minLength: 48, maxLength: 48 }), (hourly) => {
        const readings = hourly.map((value, h) => ({
          at: new Date(Date.UTC(2023, 0, 1, h) - 8 * 3600_000).toISOString().replace(".000Z", "Z"),
          value,
        }));
        const series = (start: string, end: string) => ({
          ...doc({ connection: "national-grid" }, [
            { equipment: "inv", unit: "kWh", kind: "interval", interval: "PT1H", readings },
          ]),
          period: { start, end, timeZone: "+08:00" },
        });
        const whole = calculate(pvModule, series("2023-01-01", "2023-01-02"));
        const first = calculate(pvModule, series("2023-01-01", "2023-01-01"));
        const second = calculate(pvModule, series("2023-01-02", "2023-01-02"));
        // Exactly: figures and trace values read back as fractions (test/helpers/fraction.ts).
        expect(print(add(dec(first.figures.EG_p!.value), dec(second.figures.EG_p!.value)))).toBe(
          whole.figures.EG_p!.value,
        );
        const [a, b, both] = [exactOf(first), exactOf(second), exactOf(whole)];
        expect(print(add(a.RE, b.RE))).toBe(print(both.RE));
        expect(print(add(a.ER, b.ER))).toBe(print(both.ER));
        const floor = (r: typeof whole) => new Decimal(r.emissionReductionsUnrounded).floor();
        expect(floor(first).plus(floor(second)).lte(floor(whole))).toBe(true);
      }),
      { numRuns: 50 },
    );
  });
});

describe("JCM_MN_AM003 bad input: MrvValidationError from the API, exit 2 from the CLI, path and symbol named", () => {
  for (const c of invalidPvCases) {
    it(c.name, async () => {
      let error: unknown;
      try {
        calculate(pvModule, c.text);
      } catch (e) {
        error = e;
      }
      if (c.code === "unknown-methodology" || c.code === "unknown-version") {
        // The module was handed explicitly: the mismatch is named; the registry lookup is tested through the CLI.
        expect(error).toBeInstanceOf(MrvValidationError);
      } else {
        expect(error).toBeInstanceOf(MrvValidationError);
        const issues = (error as MrvValidationError).issues;
        const issue = issues.find((i) => i.path === c.path);
        expect(issue, JSON.stringify(issues, null, 1)).toBeDefined();
        if (c.symbol) expect(issue!.symbol).toBe(c.symbol);
        if (c.code) expect(issue!.code).toBe(c.code);
        expect(issue!.message.length).toBeGreaterThan(5);
      }
      let stdout = "";
      let stderr = "";
      const code = await run(["calculate", "doc.json", "--format", "json"], {
        stdout: (t) => (stdout += t),
        stderr: (t) => (stderr += t),
        loadDocument: async () => c.text,
        writeFile: () => undefined,
      });
      expect(code).toBe(2);
      expect(stderr).toContain(c.path);
      const printed = JSON.parse(stdout) as { error: { issues: { path: string; symbol?: string; message: string }[] } };
      const cliIssue = printed.error.issues.find((i) => i.path === c.path)!;
      expect(cliIssue).toBeDefined();
      if (c.symbol) expect(cliIssue.symbol).toBe(c.symbol);
      expect(stdout).not.toMatch(/:\s*-?(NaN|Infinity)\b|undefined/);
    });
  }

  it("unknown id and version list the known ones", async () => {
    for (const c of invalidPvCases.filter((x) => x.code?.startsWith("unknown-m") || x.code === "unknown-version")) {
      let stderr = "";
      await run(["calculate", "doc.json"], {
        stdout: () => undefined,
        stderr: (t) => (stderr += t),
        loadDocument: async () => c.text,
        writeFile: () => undefined,
      });
      expect(stderr).toContain("02.0");
    }
  });

  it("every problem of a document is reported at once", async () => {
    const bad = {
      ...pvBase(),
      fixed: { connection: "mini-grid", EF_re: "1" },
      monitored: {
        "EG_i,p": [
          { equipment: "A", value: "-1" },
          { equipment: "B", value: "12,5" },
        ],
      },
    };
    const r = safeCalculate(pvModule, bad);
    expect(r.success).toBe(false);
    if (!r.success)
      expect(r.error.issues.map((i) => i.path).sort()).toEqual(
        ["fixed.EF_re", "fixed.connection", 'monitored["EG_i,p"][0].value', 'monitored["EG_i,p"][1].value'].sort(),
      );
  });

  it("the __proto__ key pollutes nothing", async () => {
    const c = invalidPvCases.find((x) => x.code === "forbidden-key")!;
    expect(() => calculate(pvModule, JSON.parse(c.text))).toThrow(MrvValidationError);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

// Regression: a cumulative register read "0" then "-0" was a step down, so with rolloverAt it was
// read as one full wrap: 1,000,000 MWh × 0.797 = 797,000 tCO2 credited for zero generation.
describe("a register read 0 then -0 generated nothing", () => {
  it("ER_p is 0, not 797,000 tCO2", () => {
    const result = calculate(
      {
        methodology: { id: "JCM_MN_AM003", version: "02.0" },
        period: { start: "2016-01-01", end: "2016-01-31", timeZone: "+08:00" },
        fixed: { connection: "national-grid" },
        monitored: {
          "EG_i,p": [
            {
              equipment: "export-meter",
              unit: "MWh",
              kind: "cumulative",
              rolloverAt: "1000000",
              readings: [
                { at: "2016-01-01T00:00:00+08:00", value: "0" },
                { at: "2016-02-01T00:00:00+08:00", value: "-0" },
              ],
            },
          ],
        },
      },
      { module: pvModule },
    );
    expect(result.figures.EG_p?.value).toBe("0");
    expect(result.referenceEmissions).toBe("0");
    expect(result.emissionReductions).toBe("0");
  });
});
