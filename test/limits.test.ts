import { describe, expect, it } from "vitest";
import { mnAm003SolarPv } from "../methodologies/mn-am003-solar-pv/index.js";
import { MrvValidationError } from "../src/core/errors.js";
import { DOCUMENT_LIMITS, parseMonitoringDocument } from "../src/document/parse.js";
import { calculate } from "../src/entries/core.js";
import { pvBase } from "./fixtures-invalid.js";

function firstIssue(run: () => unknown) {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(MrvValidationError);
    return (error as MrvValidationError).issues[0]!;
  }
  throw new Error("expected MrvValidationError");
}

const eg = (value: unknown) => ({ ...pvBase(), monitored: { "EG_i,p": [{ equipment: "PV-1", value, unit: "MWh" }] } });

describe("limits of monitoring-document.md, each a clear error", () => {
  it("a document text over 256 MB is refused before it is parsed", () => {
    const text = " ".repeat(DOCUMENT_LIMITS.maxTextLength + 1);
    const issue = firstIssue(() => parseMonitoringDocument(text));
    expect(issue.code).toBe("too-large");
    expect(issue.expected).toContain(String(DOCUMENT_LIMITS.maxTextLength));
  });

  it("nesting deeper than 64 is refused; a JSON nesting bomb does not overflow the stack", () => {
    const nested = (depth: number) => `${'{"a":'.repeat(depth)}1${"}".repeat(depth)}`;
    const ok = `{"methodology":{"id":"JCM_MN_AM003","version":"02.0"},"period":{"start":"2019-01-01","end":"2019-12-31"},"project":{"x":"1"},"fixed":{"connection":"national-grid"},"monitored":{"EG_i,p":[{"equipment":"A","value":"1"}]},"junk":${nested(10)}}`;
    expect(firstIssue(() => parseMonitoringDocument(ok)).code).toBe("unknown-key");
    expect(firstIssue(() => parseMonitoringDocument(`{"a":${nested(64)}}`)).code).toBe("too-deep");
    expect(firstIssue(() => parseMonitoringDocument("[".repeat(5_000_000))).code).toBe("too-deep");
    expect(firstIssue(() => parseMonitoringDocument(`${'{"a":['.repeat(100_000)}`)).code).toBe("too-deep");
  });

  it("more than 2,000,000 inline readings are refused, naming the limit", () => {
    const reading = { at: "2019-01-01T00:00:00+08:00", value: "1" };
    const readings = new Array(DOCUMENT_LIMITS.maxInlineReadings + 1).fill(reading);
    const doc = { ...pvBase(), monitored: { "EG_i,p": [{ equipment: "A", unit: "kWh", kind: "interval", readings }] } };
    const issue = firstIssue(() => calculate(mnAm003SolarPv, doc));
    expect(issue.code).toBe("too-many-readings");
    expect(issue.message).toContain("CSV");
  });

  it("|exponent| > 1000 and magnitude ≥ 1e30 are out of range; 1e-1000 and 9.99e29 are fine", () => {
    for (const value of ["1e1001", "1e-1001", "1e30", "1000000000000000000000000000000", "1E99999999999999999999"]) {
      const issue = firstIssue(() => calculate(mnAm003SolarPv, eg(value)));
      expect(issue, value).toMatchObject({
        code: "out-of-range",
        path: 'monitored["EG_i,p"][0].value',
        symbol: "EG_i,p",
      });
    }
    expect(calculate(mnAm003SolarPv, eg("1e-1000")).referenceEmissions).toMatch(/^0\.0{1000}797$/);
    expect(calculate(mnAm003SolarPv, eg("9.99e29")).emissionReductions).toBe("796203000000000000000000000000");
  });

  it("JSON numbers that would turn into Infinity or 0 are refused, not rounded", () => {
    const text = JSON.stringify(eg(0)).replace('"value":0', '"value":1e400');
    expect(firstIssue(() => calculate(mnAm003SolarPv, text)).code).toBe("number-out-of-range");
    expect(firstIssue(() => calculate(mnAm003SolarPv, eg(Number.POSITIVE_INFINITY))).code).toBe("not-json");
    expect(firstIssue(() => calculate(mnAm003SolarPv, eg(Number.NaN))).code).toBe("not-json");
  });
});
