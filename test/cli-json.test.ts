import { readdirSync, readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { jsonChunks, jsonStringPieces, jsonText } from "../src/cli/run.js";
import { escapeForDisplayKeepingLines } from "../src/core/display.js";
import { calculate } from "../src/entries/index.js";

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
});
