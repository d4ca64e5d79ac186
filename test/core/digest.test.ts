import { createHash } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalJson } from "../../src/core/canonical-json.js";
import { inputDigest } from "../../src/core/digest.js";

const reference = (value: unknown) =>
  `sha256:${createHash("sha256").update(canonicalJson(value), "utf8").digest("hex")}`;

describe("inputDigest (streamed UTF-8 into SHA-256)", () => {
  it("equals SHA-256 of the RFC 8785 text for arbitrary JSON, unicode and lone surrogates included", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(inputDigest(value)).toBe(reference(value));
      }),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(fc.dictionary(fc.string({ unit: "binary" }), fc.string({ unit: "binary" })), (value) => {
        expect(inputDigest(value)).toBe(reference(value));
      }),
      { numRuns: 300 },
    );
  });

  it("handles strings and documents larger than its 64 KiB buffer, on every boundary", () => {
    for (const size of [65_533, 65_534, 65_535, 65_536, 65_537, 200_000]) {
      const ascii = { s: "a".repeat(size) };
      const mixed = { s: 'é😀"\\\n'.repeat(size / 6) };
      const readings = {
        readings: Array.from({ length: size / 40 }, (_, i) => ({
          at: `2024-01-01T00:00:${String(i % 60).padStart(2, "0")}Z`,
          value: `${i}.5`,
        })),
      };
      for (const doc of [ascii, mixed, readings]) expect(inputDigest(doc)).toBe(reference(doc));
    }
  });

  it("leaves out only the top-level reported member", () => {
    expect(inputDigest({ a: "1", reported: { RE_p: "2" } })).toBe(reference({ a: "1" }));
    expect(inputDigest({ a: { reported: "x" } })).toBe(reference({ a: { reported: "x" } }));
  });
});
