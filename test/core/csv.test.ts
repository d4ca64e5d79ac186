import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type CsvSeriesOutcome, createCsvSeriesReader, readCsvSeries } from "../../src/core/csv.js";
import { csvPathProblem } from "../../src/core/csv-path.js";
import { createPeriod, type MonitoringPeriod } from "../../src/core/period.js";
import type { SeriesHeader } from "../../src/core/series.js";
import { decodeUtf8Strict, invalidUtf8Offset } from "../../src/core/utf8.js";

const made = createPeriod("2024-06-01", "2024-06-02", "+08:00");
if (!made.ok) throw new Error("period");
const period: MonitoringPeriod = made.period;
const header: SeriesHeader = { kind: "interval", unit: "kWh", interval: "PT1H" };
const at = (h: number) => new Date(Date.UTC(2024, 4, 31, 16 + h)).toISOString().replace(".000Z", "Z");
const encode = (text: string) => new TextEncoder().encode(text);

function inChunks(bytes: Uint8Array, cuts: number[]): CsvSeriesOutcome {
  const reader = createCsvSeriesReader(header, period);
  let from = 0;
  for (const cut of [...cuts.map((c) => c % (bytes.length + 1))].sort((a, b) => a - b)) {
    reader.push(bytes.subarray(from, Math.max(from, cut)));
    from = Math.max(from, cut);
  }
  reader.push(bytes.subarray(from));
  return reader.finish();
}

const plain = (o: CsvSeriesOutcome) =>
  o.ok
    ? {
        ...o.totals,
        total: o.totals.total.toString(),
        daily: o.totals.daily && [...o.totals.daily].map(([d, v]) => `${d}:${v}`),
      }
    : o.problems;

describe("the CSV reader", () => {
  it("gives the same outcome however the bytes are cut into chunks (BOM, CRLF, quotes, UTF-8 split)", () => {
    const line = fc.oneof(
      fc.integer({ min: 0, max: 47 }).map((h) => `${at(h)},${h}.5`),
      fc.integer({ min: 0, max: 47 }).map((h) => `"${at(h)}","${h}"`),
      fc.constant(""),
      fc.constant("é,ü"),
      fc.constant('x,"1"2"'),
      fc.constant("a,b,c"),
      fc.constant("€".repeat(1400)),
      fc.constant("0".repeat(4097)),
    );
    fc.assert(
      fc.property(
        fc.boolean(),
        fc.array(line, { maxLength: 30 }),
        fc.constantFrom("\n", "\r\n"),
        fc.boolean(),
        fc.array(fc.nat(), { maxLength: 8 }),
        fc.option(fc.nat(), { nil: undefined }),
        (bom, lines, eol, finalEol, cuts, corrupt) => {
          const text = `${bom ? "\ufeff" : ""}at,value${eol}${lines.join(eol)}${finalEol ? eol : ""}`;
          const bytes = encode(text);
          if (corrupt !== undefined && bytes.length > 0) bytes[corrupt % bytes.length] = 0xff;
          const whole = readCsvSeries(bytes, header, period);
          expect(plain(inChunks(bytes, cuts))).toEqual(plain(whole));
          expect(
            plain(
              inChunks(
                bytes,
                Array.from({ length: bytes.length }, (_, i) => i),
              ),
            ),
          ).toEqual(plain(whole));
        },
      ),
      { numRuns: 150 },
    );
  });

  it("reads a valid file: total, rows, counts, daily totals and the SHA-256 of the bytes", () => {
    const text = `at,value\n${Array.from({ length: 48 }, (_, h) => `${at(h)},${h}`).join("\n")}\n`;
    const outcome = readCsvSeries(encode(text), header, period);
    if (!outcome.ok) throw new Error(JSON.stringify(outcome.problems));
    expect(outcome.totals.total.toString()).toBe(String((47 * 48) / 2));
    expect(outcome.totals.rows).toBe(48);
    expect(outcome.totals.missing).toBe(0);
    // Day 0 holds hours 0–23 (0 + … + 23 = 276), day 1 hours 24–47 (852): only days with readings.
    expect([...(outcome.totals.daily ?? [])].map(([day, total]) => [day, total.toString()])).toEqual([
      [0, "276"],
      [1, "852"],
    ]);
    expect(outcome.totals.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it("a line too long is reported as soon as its bytes exceed the limit, without waiting for its end", () => {
    const reader = createCsvSeriesReader(header, period);
    expect(reader.push(encode(`at,value\n${at(0)},`))).toBe(true);
    expect(reader.push(new Uint8Array(5000).fill(0x31))).toBe(false);
    const outcome = reader.finish();
    expect(outcome.ok ? [] : outcome.problems.map((p) => [p.code, p.line])).toEqual([["line-too-long", 2]]);
  });

  it("invalid UTF-8: the offset of the first bad byte, as the runtime's decoder and the portable one agree", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), (bytes) => {
        const native = decodeUtf8Strict(bytes);
        const portable = decodeUtf8Strict(bytes, false);
        expect(portable).toEqual(native);
        let valid = true;
        try {
          new TextDecoder("utf-8", { fatal: true }).decode(bytes);
        } catch {
          valid = false;
        }
        expect(invalidUtf8Offset(bytes) < 0).toBe(valid);
      }),
      { numRuns: 2000 },
    );
    expect(decodeUtf8Strict(encode("\ufeffa€😀"), false)).toBe("\ufeffa€😀");
  });
});

describe("CSV paths and quoting", () => {
  it("the path rules", () => {
    for (const ok of ["a.csv", "readings/inv-1.csv", "a b/ü.csv", "..a/b..", ".hidden/x.csv", "~/x.csv"])
      expect(csvPathProblem(ok), ok).toBeUndefined();
    for (const bad of [
      "",
      "/a",
      "a//b",
      "a/",
      "./a",
      "a/./b",
      "../a",
      "a/..",
      "C:a",
      "z:/a",
      "a\\b",
      "a\u0000b",
      "a\u009fb",
    ])
      expect(csvPathProblem(bad), JSON.stringify(bad)).toBeDefined();
  });
});
