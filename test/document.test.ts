import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { mnAm003SolarPv } from "../methodologies/mn-am003-solar-pv/index.js";
import { readDocument } from "../src/cli/project.js";
import { formatIssue, MrvValidationError } from "../src/core/errors.js";
import { HandedOverDocument } from "../src/document/handed-over-document.js";
import { parseMonitoringDocument } from "../src/document/parse.js";
import { calculate } from "../src/entries/core.js";
import { loadCsvFiles } from "../src/node/load.js";
import { pvBase } from "./fixtures-invalid.js";

function issuesOf(run: () => unknown) {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(MrvValidationError);
    return (error as MrvValidationError).issues;
  }
  throw new Error("expected a validation error");
}

describe("parseMonitoringDocument", () => {
  it("accepts the envelope and keeps project strings unchanged", () => {
    const doc = parseMonitoringDocument(JSON.stringify(pvBase()));
    expect(doc.project).toEqual({ reference: "TEST-PV", hostCountry: "MN" });
    expect(doc.period.timeZone).toBe("+08:00");
  });

  it("rejects duplicate keys in JSON text, naming each", () => {
    const text =
      '{"methodology":{"id":"JCM_MN_AM003","version":"02.0"},"period":{"start":"2019-01-01","end":"2019-12-31"},"fixed":{"EF_RE":"1","EF_RE":"2"},"monitored":{}}';
    const issues = issuesOf(() => parseMonitoringDocument(text));
    expect(issues[0]).toMatchObject({ path: "fixed.EF_RE", code: "duplicate-key" });
  });

  it("rejects malformed JSON with line and column", () => {
    const issues = issuesOf(() => parseMonitoringDocument('{\n  "methodology": ,\n}'));
    expect(issues[0]!.code).toBe("malformed-json");
    expect(issues[0]!.message).toMatch(/line 2, column/);
  });

  it("rejects excessive nesting from text and from objects without overflowing the stack", () => {
    expect(issuesOf(() => parseMonitoringDocument("[".repeat(1_000_000)))[0]!.code).toBe("too-deep");
    let deep: unknown = {};
    for (let i = 0; i < 100; i++) deep = { a: deep };
    expect(issuesOf(() => parseMonitoringDocument({ ...pvBase(), project: deep }))[0]!.code).toBe("too-deep");
  });

  it("rejects __proto__ anywhere, even in project", () => {
    const text = JSON.stringify({ ...pvBase(), project: { X: "1" } }).replace('"X"', '"__proto__"');
    expect(issuesOf(() => parseMonitoringDocument(text))[0]).toMatchObject({
      path: "project.__proto__",
      code: "forbidden-key",
    });
  });

  it("rejects JSON numbers that binary64 cannot carry", () => {
    const text = JSON.stringify({ ...pvBase(), monitored: { "EG_i,p": [{ equipment: "A", value: 0 }] } }).replace(
      '"value":0',
      '"value":1e-400',
    );
    expect(issuesOf(() => parseMonitoringDocument(text))[0]!.code).toBe("number-out-of-range");
  });

  it("rejects unknown options and lists the allowed ones", () => {
    const issues = issuesOf(() => parseMonitoringDocument({ ...pvBase(), options: { rounding: "half-up" } }));
    expect(issues[0]).toMatchObject({ path: "options.rounding", code: "invalid-value" });
    expect(issues[0]!.expected).toContain("floor");
  });

  it("rejects reported figures that are not plain decimal strings", () => {
    const issues = issuesOf(() => parseMonitoringDocument({ ...pvBase(), reported: { RE_p: "1e3" } }));
    expect(issues[0]!.path).toBe("reported.RE_p");
  });

  it("rejects a document that is not an object, and non-JSON values", () => {
    expect(issuesOf(() => parseMonitoringDocument("[]"))[0]!.code).toBe("invalid-type");
    expect(issuesOf(() => parseMonitoringDocument({ ...pvBase(), project: { a: () => 1 } }))[0]!.code).toBe("not-json");
  });

  it("document keys named like Object.prototype members get plain issues (regression found by fuzzing)", () => {
    for (const key of ["valueOf", "toString", "hasOwnProperty"]) {
      const issues = issuesOf(() => parseMonitoringDocument({ ...pvBase(), project: { [key]: null } }));
      expect(issues[0]).toMatchObject({ path: `project.${key}`, code: "invalid-type", expected: "string" });
      for (const issue of issues) for (const value of Object.values(issue)) expect(typeof value).toBe("string");
    }
    // constructor, prototype and __proto__ are refused everywhere, project included (trust.md §4).
    const issues = issuesOf(() => parseMonitoringDocument({ ...pvBase(), project: { constructor: "x" } }));
    expect(issues).toEqual([expect.objectContaining({ path: "project.constructor", code: "forbidden-key" })]);
  });

  it("a period before 1900 is refused", () => {
    expect(
      issuesOf(() => parseMonitoringDocument({ ...pvBase(), period: { start: "0099-01-01", end: "2019-01-01" } })).some(
        (i) => i.path === "period.start",
      ),
    ).toBe(true);
  });
});

describe("inputDigest", () => {
  const shuffleKeys = (value: unknown, order: number[]): unknown => {
    if (Array.isArray(value)) return value.map((v) => shuffleKeys(v, order));
    if (typeof value !== "object" || value === null) return value;
    const keys = Object.keys(value);
    const rotated = keys.map((_, i) => keys[(i + (order[i % order.length] ?? 0)) % keys.length]!);
    const unique = [...new Set([...rotated, ...keys])];
    return Object.fromEntries(unique.map((k) => [k, shuffleKeys((value as Record<string, unknown>)[k], order)]));
  };

  it("is unchanged by key order and by the reported block", () => {
    const base = calculate(mnAm003SolarPv, pvBase()).inputDigest;
    expect(base).toMatch(/^sha256:[0-9a-f]{64}$/);
    fc.assert(
      fc.property(fc.array(fc.nat(7), { minLength: 1, maxLength: 5 }), (order) => {
        expect(calculate(mnAm003SolarPv, shuffleKeys(pvBase(), order)).inputDigest).toBe(base);
      }),
    );
    expect(
      calculate(mnAm003SolarPv, { ...pvBase(), reported: { RE_p: "11303", PE_p: "0", ER_p: "11303" } }).inputDigest,
    ).toBe(base);
  });

  it("changes with any value", () => {
    const base = calculate(mnAm003SolarPv, pvBase()).inputDigest;
    const changed = { ...pvBase(), project: { reference: "TEST-PV2", hostCountry: "MN" } };
    expect(calculate(mnAm003SolarPv, changed).inputDigest).not.toBe(base);
  });

  it("is the SHA-256 of the RFC 8785 text: a fixed document has a fixed digest", () => {
    // Independently computed with node:crypto over a hand-written sorted-key serialisation.
    expect(calculate(mnAm003SolarPv, pvBase()).inputDigest).toBe(
      "sha256:8a005ca9da072e6d2f13ee0e86243bf103087759815b5e125859a49c8887f972",
    );
  });
});

// Found by an attacker: null was "found object", and zod's type and value issues said what was
// expected twice ("wrong type: expected record; expected record", a 1,260-character list twice).
describe("issue texts say each thing once", () => {
  it("a null document is found null", () => {
    const [issue] = issuesOf(() => parseMonitoringDocument(null));
    expect(issue).toMatchObject({ code: "invalid-type", found: "null" });
  });

  it("a wrong type and a value outside a list name the expectation only in `expected`", () => {
    const wrongType = issuesOf(() => parseMonitoringDocument({ ...pvBase(), project: null }));
    const typeIssue = wrongType.find((i) => i.path === "project")!;
    expect(formatIssue(typeIssue).match(/expected/g)).toHaveLength(1);
    expect(typeIssue.found).toBe("null");
    const wrongValue = issuesOf(() =>
      calculate({ ...pvBase(), fixed: { connection: "toString" } }, { module: mnAm003SolarPv }),
    );
    const valueIssue = wrongValue.find((i) => i.path === "fixed.connection")!;
    expect(valueIssue.code).toBe("invalid-value");
    expect(valueIssue.expected).toContain('"national-grid"');
    expect(valueIssue.message).not.toContain("national-grid");
  });
});

describe("a document handed over once (the CLI)", () => {
  it("is read as the text or data itself would be, and the box is empty after: nothing else keeps it", () => {
    const text = JSON.stringify(pvBase());
    for (const document of [text, pvBase()]) {
      const box = new HandedOverDocument(document);
      expect(calculate(box, { module: mnAm003SolarPv })).toEqual(calculate(text, { module: mnAm003SolarPv }));
      expect(() => box.take()).toThrow(/taken already/);
    }
  });

  it("is what the CLI's reader hands the verbs, for a document read as text and for one loaded with its files", async () => {
    const text = JSON.stringify(pvBase());
    const read = await readDocument(async () => text, "pv.json", undefined);
    expect(read.document).toBeInstanceOf(HandedOverDocument);
    expect((read.document as HandedOverDocument).take()).toBe(text);
    const loaded = await loadCsvFiles(text);
    const fromLoader = await readDocument(async () => loaded, "pv.json", undefined);
    expect(fromLoader.document).toBeInstanceOf(HandedOverDocument);
    expect((fromLoader.document as HandedOverDocument).take()).toBe(loaded.document);
    expect(fromLoader.files).toBe(loaded.files);
  });
});
