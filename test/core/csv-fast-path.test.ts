/**
 * The CSV reader's fast path (issue 14): the common timestamp form is read in place — from the chunk's
 * bytes when its characters are its bytes, else from the decoded text — and only other forms, problems
 * and out-of-order times take the general path. None of it may change an outcome.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type CsvSeriesOutcome, readCsvSeries } from "../../src/core/csv.js";
import {
  createPeriod,
  instantCache,
  parseCommonInstant,
  parseCommonInstantBytes,
  parseInstant,
} from "../../src/core/period.js";
import type { SeriesHeader } from "../../src/core/series.js";

const encode = (text: string) => new TextEncoder().encode(text);
const two = (n: number) => String(n).padStart(2, "0");

/** Timestamps of the common form, and near misses: impossible dates and times, other lengths, other marks. */
const timestamp = fc
  .tuple(
    fc.integer({ min: 0, max: 2300 }),
    fc.integer({ min: 0, max: 13 }),
    fc.integer({ min: 0, max: 32 }),
    fc.integer({ min: 0, max: 25 }),
    fc.integer({ min: 0, max: 61 }),
    fc.integer({ min: 0, max: 61 }),
    fc.constantFrom("Z", "+08:00", "-03:30", "+24:00", "+05:60", "08:00", "+0800", "z", "+08:0x"),
    fc.constantFrom("T", "t", " "),
    fc.option(fc.constantFrom(".000", ".5", "x", ":00"), { nil: "" }),
  )
  .map(
    ([y, mo, d, h, mi, s, offset, t, extra]) =>
      `${String(y).padStart(4, "0")}-${two(mo)}-${two(d)}${t}${two(h)}:${two(mi)}:${two(s)}${extra}${offset}`,
  );

describe("reading a timestamp in place", () => {
  it("from bytes, from text and by the general parser: the same instant, or the general path names it", () => {
    fc.assert(
      fc.property(fc.array(timestamp, { minLength: 1, maxLength: 20 }), fc.nat({ max: 5 }), (stamps, pad) => {
        const bytesCache = instantCache();
        const textCache = instantCache();
        for (const stamp of stamps) {
          // Inside a longer line, as the CSV reader sees it.
          const line = `${"x".repeat(pad)}${stamp},1\n`;
          const fromText = parseCommonInstant(line, pad, stamp.length, textCache);
          const fromBytes = parseCommonInstantBytes(encode(line), pad, stamp.length, bytesCache);
          expect(fromBytes, stamp).toBe(fromText);
          const general = parseInstant(stamp);
          if (fromText !== undefined) expect(fromText, stamp).toBe(general);
          else if (typeof general === "number")
            // Only other forms (fractions, minutes only) leave the fast path with a valid instant.
            expect(stamp.length === 20 || stamp.length === 25, stamp).toBe(false);
        }
      }),
      { numRuns: 400 },
    );
  });
});

describe("the CSV reader with the fast path", () => {
  const made = createPeriod("2024-02-27", "2024-03-02", "+08:00");
  if (!made.ok) throw new Error("period");
  const header: SeriesHeader = { kind: "interval", unit: "kWh", interval: "PT1H" };
  const hour = (h: number) => {
    const d = new Date(Date.UTC(2024, 1, 26, 16 + h));
    return `${d.toISOString().slice(0, 19)}+00:00`;
  };
  const plain = (o: CsvSeriesOutcome) =>
    o.ok ? { ...o.totals, total: o.totals.total.toString(), daily: o.totals.daily && [...o.totals.daily] } : o.problems;
  const row = fc.oneof(
    { weight: 6, arbitrary: fc.integer({ min: -2, max: 130 }).map((h) => [hour(h), `${h}.25`] as const) },
    { weight: 1, arbitrary: fc.integer({ min: 0, max: 120 }).map((h) => [hour(h), "-0"] as const) },
    { weight: 1, arbitrary: fc.integer({ min: 0, max: 120 }).map((h) => [hour(h), "-1"] as const) },
    { weight: 1, arbitrary: fc.integer({ min: 0, max: 120 }).map((h) => [hour(h), "1e2"] as const) },
    { weight: 1, arbitrary: fc.integer({ min: 0, max: 120 }).map((h) => [`${hour(h).slice(0, 19)}Z`, "x"] as const) },
    { weight: 1, arbitrary: timestamp.map((t) => [t, "3"] as const) },
  );

  it("gives what the general path gives: quoted times take it, plain ones the fast path (text or bytes)", () => {
    fc.assert(
      fc.property(fc.array(row, { maxLength: 60 }), fc.boolean(), (rows, sorted) => {
        const list = sorted ? [...rows].sort((a, b) => (a[0] < b[0] ? -1 : 1)) : rows;
        const csv = (quote: string, bom: string) =>
          encode(`${bom}at,value\n${list.map(([at, v]) => `${quote}${at}${quote},${v}`).join("\n")}\n`);
        const fast = readCsvSeries(csv("", ""), header, made.period, {});
        const text = readCsvSeries(csv("", "\uFEFF"), header, made.period, {});
        const general = readCsvSeries(csv('"', ""), header, made.period, {});
        // The BOM makes the first chunk multi-byte: the time is read from the decoded text instead.
        const sameBytes = (o: CsvSeriesOutcome) => (o.ok ? { ...plain(o), sha256: "", bytes: 0 } : plain(o));
        expect(sameBytes(text)).toEqual(sameBytes(fast));
        if (fast.ok && general.ok) {
          expect(sameBytes(general)).toEqual(sameBytes(fast));
        } else {
          // Quotes move the value's column by two; everything else is the same.
          expect(general.ok).toBe(fast.ok);
          const located = (o: CsvSeriesOutcome) =>
            o.ok
              ? []
              : o.problems.map((p) => ({ ...p, column: p.column === undefined || p.column === 1 ? p.column : 0 }));
          expect(located(general).map(({ found: _f, ...p }) => p)).toEqual(
            located(fast).map(({ found: _f, ...p }) => p),
          );
        }
      }),
      { numRuns: 300 },
    );
  });
});
