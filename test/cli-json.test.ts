import { readdirSync, readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { registry } from "../methodologies/index.js";
import { calculateForWriting } from "../src/api/calculate.js";
import { verifyForWriting } from "../src/api/verify.js";
import { calculateParsedForWriting } from "../src/calculate.js";
import {
  type CliIo,
  ELEMENTS_PER_PIECE,
  emit,
  jsonChunks,
  jsonStringPieces,
  jsonText,
  OutputError,
} from "../src/cli/run.js";
import { deferredArray, isDeferredArray } from "../src/core/deferred-array.js";
import { escapeForDisplayKeepingLines } from "../src/core/display.js";
import { MrvError } from "../src/core/errors.js";
import { Exact } from "../src/core/exact.js";
import { parseDocument } from "../src/document/parse.js";
import { calculate, verify } from "../src/entries/index.js";
import { renderText, writeText } from "../src/report/text.js";

const reference = (value: unknown) => `${escapeForDisplayKeepingLines(JSON.stringify(value, null, 2))}\n`;

describe("CLI JSON output in pieces", () => {
  it("joins to exactly JSON.stringify(value, null, 2), escaped, for every example's result", () => {
    const dir = new URL("../examples/", import.meta.url);
    for (const f of readdirSync(dir).filter((n) => n.endsWith(".json") && !n.endsWith(".expected.json"))) {
      const result = calculate(readFileSync(new URL(f, dir), "utf8"));
      expect(jsonText(result), f).toBe(reference(result));
      // One piece per member line, plus one per run of at most 256 array elements.
      expect([...jsonChunks(result)].length, f).toBeGreaterThan(Math.ceil(result.trace.length / 256));
    }
  });

  it("joins to the reference for arbitrary JSON values, escapes and empty containers included", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(jsonText(value)).toBe(reference(value));
      }),
      { numRuns: 2000 },
    );
    for (const value of [{}, [], { a: [] }, { a: {} }, { "\u001b": ["\u202e", { b: "\n" }] }, null, "x"]) {
      expect(jsonText(value)).toBe(reference(value));
    }
  });

  it("writes long top-level arrays in runs of elements that join to the reference, at every run boundary", () => {
    fc.assert(
      fc.property(
        fc.array(fc.jsonValue({ maxDepth: 2 }), { minLength: 250, maxLength: 800 }),
        fc.jsonValue({ maxDepth: 1 }),
        (elements, other) => {
          const value = { trace: elements, other, last: elements.slice(0, 257) };
          const pieces = [...jsonChunks(value)];
          expect(pieces.join("")).toBe(reference(value));
          expect(pieces.length).toBeLessThan(elements.length);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("writes a long string in slices that join to JSON.stringify's text, surrogate pairs and lone halves included", () => {
    const unit = fc.oneof(
      fc.constantFrom("\ud83d", "\ude00", "😀", "\u202e", "\u0000", '"', "\\", "\n", "é"),
      fc.string({ unit: "grapheme", maxLength: 1 }),
    );
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 60 }), fc.integer({ min: 1, max: 9 }), (text, slice) => {
        const pieces = [...jsonStringPieces(text, slice)];
        expect(pieces.join("")).toBe(JSON.stringify(text));
      }),
      { numRuns: 3000 },
    );
  });

  it("writes project text of several MB a member and a slice at a time, joining to the reference", () => {
    const long = "x😀\u202e".repeat(1_200_000); // 4.8 M characters: five slices
    const value = { methodology: { id: "M" }, project: { reference: "P", note: long, "\u2066key": "v" }, trace: [] };
    const pieces = [...jsonChunks(value)];
    expect(pieces.join("")).toBe(reference(value));
    expect(Math.max(...pieces.map((p) => p.length))).toBeLessThan(8 * (1 << 20));
    expect(pieces.length).toBeGreaterThan(10);
  });

  it("writes a deferred array as the array its producer makes: empty, one run, and across run boundaries", () => {
    const run = ELEMENTS_PER_PIECE;
    for (const count of [0, 1, run - 1, run, run + 1, 2 * run + 1, 256]) {
      const elements = Array.from({ length: count }, (_, i) => ({ i, text: `e${i}\u202e` }));
      const value = { before: 1, list: elements, after: [] };
      const deferred = {
        before: 1,
        list: deferredArray((emit) => {
          for (const e of elements) emit(e);
        }),
        after: [],
      };
      expect(jsonText(deferred), String(count)).toBe(reference(value));
    }
  });

  it("writes a long array in pieces V8 keeps as ordinary young strings (under 64 KB of two-byte text)", () => {
    // 1,000 trace steps shaped like the boilers' (two-byte text: η, ÷): at 256 steps a piece, each
    // piece was ~140,000 characters, a large object only a full collection frees.
    const steps = Array.from({ length: 1_000 }, (_, i) => ({
      step: i + 1,
      symbol: `RE_i,p[HOB-${i}]`,
      equation: "(1)",
      expression: "HG_PJ,i,p ÷ η_RE,i × EF_coal",
      inputs: { "HG_PJ,i,p": "8345", "η_RE,i": "0.5", EF_coal: "0.099" },
      value: "1652.31",
      unit: "tCO2",
    }));
    const deferred = {
      trace: deferredArray((emit) => {
        for (const step of steps) emit(step);
      }),
    };
    const pieces = [...jsonChunks(deferred)];
    expect(pieces.join("")).toBe(reference({ trace: steps }));
    expect(Math.max(...pieces.map((piece) => piece.length))).toBeLessThan(65_536 / 2);
  });

  it("writes an element holding thousands of values as soon as it is made, not with the elements after it", () => {
    // A total over 5,000 boilers between ordinary steps: kept until a run of elements was gathered, four
    // such totals were held at once (70 MB of inputs at 100,000 boilers).
    const step = (i: number, inputs: number) => ({
      step: i,
      inputs: Object.fromEntries(Array.from({ length: inputs }, (_, k) => [`RE_i,p[B-${k}]`, String(k)])),
    });
    const elements = [step(1, 2), step(2, 5000), step(3, 2), step(4, 5000), step(5, 1)];
    const deferred = {
      trace: deferredArray((emit) => {
        for (const e of elements) emit(e);
      }),
    };
    expect(jsonText(deferred)).toBe(reference({ trace: elements }));
    // A large step is written before the steps after it are gathered: steps 1, 2 (its own pieces),
    // 3, 4 (its own), 5.
    const pieces = [...jsonChunks(deferred)];
    const holding = (n: number) => pieces.findIndex((p) => p.includes(`"step": ${n}`));
    for (let n = 1; n < 5; n++) expect(holding(n)).toBeLessThan(holding(n + 1));
    expect(holding(1)).toBeGreaterThanOrEqual(0);
  });
  it("writes a step's thousands of inputs in pieces that join to the reference: no piece holds them all", () => {
    // 12,000 inputs of 1,002 characters each (1e-1000 printed): one string of them all was 12 MB
    // here and 100 MB at 100,000 values, with its UTF-8 copy beside it.
    const long = `0.${"0".repeat(999)}1`;
    const inputs: Record<string, unknown> = Object.fromEntries(
      Array.from({ length: 12_000 }, (_, k) => [`EG_i,p[PV-${k}]`, long]),
    );
    const step = { step: 1, symbol: "EG_p", inputs, value: long, unit: "MWh" };
    const deferred = {
      trace: deferredArray((emit) => {
        emit({ step: 0, inputs: {} });
        emit(step);
        emit({ step: 2, inputs: { a: "1" } });
      }),
    };
    const pieces = [...jsonChunks(deferred)];
    expect(pieces.join("")).toBe(
      reference({ trace: [{ step: 0, inputs: {} }, step, { step: 2, inputs: { a: "1" } }] }),
    );
    expect(Math.max(...pieces.map((p) => p.length))).toBeLessThan(4097 * (long.length + 40));
  });

  it("property: elements of thousands of arbitrary values join to the reference", () => {
    const large = (values: unknown[], keys: string[]) =>
      Object.fromEntries(
        Array.from({ length: 4_200 }, (_, k) => [`${keys[k % keys.length]}${k}`, values[k % values.length]]),
      );
    fc.assert(
      fc.property(
        fc.array(fc.jsonValue({ maxDepth: 2 }), { minLength: 1, maxLength: 5 }),
        fc.array(fc.string({ maxLength: 4 }), { minLength: 1, maxLength: 3 }),
        fc.jsonValue({ maxDepth: 1 }),
        fc.boolean(),
        (values, keys, small, asArray) => {
          const member = asArray
            ? Array.from({ length: 4_200 }, (_, k) => values[k % values.length])
            : large(values, keys);
          const element = { before: small, member, after: values[0] };
          const value = { trace: [small, element, element, small] };
          expect(jsonText(value)).toBe(reference(value));
        },
      ),
      { numRuns: 30 },
    );
  });

  it("writes large members of a large element exactly as JSON.stringify: omitted, toJSON, __proto__, integer keys, arrays", () => {
    const inputs: Record<string, unknown> = Object.create(null);
    for (let k = 0; k < 9_000; k++) inputs[k % 3 === 0 ? String(k) : `x${k}\u202e`] = k % 5 === 0 ? { n: [k] } : `${k}`;
    // An own member named __proto__ (the object has no prototype to set).
    Object.defineProperty(inputs, "__proto__", { value: "p", enumerable: true, writable: true, configurable: true });
    inputs.gone = undefined;
    inputs.fn = () => 1;
    inputs.dated = { toJSON: (key: string) => `key ${key}` };
    inputs.hidden = { toJSON: () => undefined };
    const element = {
      step: 1,
      skipped: undefined,
      list: Array.from({ length: 5_000 }, (_, k) => (k % 2 ? [k, { k }] : undefined)),
      inputs,
      empty: {},
      allGone: Object.fromEntries(Array.from({ length: 5_000 }, (_, k) => [`g${k}`, undefined])),
      value: Exact.from("1").div(Exact.from("3")),
    };
    const deferred = { trace: deferredArray((emit) => emit(element)), after: 1 };
    expect(jsonText(deferred)).toBe(reference({ trace: [element], after: 1 }));
    expect(jsonText({ trace: [element, element] })).toBe(reference({ trace: [element, element] }));
  });
});

/** A document of MN_AM002 with `count` boilers: several runs of parameters and trace steps. */
function boilers(count: number, numbers = false): string {
  const list = Array.from({ length: count }, (_, i) => i);
  return JSON.stringify({
    methodology: { id: "JCM_MN_AM002", version: "01.0" },
    project: { reference: "STREAM\u202e" },
    period: { start: "2018-09-15", end: "2019-05-15", timeZone: "+08:00" },
    fixed: {
      EF_coal: "0.099",
      EF_grid: "1.1501",
      boilers: list.map((i) => ({
        equipment: `HOB-${i}`,
        "η_RE,i": "0.50",
        "η_PJ,i": i % 7 === 0 ? "0.45" : "0.70",
        capacity: { value: "1.4", unit: "MW" },
      })),
    },
    monitored: {
      "HG_PJ,i,p": list.map((i) => ({
        equipment: `HOB-${count - 1 - i}`,
        value: numbers ? 8000 + i : String(8000 + i),
        unit: "GJ",
      })),
      "EC_PJ,i,p": list.map((i) => ({ equipment: `HOB-${i}`, value: "6.2", unit: "kWh" })),
    },
  });
}

describe("calculate --format json, streamed", () => {
  it("writes every example's result byte for byte as the API's result", () => {
    const dir = new URL("../examples/", import.meta.url);
    for (const f of readdirSync(dir).filter((n) => n.endsWith(".json") && !n.endsWith(".expected.json"))) {
      const text = readFileSync(new URL(f, dir), "utf8");
      expect(jsonText(calculateForWriting(text, { registry, tzdata: "2025b" })), f).toBe(
        jsonText(calculate(text, { tzdata: "2025b" })),
      );
    }
  });

  it("writes 700 boilers (runs of 256, warnings, JSON numbers, converted units) as the API's result", () => {
    for (const numbers of [false, true]) {
      const text = boilers(700, numbers);
      const result = calculate(text);
      expect(result.parameters.length).toBeGreaterThan(3000);
      expect(result.warnings.length).toBeGreaterThan(100);
      expect(jsonText(calculateForWriting(text, { registry }))).toBe(jsonText(result));
    }
  });

  it("writes a total over 5,000 readings of 1e-1000 (printed as it is written) as the API's result", () => {
    const text = JSON.stringify({
      methodology: { id: "JCM_MN_AM003", version: "02.0" },
      project: { reference: "SMALLEST" },
      period: { start: "2019-01-01", end: "2019-12-31", timeZone: "+08:00" },
      fixed: { connection: "national-grid" },
      monitored: {
        "EG_i,p": Array.from({ length: 5_000 }, (_, i) => ({ equipment: `PV-${i}`, value: "1e-1000", unit: "MWh" })),
      },
    });
    const streamed = jsonText(calculateForWriting(text, { registry }));
    expect(streamed).toBe(jsonText(calculate(text)));
    expect(streamed).toContain(`"EG_i,p[PV-4999]": "0.${"0".repeat(999)}1"`);
  });

  it("verify writes its verification byte for byte as the API's, the result made while written", () => {
    const dir = new URL("../examples/", import.meta.url);
    const documents = readdirSync(dir)
      .filter((n) => n.endsWith(".json") && !n.endsWith(".expected.json"))
      .map((f) => readFileSync(new URL(f, dir), "utf8"))
      .filter((text) => (JSON.parse(text) as { reported?: unknown }).reported !== undefined);
    const withReported = JSON.parse(boilers(700)) as Record<string, unknown>;
    withReported.reported = { RE_p: "1", PE_p: "2.5", ER_p: "0" };
    documents.push(JSON.stringify(withReported));
    expect(documents.length).toBeGreaterThanOrEqual(3);
    for (const text of documents) {
      const streamed = verifyForWriting(text, { registry, tzdata: "2025b" });
      expect(isDeferredArray(streamed.result.trace)).toBe(true);
      expect(jsonText(streamed)).toBe(jsonText(verify(text, { tzdata: "2025b" })));
    }
  });

  it("text from the streamed result is renderText of the API's result, byte for byte", () => {
    const dir = new URL("../examples/", import.meta.url);
    const documents = readdirSync(dir)
      .filter((n) => n.endsWith(".json") && !n.endsWith(".expected.json"))
      .map((f) => readFileSync(new URL(f, dir), "utf8"));
    documents.push(boilers(700), boilers(300, true));
    for (const text of documents) {
      const pieces: string[] = [];
      writeText(calculateForWriting(text, { registry, tzdata: "2025b" }), (piece) => pieces.push(piece));
      expect(pieces.join("")).toBe(renderText(calculate(text, { tzdata: "2025b" })));
    }
  });

  it("refuses an invalid document before writing anything, as calculate does", () => {
    const text = boilers(3).replace('"0.099"', '"-1"');
    expect(() => calculateForWriting(text, { registry })).toThrow(/EF_coal/);
  });

  it("stops with an internal error when a module does not repeat its calculation (the output never closes)", () => {
    const parsed = parseDocument(boilers(3));
    const real = registry.get("JCM_MN_AM002", "01.0");
    let calls = 0;
    const drifting = {
      ...real,
      calculate: (input: never, context: never) => {
        const output = real.calculate(input, context);
        calls += 1;
        return calls === 1 ? output : { ...output, RE_p: output.RE_p.plus(Exact.ONE) };
      },
    } as typeof real;
    const result = calculateParsedForWriting(drifting, parsed);
    expect(() => jsonText(result)).toThrow(MrvError);
    expect(() => jsonText(result)).toThrow(/did not repeat/);
  });

  it("-o: a failure while making the output passes through (exit 3); a failure to write it is OutputError (exit 4)", () => {
    const bug = new MrvError("internal error in jcm-mrv: a module did not repeat its calculation", "internal");
    const written: string[] = [];
    const io = (sink: (chunk: string) => void): CliIo => ({
      stdout: () => {},
      stderr: () => {},
      loadDocument: async () => ({}),
      writeFile: () => {},
      writeChunks: (_path, produce) => produce(sink),
    });
    const failing = (write: (piece: string) => void) => {
      write("{\n");
      throw bug;
    };
    expect(() =>
      emit(
        io((chunk) => written.push(chunk)),
        failing,
        "out.json",
      ),
    ).toThrow(bug);
    const full = Object.assign(new Error("no space"), { code: "ENOSPC" });
    const refusing = io(() => {
      throw full;
    });
    let caught: unknown;
    try {
      emit(refusing, (write) => write("x".repeat(70_000)), "out.json");
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(OutputError);
    expect((caught as OutputError).message).toBe("cannot write out.json (ENOSPC)");
  });
});
