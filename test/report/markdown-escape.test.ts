/**
 * The Markdown report's shortcuts: a cell that needs no escape is kept as it is, and a code span
 * given in pieces is the span of the pieces joined. Each must give exactly what the full escape does.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Exact } from "../../src/core/exact.js";
import { code, codeSpan, escapedText, text } from "../../src/report/markdown.js";
import { printedPart } from "../../src/report/substitute.js";

/** Characters every step of the escapes looks for, and ordinary ones around them. */
const unit = fc.oneof(
  fc.constantFrom(..."\r\n&<>\\`*_[]|~!#@:/wW. ", "\u202e", "\u001b", "\u200b", "\ufeff", "\ud800", "\udc00"),
  fc.constantFrom("a", "1", "η", "Σ", "−", "😀", "太"),
  fc.string({ unit: "binary", maxLength: 2 }),
);
const cell = fc.string({ unit, maxLength: 24 });

describe("Markdown cells", () => {
  it("text: the shortcut gives what the full escape gives", () => {
    fc.assert(
      fc.property(cell, (value) => {
        expect(text(value)).toBe(escapedText(value));
      }),
      { numRuns: 5_000 },
    );
    // The shortcut is taken: plain text comes back as the same string.
    expect(text("tCO2/MWh")).toBe("tCO2/MWh");
    expect(text("https://x www.y a@b")).toBe("https\\://x www\\.y a\\@b");
  });

  it("code: the shortcut gives the span codeSpan makes", () => {
    fc.assert(
      fc.property(cell, (value) => {
        expect(code(value)).toBe(codeSpan([value]).join(""));
      }),
      { numRuns: 5_000 },
    );
  });

  it("codeSpan of pieces is codeSpan of the pieces joined, wherever they are cut", () => {
    // Cut between code points and not inside a line break, as a substitution's pieces are.
    const whole = fc.array(fc.constantFrom("`", "``", "|", " ", "a", "1", "😀", "\u202e", "\n", "="), {
      maxLength: 30,
    });
    fc.assert(
      fc.property(whole, fc.array(fc.nat(), { maxLength: 6 }), (parts, cuts) => {
        const at = [...new Set(cuts.map((c) => c % (parts.length + 1)))].sort((a, b) => a - b);
        const pieces: string[] = [];
        let from = 0;
        for (const c of [...at, parts.length]) {
          pieces.push(parts.slice(from, c).join(""));
          from = c;
        }
        expect(codeSpan(pieces).join("")).toBe(codeSpan([parts.join("")]).join(""));
      }),
      { numRuns: 5_000 },
    );
  });

  it("codeSpan keeps a value unprinted, and prints as if it had been printed before", () => {
    const value = fc
      .constantFrom("0", "-1.5", "1e-40", "123456789012345678901234567890", "1/3")
      .map((v) => (v === "1/3" ? Exact.from("1").div(Exact.from("3")) : Exact.from(v)));
    const part = fc.oneof(value, fc.constantFrom("`", "``", " + ", "|", "", "a`"));
    fc.assert(
      fc.property(fc.array(part, { maxLength: 10 }), (parts) => {
        const span = codeSpan(parts);
        for (const p of parts) if (typeof p !== "string") expect(span).toContain(p);
        expect(span.map(printedPart).join("")).toBe(codeSpan(parts.map(printedPart)).join(""));
      }),
      { numRuns: 2_000 },
    );
  });
});
