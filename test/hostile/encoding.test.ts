/**
 * Attacks on how text is read (trust.md §3–§4): digit bombs (a decimal of a million digits, or
 * `0.` + 1,000 zeros + `1`), lone surrogates that would give two different texts one digest,
 * invalid UTF-8 that a lenient decoder would silently replace, and the keys `__proto__`,
 * `constructor` and `prototype` at every level.
 */
import { describe, expect, it } from "vitest";
import { calculate, verify } from "../../src/entries/index.js";
import {
  builtCli,
  type Doc,
  expectCleanExit,
  expectSafeIssues,
  put,
  refusal,
  scratch,
  solar,
  timed,
} from "./attack.js";

const withValue = (value: unknown) => {
  const doc = solar();
  (doc.monitored["EG_i,p"] as Record<string, unknown>[])[0]!.value = value;
  return doc;
};

describe("digit bombs (at most 100 significant digits, exponent within ±1000 however written)", () => {
  it.each([
    ["a million significant digits", `1.${"7".repeat(1_000_000)}`, "out-of-range"],
    ["a million trailing zeros", `1.${"0".repeat(1_000_000)}`, "out-of-range"],
    ["0. + 1,000 zeros + 1 (1e-1001)", `0.${"0".repeat(1000)}1`, "out-of-range"],
    ["an exponent of a million digits", `1e${"9".repeat(1_000_000)}`, "out-of-range"],
    ["101 significant digits", `1.${"1".repeat(100)}`, "out-of-range"],
  ])("%s: refused at once", (_, value, code) => {
    const { value: error, seconds } = timed(() => refusal(() => calculate(withValue(value))));
    expect(seconds).toBeLessThan(10);
    expectSafeIssues(error.issues);
    expect(error.issues[0]).toMatchObject({ path: 'monitored["EG_i,p"][0].value', code });
  });

  it("the limits themselves are accepted: 100 significant digits, 1e-1000", () => {
    expect(calculate(withValue(`1.${"1".repeat(29)}`)).emissionReductions).toBe("0");
    expect(calculate(withValue(`0.${"0".repeat(999)}1`)).referenceEmissions).toMatch(/^0\.0{999}/);
  });

  it("a reported figure of a million digits is refused, not compared", () => {
    const doc = solar();
    doc.reported = { ...doc.reported, RE_p: `11303.${"0".repeat(1_000_000)}` };
    const error = refusal(() => verify(doc));
    expect(error.issues[0]).toMatchObject({ path: "reported.RE_p", code: "out-of-range" });
  });

  it("a reading of a million digits in a series is refused", () => {
    const doc = solar();
    doc.monitored["EG_i,p"] = [
      {
        equipment: "PV",
        unit: "kWh",
        kind: "interval",
        readings: [{ at: "2019-01-01T00:00:00+08:00", value: `0.${"0".repeat(1000)}5` }],
      },
    ];
    const error = refusal(() => calculate(doc));
    expect(error.issues[0]).toMatchObject({ code: "out-of-range" });
  });
});

describe("lone surrogates (lone-surrogate): never two texts with one digest", () => {
  it.each([
    [
      "a project value",
      (d: Doc & { project: Record<string, string> }) => (d.project.title = "a\ud800b"),
      "project.title",
    ],
    [
      "an equipment id",
      (d: Doc & { monitored: Doc }) => ((d.monitored["EG_i,p"] as Doc[])[0]!.equipment = "\udc00"),
      'monitored["EG_i,p"][0].equipment',
    ],
    [
      "a project key",
      (d: Doc & { project: Record<string, string> }) => (d.project["k\ud83d"] = "x"),
      'project["k\\ud83d"]',
    ],
  ])("in %s, as an object and as JSON text", (_, edit, path) => {
    const doc = solar();
    edit(doc as never);
    for (const input of [doc, JSON.stringify(doc)]) {
      const error = refusal(() => calculate(input));
      expectSafeIssues(error.issues);
      expect(error.issues).toEqual([expect.objectContaining({ path, code: "lone-surrogate" })]);
    }
  });

  it("the escape \\ud800 in JSON text is refused too; a real pair is fine", () => {
    const text = JSON.stringify(solar()).replace('"Hostile test plant"', '"\\ud800"');
    expect(refusal(() => calculate(text)).issues[0]!.code).toBe("lone-surrogate");
    const pair = solar();
    pair.project.title = "😀 \ud83d\ude00";
    expect(calculate(pair).project?.title).toBe("😀 😀");
  });
});

describe("invalid UTF-8 (invalid-utf8 with the byte offset)", () => {
  const text = JSON.stringify(solar());
  const at = text.indexOf("Hostile");
  const bytes = (insert: number[]) => {
    const head = Buffer.from(text.slice(0, at), "utf8");
    return Buffer.concat([head, Buffer.from(insert), Buffer.from(text.slice(at), "utf8")]);
  };

  it.each([
    ["a lone continuation byte", [0x80]],
    ["a truncated sequence", [0xe2, 0x82]],
    ["an overlong slash", [0xc0, 0xaf]],
    ["an encoded surrogate", [0xed, 0xa0, 0x80]],
    ["beyond U+10FFFF", [0xf4, 0x90, 0x80, 0x80]],
    ["Latin-1 é", [0xe9]],
  ])("%s: API (bytes) and CLI (file) refuse it, naming the offset", (_, insert) => {
    const document = bytes(insert);
    const error = refusal(() => calculate(new Uint8Array(document)));
    expect(error.issues).toEqual([
      expect.objectContaining({ code: "invalid-utf8", message: expect.stringContaining(`byte offset ${at}`) }),
    ]);
    const run = builtCli(["calculate", put(scratch(), "latin1.json", document)]);
    expectCleanExit(run, 2);
    expect(run.stderr).toContain(`byte offset ${at}`);
  });

  it("valid UTF-8 with a BOM, given as bytes, calculates like the text", () => {
    const withBom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, "utf8")]);
    expect(calculate(new Uint8Array(withBom)).inputDigest).toBe(calculate(text).inputDigest);
  });
});

describe("__proto__, constructor and prototype keys (forbidden-key) at every level", () => {
  for (const key of ["__proto__", "constructor", "prototype"]) {
    it.each([
      ["the top level", ""],
      ["project", "project"],
      ["fixed", "fixed"],
      ["an equipment entry", 'monitored["EG_i,p"][0]'],
    ])(`${key} in %s, as JSON text and as an object`, (_, where) => {
      const inner = where === "" ? "" : where;
      const text = JSON.stringify(solar());
      // Insert the key as JSON text (JSON.parse makes it an own property, even __proto__).
      const anchor =
        where === ""
          ? '{"methodology"'
          : where === "project"
            ? '"project":{'
            : where === "fixed"
              ? '"fixed":{'
              : '{"equipment"';
      const replacement =
        where === "" || where === 'monitored["EG_i,p"][0]'
          ? anchor.replace("{", `{"${key}":{"polluted":true},`)
          : `${anchor}"${key}":{"polluted":true},`;
      const hostile = text.replace(anchor, replacement);
      const error = refusal(() => calculate(hostile));
      expectSafeIssues(error.issues);
      const path = inner === "" ? key : `${inner}.${key}`;
      expect(error.issues).toContainEqual(expect.objectContaining({ path, code: "forbidden-key" }));
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(refusal(() => calculate(JSON.parse(hostile))).issues.map((i) => i.code)).toContain("forbidden-key");
    });
  }

  it("CLI: exit 2, Object.prototype untouched", () => {
    const hostile = JSON.stringify(solar()).replace('"project":{', '"project":{"__proto__":{"isAdmin":true},');
    const run = builtCli(["calculate", put(scratch(), "proto.json", hostile)]);
    expectCleanExit(run, 2);
    expect(run.stderr).toContain('project.__proto__: the key "__proto__" is not allowed');
  });
});
