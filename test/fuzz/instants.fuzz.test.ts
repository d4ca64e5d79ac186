/**
 * Reading timestamps: the fast parser a series uses (createInstantParser, with its date cache) must
 * agree with the general one (parseInstant) on every text, in any order, and every instant either
 * returns must be the one ECMAScript's Date.parse reads from the same ISO 8601 text.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createInstantParser, parseInstant } from "../../src/core/period.js";

const digit = fc.constantFrom(..."0123456789");
const d = (n: number) => fc.array(digit, { minLength: n, maxLength: n }).map((a) => a.join(""));
/** Mostly plausible fields, sometimes out of range (month 13, day 31 in February, hour 24, …). */
const field = (plausible: fc.Arbitrary<number>, width: number) =>
  fc.oneof(
    { weight: 4, arbitrary: plausible.map((n) => String(n).padStart(width, "0")) },
    { weight: 1, arbitrary: d(width) },
  );

const timestampArb: fc.Arbitrary<string> = fc
  .record({
    year: field(fc.integer({ min: 1, max: 9999 }), 4),
    month: field(fc.integer({ min: 1, max: 12 }), 2),
    day: field(fc.integer({ min: 1, max: 31 }), 2),
    hour: field(fc.integer({ min: 0, max: 23 }), 2),
    minute: field(fc.integer({ min: 0, max: 59 }), 2),
    second: fc.option(field(fc.integer({ min: 0, max: 59 }), 2), { nil: undefined }),
    // 1 to 9 digits (10 is malformed); digits after the third are often zeros, the whole-ms form.
    fraction: fc.option(
      fc.oneof(
        fc.integer({ min: 1, max: 10 }).chain((n) => d(n)),
        fc.tuple(d(3), fc.integer({ min: 1, max: 6 })).map(([ms, zeros]) => ms + "0".repeat(zeros)),
      ),
      { nil: undefined },
    ),
    zone: fc.oneof(
      fc.constant("Z"),
      fc.constant(""),
      fc
        .tuple(
          fc.constantFrom("+", "-"),
          field(fc.integer({ min: 0, max: 23 }), 2),
          field(fc.integer({ min: 0, max: 59 }), 2),
        )
        .map(([s, h, m]) => `${s}${h}:${m}`),
    ),
    noise: fc.option(fc.tuple(fc.nat(), fc.constantFrom("x", " ", "T", ":", "-", "+", "Z", "٣", "")), {
      nil: undefined,
      freq: 5,
    }),
  })
  .map((t) => {
    let text = `${t.year}-${t.month}-${t.day}T${t.hour}:${t.minute}${t.second === undefined ? "" : `:${t.second}${t.fraction === undefined ? "" : `.${t.fraction}`}`}${t.zone}`;
    if (t.noise) {
      const i = t.noise[0] % (text.length + 1);
      text = text.slice(0, i) + t.noise[1] + text.slice(i + 1);
    }
    return text;
  });

describe("reading timestamps", () => {
  it("the fast parser agrees with the general parser and with Date.parse (5,000 runs)", () => {
    fc.assert(
      fc.property(fc.array(timestampArb, { minLength: 1, maxLength: 20 }), (texts) => {
        const fast = createInstantParser();
        for (const text of texts) {
          const general = parseInstant(text);
          expect(fast(text), text).toBe(general);
          if (typeof general === "number") expect(general, `Date.parse(${text})`).toBe(Date.parse(text));
        }
      }),
      { numRuns: 5000 },
    );
  });
});
