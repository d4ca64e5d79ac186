import fc from "fast-check";
import stringWidth from "string-width";
import { describe, expect, it } from "vitest";
import { displayWidth, ONE_COLUMN_EACH } from "../../src/report/text.js";

/** Every code unit the short-cut class admits, from its own ranges (so a widened class is tested too). */
function admitted(): string[] {
  const chars: string[] = [];
  for (let c = 0; c <= 0xffff; c++) {
    const ch = String.fromCharCode(c);
    if (ONE_COLUMN_EACH.test(ch)) chars.push(ch);
  }
  return chars;
}

describe("displayWidth's short-cut for one-column text", () => {
  const chars = admitted();

  it("admits only characters string-width counts as one column", () => {
    expect(chars.length).toBeGreaterThan(500);
    const wrong = chars.filter((ch) => stringWidth(ch) !== 1).map((ch) => ch.charCodeAt(0).toString(16));
    expect(wrong).toEqual([]);
    // What it must not admit: zero-width, combining, wide and emoji-making characters.
    for (const ch of ["\u00ad", "\u0301", "\u200b", "\u200d", "\ufe0f", "太", "\u{1f600}", "\u3000"])
      expect(ONE_COLUMN_EACH.test(ch), ch).toBe(false);
  });

  it("gives string-width's width for any text of those characters, and mixed with others", () => {
    const oneColumn = fc.string({ unit: fc.constantFrom(...chars), maxLength: 40 });
    const other = fc.constantFrom("太陽光", "\u0301", "e\u0301", "\u{1f1ef}\u{1f1f5}", "\u2194\ufe0f", "ｱ", "\u200d");
    fc.assert(
      fc.property(oneColumn, (cell) => displayWidth(cell) === stringWidth(cell)),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(oneColumn, other, oneColumn, (a, b, c) => displayWidth(a + b + c) === stringWidth(a + b + c)),
      { numRuns: 500 },
    );
  });

  it("still caps a long cell at the padded width", () => {
    expect(displayWidth("x".repeat(10_000))).toBe(160);
    expect(displayWidth("η".repeat(161))).toBe(160);
    expect(displayWidth("太".repeat(100))).toBe(160);
  });
});
