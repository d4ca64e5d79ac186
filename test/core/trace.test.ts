import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Exact, TooManyDigitsError } from "../../src/core/exact.js";
import { createCheckingTrace, createTrace, createWritingTrace, type TraceEntry } from "../../src/core/trace.js";

const toDecimal = (text: string) => Exact.from(text);

const entry = (overrides: Partial<TraceEntry> = {}): TraceEntry => ({
  symbol: "RE_p",
  equation: "(1)",
  expression: "EG_p × EF_RE",
  inputs: { EG_p: toDecimal("1523.40"), EF_RE: toDecimal("0.9575") },
  value: toDecimal("1458.65550"),
  unit: "tCO2",
  ...overrides,
});

describe("createTrace", () => {
  it("starts empty", () => {
    expect(createTrace().steps()).toEqual([]);
  });

  it("records steps numbered from 1, in order, with every field", () => {
    const trace = createTrace();
    trace.record(entry());
    trace.record(entry({ symbol: "PE_p", equation: "(2)", expression: "0", inputs: {}, value: Exact.ZERO }));
    trace.record(
      entry({
        symbol: "ER_p",
        equation: "(3)",
        expression: "RE_p − PE_p",
        inputs: { RE_p: toDecimal("1458.6555"), PE_p: Exact.ZERO },
        value: toDecimal("1458.6555"),
      }),
    );
    const steps = trace.steps();
    expect(steps.map((s) => s.step)).toEqual([1, 2, 3]);
    expect(steps[0]).toEqual({
      step: 1,
      symbol: "RE_p",
      equation: "(1)",
      expression: "EG_p × EF_RE",
      inputs: { EG_p: "1523.4", EF_RE: "0.9575" },
      value: "1458.6555",
      unit: "tCO2",
    });
    expect(steps[1]).toMatchObject({ symbol: "PE_p", inputs: {}, value: "0" });
    expect(steps[2]!.inputs).toEqual({ RE_p: "1458.6555", PE_p: "0" });
  });

  it("writes inputs and value as canonical decimal strings (no exponent, no trailing zeros, no -0)", () => {
    const trace = createTrace();
    trace.record(
      entry({
        inputs: { a: toDecimal("1e-7"), b: toDecimal("2.500"), c: toDecimal("-0"), d: toDecimal("1e29") },
        value: toDecimal("-0.0"),
      }),
    );
    const [step] = trace.steps();
    expect(step!.inputs).toEqual({ a: "0.0000001", b: "2.5", c: "0", d: `1${"0".repeat(29)}` });
    expect(step!.value).toBe("0");
  });

  it("keeps the official symbols as input keys, including commas and non-ASCII", () => {
    const trace = createTrace();
    trace.record(
      entry({ symbol: "RE_i,p[B-1]", inputs: { "HG_PJ,i,p": toDecimal("10"), "η_RE,i": toDecimal("0.7") } }),
    );
    expect(Object.keys(trace.steps()[0]!.inputs)).toEqual(["HG_PJ,i,p", "η_RE,i"]);
    expect(trace.steps()[0]!.symbol).toBe("RE_i,p[B-1]");
  });

  it("record returns the recorded value itself, so equations read as assignments", () => {
    const trace = createTrace();
    const value = toDecimal("42.5");
    expect(trace.record(entry({ value }))).toBe(value);
  });

  it("a value beyond the digit bound stops with too-many-digits naming the step's equation", () => {
    const over = Exact.from(10n ** 10_000n);
    for (const bad of [entry({ value: over }), entry({ inputs: { x: over } })]) {
      let caught: unknown;
      try {
        createTrace().record({ ...bad, symbol: "PE_p", equation: "(2)" });
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(TooManyDigitsError);
      expect((caught as TooManyDigitsError).issues[0]).toMatchObject({ code: "too-many-digits", symbol: "PE_p" });
      expect((caught as TooManyDigitsError).issues[0]!.message).toContain("equation (2)");
    }
  });

  it("a value that does not terminate prints at 34 digits toward −∞ and carries exact n/d; others do not", () => {
    const trace = createTrace();
    trace.record(entry({ value: Exact.fraction(4, 3), inputs: { a: Exact.fraction(-2, 3), b: "2/3 of a" } }));
    trace.record(entry({ value: toDecimal("1.25") }));
    const [nonTerminating, terminating] = trace.steps();
    expect(nonTerminating).toMatchObject({ value: "1.333333333333333333333333333333333", exact: "4/3" });
    expect(nonTerminating!.inputs).toEqual({ a: "-0.6666666666666666666666666666666667", b: "2/3 of a" });
    expect(terminating).not.toHaveProperty("exact");
    expect(terminating!.value).toBe("1.25");
  });

  it("steps() returns a copy: changing the returned array does not change the trace", () => {
    const trace = createTrace();
    trace.record(entry());
    const first = trace.steps();
    const second = trace.steps();
    expect(first).not.toBe(second);
    first.push({ ...first[0]!, step: 99 });
    first.length = 0;
    expect(trace.steps()).toHaveLength(1);
    trace.record(entry({ symbol: "PE_p" }));
    expect(second).toHaveLength(1); // earlier copies do not grow either
    expect(trace.steps()).toHaveLength(2);
  });

  it("the recorded inputs do not follow later changes to the entry's inputs object", () => {
    const trace = createTrace();
    const inputs: Record<string, Exact> = { a: toDecimal("1") };
    trace.record(entry({ inputs }));
    inputs.a = toDecimal("2");
    inputs.b = toDecimal("3");
    expect(trace.steps()[0]!.inputs).toEqual({ a: "1" });
  });

  it("traces are independent of each other", () => {
    const a = createTrace();
    const b = createTrace();
    a.record(entry());
    a.record(entry());
    b.record(entry());
    expect(a.steps().map((s) => s.step)).toEqual([1, 2]);
    expect(b.steps().map((s) => s.step)).toEqual([1]);
  });

  it("property: n records give steps 1…n, each value the canonical string of the recorded value", () => {
    const decimal = fc
      .tuple(fc.boolean(), fc.nat({ max: 10 ** 9 }), fc.integer({ min: -40, max: 20 }))
      .map(([negative, mantissa, exponent]) => toDecimal(`${negative ? "-" : ""}${mantissa}e${exponent}`));
    fc.assert(
      fc.property(fc.array(decimal, { maxLength: 30 }), (values) => {
        const trace = createTrace();
        for (const value of values) trace.record(entry({ value, inputs: { x: value } }));
        const steps = trace.steps();
        expect(steps.map((s) => s.step)).toEqual(values.map((_, i) => i + 1));
        steps.forEach((s, i) => {
          expect(s.value).toBe(values[i]!.toString());
          expect(s.inputs.x).toBe(s.value);
          expect(s.value).toMatch(/^-?(0|[1-9][0-9]*)(\.[0-9]*[1-9])?$/);
        });
      }),
      { numRuns: 150 },
    );
  });

  it("inputs given as a walk and a written expression make the same step as an object and a string", () => {
    const pairs: [string, Exact | string][] = [
      ["EG_i,p[b]", toDecimal("2.50")],
      ["EG_i,p[a]", "1.500"],
      ["label", "national-grid"],
      ["EG_i,p[b]", toDecimal("7")], // a repeated symbol: the later value, at the first place
      ["10", toDecimal("1")], // an index-like key: first, as in an object
    ];
    const asObject: Record<string, Exact | string> = {};
    for (const [symbol, value] of pairs) asObject[symbol] = value;
    const plain = createTrace();
    plain.record(entry({ expression: "Σ", inputs: asObject }));
    const walked = createTrace();
    walked.record(
      entry({
        expression: () => "Σ",
        inputs: (visit) => {
          for (const [symbol, value] of pairs) visit(symbol, value);
        },
      }),
    );
    expect(JSON.stringify(walked.steps())).toBe(JSON.stringify(plain.steps()));
    expect(Object.keys(walked.steps()[0]!.inputs)).toEqual(["10", "EG_i,p[b]", "EG_i,p[a]", "label"]);
  });

  it("the checking trace counts and checks every step but writes no expression and keeps nothing", () => {
    const checking = createCheckingTrace();
    let written = 0;
    const visited: string[] = [];
    const value = checking.record(
      entry({
        expression: () => {
          written += 1;
          return "Σ";
        },
        inputs: (visit) => {
          visited.push("walked");
          visit("x", Exact.ONE);
        },
      }),
    );
    checking.record(entry());
    expect(value.toString()).toBe("1458.6555");
    expect([checking.count(), checking.steps().length, written]).toEqual([2, 0, 0]);
    expect(visited).toEqual(["walked"]);
    const over = Exact.from(10n ** 10_000n);
    for (const bad of [
      entry({ value: over }),
      entry({ inputs: { x: over } }),
      entry({ inputs: (visit) => visit("x", over) }),
    ]) {
      for (const trace of [createCheckingTrace(), createTrace(), createTrace(() => {})])
        expect(() => trace.record({ ...bad, equation: "(2)" })).toThrow(TooManyDigitsError);
    }
  });

  it("a trace with onStep hands each step over as made and keeps none", () => {
    const handed: number[] = [];
    const trace = createTrace((step) => handed.push(step.step));
    trace.record(entry());
    trace.record(entry());
    expect([handed, trace.steps(), trace.count()]).toEqual([[1, 2], [], 2]);
  });

  it("a writing trace's steps are a trace's steps once JSON: values printed when written, the same text", () => {
    const long = toDecimal("1e-1000");
    const entries = [
      entry(),
      entry({ inputs: { a: long, b: "2.500", label: "coal (t)", c: toDecimal("1").div(toDecimal("3")) } }),
      entry({
        inputs: (visit) => {
          for (let k = 0; k < 3; k++) visit(`EG_i,p[PV-${k}]`, long);
        },
        expression: () => "EG_i,p[PV-0] + EG_i,p[PV-1] + EG_i,p[PV-2]",
        value: toDecimal("3e-1000"),
      }),
    ];
    const kept = createTrace();
    const written: unknown[] = [];
    const writing = createWritingTrace((step) => written.push(step));
    for (const e of entries) expect(writing.record(e)).toBe(kept.record(e));
    expect(JSON.stringify(written)).toBe(JSON.stringify(kept.steps()));
    expect([writing.steps(), writing.count()]).toEqual([[], 3]);
    // The input is the value itself, printed only by JSON.stringify.
    expect((written[1] as { inputs: Record<string, unknown> }).inputs.a).toBe(long);
  });

  it("a writing trace refuses a value or input beyond the digit bound, as a trace does", () => {
    const over = Exact.from(10n ** 10_000n);
    const walk: TraceEntry["inputs"] = (visit) => visit("x", over);
    for (const bad of [entry({ value: over }), entry({ inputs: { x: over } }), entry({ inputs: walk })]) {
      const handed: unknown[] = [];
      expect(() => createWritingTrace((step) => handed.push(step)).record(bad)).toThrow(TooManyDigitsError);
      expect(handed).toEqual([]);
    }
  });
});
