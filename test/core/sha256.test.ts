import { createHash } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createSha256, sha256Hex, sha256HexOfString } from "../../src/core/sha256.js";

const nodeHex = (data: Uint8Array | string): string => createHash("sha256").update(data).digest("hex");

describe("sha256 — FIPS 180-4 / NIST example vectors", () => {
  it('hashes ""', () => {
    expect(sha256HexOfString("")).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    expect(sha256Hex(new Uint8Array(0))).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  });

  it('hashes "abc"', () => {
    expect(sha256HexOfString("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });

  it("hashes the 448-bit message", () => {
    expect(sha256HexOfString("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")).toBe(
      "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
    );
  });

  it("hashes the 896-bit message", () => {
    expect(
      sha256HexOfString(
        "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
      ),
    ).toBe("cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1");
  });

  it("hashes one million 'a' (one-shot and in 1000-byte chunks)", () => {
    const expected = "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0";
    const bytes = new Uint8Array(1_000_000).fill(0x61);
    expect(sha256Hex(bytes)).toBe(expected);
    const hasher = createSha256();
    for (let i = 0; i < bytes.length; i += 1000) hasher.update(bytes.subarray(i, i + 1000));
    expect(hasher.digestHex()).toBe(expected);
  });

  it("handles every length around the padding boundaries", () => {
    for (let n = 0; n <= 200; n++) {
      const bytes = new Uint8Array(n).map((_, i) => (i * 31 + n) & 0xff);
      expect(sha256Hex(bytes)).toBe(nodeHex(bytes));
    }
  });
});

describe("sha256 — UTF-8 of strings", () => {
  it("encodes lone surrogates as U+FFFD like TextEncoder", () => {
    expect(sha256HexOfString("a\ud800b")).toBe(sha256HexOfString("a\ufffdb"));
    expect(sha256HexOfString("\udc00")).toBe(nodeHex(new Uint8Array([0xef, 0xbf, 0xbd])));
    expect(sha256HexOfString("\ud83d\ude00")).toBe(nodeHex(new Uint8Array([0xf0, 0x9f, 0x98, 0x80])));
  });
});

describe("sha256 — properties against node:crypto", () => {
  it("equals createHash for arbitrary bytes", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 1000 }), (bytes) => {
        expect(sha256Hex(bytes)).toBe(nodeHex(bytes));
      }),
      { numRuns: 300 },
    );
  });

  it("equals createHash of the TextEncoder bytes for arbitrary unicode strings (incl. lone surrogates)", () => {
    const encoder = new TextEncoder();
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: "grapheme" }), fc.string({ unit: "binary" })), (text) => {
        expect(sha256HexOfString(text)).toBe(nodeHex(encoder.encode(text)));
      }),
      { numRuns: 300 },
    );
  });

  it("incremental updates split at arbitrary points equal the one-shot digest", () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 600 }),
        fc.array(fc.nat({ max: 600 }), { maxLength: 12 }),
        (bytes, cuts) => {
          const points = [...new Set(cuts.map((c) => Math.min(c, bytes.length)))].sort((a, b) => a - b);
          const hasher = createSha256();
          let previous = 0;
          for (const point of [...points, bytes.length]) {
            hasher.update(bytes.subarray(previous, point)); // includes empty chunks
            previous = point;
          }
          expect(hasher.digestHex()).toBe(sha256Hex(bytes));
        },
      ),
      { numRuns: 300 },
    );
  });

  it("digestHex does not disturb the running state", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.uint8Array({ maxLength: 300 }), (a, b) => {
        const hasher = createSha256();
        hasher.update(a);
        expect(hasher.digestHex()).toBe(nodeHex(a));
        expect(hasher.digestHex()).toBe(nodeHex(a));
        hasher.update(b);
        const both = new Uint8Array(a.length + b.length);
        both.set(a);
        both.set(b, a.length);
        expect(hasher.digestHex()).toBe(nodeHex(both));
      }),
      { numRuns: 200 },
    );
  });
});
