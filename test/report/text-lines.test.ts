import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Exact } from "../../src/core/exact.js";
import { stepLine, writeStepLine } from "../../src/report/text.js";

const written = (step: Parameters<typeof writeStepLine>[0]) => {
  const pieces: string[] = [];
  writeStepLine(step, (piece) => pieces.push(piece));
  return pieces;
};

describe("a step's line in text", () => {
  it("a total over thousands of inputs is written in pieces: the same line, no piece holding it all", () => {
    const long = Exact.from("1e-1000");
    const symbols = Array.from({ length: 3_000 }, (_, k) => `EG_i,p[PV-${k}\u202e😀]`);
    const step = {
      equation: "(1)",
      symbol: "EG_p",
      expression: symbols.join(" + "),
      inputs: Object.fromEntries(symbols.map((s) => [s, long])),
      value: "0.003",
      unit: "MWh",
    };
    const pieces = written(step);
    const line = stepLine(step);
    expect(pieces.join("")).toBe(`${line}\n`);
    expect(line.length).toBeGreaterThan(3_000_000);
    expect(line).toContain("\\u202e"); // escaped, as the whole line is
    expect(Math.max(...pieces.map((p) => p.length))).toBeLessThan(200_000);
  });

  it("a total over 150,000 inputs (300,000 pieces) is written without overflowing the stack", () => {
    const symbols = Array.from({ length: 150_000 }, (_, k) => `RE_i,p[B-${k}]`);
    const step = {
      equation: "(3)",
      symbol: "RE_p",
      expression: symbols.join(" + "),
      inputs: Object.fromEntries(symbols.map((s, k) => [s, String(k)])),
      value: "1",
      unit: "tCO2",
    };
    expect(written(step).join("")).toBe(`${stepLine(step)}\n`);
  });

  it("property: pieces join to the line, whatever the unit, value and blanks at its end", () => {
    const text = fc.string({ unit: fc.constantFrom("a", " ", "\t", "\u001b", "é", "😀", "=", "x"), maxLength: 4 });
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }),
        fc.constantFrom("1", "2.5", "", " ", "abc"),
        text,
        text,
        fc.boolean(),
        (count, input, value, unit, long) => {
          const symbols = Array.from({ length: count }, (_, k) => `S_${k}`);
          const filler = long ? "9".repeat(70_000 / count) : input;
          const step = {
            equation: "(2)",
            symbol: "X",
            expression: symbols.join(" + "),
            inputs: Object.fromEntries(symbols.map((s) => [s, filler])),
            value,
            unit,
          };
          expect(written(step).join("")).toBe(`${stepLine(step)}\n`);
          // The value equal to the substituted expression is left out, as in a short line.
          const same = { ...step, value: symbols.map(() => filler).join(" + ") };
          expect(written(same).join("")).toBe(`${stepLine(same)}\n`);
        },
      ),
      { numRuns: 200 },
    );
  });
});
