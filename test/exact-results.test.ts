/**
 * Exact to the tonne through the public verbs (architecture §5): printing of non-terminating
 * figures, `verify` against the exact values, project totals, and the too-many-digits bound.
 */
import { describe, expect, it } from "vitest";
import { run } from "../src/cli/run.js";
import { MrvValidationError } from "../src/core/errors.js";
import { calculateDocument, calculateProject, verify } from "../src/entries/index.js";
import { dec, div, print, sub } from "./helpers/fraction.js";

const period = { start: "2023-01-01", end: "2023-03-31" };
/** Solar PV: 2 GJ × 1.2 tCO2/MWh = 2/3 t exactly (0.666…, which does not terminate). */
const twoThirds = (start = "2023-01-01", end = "2023-03-31") => ({
  methodology: { id: "JCM_MN_AM003", version: "02.0" },
  project: { reference: "EXACT" },
  period: { start, end },
  fixed: { EF_RE: "1.2" },
  monitored: { "EG_i,p": [{ equipment: "PV-1", value: "2", unit: "GJ" }] },
});

describe("printed figures (architecture §5)", () => {
  it("a non-terminating figure prints rounded toward −∞ at 34 significant digits; its trace step carries n/d", () => {
    const r = calculateDocument(twoThirds());
    expect(r.referenceEmissions).toBe(`0.${"6".repeat(34)}`);
    expect(r.emissionReductionsUnrounded).toBe(`0.${"6".repeat(34)}`);
    expect(r.emissionReductions).toBe("0");
    expect(r.trace.find((s) => s.symbol === "RE_p")).toMatchObject({ exact: "2/3" });
    expect(r.trace.find((s) => s.symbol === "EG_p")).toMatchObject({ value: `0.${"5".repeat(34)}`, exact: "5/9" });
    expect(r.trace.find((s) => s.symbol === "PE_p")).not.toHaveProperty("exact");
    expect(r.parameters.find((p) => p.symbol === "EG_i,p[PV-1]")).toMatchObject({
      value: `0.${"5".repeat(34)}`,
      given: { value: "2", unit: "GJ" },
    });
  });

  it("a negative non-terminating ER prints toward −∞ too, and is credited 0", () => {
    const r = calculateDocument({
      methodology: { id: "JCM_ID_AM002", version: "02.0" },
      period,
      fixed: { EF_elec: "1", chillers: [{ equipment: "CH-1", "COP_RE,i": "3", "COP_PJ,tc,i": "2" }] },
      monitored: { "EC_PJ,i,p": [{ equipment: "CH-1", value: "1" }] },
    });
    // RE = 2/3, PE = 1: ER = −1/3
    expect(r.emissionReductionsUnrounded).toBe(`-0.${"3".repeat(33)}4`);
    expect(r.emissionReductions).toBe("0");
    expect(r.warnings.some((w) => w.code === "negative-reductions")).toBe(true);
  });
});

describe("verify compares with the exact value, never its printed 34 digits (architecture §5, §7)", () => {
  it("0.666…7 at 34 places matches 2/3 although the printed figure ends in 6", () => {
    const reported = `0.${"6".repeat(33)}7`;
    const v = verify({ ...twoThirds(), reported: { RE_p: reported, EG_p: "0.56", ER_p: "0" } });
    expect(v.ok).toBe(true);
    const check = v.checks.find((c) => c.symbol === "RE_p")!;
    expect(check).toMatchObject({ status: "match", recomputed: `0.${"6".repeat(34)}` });
    // difference = reported − 2/3 = 1/(3 × 10^34), exactly, printed by the same rule
    expect(check.difference).toBe(print(sub(dec(reported), div(dec("2"), dec("3")))));
    expect(check.difference).toBe(`0.${"0".repeat(34)}${"3".repeat(34)}`);
  });

  it("rounding half away from zero of the exact value decides: 0.67 and 1 match, 0.66 does not", () => {
    const at = (RE_p: string) => verify({ ...twoThirds(), reported: { RE_p } });
    expect(at("0.67").ok).toBe(true);
    expect(at("1").ok).toBe(true);
    expect(at("0.7").ok).toBe(true);
    const miss = at("0.66");
    expect(miss.ok).toBe(false);
    expect(miss.checks[0]!.difference).toBe(print(sub(dec("0.66"), div(dec("2"), dec("3")))));
  });

  it("ER_p is compared with ⌊exact⌋: the issue's boiler reports 1386 and matches", () => {
    const v = verify({
      methodology: { id: "JCM_MN_AM002", version: "01.0" },
      period,
      fixed: {
        EF_coal: "0.099",
        boilers: [
          { equipment: "HOB-1", "η_RE,i": "0.7", "η_PJ,i": "0.9" },
          { equipment: "HOB-2", "η_RE,i": "0.3", "η_PJ,i": "0.63" },
        ],
      },
      monitored: {
        "HG_PJ,i,p": [
          { equipment: "HOB-1", value: "17282", unit: "GJ" },
          { equipment: "HOB-2", value: "4876", unit: "GJ" },
        ],
      },
      reported: { ER_p: "1386", RE_p: "4053.25", PE_p: "2667.25" },
    });
    expect(v.checks.map((c) => [c.symbol, c.status])).toEqual([
      ["RE_p", "match"],
      ["PE_p", "match"],
      ["ER_p", "match"],
    ]);
  });
});

describe("project totals are sums of the exact values", () => {
  it("three periods of 2/3 t: RE total exactly 2, ER total 0 (each period floors to 0)", () => {
    const p = calculateProject([
      twoThirds("2023-01-01", "2023-03-31"),
      twoThirds("2023-04-01", "2023-06-30"),
      twoThirds("2023-07-01", "2023-09-30"),
    ]);
    // Summing the printed 0.666…6 three times would give 1.999…8.
    expect(p.totals.referenceEmissions).toBe("2");
    expect(p.totals.emissionReductionsUnrounded).toBe("2");
    expect(p.totals.emissionReductions).toBe("0");
  });
});

describe("bounded: an exact intermediate beyond 10,000 digits (architecture §5)", () => {
  /**
   * 130 boilers whose efficiencies have 99 significant digits each, every one a different prime-ish
   * numerator: Σ HG ÷ η needs a denominator of about 130 × 99 digits.
   */
  function hostile(boilers = 130) {
    let seed = 12345n;
    const digits = () => {
      seed = (seed * 6364136223846793005n + 1442695040888963407n) % 2n ** 64n;
      return `${seed}${seed * 7n}${seed * 13n}${seed * 31n}`.slice(0, 97);
    };
    const ids = Array.from({ length: boilers }, (_, i) => `HOB-${i}`);
    return {
      methodology: { id: "JCM_MN_AM002", version: "01.0" },
      period,
      fixed: {
        EF_coal: "0.099",
        boilers: ids.map((equipment) => ({ equipment, "η_RE,i": `0.4${digits()}1`, "η_PJ,i": `0.8${digits()}3` })),
      },
      monitored: { "HG_PJ,i,p": ids.map((equipment) => ({ equipment, value: "1000", unit: "GJ" })) },
    };
  }

  it("stops with too-many-digits naming the equation, as a validation error (not an internal one)", () => {
    const started = Date.now();
    let caught: unknown;
    try {
      calculateDocument(hostile());
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(MrvValidationError);
    const issue = (caught as MrvValidationError).issues[0]!;
    expect(issue).toMatchObject({ code: "too-many-digits", symbol: "RE_p" });
    expect(issue.message).toContain("equation (1)");
    expect(issue.message).toContain("10,000 digits");
    expect(Date.now() - started).toBeLessThan(20_000);
  }, 30_000);

  it("the CLI exits 2 with the same issue", async () => {
    let stdout = "";
    let stderr = "";
    const code = await run(["calculate", "doc.json", "--format", "json"], {
      stdout: (t) => (stdout += t),
      stderr: (t) => (stderr += t),
      loadDocument: async () => JSON.stringify(hostile()),
      writeFile: () => undefined,
    });
    expect(code).toBe(2);
    expect(`${stdout}${stderr}`).toContain("too-many-digits");
  }, 30_000);

  it("the same boilers, fewer of them, calculate exactly", () => {
    const r = calculateDocument(hostile(20));
    expect(r.trace.find((s) => s.symbol === "RE_p")!.exact!.length).toBeGreaterThan(1900);
    const RE = r.trace.find((s) => s.symbol === "RE_p")!;
    const [n, d] = RE.exact!.split("/");
    expect(RE.value).toBe(print(div(dec(n!), dec(d!))));
  }, 30_000);
});
