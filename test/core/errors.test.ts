import vm from "node:vm";
import { describe, expect, it, vi } from "vitest";
import { describeFound, formatIssue, type Issue, MrvError, MrvValidationError } from "../../src/core/errors.js";
import { formatPath } from "../../src/core/path.js";

const ERROR_BRAND = Symbol.for("jcm-mrv.MrvError");
const VALIDATION_BRAND = Symbol.for("jcm-mrv.MrvValidationError");

const issue: Issue = {
  path: 'monitored["EG_i,p"][2].value',
  symbol: "EG_i,p",
  code: "invalid-decimal",
  message: "not a decimal",
  expected: "a decimal string",
  found: '"12,5"',
};

describe("MrvError", () => {
  it("is an Error with a name and a code", () => {
    const error = new MrvError("something failed");
    expect(error).toBeInstanceOf(Error);
    expect(error).toBeInstanceOf(MrvError);
    expect(error).not.toBeInstanceOf(MrvValidationError);
    expect(error.name).toBe("MrvError");
    expect(error.code).toBe("mrv-error");
    expect(error.message).toBe("something failed");
    expect(new MrvError("x", "custom").code).toBe("custom");
  });

  it("a plain Error, or anything without the brand, is not an MrvError", () => {
    expect(new Error("x")).not.toBeInstanceOf(MrvError);
    expect({}).not.toBeInstanceOf(MrvError);
    for (const value of [null, undefined, 0, "MrvError", Symbol("x")])
      expect((value as unknown) instanceof MrvError).toBe(false);
    // The brand must be exactly `true`.
    expect({ [ERROR_BRAND]: "yes" } instanceof MrvError).toBe(false);
    expect({ [ERROR_BRAND]: 1 } instanceof MrvError).toBe(false);
  });
});

describe("MrvValidationError", () => {
  it("is an MrvValidationError, an MrvError and an Error, with code invalid-input", () => {
    const error = new MrvValidationError([issue]);
    expect(error).toBeInstanceOf(MrvValidationError);
    expect(error).toBeInstanceOf(MrvError);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe("MrvValidationError");
    expect(error.code).toBe("invalid-input");
    expect(error.stack).toBeTypeOf("string");
  });

  it("carries frozen copies of its issues", () => {
    const issues: Issue[] = [
      { ...issue },
      { path: "period.end", code: "end-before-start", message: "period end is before its start" },
    ];
    const error = new MrvValidationError(issues);
    expect(error.issues).toEqual(issues);
    expect(Object.isFrozen(error.issues)).toBe(true);
    for (const item of error.issues) expect(Object.isFrozen(item)).toBe(true);
    expect(error.issues).not.toBe(issues);
    expect(error.issues[0]).not.toBe(issues[0]);
    // Changing the caller's array or objects afterwards does not change the error.
    issues[0]!.message = "changed";
    issues.push({ path: "", code: "late", message: "late" });
    expect(error.issues).toHaveLength(2);
    expect(error.issues[0]!.message).toBe("not a decimal");
    // And the error's issues cannot be changed.
    expect(() => {
      (error.issues as Issue[]).push(issue);
    }).toThrow(TypeError);
    expect(() => {
      (error.issues[0] as { message: string }).message = "x";
    }).toThrow(TypeError);
  });

  it("the message counts the problems and lists each path with symbol, expected and found", () => {
    const error = new MrvValidationError([
      issue,
      { path: "period.end", code: "end-before-start", message: "period end is before its start" },
      { path: "", code: "invalid-type", message: "a monitoring document is a JSON object" },
    ]);
    expect(error.message).toContain("3 problems");
    expect(error.message).toContain(
      'monitored["EG_i,p"][2].value [EG_i,p]: not a decimal; expected a decimal string; found "12,5"',
    );
    expect(error.message).toContain("period.end: period end is before its start");
    expect(error.message).toContain("(document): a monitoring document is a JSON object");
    expect(new MrvValidationError([issue]).message).toContain("1 problem)");
  });

  it("the message lists the first 20 issues and counts the rest", () => {
    const issues = Array.from(
      { length: 25 },
      (_, i): Issue => ({ path: `monitored.x[${i}]`, code: "c", message: `problem ${i}` }),
    );
    const error = new MrvValidationError(issues);
    expect(error.issues).toHaveLength(25);
    expect(error.message).toContain("25 problems");
    expect(error.message).toContain("monitored.x[19]: problem 19");
    expect(error.message).not.toContain("monitored.x[20]");
    expect(error.message).toContain("5 more");
  });

  it("instanceof holds for an error from another copy of the module (a second evaluation of errors.ts)", async () => {
    vi.resetModules();
    const copy = await import("../../src/core/errors.js");
    expect(copy.MrvValidationError).not.toBe(MrvValidationError);
    const theirs = new copy.MrvValidationError([issue]);
    expect(theirs).toBeInstanceOf(MrvValidationError);
    expect(theirs).toBeInstanceOf(MrvError);
    expect(new copy.MrvError("x")).toBeInstanceOf(MrvError);
    expect(new copy.MrvError("x")).not.toBeInstanceOf(MrvValidationError);
    // …and the other way round.
    expect(new MrvValidationError([issue])).toBeInstanceOf(copy.MrvValidationError);
    expect(new MrvValidationError([issue])).toBeInstanceOf(copy.MrvError);
  });

  it("instanceof holds for an object carrying the registered brands (e.g. built by another copy of the class)", () => {
    const foreign = Object.create(Error.prototype) as object;
    Object.defineProperty(foreign, ERROR_BRAND, { value: true });
    Object.defineProperty(foreign, VALIDATION_BRAND, { value: true });
    expect(foreign).toBeInstanceOf(MrvValidationError);
    expect(foreign).toBeInstanceOf(MrvError);
    const bare = Object.create(null) as object;
    Object.defineProperty(bare, VALIDATION_BRAND, { value: true });
    expect(bare instanceof MrvValidationError).toBe(true);
    expect(bare instanceof MrvError).toBe(false);
  });

  it("instanceof holds across realms (an error branded inside a vm context)", () => {
    const foreign: unknown = vm.runInNewContext(`
      const e = new Error("from another realm");
      Object.defineProperty(e, Symbol.for("jcm-mrv.MrvError"), { value: true });
      Object.defineProperty(e, Symbol.for("jcm-mrv.MrvValidationError"), { value: true });
      e;
    `);
    expect(foreign instanceof MrvValidationError).toBe(true);
    expect(foreign instanceof MrvError).toBe(true);
    expect(foreign instanceof Error).toBe(false); // another realm's Error
  });
});

describe("formatIssue", () => {
  it("writes one line: path [symbol]: message; expected …; found …", () => {
    expect(formatIssue(issue)).toBe(
      'monitored["EG_i,p"][2].value [EG_i,p]: not a decimal; expected a decimal string; found "12,5"',
    );
    expect(formatIssue({ path: "period.end", code: "x", message: "m" })).toBe("period.end: m");
    expect(formatIssue({ path: "", code: "x", message: "m" })).toBe("(document): m");
    expect(formatIssue({ path: "a", code: "x", message: "m", found: "" })).toBe("a: m; found ");
  });
});

describe("describeFound", () => {
  it.each([
    [undefined, "nothing"],
    [null, "null"],
    ["12,5", '"12,5"'],
    ["", '""'],
    [12.5, "12.5"],
    [true, "true"],
    [{ value: "1" }, '{"value":"1"}'],
    [[1, 2], "[1,2]"],
  ])("%j → %s", (value, expected) => {
    expect(describeFound(value)).toBe(expected);
  });

  it("quotes at most 80 characters of a string, ending in … when cut (trust.md §2)", () => {
    const long = describeFound("x".repeat(200));
    expect(long).toBe(`"${"x".repeat(80)}…"`);
    expect(describeFound("x".repeat(80))).toBe(`"${"x".repeat(80)}"`); // exactly 80: kept whole
  });

  it("cuts anything else at 200 characters, ending in …", () => {
    const big = describeFound({ a: "x".repeat(70), b: "y".repeat(70), c: "z".repeat(70), d: 1 });
    expect(big).toHaveLength(200);
    expect(big.endsWith("…")).toBe(true);
    expect(describeFound(Array.from({ length: 1_000_000 }, () => 1))).toHaveLength(200);
  });

  it("never throws: BigInt, circular objects, functions and symbols", () => {
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    expect(describeFound(10n)).toBeTypeOf("string");
    expect(describeFound(circular)).toBeTypeOf("string");
    expect(describeFound(() => 1)).toBeTypeOf("string");
    expect(describeFound(Symbol("s"))).toBe("Symbol(s)");
    expect(describeFound(NaN)).toBe("null");
  });
});

describe("formatPath", () => {
  it.each<[(string | number)[], string]>([
    [[], ""],
    [["monitored", "EG_i,p", 2, "value"], 'monitored["EG_i,p"][2].value'],
    [["period", "end"], "period.end"],
    [["fixed", "EF_RE"], "fixed.EF_RE"],
    [["monitored", "HG_PJ,i,p", 0, "readings", 17, "at"], 'monitored["HG_PJ,i,p"][0].readings[17].at'],
    [["a.b"], '["a.b"]'],
    [["x", "a.b", "c"], 'x["a.b"].c'],
    [["x", ""], 'x[""]'],
    [["x", "2x"], 'x["2x"]'],
    [["x", 'say "hi"'], 'x["say \\"hi\\""]'],
    [["x", "η_RE,i"], 'x["η_RE,i"]'],
    [["$ok", "_ok"], "$ok._ok"],
    [[0, "value"], "[0].value"],
    [["EG_i,p"], '["EG_i,p"]'],
  ])("%j → %s", (path, expected) => {
    expect(formatPath(path)).toBe(expected);
  });
});
