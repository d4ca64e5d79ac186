import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { toCanonicalString } from "../../src/core/decimal.js";
import {
  createInstantParser,
  createPeriod,
  formatInstant,
  formatUtcOffset,
  localDays,
  type MonitoringPeriod,
  parseInstant,
  splitPeriod,
} from "../../src/core/period.js";
import {
  checkReadings,
  createReadingChecker,
  createSeriesAccumulator,
  dailyTotals,
  intervalMilliseconds,
  type SeriesHeader,
  type SeriesProblem,
} from "../../src/core/series.js";

const H = 3_600_000;
const DAY = 24 * H;

interface Reading {
  at: unknown;
  value: unknown;
}

function period(start: string, end: string, timeZone = "+00:00"): MonitoringPeriod {
  const made = createPeriod(start, end, timeZone);
  if (!made.ok) throw new Error(`bad test period: ${JSON.stringify(made.problems)}`);
  return made.period;
}

/** Checks the readings, feeds the kept ones to an accumulator for `p`, finishes. */
function run(header: SeriesHeader, p: MonitoringPeriod, readings: readonly Reading[]) {
  const checked = checkReadings(header.kind, readings);
  const accumulator = createSeriesAccumulator(header, p);
  for (let i = 0; i < checked.instants.length; i++)
    accumulator.add(checked.instants[i]!, checked.values[i]!, checked.indices[i]!);
  const outcome = accumulator.finish();
  return {
    checked,
    outcome,
    problems: [...checked.problems, ...outcome.problems],
    total: toCanonicalString(outcome.total),
  };
}

/** `at` text of the instant `hours` after the period start, written in `offset` minutes. */
const at = (p: MonitoringPeriod, hours: number, offset = p.offsetMinutes) =>
  formatInstant(p.startInstant + hours * H, offset);
const codes = (problems: readonly SeriesProblem[]) => problems.map((problem) => problem.code);

// Exact BigInt reference -----------------------------------------------------------------------

const INPUT = /^(-?)([0-9]+)(?:\.([0-9]+))?(?:[eE]([+-]?[0-9]+))?$/;
function referenceSum(values: readonly string[]): string {
  const parts = values.map((text) => {
    const m = INPUT.exec(text);
    if (m === null) throw new Error(`bad test input ${text}`);
    const fraction = m[3] ?? "";
    return { mantissa: BigInt(`${m[1]}${m[2]}${fraction}`), scale: fraction.length - Number(m[4] ?? "0") };
  });
  const scale = Math.max(0, ...parts.map((p) => p.scale));
  const total = parts.reduce((acc, p) => acc + p.mantissa * 10n ** BigInt(scale - p.scale), 0n);
  const negative = total < 0n;
  let digits = (negative ? -total : total).toString().padStart(scale + 1, "0");
  if (scale > 0) digits = `${digits.slice(0, -scale)}.${digits.slice(-scale)}`.replace(/0+$/, "").replace(/\.$/, "");
  return digits === "0" ? "0" : `${negative ? "-" : ""}${digits}`;
}
const referenceDifference = (a: string, b: string) => referenceSum([a, b.startsWith("-") ? b.slice(1) : `-${b}`]);

// Generators -----------------------------------------------------------------------------------

const digitChar = fc.constantFrom(..."0123456789");
const significand = (maxDigits: number) =>
  fc
    .tuple(fc.constantFrom(..."123456789"), fc.string({ unit: digitChar, minLength: 0, maxLength: maxDigits - 1 }))
    .map(([a, b]) => a + b);

/** A non-negative reading value at any magnitude a document may carry (kept below 1e26 so sums stay < 1e30). */
const nonNegativeValue = fc.oneof(
  {
    weight: 3,
    arbitrary: fc
      .tuple(fc.nat({ max: 99_999 }), fc.nat({ max: 999 }))
      .map(([i, f]) => `${i}.${String(f).padStart(3, "0")}`),
  },
  {
    weight: 2,
    arbitrary: fc
      .tuple(significand(20), fc.integer({ min: -1000, max: 25 }), fc.boolean())
      .map(([digits, exponent, plain]) => {
        const text = `${digits[0]}${digits.length > 1 ? `.${digits.slice(1)}` : ""}e${exponent}`;
        return plain ? referenceSum([text]) : text;
      }),
  },
  { weight: 1, arbitrary: fc.constantFrom("0", "-0", "0.000", "1e-1000", `${"9".repeat(25)}.${"9".repeat(20)}`) },
);

/** A period of 1–4 days starting 2016-03-01 in a random offset. */
const shortPeriod = fc
  .tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: -(23 * 60 + 59), max: 23 * 60 + 59 }))
  .map(([days, offset]) => period("2016-03-01", `2016-03-0${days}`, formatUtcOffset(offset)));

/** Hourly readings on distinct hours from one day before to one day after the period, values at any magnitude. */
const hourlyReadings = (p: MonitoringPeriod) =>
  fc
    .uniqueArray(fc.integer({ min: -24, max: p.days * 24 + 23 }), { maxLength: 60 })
    .chain((hours) =>
      fc.tuple(
        fc.constant([...hours].sort((a, b) => a - b)),
        fc.array(nonNegativeValue, { minLength: hours.length, maxLength: hours.length }),
      ),
    )
    .map(([hours, values]) => hours.map((h, i) => ({ hour: h, value: values[i]! })));

const offsetMinutes = fc.integer({ min: -(23 * 60 + 59), max: 23 * 60 + 59 });

// ---------------------------------------------------------------------------------------------

const day = period("2016-01-01", "2016-01-01", "+08:00");
const interval: SeriesHeader = { kind: "interval", unit: "kWh" };
const hourly: SeriesHeader = { kind: "interval", unit: "kWh", interval: "PT1H" };

describe("interval series: totals", () => {
  it("sums the values whose `at` lies inside [start 00:00, (end + 1 day) 00:00); readings outside are left out and counted", () => {
    const r = run(interval, day, [
      { at: "2015-12-31T23:00:00+08:00", value: "100" },
      { at: "2016-01-01T00:00:00+08:00", value: "12.5" },
      { at: "2016-01-01T12:00:00+08:00", value: "7.25" },
      { at: "2016-01-01T23:59:59.999+08:00", value: "0.25" },
      { at: "2016-01-02T00:00:00+08:00", value: "1000" },
    ]);
    expect(r.problems).toEqual([]);
    expect(r.total).toBe("20");
    expect(r.outcome.used).toBe(3);
    expect(r.outcome.outside).toBe(2);
    expect(r.outcome.notices).toHaveLength(1);
    expect(r.outcome.notices[0]!.code).toBe("readings-outside-period");
    expect(r.outcome.notices[0]!.message).toMatch(/\b2 readings\b/);
  });

  it("places readings by their own offset: 2015-12-31T16:00:00Z is the start of a +08:00 period, 2016-01-01T16:00:00Z its end", () => {
    const r = run(interval, day, [
      { at: "2015-12-31T15:59:59Z", value: "1000" },
      { at: "2015-12-31T16:00:00Z", value: "1" },
      { at: "2016-01-01T10:00:00-05:00", value: "2" },
      { at: "2016-01-01T16:00:00Z", value: "1000" },
    ]);
    expect(r.problems).toEqual([]);
    expect(r.total).toBe("3");
    expect(r.outcome.outside).toBe(2);
  });

  it("says nothing when no reading lies outside, and uses the singular for one", () => {
    expect(run(interval, day, [{ at: at(day, 0), value: "1" }]).outcome.notices).toEqual([]);
    const one = run(interval, day, [{ at: at(day, 24), value: "1" }]).outcome.notices;
    expect(one).toHaveLength(1);
    expect(one[0]!.message).toMatch(/\b1 reading outside\b/);
  });

  it("an empty series totals 0", () => {
    const r = run(interval, day, []);
    expect(r.total).toBe("0");
    expect(r.problems).toEqual([]);
    expect(r.outcome.used).toBe(0);
  });

  it("sums exactly at any magnitude", () => {
    const r = run(interval, day, [
      { at: at(day, 0), value: "1e25" },
      { at: at(day, 1), value: "1e-1000" },
      { at: at(day, 2), value: "0.1" },
      { at: at(day, 3), value: "0.2" },
    ]);
    expect(r.total).toBe(`10000000000000000000000000.3${"0".repeat(998)}1`);
  });

  it("property: the total is the exact sum of the in-period readings, at any magnitude", () => {
    fc.assert(
      fc.property(
        shortPeriod.chain((p) => fc.tuple(fc.constant(p), hourlyReadings(p))),
        ([p, readings]) => {
          const r = run(
            interval,
            p,
            readings.map(({ hour, value }) => ({ at: at(p, hour), value })),
          );
          const inside = readings.filter(({ hour }) => hour >= 0 && hour < p.days * 24);
          expect(r.problems).toEqual([]);
          expect(r.total).toBe(referenceSum(inside.map((x) => x.value)));
          expect(r.outcome.used).toBe(inside.length);
          expect(r.outcome.outside).toBe(readings.length - inside.length);
        },
      ),
      { numRuns: 150 },
    );
  });

  it("property: an interval series split at a day boundary into two consecutive periods sums exactly to the whole", () => {
    const splittable = fc
      .tuple(fc.integer({ min: 2, max: 4 }), offsetMinutes)
      .map(([days, offset]) => period("2016-03-01", `2016-03-0${days}`, formatUtcOffset(offset)))
      .chain((p) => fc.tuple(fc.constant(p), hourlyReadings(p), fc.integer({ min: 1, max: p.days - 1 })));
    fc.assert(
      fc.property(splittable, ([whole, readings, k]) => {
        const [first, second] = splitPeriod(whole, `2016-03-0${1 + k}`);
        const texts = readings.map(({ hour, value }) => ({ at: at(whole, hour), value }));
        const all = run(hourly, whole, texts);
        const a = run(hourly, first, texts);
        const b = run(hourly, second, texts);
        expect(all.problems).toEqual([]);
        expect(referenceSum([a.total, b.total])).toBe(all.total);
        expect(a.outcome.used + b.outcome.used).toBe(all.outcome.used);
        expect(a.outcome.missing + b.outcome.missing).toBe(all.outcome.missing);
      }),
      { numRuns: 150 },
    );
  });

  it("property: writing each `at` in another offset changes nothing (instants, not text)", () => {
    fc.assert(
      fc.property(
        shortPeriod
          .chain((p) => fc.tuple(fc.constant(p), hourlyReadings(p)))
          .chain(([p, readings]) =>
            fc.tuple(
              fc.constant(p),
              fc.constant(readings),
              fc.array(offsetMinutes, { minLength: readings.length, maxLength: readings.length }),
            ),
          ),
        ([p, readings, offsets]) => {
          const inZ = run(
            hourly,
            p,
            readings.map(({ hour, value }) => ({ at: at(p, hour, 0), value })),
          );
          const mixed = run(
            hourly,
            p,
            readings.map(({ hour, value }, i) => ({ at: at(p, hour, offsets[i]!), value })),
          );
          expect(mixed.problems).toEqual([]);
          expect(mixed.total).toBe(inZ.total);
          expect([mixed.outcome.used, mixed.outcome.outside, mixed.outcome.missing]).toEqual([
            inZ.outcome.used,
            inZ.outcome.outside,
            inZ.outcome.missing,
          ]);
          expect(mixed.outcome.notices.map((n) => n.code)).toEqual(inZ.outcome.notices.map((n) => n.code));
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe("interval series: the `interval` grid", () => {
  it("intervalMilliseconds reads PT{n}M, PT{n}H and P1D only", () => {
    expect(intervalMilliseconds("PT1H")).toBe(H);
    expect(intervalMilliseconds("PT15M")).toBe(15 * 60_000);
    expect(intervalMilliseconds("PT90M")).toBe(90 * 60_000);
    expect(intervalMilliseconds("PT24H")).toBe(DAY);
    expect(intervalMilliseconds("P1D")).toBe(DAY);
    for (const bad of [
      "P1M",
      "PT0H",
      "PT0M",
      "PT1.5H",
      "P1W",
      "PT1S",
      "P2D",
      "pt1h",
      "PT01H",
      "1H",
      "PT",
      "P1Y",
      "PT-1H",
      "",
    ])
      expect(intervalMilliseconds(bad), bad).toBeUndefined();
  });

  it.each(["P1M", "PT0H", "PT30S", "P1W", "hourly"])("an unsupported interval %j is an error", (designator) => {
    const r = run({ kind: "interval", unit: "kWh", interval: designator }, day, [{ at: at(day, 0), value: "1" }]);
    expect(codes(r.outcome.problems)).toEqual(["invalid-interval"]);
    expect(r.outcome.problems[0]!.field).toBe("interval");
  });

  it("a complete hourly series has no gaps (readings may be written in any offset)", () => {
    const readings = Array.from({ length: 24 }, (_, h) => ({ at: at(day, h, 0), value: "1.5" }));
    const r = run(hourly, day, readings);
    expect(r.problems).toEqual([]);
    expect(r.outcome.missing).toBe(0);
    expect(r.outcome.notices).toEqual([]);
    expect(r.total).toBe("36");
  });

  it("the grid is anchored at the period start (local midnight), not at UTC midnight", () => {
    const threeDays = period("2016-01-01", "2016-01-03", "+08:00");
    const daily: SeriesHeader = { kind: "interval", unit: "kWh", interval: "P1D" };
    const onGrid = run(daily, threeDays, [
      { at: "2015-12-31T16:00:00Z", value: "1" },
      { at: "2016-01-02T00:00:00+08:00", value: "2" },
      { at: "2016-01-02T16:00:00Z", value: "3" },
    ]);
    expect(onGrid.problems).toEqual([]);
    expect(onGrid.total).toBe("6");
    expect(onGrid.outcome.missing).toBe(0);

    const utcMidnight = run(daily, threeDays, [
      { at: "2015-12-31T16:00:00Z", value: "1" },
      { at: "2016-01-02T00:00:00Z", value: "2" },
    ]);
    expect(codes(utcMidnight.problems)).toEqual(["off-grid"]);
    expect(utcMidnight.problems[0]).toMatchObject({ index: 1, field: "at", found: "2016-01-02T08:00:00+08:00" });
    expect(utcMidnight.problems[0]!.expected).toContain("2016-01-01T00:00:00+08:00");
  });

  it("a reading inside the period that is off the grid is an error naming its index", () => {
    const r = run({ kind: "interval", unit: "kWh", interval: "PT15M" }, day, [
      { at: at(day, 0), value: "1" },
      { at: at(day, 0.25), value: "1" },
      { at: formatInstant(day.startInstant + 20 * 60_000, 480), value: "1" },
      { at: at(day, 1), value: "1" },
    ]);
    expect(codes(r.problems)).toEqual(["off-grid"]);
    expect(r.problems[0]).toMatchObject({ index: 2, field: "at", found: "2016-01-01T00:20:00+08:00" });
  });

  it("readings outside the period are not judged against the grid", () => {
    const r = run(hourly, day, [
      { at: "2015-12-31T23:30:00+08:00", value: "1" },
      ...Array.from({ length: 24 }, (_, h) => ({ at: at(day, h), value: "1" })),
      { at: "2016-01-02T00:30:00+08:00", value: "1" },
    ]);
    expect(r.problems).toEqual([]);
    expect(r.outcome.outside).toBe(2);
    expect(r.total).toBe("24");
  });

  it("a grid that does not divide the period still counts every grid instant inside it (PT7H over a day: 0, 7, 14, 21 h)", () => {
    const seven: SeriesHeader = { kind: "interval", unit: "kWh", interval: "PT7H" };
    const full = run(
      seven,
      day,
      [0, 7, 14, 21].map((h) => ({ at: at(day, h), value: "1" })),
    );
    expect(full.problems).toEqual([]);
    expect(full.outcome.missing).toBe(0);
    const gap = run(
      seven,
      day,
      [0, 7, 14].map((h) => ({ at: at(day, h), value: "1" })),
    );
    expect(gap.outcome.missing).toBe(1);
    expect(gap.outcome.notices.find((n) => n.code === "gaps")!.message).toContain("2016-01-01T21:00:00+08:00");
    expect(codes(run(seven, day, [{ at: at(day, 8), value: "1" }]).problems)).toEqual(["off-grid"]);
  });

  it("many off-grid readings: each of the first ones is named, the rest are counted", () => {
    const r = run(
      hourly,
      day,
      Array.from({ length: 15 }, (_, i) => ({ at: at(day, i + 0.5), value: "1" })),
    );
    const offGrid = r.problems.filter((p) => p.code === "off-grid");
    expect(offGrid.length).toBeGreaterThanOrEqual(2);
    expect(offGrid[0]!.index).toBe(0);
    const named = offGrid.filter((p) => p.index !== undefined).length;
    expect(offGrid.some((p) => p.index === undefined && p.message.includes(String(15 - named)))).toBe(true);
  });

  it("counts missing grid instants in a gap warning naming the first missing one", () => {
    const present = Array.from({ length: 24 }, (_, h) => h).filter((h) => ![3, 5, 23].includes(h));
    const r = run(
      hourly,
      day,
      present.map((h) => ({ at: at(day, h), value: "2" })),
    );
    expect(r.problems).toEqual([]);
    expect(r.outcome.missing).toBe(3);
    expect(r.total).toBe("42");
    const gaps = r.outcome.notices.filter((n) => n.code === "gaps");
    expect(gaps).toHaveLength(1);
    expect(gaps[0]!.message).toMatch(/\b3 intervals\b/);
    expect(gaps[0]!.message).toContain("2016-01-01T03:00:00+08:00");
  });

  it.each([
    ["the first", [0], "2016-01-01T00:00:00+08:00"],
    ["the last", [23], "2016-01-01T23:00:00+08:00"],
    ["a middle", [11], "2016-01-01T11:00:00+08:00"],
  ])("a single gap at %s hour is one interval, named", (_, missingHours, first) => {
    const r = run(
      hourly,
      day,
      Array.from({ length: 24 }, (__, h) => h)
        .filter((h) => !missingHours.includes(h))
        .map((h) => ({ at: at(day, h), value: "1" })),
    );
    expect(r.outcome.missing).toBe(1);
    const gaps = r.outcome.notices.filter((n) => n.code === "gaps");
    expect(gaps).toHaveLength(1);
    expect(gaps[0]!.message).toMatch(/\b1 interval\b/);
    expect(gaps[0]!.message).toContain(first);
  });

  it("a series without readings misses every grid instant, the first being the period start", () => {
    const r = run(
      { kind: "interval", unit: "kWh", interval: "PT15M" },
      period("2016-01-01", "2016-01-02", "+08:00"),
      [],
    );
    expect(r.outcome.missing).toBe(192);
    expect(r.outcome.notices.find((n) => n.code === "gaps")!.message).toContain("2016-01-01T00:00:00+08:00");
  });

  it("without `interval` no gap check is made", () => {
    const r = run(interval, day, [
      { at: at(day, 0), value: "1" },
      { at: at(day, 7.25), value: "1" },
    ]);
    expect(r.problems).toEqual([]);
    expect(r.outcome.missing).toBe(0);
    expect(r.outcome.notices.filter((n) => n.code === "gaps")).toEqual([]);
  });

  it("property: the gap warning counts the grid instants without a reading and names the first one", () => {
    fc.assert(
      fc.property(
        shortPeriod.chain((p) =>
          fc.tuple(fc.constant(p), fc.subarray(Array.from({ length: p.days * 24 }, (_, h) => h))),
        ),
        ([p, present]) => {
          const r = run(
            hourly,
            p,
            present.map((h) => ({ at: at(p, h), value: "1" })),
          );
          const missingHours = Array.from({ length: p.days * 24 }, (_, h) => h).filter((h) => !present.includes(h));
          expect(r.problems).toEqual([]);
          expect(r.outcome.missing).toBe(missingHours.length);
          const gaps = r.outcome.notices.filter((n) => n.code === "gaps");
          if (missingHours.length === 0) expect(gaps).toEqual([]);
          else {
            expect(gaps).toHaveLength(1);
            expect(gaps[0]!.message).toContain(String(missingHours.length));
            expect(gaps[0]!.message).toContain(at(p, missingHours[0]!));
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe("interval series: values", () => {
  it.each(["-1", "-0.001", "-1e-5", "-12.5", -2])("a negative value %j is an error at its index", (value) => {
    const r = run(interval, day, [
      { at: at(day, 0), value: "1" },
      { at: at(day, 1), value },
    ]);
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatchObject({ code: "out-of-range", index: 1, field: "value" });
  });

  it.each(["0", "-0", "-0.0", "-0e5", 0, "0.000"])("zero (%j) is not negative", (value) => {
    const r = run(interval, day, [{ at: at(day, 0), value }]);
    expect(r.problems).toEqual([]);
    expect(r.total).toBe("0");
  });

  it.each([
    ["12,5", "invalid-decimal"],
    ["NaN", "invalid-decimal"],
    ["+1", "invalid-decimal"],
    [" 1", "invalid-decimal"],
    ["1e30", "out-of-range"],
    ["1e1001", "out-of-range"],
  ])("the value %j is refused (%s)", (value, code) => {
    const r = run(interval, day, [{ at: at(day, 0), value }]);
    expect(r.problems).toEqual([expect.objectContaining({ code, index: 0, field: "value" })]);
  });

  it.each([null, true, {}, [], undefined, NaN, Infinity])("a value of type %s is refused", (value) => {
    const r = run(interval, day, [{ at: at(day, 0), value }]);
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatchObject({ code: "invalid-type", index: 0, field: "value" });
  });

  it("JSON numbers are accepted through their shortest string and counted", () => {
    const r = run(interval, day, [
      { at: at(day, 0), value: 0.1 },
      { at: at(day, 1), value: 0.2 },
      { at: at(day, 2), value: "0.3" },
    ]);
    expect(r.problems).toEqual([]);
    expect(r.checked.numbers).toBe(2);
    expect(r.checked.values).toEqual(["0.1", "0.2", "0.3"]);
    expect(r.total).toBe("0.6");
  });
});

describe("timestamps", () => {
  it.each(["2016-01-01T00:00:00", "2016-01-01T00:00", "2016-01-01T00:00:00.250"])(
    "%s has no offset: an error at its index",
    (text) => {
      const r = run(interval, day, [
        { at: at(day, 0), value: "1" },
        { at: text, value: "1" },
      ]);
      expect(r.problems).toEqual([
        expect.objectContaining({ code: "missing-offset", index: 1, field: "at", found: text }),
      ]);
    },
  );

  it.each([
    "2016-01-01",
    "2016-01-01 00:00:00Z",
    "01/01/2016 00:00",
    "2016-02-30T00:00:00Z",
    "2016-01-01T24:00:00Z",
    "2016-01-01T00:00:00+25:00",
  ])("%j is not a valid timestamp", (text) => {
    const r = run(interval, day, [{ at: text, value: "1" }]);
    expect(r.problems).toEqual([expect.objectContaining({ code: "invalid-timestamp", index: 0, field: "at" })]);
  });

  it.each([1451577600000, null, undefined, {}])("a non-string `at` (%j) is refused", (value) => {
    const r = run(interval, day, [{ at: value, value: "1" }]);
    expect(r.problems).toEqual([expect.objectContaining({ code: "invalid-type", index: 0, field: "at" })]);
  });

  it("reports both a bad time and a bad value of one reading", () => {
    const r = run(interval, day, [{ at: "2016-01-01T00:00:00", value: "12,5" }]);
    expect(codes(r.problems).sort()).toEqual(["invalid-decimal", "missing-offset"]);
  });
});

describe("ordering and duplicates (judged by instant, not text)", () => {
  it("2024-06-01T01:00:00+08:00 and 2024-05-31T17:00:00Z with equal values are one reading, kept once with a count", () => {
    const p = period("2024-05-31", "2024-06-01");
    const r = run(interval, p, [
      { at: "2024-05-31T16:00:00Z", value: "1" },
      { at: "2024-06-01T01:00:00+08:00", value: "5" },
      { at: "2024-05-31T17:00:00Z", value: "5" },
      { at: "2024-05-31T18:00:00Z", value: "2" },
    ]);
    expect(r.problems).toEqual([]);
    expect(r.checked.duplicates).toBe(1);
    expect(r.checked.indices).toEqual([0, 1, 3]);
    expect(r.total).toBe("8");
    expect(r.outcome.used).toBe(3);
  });

  it('identical duplicates are judged by value: "5", "5.0" and 5 at one instant are one reading', () => {
    const r = run(interval, day, [
      { at: at(day, 0), value: "5" },
      { at: at(day, 0, 0), value: "5.0" },
      { at: at(day, 0, -300), value: 5 },
    ]);
    expect(r.problems).toEqual([]);
    expect(r.checked.duplicates).toBe(2);
    expect(r.total).toBe("5");
  });

  it("two readings at the same instant with different values are an error naming both", () => {
    const p = period("2024-05-31", "2024-06-01");
    const r = run(interval, p, [
      { at: "2024-06-01T01:00:00+08:00", value: "5" },
      { at: "2024-05-31T17:00:00Z", value: "6" },
    ]);
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatchObject({
      code: "conflicting-duplicate",
      index: 1,
      field: "value",
      expected: "5",
      found: "6",
    });
    expect(r.problems[0]!.message).toMatch(/\b0\b/);
    expect(r.problems[0]!.message).toMatch(/\b1\b/);
    expect(r.checked.duplicates).toBe(0);
  });

  it("text order is not instant order: ascending text may be unordered, descending text may be ordered", () => {
    const p = period("2024-05-31", "2024-06-01");
    // "2024-05-31T18:00:00Z" < "2024-06-01T01:30:00+08:00" as text, but 18:00Z is after 17:30Z.
    const unordered = run(interval, p, [
      { at: "2024-05-31T18:00:00Z", value: "1" },
      { at: "2024-06-01T01:30:00+08:00", value: "1" },
    ]);
    expect(unordered.problems).toEqual([expect.objectContaining({ code: "unordered", index: 1, field: "at" })]);
    // "2024-06-01T01:00:00+08:00" > "2024-05-31T17:30:00Z" as text, but 17:00Z is before 17:30Z.
    const ordered = run(interval, p, [
      { at: "2024-06-01T01:00:00+08:00", value: "1" },
      { at: "2024-05-31T17:30:00Z", value: "1" },
    ]);
    expect(ordered.problems).toEqual([]);
    expect(ordered.total).toBe("2");
  });

  it("an unordered series is one error naming the first offending index", () => {
    const r = run(
      interval,
      day,
      [0, 2, 1, 3, 0.5, 4].map((h) => ({ at: at(day, h), value: "1" })),
    );
    const unordered = r.problems.filter((p) => p.code === "unordered");
    expect(unordered).toHaveLength(1);
    expect(unordered[0]).toMatchObject({ index: 2, field: "at" });
    expect(unordered[0]!.message).toMatch(/\b2\b/);
  });

  it("property: a series out of instant order is one error naming the first index whose instant is before an earlier one", () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 0, max: 23 }), { minLength: 2, maxLength: 24 }), (hours) => {
        const r = run(
          interval,
          day,
          hours.map((h) => ({ at: at(day, h), value: "1" })),
        );
        let max = -1;
        let firstOffending: number | undefined;
        hours.forEach((h, i) => {
          if (h < max && firstOffending === undefined) firstOffending = i;
          max = Math.max(max, h);
        });
        const unordered = r.problems.filter((p) => p.code === "unordered");
        if (firstOffending === undefined) expect(unordered).toEqual([]);
        else {
          expect(unordered).toHaveLength(1);
          expect(unordered[0]!.index).toBe(firstOffending);
        }
      }),
      { numRuns: 200 },
    );
  });

  it("createReadingChecker passes kept readings to `accept` one by one and reports the rest", () => {
    const accepted: [number, string, number][] = [];
    const checker = createReadingChecker("interval", (instant, value, index) => accepted.push([instant, value, index]));
    expect(checker.add(at(day, 0), "1", 0)).toBe(true);
    expect(checker.add(at(day, 0, 0), "1", 1)).toBe(false); // identical duplicate
    expect(checker.add(at(day, 1), 2.5, 2)).toBe(true);
    expect(checker.add(at(day, 1), "3", 3)).toBe(false); // conflicting duplicate
    expect(checker.add(at(day, 2), "-1", 4)).toBe(false); // negative
    expect(accepted).toEqual([
      [day.startInstant, "1", 0],
      [day.startInstant + H, "2.5", 2],
    ]);
    expect(checker.duplicates()).toBe(1);
    expect(checker.numbers()).toBe(1);
    expect(codes(checker.problems)).toEqual(["conflicting-duplicate", "out-of-range"]);
  });
});

describe("header rules", () => {
  it("`interval` applies only to interval series; `rolloverAt` and `replacements` only to cumulative ones", () => {
    const p = period("2016-01-01", "2016-01-01");
    const boundary = [
      { at: at(p, 0), value: "0" },
      { at: at(p, 24), value: "1" },
    ];
    expect(codes(run({ kind: "cumulative", unit: "kWh", interval: "PT1H" }, p, boundary).problems)).toEqual([
      "not-allowed",
    ]);
    expect(codes(run({ kind: "interval", unit: "kWh", rolloverAt: "1000" }, p, []).problems)).toEqual(["not-allowed"]);
    expect(codes(run({ kind: "interval", unit: "kWh", replacements: [] }, p, []).problems)).toEqual(["not-allowed"]);
  });

  it.each(["0", "-5"])("rolloverAt %s is refused (must be positive)", (rolloverAt) => {
    const p = period("2016-01-01", "2016-01-01");
    const r = run({ kind: "cumulative", unit: "kWh", rolloverAt }, p, [
      { at: at(p, 0), value: "0" },
      { at: at(p, 24), value: "0" },
    ]);
    expect(r.problems).toContainEqual(expect.objectContaining({ code: "out-of-range", field: "rolloverAt" }));
  });
});

describe("cumulative series", () => {
  const twoDays = period("2016-01-01", "2016-01-02", "+08:00");
  const meter: SeriesHeader = { kind: "cumulative", unit: "kWh" };

  it("totals the advances from the reading at the period start to the one at (end + 1 day) 00:00; readings outside are ignored with a warning", () => {
    const r = run(meter, twoDays, [
      { at: "2015-12-31T12:00:00+08:00", value: "50" },
      { at: "2016-01-01T00:00:00+08:00", value: "100" },
      { at: "2016-01-01T12:00:00+08:00", value: "130.5" },
      { at: "2016-01-02T12:00:00+08:00", value: "180" },
      { at: "2016-01-02T16:00:00Z", value: "200.25" },
      { at: "2016-01-03T00:00:01+08:00", value: "999" },
    ]);
    expect(r.problems).toEqual([]);
    expect(r.total).toBe("100.25");
    expect(r.outcome.used).toBe(4);
    expect(r.outcome.outside).toBe(2);
    expect(r.outcome.notices).toEqual([expect.objectContaining({ code: "readings-outside-period" })]);
    expect(r.outcome.notices[0]!.message).toMatch(/\b2\b/);
  });

  it("needs a reading exactly at the period start, and names it", () => {
    const r = run(meter, twoDays, [
      { at: formatInstant(twoDays.startInstant + 1, 480), value: "100" },
      { at: "2016-01-03T00:00:00+08:00", value: "200" },
    ]);
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatchObject({ code: "missing-boundary-reading", expected: "2016-01-01T00:00:00+08:00" });
    expect(r.problems[0]!.message).toMatch(/start/);
    expect(r.problems[0]!.message).toContain("2016-01-01T00:00:00+08:00");
  });

  it("needs a reading exactly at the period end instant (end + 1 day) 00:00, and names it", () => {
    const r = run(meter, twoDays, [
      { at: "2016-01-01T00:00:00+08:00", value: "100" },
      { at: "2016-01-02T23:59:59+08:00", value: "200" },
    ]);
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatchObject({ code: "missing-boundary-reading", expected: "2016-01-03T00:00:00+08:00" });
    expect(r.problems[0]!.message).toMatch(/end/);
    expect(r.problems[0]!.message).not.toMatch(/start/);
  });

  it("names both boundaries when both are missing", () => {
    const r = run(meter, twoDays, [{ at: "2016-01-02T00:00:00+08:00", value: "100" }]);
    expect(r.problems.map((p) => p.expected)).toEqual(["2016-01-01T00:00:00+08:00", "2016-01-03T00:00:00+08:00"]);
    expect(run(meter, twoDays, []).problems).toHaveLength(2);
  });

  it("a step that goes down without rolloverAt is an error naming both readings", () => {
    const r = run(meter, twoDays, [
      { at: "2016-01-01T00:00:00+08:00", value: "100" },
      { at: "2016-01-01T12:00:00+08:00", value: "150" },
      { at: "2016-01-02T00:00:00+08:00", value: "120" },
      { at: "2016-01-03T00:00:00+08:00", value: "200" },
    ]);
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatchObject({ code: "meter-went-down", index: 2, field: "value", found: "120" });
    expect(r.problems[0]!.message).toContain("150");
    expect(r.problems[0]!.message).toContain("120");
    expect(r.problems[0]!.message).toMatch(/reading 1\b/);
    expect(r.problems[0]!.message).toMatch(/reading 2\b/);
  });

  it("rolloverAt: a step that goes down is one wrap (rolloverAt − previous + next)", () => {
    const r = run({ kind: "cumulative", unit: "kWh", rolloverAt: "1000000" }, twoDays, [
      { at: "2016-01-01T00:00:00+08:00", value: "998500" },
      { at: "2016-01-01T12:00:00+08:00", value: "999000" },
      { at: "2016-01-02T00:00:00+08:00", value: "500" },
      { at: "2016-01-02T12:00:00+08:00", value: "500" },
      { at: "2016-01-03T00:00:00+08:00", value: "2000.5" },
    ]);
    expect(r.problems).toEqual([]);
    expect(r.total).toBe("3500.5");
  });

  it("rolloverAt: a register reading at or above it is an error", () => {
    const r = run({ kind: "cumulative", unit: "kWh", rolloverAt: "1000" }, twoDays, [
      { at: "2016-01-01T00:00:00+08:00", value: "10" },
      { at: "2016-01-03T00:00:00+08:00", value: "1000" },
    ]);
    expect(r.problems).toEqual([expect.objectContaining({ code: "out-of-range", index: 1, field: "value" })]);
  });

  it("a cumulative series is never checked against a grid", () => {
    const r = run(meter, twoDays, [
      { at: "2016-01-01T00:00:00+08:00", value: "1" },
      { at: "2016-01-01T00:07:13+08:00", value: "2" },
      { at: "2016-01-03T00:00:00+08:00", value: "3" },
    ]);
    expect(r.problems).toEqual([]);
    expect(r.total).toBe("2");
  });

  /** A register that only goes up: values first, first + s1, …, at the start, interior hours and the end instant. */
  const risingRegister = (value: fc.Arbitrary<string>) =>
    fc.tuple(shortPeriod, value, fc.array(value, { minLength: 1, maxLength: 30 })).chain(([p, first, steps]) =>
      fc.tuple(
        fc.constant(p),
        fc.constant(first),
        fc.constant(steps),
        // Interior reading hours strictly inside the period: one fewer than the steps.
        fc
          .uniqueArray(fc.integer({ min: 1, max: p.days * 24 - 1 }), {
            minLength: steps.length - 1,
            maxLength: steps.length - 1,
          })
          .map((hs) => hs.sort((a, b) => a - b)),
        fc.array(fc.tuple(fc.constantFrom(-1, 1), value), { maxLength: 3 }),
      ),
    );

  function checkRisingRegister([p, first, steps, interior, outside]: [
    MonitoringPeriod,
    string,
    string[],
    number[],
    [number, string][],
  ]) {
    const registers = [first];
    for (const step of steps) registers.push(referenceSum([registers[registers.length - 1]!, step]));
    const hours = [0, ...interior, p.days * 24];
    const inside = hours.map((h, i) => ({ at: at(p, h), value: registers[i]! }));
    const before = outside.filter(([side]) => side < 0).map(([, v], i) => ({ at: at(p, -1 - i), value: v }));
    const after = outside
      .filter(([side]) => side > 0)
      .map(([, v], i) => ({ at: at(p, p.days * 24 + 1 + i), value: v }));
    const r = run(meter, p, [...before.reverse(), ...inside, ...after]);
    expect(r.problems).toEqual([]);
    expect(r.outcome.used).toBe(inside.length);
    expect(r.outcome.outside).toBe(before.length + after.length);
    expect(r.total).toBe(referenceDifference(registers[registers.length - 1]!, first));
    expect(referenceSum(dailyTotals(meter, r.checked, p).map(toCanonicalString))).toBe(r.total);
  }

  /** Meter-like register values: up to 9 integer digits, up to 4 decimals. */
  const meterValue = fc
    .tuple(fc.nat({ max: 999_999_999 }), fc.nat({ max: 9999 }), fc.integer({ min: 0, max: 4 }))
    .map(([i, f, places]) => (places === 0 ? String(i) : `${i}.${String(f).padStart(4, "0").slice(0, places)}`));

  it("property: a register that only goes up totals last − first exactly (meter-like values)", () => {
    fc.assert(fc.property(risingRegister(meterValue), checkRisingRegister), { numRuns: 150 });
  });

  // Regression (fixed; src/core/series.ts, cumulativeAccumulator.add): each advance is computed with Decimal
  // `minus`/`plus`, which round to 34 significant digits, before the exact sum; so a cumulative
  // total is not exact when a step spans more than 34 digits (architecture §5: sums of readings
  // are exact at any magnitude). dailyTotals has the same rounding.
  /**
   * Register values at any magnitude whose running sums stay within the 100 significant digits a
   * document may write (trust.md §3): each run picks one window of 75 decimal exponents.
   */
  const valueInWindow = (base: number) =>
    fc
      .tuple(significand(20), fc.integer({ min: base, max: base + 75 }), fc.boolean())
      .map(([digits, exponent, plain]) => {
        const text = `${digits[0]}${digits.length > 1 ? `.${digits.slice(1)}` : ""}e${exponent}`;
        return plain ? referenceSum([text]) : text;
      });

  it("property: a register that only goes up totals last − first exactly, at any magnitude", () => {
    const anyWindow = fc.integer({ min: -1000, max: -50 }).chain((base) => risingRegister(valueInWindow(base)));
    fc.assert(fc.property(anyWindow, checkRisingRegister), { numRuns: 300, seed: 20160101 });
  });

  it("cumulative advances are exact beyond 34 significant digits (plain step, rollover wrap, replacement)", () => {
    const q = period("2016-01-01", "2016-01-01");
    const wrong: string[] = [];
    const plain = run(meter, q, [
      { at: at(q, 0), value: "0.0000000001" },
      { at: at(q, 24), value: "10000000000000000000000000" },
    ]);
    if (plain.total !== "9999999999999999999999999.9999999999") wrong.push(`plain step: ${plain.total}`);
    const wrap = run({ kind: "cumulative", unit: "kWh", rolloverAt: "10000000000000000000000000" }, q, [
      { at: at(q, 0), value: "0.5" },
      { at: at(q, 24), value: "0.0000000001" },
    ]);
    if (wrap.total !== "9999999999999999999999999.5000000001") wrong.push(`rollover: ${wrap.total}`);
    const swap = run(
      {
        kind: "cumulative",
        unit: "kWh",
        replacements: [{ at: at(q, 12), oldFinal: "10000000000000000000000000", newInitial: "0" }],
      },
      q,
      [
        { at: at(q, 0), value: "0.0000000001" },
        { at: at(q, 24), value: "0" },
      ],
    );
    if (swap.total !== "9999999999999999999999999.9999999999") wrong.push(`replacement: ${swap.total}`);
    expect(wrong).toEqual([]);
  });

  it("property: with rolloverAt, the total is the sum of the true advances (each below rolloverAt)", () => {
    const series = fc
      .tuple(fc.integer({ min: 1, max: 10 ** 9 }), fc.integer({ min: 1, max: 40 }))
      .chain(([rollover, n]) =>
        fc.tuple(
          fc.constant(rollover),
          fc.integer({ min: 0, max: rollover - 1 }),
          fc.array(fc.integer({ min: 0, max: rollover - 1 }), { minLength: n, maxLength: n }),
          fc.integer({ min: 0, max: 3 }),
        ),
      );
    fc.assert(
      fc.property(series, ([rollover, first, advances, decimals]) => {
        const scale = 10 ** decimals;
        const registers = [first];
        for (const a of advances) registers.push((registers[registers.length - 1]! + a) % rollover);
        const text = (n: number) =>
          decimals === 0 ? String(n) : `${Math.floor(n / scale)}.${String(n % scale).padStart(decimals, "0")}`;
        const p = period("2016-01-01", "2016-01-02");
        const hours = registers.map((_, i) => (i === registers.length - 1 ? 48 : i));
        const r = run(
          { kind: "cumulative", unit: "kWh", rolloverAt: text(rollover) },
          p,
          registers.map((v, i) => ({ at: at(p, hours[i]!), value: text(v) })),
        );
        expect(r.problems).toEqual([]);
        expect(r.total).toBe(referenceSum([text(advances.reduce((total, a) => total + a, 0))]));
        // dailyTotals agrees with the total.
        expect(
          referenceSum(
            dailyTotals({ kind: "cumulative", unit: "kWh", rolloverAt: text(rollover) }, r.checked, p).map(
              toCanonicalString,
            ),
          ),
        ).toBe(r.total);
      }),
      { numRuns: 150 },
    );
  });
});

describe("cumulative series: meter replacements", () => {
  const p = period("2016-01-01", "2016-01-01", "+08:00");
  const readings = (values: [number, string][]) => values.map(([h, value]) => ({ at: at(p, h), value }));

  it("the advance across a replacement is (oldFinal − last reading before) + (first reading after − newInitial)", () => {
    const r = run(
      {
        kind: "cumulative",
        unit: "kWh",
        replacements: [{ at: "2016-01-01T12:00:00+08:00", oldFinal: "160", newInitial: "10" }],
      },
      p,
      readings([
        [0, "100"],
        [6, "150"],
        [18, "30"],
        [24, "50"],
      ]),
    );
    expect(r.problems).toEqual([]);
    expect(r.total).toBe("100"); // 50 + (10 + 20) + 20
  });

  it("parts of exactly 0 are allowed, and the replacement instant may be written in any offset", () => {
    const r = run(
      {
        kind: "cumulative",
        unit: "kWh",
        replacements: [{ at: "2016-01-01T04:00:00Z", oldFinal: "150", newInitial: "0" }],
      },
      p,
      readings([
        [0, "100"],
        [6, "150"],
        [18, "0"],
        [24, "7.5"],
      ]),
    );
    expect(r.problems).toEqual([]);
    expect(r.total).toBe("57.5");
  });

  it("an old part below zero (oldFinal < last reading before) is an error on replacements[i].oldFinal", () => {
    const r = run(
      { kind: "cumulative", unit: "kWh", replacements: [{ at: at(p, 12), oldFinal: "140", newInitial: "10" }] },
      p,
      readings([
        [0, "100"],
        [6, "150"],
        [18, "30"],
        [24, "50"],
      ]),
    );
    expect(r.problems).toEqual([expect.objectContaining({ code: "out-of-range", field: "replacements[0].oldFinal" })]);
  });

  it("a new part below zero (first reading after < newInitial) is an error at that reading", () => {
    const r = run(
      { kind: "cumulative", unit: "kWh", replacements: [{ at: at(p, 12), oldFinal: "160", newInitial: "40" }] },
      p,
      readings([
        [0, "100"],
        [6, "150"],
        [18, "30"],
        [24, "50"],
      ]),
    );
    expect(r.problems).toEqual([expect.objectContaining({ code: "out-of-range", index: 2, field: "value" })]);
  });

  // Readings around a swap at 12:00: 100 and 150 on the old meter, 30 and 50 on the new one.
  const swapped = readings([
    [0, "100"],
    [6, "150"],
    [18, "30"],
    [24, "50"],
  ]);

  // Found by an attacker: newInitial "-900000" made the new part 900,030 and the total 900,080 kWh,
  // while every "part ≥ 0" check passed.
  it.each([
    ["oldFinal", { oldFinal: "-1", newInitial: "10" }],
    ["newInitial", { oldFinal: "160", newInitial: "-900000" }],
  ])("a negative %s is an error: it is a register reading", (field, values) => {
    const r = run({ kind: "cumulative", unit: "kWh", replacements: [{ at: at(p, 12), ...values }] }, p, swapped);
    expect(r.problems).toContainEqual(
      expect.objectContaining({ code: "out-of-range", field: `replacements[0].${field}`, expected: "≥ 0" }),
    );
  });

  it("-0 as oldFinal or newInitial is zero, not negative", () => {
    const r = run(
      { kind: "cumulative", unit: "kWh", replacements: [{ at: at(p, 12), oldFinal: "150", newInitial: "-0" }] },
      p,
      swapped,
    );
    expect(r.problems).toEqual([]);
    expect(r.total).toBe("100"); // 50 + (0 + 30) + 20
  });

  it.each([
    ["oldFinal", { oldFinal: "50000", newInitial: "10" }],
    ["oldFinal", { oldFinal: "1000", newInitial: "10" }],
    ["newInitial", { oldFinal: "160", newInitial: "1000" }],
  ])("%s at or above rolloverAt is an error, like any reading of the register", (field, values) => {
    const r = run(
      { kind: "cumulative", unit: "kWh", rolloverAt: "1000", replacements: [{ at: at(p, 12), ...values }] },
      p,
      swapped,
    );
    expect(r.problems).toContainEqual(
      expect.objectContaining({ code: "out-of-range", field: `replacements[0].${field}`, expected: "< 1000" }),
    );
  });

  it("the new meter may itself go down only if rolloverAt is declared", () => {
    const r = run(
      { kind: "cumulative", unit: "kWh", replacements: [{ at: at(p, 12), oldFinal: "160", newInitial: "10" }] },
      p,
      readings([
        [0, "100"],
        [6, "150"],
        [18, "30"],
        [24, "20"],
      ]),
    );
    expect(codes(r.problems)).toEqual(["meter-went-down"]);
  });

  it.each([
    ["the period start", "2016-01-01T00:00:00+08:00"],
    ["the period end", "2016-01-02T00:00:00+08:00"],
    ["before the period", "2015-12-31T12:00:00+08:00"],
    ["after the period", "2016-01-02T12:00:00+08:00"],
  ])("a replacement at %s is refused (it must lie strictly inside)", (_, when) => {
    const r = run(
      { kind: "cumulative", unit: "kWh", replacements: [{ at: when, oldFinal: "160", newInitial: "10" }] },
      p,
      readings([
        [0, "100"],
        [24, "150"],
      ]),
    );
    expect(r.problems).toEqual([expect.objectContaining({ code: "out-of-period", field: "replacements[0].at" })]);
  });

  it("a reading at the instant of a replacement is an error", () => {
    const r = run(
      {
        kind: "cumulative",
        unit: "kWh",
        replacements: [{ at: "2016-01-01T04:00:00Z", oldFinal: "160", newInitial: "10" }],
      },
      p,
      readings([
        [0, "100"],
        [12, "150"],
        [24, "200"],
      ]),
    );
    expect(codes(r.problems)).toContain("reading-at-replacement");
    expect(r.problems.find((x) => x.code === "reading-at-replacement")).toMatchObject({ index: 1, field: "at" });
  });

  it("two replacements at one instant, or between the same two readings, are errors", () => {
    const same = run(
      {
        kind: "cumulative",
        unit: "kWh",
        replacements: [
          { at: at(p, 12), oldFinal: "160", newInitial: "10" },
          { at: "2016-01-01T04:00:00Z", oldFinal: "170", newInitial: "0" },
        ],
      },
      p,
      readings([
        [0, "100"],
        [6, "150"],
        [18, "30"],
        [24, "50"],
      ]),
    );
    expect(codes(same.problems)).toContain("conflicting-duplicate");
    const between = run(
      {
        kind: "cumulative",
        unit: "kWh",
        replacements: [
          { at: at(p, 10), oldFinal: "160", newInitial: "10" },
          { at: at(p, 14), oldFinal: "20", newInitial: "0" },
        ],
      },
      p,
      readings([
        [0, "100"],
        [6, "150"],
        [18, "30"],
        [24, "50"],
      ]),
    );
    expect(codes(between.problems)).toContain("ambiguous-replacement");
  });

  it("two replacements between different readings each count", () => {
    const r = run(
      {
        kind: "cumulative",
        unit: "kWh",
        replacements: [
          { at: at(p, 14), oldFinal: "40", newInitial: "0" },
          { at: at(p, 4), oldFinal: "120", newInitial: "5" },
        ],
      },
      p,
      readings([
        [0, "100"],
        [8, "15"],
        [12, "30"],
        [20, "3"],
        [24, "4"],
      ]),
    );
    expect(r.problems).toEqual([]);
    // (120 − 100) + (15 − 5) + (30 − 15) + (40 − 30) + (3 − 0) + (4 − 3)
    expect(r.total).toBe("59");
  });

  it("a replacement time without offset is an error", () => {
    const r = run(
      {
        kind: "cumulative",
        unit: "kWh",
        replacements: [{ at: "2016-01-01T12:00:00", oldFinal: "160", newInitial: "10" }],
      },
      p,
      readings([
        [0, "100"],
        [24, "150"],
      ]),
    );
    expect(r.problems).toEqual([expect.objectContaining({ code: "missing-offset", field: "replacements[0].at" })]);
  });
});

describe("dailyTotals", () => {
  it("splits an interval series into local days of the period's time zone", () => {
    const p = period("2016-01-01", "2016-01-03", "+08:00");
    const checked = checkReadings("interval", [
      { at: "2015-12-31T15:00:00Z", value: "100" },
      { at: "2015-12-31T16:00:00Z", value: "1" },
      { at: "2016-01-01T15:59:59Z", value: "2" },
      { at: "2016-01-01T16:00:00Z", value: "4" },
      { at: "2016-01-03T23:00:00+08:00", value: "8" },
      { at: "2016-01-04T00:00:00+08:00", value: "100" },
    ]);
    expect(dailyTotals(interval, checked, p).map(toCanonicalString)).toEqual(["3", "4", "8"]);
  });

  it("property: daily totals of an interval series add up to the period total, one per day", () => {
    fc.assert(
      fc.property(
        shortPeriod.chain((q) => fc.tuple(fc.constant(q), hourlyReadings(q))),
        ([q, readings]) => {
          const r = run(
            interval,
            q,
            readings.map(({ hour, value }) => ({ at: at(q, hour), value })),
          );
          const days = dailyTotals(interval, r.checked, q);
          expect(days).toHaveLength(q.days);
          expect(referenceSum(days.map(toCanonicalString))).toBe(r.total);
          days.forEach((total, d) => {
            expect(toCanonicalString(total)).toBe(
              referenceSum(readings.filter(({ hour }) => hour >= d * 24 && hour < d * 24 + 24).map((x) => x.value)),
            );
          });
        },
      ),
      { numRuns: 150 },
    );
  });

  it("assigns a cumulative advance to the day of the reading it starts from", () => {
    const p = period("2016-01-01", "2016-01-02");
    const checked = checkReadings("cumulative", [
      { at: at(p, 0), value: "10" },
      { at: at(p, 23), value: "15" },
      { at: at(p, 30), value: "16" },
      { at: at(p, 48), value: "20" },
    ]);
    // 10 → 15 (from 00:00) and 15 → 16 (from 23:00) on day 1; 16 → 20 (from day 2, 06:00) on day 2.
    expect(dailyTotals({ kind: "cumulative", unit: "kWh" }, checked, p).map(toCanonicalString)).toEqual(["6", "4"]);
  });
});

describe("series rules of monitoring-document.md (clarified)", () => {
  const day = period("2016-01-01", "2016-01-01", "+08:00");
  const meter: SeriesHeader = { kind: "cumulative", unit: "MWh" };
  const start = "2016-01-01T00:00:00+08:00";
  const end = "2016-01-02T00:00:00+08:00";

  // Regression: "-0" after "0" was a step that went down, so a register with rolloverAt 1,000,000 MWh
  // was read as one full wrap: 1,000,000 MWh, 797,000 tCO2 at 0.797 for a meter that never moved.
  it("-0 is zero: a register read 0 then -0 advanced by nothing, with or without rolloverAt", () => {
    for (const header of [meter, { ...meter, rolloverAt: "1000000" }]) {
      for (const [first, second] of [
        ["0", "-0"],
        ["-0", "0"],
        ["-0.000", "-0e5"],
      ]) {
        const r = run(header, day, [
          { at: start, value: first },
          { at: end, value: second },
        ]);
        expect(r.problems).toEqual([]);
        expect(r.total).toBe("0");
      }
    }
    const interval = run({ kind: "interval", unit: "MWh" }, day, [{ at: start, value: "-0" }]);
    expect([interval.problems, interval.total]).toEqual([[], "0"]);
  });

  it("cumulative readings are never negative", () => {
    const r = run({ ...meter, rolloverAt: "1000" }, day, [
      { at: start, value: "-5" },
      { at: end, value: "10" },
    ]);
    expect(r.problems[0]).toEqual(
      expect.objectContaining({ code: "out-of-range", index: 0, field: "value", expected: "≥ 0", found: "-5" }),
    );
    expect(r.problems[0]!.message).toContain("cumulative readings must not be negative");
    // The refused reading is not there: the start is missing, and nothing is credited.
    expect(codes(r.problems)).toEqual(["out-of-range", "missing-boundary-reading"]);
  });

  it.each([
    ["2016-01-01T00:00:00.000000+08:00", true],
    ["2016-01-01T00:00:00.000000000+08:00", true],
    ["2016-01-01T00:00:00.5+08:00", true],
    ["2016-01-01T00:00:00.123000+08:00", true],
    ["2016-01-01T00:00:00.0001+08:00", "sub-millisecond"],
    ["2016-01-01T00:00:00.123456789+08:00", "sub-millisecond"],
    ["2016-01-01T00:00:00.0000000000+08:00", "malformed"],
    ["2016-01-01T24:00:00+08:00", "impossible"],
    ["2016-01-01T23:59:60+08:00", "impossible"],
  ])("timestamp %s: %s", (text, verdict) => {
    const parsed = parseInstant(text);
    if (verdict === true) expect(typeof parsed).toBe("number");
    else expect(parsed).toBe(verdict);
    if (verdict === "sub-millisecond") {
      const r = run({ kind: "interval", unit: "kWh" }, day, [{ at: text, value: "1" }]);
      expect(r.problems).toEqual([expect.objectContaining({ code: "invalid-timestamp", field: "at", found: text })]);
      expect(r.problems[0]!.message).toContain("finer than a millisecond");
    }
  });

  it("whole-millisecond fractions name the same instant however many zeros follow", () => {
    expect(parseInstant("2016-01-01T00:00:00.123000000Z")).toBe(parseInstant("2016-01-01T00:00:00.123Z"));
    const fast = createInstantParser();
    expect(fast("2016-01-01T00:00:00.120000Z")).toBe(Date.UTC(2016, 0, 1) + 120);
  });

  it("rolloverAt: every reading lies below it, also outside the period", () => {
    const r = run({ ...meter, rolloverAt: "1000" }, day, [
      { at: "2015-12-31T00:00:00+08:00", value: "1000" },
      { at: start, value: "10" },
      { at: end, value: "20" },
    ]);
    expect(r.problems).toEqual([expect.objectContaining({ code: "out-of-range", index: 0, expected: "< 1000" })]);
  });

  it.each(["0", "-0", "-1"])("rolloverAt %s is refused (> 0)", (rolloverAt) => {
    const r = run({ ...meter, rolloverAt }, day, [
      { at: start, value: "0" },
      { at: end, value: "0" },
    ]);
    expect(codes(r.problems)).toContain("out-of-range");
  });

  it("interval on a cumulative series and rolloverAt on an interval series are errors", () => {
    expect(codes(run({ ...meter, interval: "PT1H" }, day, []).problems)).toContain("not-allowed");
    expect(codes(run({ kind: "interval", unit: "MWh", rolloverAt: "10" }, day, []).problems)).toEqual(["not-allowed"]);
  });
});

describe("series in a named time zone", () => {
  const summerEnd = period("2016-09-23", "2016-09-24", "Asia/Ulaanbaatar");

  it("P1D: the grid is the local midnights, 25 hours apart across the change", () => {
    const r = run({ kind: "interval", unit: "kWh", interval: "P1D" }, summerEnd, [
      { at: "2016-09-23T00:00:00+09:00", value: "1" },
      { at: "2016-09-24T00:00:00+08:00", value: "2" },
    ]);
    expect(r.problems).toEqual([]);
    expect(r.outcome.missing).toBe(0);
    expect(r.total).toBe("3");
  });

  it("P1D: 24 hours after the first midnight is off the grid; the missing day is a gap", () => {
    const r = run({ kind: "interval", unit: "kWh", interval: "P1D" }, summerEnd, [
      { at: "2016-09-23T00:00:00+09:00", value: "1" },
      { at: "2016-09-24T00:00:00+09:00", value: "2" },
    ]);
    expect(r.problems).toEqual([
      expect.objectContaining({ code: "off-grid", index: 1, found: "2016-09-23T23:00:00+08:00" }),
    ]);
    const gap = run({ kind: "interval", unit: "kWh", interval: "P1D" }, summerEnd, [
      { at: "2016-09-23T00:00:00+09:00", value: "1" },
    ]);
    expect(gap.outcome.missing).toBe(1);
    expect(gap.outcome.notices[0]!.message).toContain("first missing at 2016-09-24T00:00:00+08:00");
  });

  // Found by an attacker: a period starting on a day whose midnight Chile skipped (2019-09-08 begins
  // at 01:00) put every later day's grid point at 01:00 too; the local midnights were "off the grid".
  it("P1D from a skipped midnight: the first day starts at 01:00, the next ones at local midnight", () => {
    const p = period("2019-09-08", "2019-09-10", "America/Santiago");
    const r = run({ kind: "interval", unit: "kWh", interval: "P1D" }, p, [
      { at: "2019-09-08T01:00:00-03:00", value: "1" },
      { at: "2019-09-09T00:00:00-03:00", value: "2" },
      { at: "2019-09-10T00:00:00-03:00", value: "4" },
    ]);
    expect(r.problems).toEqual([]);
    expect(r.outcome.missing).toBe(0);
    expect(r.total).toBe("7");
    const late = run({ kind: "interval", unit: "kWh", interval: "P1D" }, p, [
      { at: "2019-09-08T01:00:00-03:00", value: "1" },
      { at: "2019-09-09T01:00:00-03:00", value: "2" },
    ]);
    expect(late.problems).toEqual([
      expect.objectContaining({ code: "off-grid", index: 1, found: "2019-09-09T01:00:00-03:00" }),
    ]);
    const days = localDays(p);
    expect(days.start(1) - days.start(0)).toBe(23 * H);
    expect(days.index(p.startInstant + 23 * H - 1)).toBe(0);
    expect(days.index(p.startInstant + 23 * H)).toBe(1);
    expect(days.count).toBe(3);
  });

  // Found by an attacker: Samoa skipped 2011-12-30 whole; a reading at every existing midnight was
  // reported as one gap, "first missing" at the period's end instant.
  it("P1D over a day the zone skipped: that day needs no reading", () => {
    const p = period("2011-12-27", "2012-01-03", "Pacific/Apia");
    const readings = ["2011-12-27T00:00:00-10:00", "2011-12-28T00:00:00-10:00", "2011-12-29T00:00:00-10:00"]
      .concat(["2011-12-31", "2012-01-01", "2012-01-02", "2012-01-03"].map((d) => `${d}T00:00:00+14:00`))
      .map((at) => ({ at, value: "10" }));
    const r = run({ kind: "interval", unit: "kWh", interval: "P1D" }, p, readings);
    expect(r.problems).toEqual([]);
    expect(r.outcome.missing).toBe(0);
    expect(r.outcome.notices).toEqual([]);
    expect(r.total).toBe("70");
    expect(localDays(p).count).toBe(7);
    const gap = run({ kind: "interval", unit: "kWh", interval: "P1D" }, p, readings.slice(0, 6));
    expect(gap.outcome.missing).toBe(1);
    expect(gap.outcome.notices[0]!.message).toContain("first missing at 2012-01-03T00:00:00+14:00");
  });

  it("PT24H steps elapsed time, not local days", () => {
    const r = run({ kind: "interval", unit: "kWh", interval: "PT24H" }, summerEnd, [
      { at: "2016-09-23T00:00:00+09:00", value: "1" },
      { at: "2016-09-23T23:00:00+08:00", value: "2" },
    ]);
    expect(r.problems).toEqual([]);
    // 49 hours hold three 24-hour slots: the third, from 2016-09-24T23:00+08:00, has no reading.
    expect(r.outcome.missing).toBe(1);
    // Messages name the interval the document wrote: PT24H is elapsed time, not P1D's local days.
    expect(r.outcome.notices[0]!.message).toContain("1 interval of PT24H without a reading");
    const off = run({ kind: "interval", unit: "kWh", interval: "PT24H" }, summerEnd, [
      { at: "2016-09-24T00:00:00+08:00", value: "1" },
    ]);
    expect(off.problems[0]!.message).toBe("reading is not on the PT24H grid anchored at the period start");
  });

  it("daily totals follow civil days", () => {
    const readings = [
      { at: "2016-09-23T00:00:00+09:00", value: "1" },
      { at: "2016-09-23T23:30:00+08:00", value: "2" }, // the repeated hour: still 2016-09-23
      { at: "2016-09-24T00:00:00+08:00", value: "4" },
    ];
    const checked = checkReadings("interval", readings);
    expect(dailyTotals({ kind: "interval", unit: "kWh" }, checked, summerEnd).map((d) => toCanonicalString(d))).toEqual(
      ["3", "4"],
    );
  });
});
