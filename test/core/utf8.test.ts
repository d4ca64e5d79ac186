import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeUtf8, encodeUtf8, invalidUtf8Offset } from "../../src/core/utf8.js";

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

/** decodeUtf8 as in a bare engine (a node:vm context): no host TextDecoder. */
function decodeWithoutHost(bytes: Uint8Array) {
  const host = globalThis.TextDecoder;
  (globalThis as { TextDecoder?: unknown }).TextDecoder = undefined;
  try {
    return decodeUtf8(bytes);
  } finally {
    globalThis.TextDecoder = host;
  }
}

describe("decodeUtf8 (strict, trust.md §4)", () => {
  const fatal = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
  const strictly = (bytes: Uint8Array): string | undefined => {
    try {
      return fatal.decode(bytes);
    } catch {
      return undefined;
    }
  };
  const anyBytes = fc.oneof(
    fc.uint8Array({ maxLength: 24 }),
    fc.string({ unit: "binary" }).map((s) => new TextEncoder().encode(s)),
    fc.tuple(fc.string({ unit: "grapheme" }), fc.nat(), fc.integer({ min: 0x80, max: 0xff })).map(([s, at, b]) => {
      const bytes = [...new TextEncoder().encode(s)];
      bytes.splice(at % (bytes.length + 1), 0, b);
      return new Uint8Array(bytes);
    }),
  );

  it("accepts exactly what a fatal TextDecoder accepts, with or without a host decoder", () => {
    fc.assert(
      fc.property(anyBytes, (bytes) => {
        const expected = strictly(bytes);
        for (const decoded of [decodeUtf8(bytes), decodeWithoutHost(bytes)]) {
          if (expected === undefined) expect(decoded.ok).toBe(false);
          else expect(decoded).toEqual({ ok: true, text: expected });
        }
        expect(invalidUtf8Offset(bytes) < 0).toBe(expected !== undefined);
      }),
      { numRuns: 2000 },
    );
  });

  it("names the offset of the first bad sequence and shows its bytes", () => {
    const bytes = new Uint8Array([0x7b, 0x22, 0x61, 0xc3, 0x28, 0x22]);
    expect(decodeUtf8(bytes)).toEqual({ ok: false, offset: 3, found: "0xC3 0x28 0x22" });
    expect(invalidUtf8Offset(new Uint8Array([0xed, 0xa0, 0x80]))).toBe(0); // a surrogate, encoded
    expect(invalidUtf8Offset(new Uint8Array([0x61, 0xf0, 0x9f, 0x98]))).toBe(1); // truncated
  });

  it("drops a leading BOM and decodes long texts in chunks", () => {
    const text = `${"😀é".repeat(20_000)}end`;
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(text)]);
    expect(decodeUtf8(bytes)).toEqual({ ok: true, text });
    expect(decodeWithoutHost(bytes)).toEqual({ ok: true, text });
  });
});
