import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { encodeUtf8 } from "../../src/core/utf8.js";

describe("encodeUtf8", () => {
  it("equals TextEncoder for arbitrary strings, lone surrogates included", () => {
    const encoder = new TextEncoder();
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), (s) => {
        expect([...encodeUtf8(s)]).toEqual([...encoder.encode(s)]);
      }),
      { numRuns: 500 },
    );
    fc.assert(
      fc.property(
        fc.string({ unit: fc.integer({ min: 0xd7f0, max: 0xe010 }).map((c) => String.fromCharCode(c)) }),
        (s) => {
          expect([...encodeUtf8(s)]).toEqual([...encoder.encode(s)]);
        },
      ),
      { numRuns: 500 },
    );
  });
  it("examples", () => {
    expect([...encodeUtf8("a€😀\ud800")]).toEqual([0x61, 0xe2, 0x82, 0xac, 0xf0, 0x9f, 0x98, 0x80, 0xef, 0xbf, 0xbd]);
  });
});
