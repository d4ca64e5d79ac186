import { describe, expect, it } from "vitest";
import { createCsvSeriesReader } from "../../src/core/csv.js";
import { createPeriod } from "../../src/core/period.js";
import { createReadingChecker, createSeriesAccumulator, type SeriesHeader } from "../../src/core/series.js";
import { precomputedSeries } from "../../src/methodology/csv-files.js";

/**
 * Objects made once per CSV file or per series carry no accessor closure of their own. An object
 * literal with a getter (or a getter defined with a new closure) gets a hidden class of its own,
 * made in the old generation: a document naming 100,000 one-row files made 100,000 of them per
 * kind, and the collector promoted ~3 KB per file (docs/performance.md, 2026-12-03, sixth session).
 */

const made = createPeriod("2024-06-01", "2024-06-02", "+08:00");
if (!made.ok) throw new Error("period");
const period = made.period;
const interval: SeriesHeader = { kind: "interval", unit: "kWh", interval: "PT1H" };
const cumulative: SeriesHeader = { kind: "cumulative", unit: "kWh" };

/** Names of the own properties of `value` that are accessors (getters or setters). */
function accessors(value: object): string[] {
  return Object.entries(Object.getOwnPropertyDescriptors(value))
    .filter(([, descriptor]) => descriptor.get !== undefined || descriptor.set !== undefined)
    .map(([name]) => name);
}

describe("objects made per file or per series", () => {
  it("the CSV reader, the reading checker and both accumulators have data properties only", () => {
    expect(accessors(createCsvSeriesReader(interval, period))).toEqual([]);
    expect(accessors(createCsvSeriesReader(cumulative, period, { hash: false, daily: false }))).toEqual([]);
    expect(accessors(createReadingChecker("interval", () => {}))).toEqual([]);
    expect(accessors(createSeriesAccumulator(interval, period))).toEqual([]);
    expect(accessors(createSeriesAccumulator(cumulative, period))).toEqual([]);
  });

  it("what they report through methods is what they counted", () => {
    const kept: number[] = [];
    const checker = createReadingChecker("interval", (instant) => kept.push(instant));
    expect(checker.lastInstant()).toBe(Number.NEGATIVE_INFINITY);
    checker.add("2024-06-01T00:00:00+08:00", "1", 0);
    checker.add("2024-06-01T00:00:00+08:00", "1", 1);
    checker.add("2024-06-01T01:00:00+08:00", 2, 2);
    expect(checker.lastInstant()).toBe(Date.UTC(2024, 4, 31, 17));
    expect(checker.duplicates()).toBe(1);
    expect(checker.numbers()).toBe(1);
    expect(kept).toHaveLength(2);

    const accumulator = createSeriesAccumulator(interval, period);
    expect(accumulator.problemCount()).toBe(0);
    accumulator.add(Date.UTC(2024, 4, 31, 16, 30), "1", 0);
    expect(accumulator.problemCount()).toBe(1);
  });

  it("series with daily totals share one getter, and each gives its own days", () => {
    const totalsOf = (text: string) => {
      const reader = createCsvSeriesReader(interval, period);
      reader.push(new TextEncoder().encode(text));
      const outcome = reader.finish();
      if (!outcome.ok) throw new Error(JSON.stringify(outcome.problems));
      return outcome.totals;
    };
    const a = precomputedSeries("a.csv", totalsOf("at,value\n2024-06-01T00:00:00+08:00,1.5\n"), period.days);
    const b = precomputedSeries("b.csv", totalsOf("at,value\n2024-06-02T05:00:00+08:00,7\n"), period.days);
    const getter = (series: object) => Object.getOwnPropertyDescriptor(series, "daily")?.get;
    expect(getter(a)).toBeTypeOf("function");
    expect(getter(a)).toBe(getter(b));
    expect(a.daily?.map(String)).toEqual(["1.5", "0"]);
    expect(b.daily?.map(String)).toEqual(["0", "7"]);
    expect(Object.keys(a)).toContain("daily");
    expect(JSON.parse(JSON.stringify(b)).daily).toEqual(["0", "7"]);
  });
});
