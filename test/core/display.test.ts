import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { escapeForDisplay, listIds, quote, truncate } from "../../src/core/display.js";

const UNSAFE =
  /[\u0000-\u001f\u007f-\u009f\u200b-\u200d\u2060\u202a-\u202e\u2066-\u2069\ufeff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

describe("escapeForDisplay (trust.md §4)", () => {
  it("writes control, bidi and invisible characters and lone surrogates as \\u escapes", () => {
    expect(escapeForDisplay("\x1b[2J\u0007\n\t")).toBe("\\u001b[2J\\u0007\\u000a\\u0009");
    expect(escapeForDisplay("\u007f\u0085\u009f")).toBe("\\u007f\\u0085\\u009f");
    expect(escapeForDisplay("a\u202ab\u202ec\u2066d\u2069")).toBe("a\\u202ab\\u202ec\\u2066d\\u2069");
    expect(escapeForDisplay("\u200b\u200c\u200d\u2060\ufeff")).toBe("\\u200b\\u200c\\u200d\\u2060\\ufeff");
    expect(escapeForDisplay("x\ud800y\udc00")).toBe("x\\ud800y\\udc00");
  });

  it("keeps everything else: letters of any script, emoji, pairs, backslashes", () => {
    for (const text of ["ボイラー-1", "😀", "e\u0301", "Ω", "\\u001b", "\u00a0", "\u200a"]) {
      expect(escapeForDisplay(text)).toBe(text);
    }
  });

  it("escapes the line and paragraph separators and the bidi marks, which trust.md §4 does not list", () => {
    expect(escapeForDisplay("a\u2028b\u2029c\u200ed\u200fe\u061cf")).toBe("a\\u2028b\\u2029c\\u200ed\\u200fe\\u061cf");
  });

  it("property: the output has nothing unsafe, escaping twice changes nothing", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), (s) => {
        const once = escapeForDisplay(s);
        expect(UNSAFE.test(once)).toBe(false);
        expect(escapeForDisplay(once)).toBe(once);
      }),
      { numRuns: 1000 },
    );
  });
});

describe("quote, truncate, listIds (trust.md §2 and §3)", () => {
  it("quotes at most 80 characters, ending in … when cut, escaped", () => {
    expect(quote("PV-1")).toBe('"PV-1"');
    expect(quote("x".repeat(81))).toBe(`"${"x".repeat(80)}…"`);
    expect(quote("\x1b")).toBe('"\\u001b"');
    expect(quote("a\u202eb")).toBe('"a\\u202eb"');
  });

  it("never cuts a surrogate pair in half", () => {
    const cut = truncate(`${"x".repeat(78)}😀😀`, 80);
    expect(cut).toBe(`${"x".repeat(78)}…`);
    expect(truncate("short", 80)).toBe("short");
  });

  it("lists 20 ids, then counts the rest", () => {
    const ids = Array.from({ length: 100_000 }, (_, i) => `B${i}`);
    const text = listIds(ids);
    expect(text.split(", ")).toHaveLength(21);
    expect(text.endsWith("… and 99980 more")).toBe(true);
    expect(listIds(["a", "b"])).toBe('"a", "b"');
  });
});
