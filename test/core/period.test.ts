import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  createPeriod,
  daysInMonth,
  formatCalendarDate,
  formatInstant,
  formatLocalInstant,
  formatUtcOffset,
  isLeapYear,
  isNamedTimeZone,
  localDays,
  type MonitoringPeriod,
  MS_PER_DAY,
  parseCalendarDate,
  parseInstant,
  parseUtcOffset,
  periodHours,
  periodsOverlap,
  splitPeriod,
} from "../../src/core/period.js";

function period(start: string, end: string, timeZone?: string): MonitoringPeriod {
  const made = timeZone === undefined ? createPeriod(start, end) : createPeriod(start, end, timeZone);
  if (!made.ok) throw new Error(`test period ${start}…${end} ${timeZone}: ${JSON.stringify(made.problems)}`);
  return made.period;
}

/** The instant of a calendar date/time at any year, without Date.UTC's 0–99 → 1900–1999 mapping. */
function trueUtc(year: number, month: number, day: number, hours = 0, minutes = 0): number {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hours, minutes, 0, 0);
  return date.getTime();
}

/** Gregorian leap year, written independently of the code under test. */
const leap = (y: number) => new Date(Date.UTC(y, 1, 29)).getUTCMonth() === 1;

// Generators -----------------------------------------------------------------------------------

/** A day index (days since 1970-01-01) from 2000-05 to 2194, so periods built around it stay within 2000–2199. */
const dayIndex = fc.integer({ min: 11100, max: 82000 });
const dateOf = (index: number) => new Date(index * MS_PER_DAY).toISOString().slice(0, 10);
const offsetMinutes = fc.integer({ min: -(23 * 60 + 59), max: 23 * 60 + 59 });
const offsetText = offsetMinutes.map((m) => formatUtcOffset(m));

const anyPeriod = fc
  .tuple(dayIndex, fc.integer({ min: 0, max: 800 }), offsetText)
  .map(([first, length, tz]) => ({ first, length, tz, period: period(dateOf(first), dateOf(first + length), tz) }));

// ---------------------------------------------------------------------------------------------

describe("calendar helpers", () => {
  it("isLeapYear follows the Gregorian rule", () => {
    expect([2016, 2024, 2000, 2400, 1996].map(isLeapYear)).toEqual([true, true, true, true, true]);
    expect([2023, 1900, 2100, 2200, 2019].map(isLeapYear)).toEqual([false, false, false, false, false]);
  });

  it("daysInMonth", () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((m) => daysInMonth(2023, m))).toEqual([
      31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31,
    ]);
    expect(daysInMonth(2024, 2)).toBe(29);
    expect(daysInMonth(1900, 2)).toBe(28);
    expect(daysInMonth(2000, 2)).toBe(29);
  });

  it("property: parseCalendarDate accepts exactly the dates that exist (1900–2199)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1900, max: 2199 }),
        fc.integer({ min: 0, max: 13 }),
        fc.integer({ min: 0, max: 32 }),
        (y, m, d) => {
          const text = `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
          const exists = m >= 1 && m <= 12 && d >= 1 && new Date(Date.UTC(y, m - 1, d)).getUTCDate() === d;
          expect(parseCalendarDate(text)).toEqual(exists ? { year: y, month: m, day: d } : undefined);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("formatCalendarDate", () => {
    expect(formatCalendarDate(Date.UTC(2016, 1, 29))).toBe("2016-02-29");
    expect(formatCalendarDate(Date.UTC(2016, 11, 31, 23, 59))).toBe("2016-12-31");
  });
});

describe("createPeriod", () => {
  it("counts days inclusively: 2016 (leap year) has 366", () => {
    const p = period("2016-01-01", "2016-12-31", "+08:00");
    expect(p.days).toBe(366);
    expect(p).toMatchObject({ start: "2016-01-01", end: "2016-12-31", timeZone: "+08:00", offsetMinutes: 480 });
  });

  it.each([
    ["2016-06-01", "2016-06-01", 1],
    ["2023-01-01", "2023-12-31", 365],
    ["2199-01-01", "2199-12-31", 365],
    ["2000-01-01", "2000-12-31", 366],
    ["2024-02-28", "2024-03-01", 3],
    ["2023-02-28", "2023-03-01", 2],
    ["2016-01-01", "2017-12-31", 731],
    ["2015-12-31", "2016-01-01", 2],
  ])("%s … %s has %i days", (start, end, days) => {
    expect(period(start, end).days).toBe(days);
  });

  it("places the period's midnights in its time zone: [start 00:00, (end + 1 day) 00:00)", () => {
    const p = period("2016-01-01", "2016-12-31", "+08:00");
    expect(p.startInstant).toBe(Date.UTC(2015, 11, 31, 16));
    expect(p.endInstant).toBe(Date.UTC(2016, 11, 31, 16));
    const q = period("2016-01-01", "2016-01-01", "-03:30");
    expect(q.startInstant).toBe(Date.UTC(2016, 0, 1, 3, 30));
    expect(q.endInstant).toBe(Date.UTC(2016, 0, 2, 3, 30));
    expect(q.offsetMinutes).toBe(-210);
    const r = period("2016-01-01", "2016-01-31");
    expect(r.timeZone).toBe("+00:00");
    expect(r.offsetMinutes).toBe(0);
    expect(r.startInstant).toBe(Date.UTC(2016, 0, 1));
    expect(r.endInstant).toBe(Date.UTC(2016, 1, 1));
  });

  it("returns a frozen period", () => {
    expect(Object.isFrozen(period("2016-01-01", "2016-12-31"))).toBe(true);
  });

  it.each([
    ["+08:00", 480],
    ["-03:30", -210],
    ["+00:00", 0],
    ["-00:00", 0],
    ["+05:45", 345],
    ["+14:00", 840],
    ["-12:00", -720],
    ["+23:59", 1439],
  ])("accepts the offset %s (%i minutes)", (timeZone, minutes) => {
    // `===`: "-00:00" may come out as -0, which is the same offset.
    expect(period("2016-01-01", "2016-01-01", timeZone).offsetMinutes === minutes).toBe(true);
  });

  it.each(["Z", "08:00", "+8:00", "+0800", "+08", "+24:00", "+08:60", "+08:00 ", "−08:00"])(
    "rejects the offset %j (±hh:mm with hh ≤ 23, mm ≤ 59)",
    (timeZone) => {
      const made = createPeriod("2016-01-01", "2016-12-31", timeZone);
      expect(made).toEqual({
        ok: false,
        problems: [{ field: "timeZone", problem: "invalid-offset", found: timeZone }],
      });
    },
  );

  it.each([
    "2019-02-30",
    "2023-02-29",
    "2024-13-01",
    "2024-00-10",
    "2024-04-31",
    "2024-01-00",
    "2024-01-32",
    "1900-02-29",
    "2100-02-29",
    "2024-1-01",
    "20240101",
    "2024-01-01T00:00",
    " 2024-01-01",
    "2024/01/01",
    "",
  ])("rejects the impossible or malformed date %j", (date) => {
    expect(createPeriod(date, "2025-01-01")).toEqual({
      ok: false,
      problems: [{ field: "start", problem: "invalid-date", found: date }],
    });
    expect(createPeriod("2000-01-01", date)).toEqual({
      ok: false,
      problems: [{ field: "end", problem: "invalid-date", found: date }],
    });
  });

  it.each(["2024-02-29", "2000-02-29", "2016-02-29"])("accepts the leap day %s", (date) => {
    expect(period(date, date).days).toBe(1);
  });

  it("rejects an end before the start", () => {
    expect(createPeriod("2016-12-31", "2016-01-01")).toEqual({
      ok: false,
      problems: [{ field: "end", problem: "end-before-start", found: "2016-01-01" }],
    });
    expect(createPeriod("2016-01-02", "2016-01-01", "+08:00").ok).toBe(false);
  });

  it("lists every problem at once", () => {
    const made = createPeriod("2019-02-30", "2023-02-29", "+25:00");
    expect(made.ok).toBe(false);
    if (!made.ok) {
      expect(made.problems).toEqual([
        { field: "start", problem: "invalid-date", found: "2019-02-30" },
        { field: "end", problem: "invalid-date", found: "2023-02-29" },
        { field: "timeZone", problem: "invalid-offset", found: "+25:00" },
      ]);
    }
    const both = createPeriod("2016-12-31", "2016-01-01", "Z");
    expect(both.ok).toBe(false);
    if (!both.ok) expect(both.problems.map((p) => p.problem).sort()).toEqual(["end-before-start", "invalid-offset"]);
  });

  it("property: endInstant − startInstant = days × 24 h, and days count every calendar date from start to end", () => {
    fc.assert(
      fc.property(anyPeriod, ({ length, tz, period: p }) => {
        expect(p.days).toBe(length + 1);
        expect(p.endInstant - p.startInstant).toBe(p.days * MS_PER_DAY);
        expect(formatInstant(p.startInstant, p.offsetMinutes).slice(0, 10)).toBe(p.start);
        expect(formatInstant(p.startInstant, p.offsetMinutes).slice(10, 19)).toBe("T00:00:00");
        expect(formatInstant(p.endInstant - 1, p.offsetMinutes).slice(0, 10)).toBe(p.end);
        expect(p.timeZone).toBe(tz);
      }),
      { numRuns: 300 },
    );
  });

  it("property: a calendar year has 366 days exactly in Gregorian leap years", () => {
    fc.assert(
      fc.property(fc.integer({ min: 2000, max: 2199 }), (y) => {
        expect(period(`${y}-01-01`, `${y}-12-31`).days).toBe(leap(y) ? 366 : 365);
      }),
      { numRuns: 200 },
    );
  });

  // Regression (fixed; src/core/period.ts, utcMidnight): Date.UTC maps years 0–99 to 1900–1999, so a period
  // 0099-12-31 … 0100-01-01 (two valid ISO dates) is reported as "end-before-start"
  // (0099 is read as 1999). Such periods are now outside the limits (2000–2199) as well.
  it("dates with years 0001–0099 are not silently moved to 1901–1999", () => {
    const made = createPeriod("0099-12-31", "0100-01-01");
    if (made.ok) expect(made.period.days).toBe(2);
    else expect(made.problems.map((p) => p.problem)).not.toContain("end-before-start");
  });
});

describe("parseUtcOffset / formatUtcOffset", () => {
  it("parses Z and ±hh:mm", () => {
    expect(parseUtcOffset("Z")).toBe(0);
    expect(parseUtcOffset("+08:00")).toBe(480);
    expect(parseUtcOffset("-03:30")).toBe(-210);
    expect(parseUtcOffset("+24:00")).toBeUndefined();
    expect(parseUtcOffset("+08:60")).toBeUndefined();
    expect(parseUtcOffset("z")).toBeUndefined();
  });

  it("property: formatUtcOffset and parseUtcOffset are inverse", () => {
    fc.assert(
      fc.property(offsetMinutes, (m) => {
        const text = formatUtcOffset(m);
        expect(text).toMatch(/^[+-]\d{2}:\d{2}$/);
        expect(parseUtcOffset(text)).toBe(m);
      }),
      { numRuns: 200 },
    );
  });
});

describe("parseInstant", () => {
  it("judges instants, not text: 2024-06-01T01:00:00+08:00 is 2024-05-31T17:00:00Z", () => {
    const expected = Date.UTC(2024, 4, 31, 17);
    expect(parseInstant("2024-06-01T01:00:00+08:00")).toBe(expected);
    expect(parseInstant("2024-05-31T17:00:00Z")).toBe(expected);
    expect(parseInstant("2024-05-31T17:00:00+00:00")).toBe(expected);
    expect(parseInstant("2024-05-31T13:30:00-03:30")).toBe(expected);
  });

  it.each([
    ["2024-06-01T01:00+08:00", Date.UTC(2024, 4, 31, 17)],
    ["2024-06-01T00:00:00Z", Date.UTC(2024, 5, 1)],
    ["2024-06-01T00:00:07Z", Date.UTC(2024, 5, 1, 0, 0, 7)],
    ["2024-06-01T00:00:00.5Z", Date.UTC(2024, 5, 1) + 500],
    ["2024-06-01T00:00:00.05Z", Date.UTC(2024, 5, 1) + 50],
    ["2024-06-01T00:00:00.123Z", Date.UTC(2024, 5, 1) + 123],
    ["2024-06-01T23:59:59.999+14:00", Date.UTC(2024, 5, 1, 9, 59, 59, 999)],
    ["2024-02-29T12:00:00-12:00", Date.UTC(2024, 2, 1, 0)],
    ["2016-01-01T00:00:00+08:00", Date.UTC(2015, 11, 31, 16)],
  ])("%s", (text, expected) => {
    expect(parseInstant(text)).toBe(expected);
  });

  it.each(["2024-06-01T01:00:00", "2024-06-01T01:00", "2024-06-01T01:00:00.123", "2024-06-01T01:00:00.1234"])(
    "%s has no offset: missing-offset",
    (text) => {
      expect(parseInstant(text)).toBe("missing-offset");
    },
  );

  it.each([
    "2024-06-01",
    "2024-06-01 01:00:00Z",
    "2024-06-01T01:00:00z",
    "2024-06-01T1:00:00Z",
    "2024-06-01T01:00:00+0800",
    "2024-06-01T01:00:00+08",
    "2024-06-01T01:00:00.1234567890Z",
    "",
    "yesterday",
    "2024-06-01T01Z",
  ])("%j is malformed", (text) => {
    expect(parseInstant(text)).toBe("malformed");
  });

  it.each([
    "2024-02-30T00:00:00Z",
    "2023-02-29T00:00:00Z",
    "2024-13-01T00:00:00Z",
    "2024-06-01T24:00:00Z",
    "2024-06-01T23:60:00Z",
    "2024-06-01T23:59:60Z",
    "2024-06-01T00:00:00+24:00",
    "2024-06-01T00:00:00+08:60",
  ])("%s is impossible", (text) => {
    expect(parseInstant(text)).toBe("impossible");
  });

  it("property: parseInstant(formatInstant(t, offset)) = t for any instant and offset", () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1950, 0, 1), max: Date.UTC(2100, 0, 1) }), offsetMinutes, (t, offset) => {
        expect(parseInstant(formatInstant(t, offset))).toBe(t);
      }),
      { numRuns: 300 },
    );
  });

  it("property: parseInstant agrees with Date.parse on ISO date-times with an offset", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(1970, 0, 1), max: Date.UTC(2100, 0, 1) }),
        offsetMinutes,
        fc.constantFrom("seconds", "minutes", "millis"),
        (t, offset, form) => {
          let text = formatInstant(t, offset);
          const suffix = text.slice(19).replace(/^\.\d{3}/, "");
          const base = text.slice(0, 16);
          const seconds = text.slice(16, 19);
          const millis = `.${String(t % 1000).padStart(3, "0")}`;
          text =
            form === "minutes"
              ? base + suffix
              : form === "seconds"
                ? base + seconds + suffix
                : base + seconds + millis + suffix;
          expect(parseInstant(text)).toBe(Date.parse(text));
        },
      ),
      { numRuns: 300 },
    );
  });

  // Regression (fixed; src/core/period.ts, parseInstant → utcMidnight): Date.UTC maps years 0–99 to 1900–1999,
  // so "0016-06-01T00:00:00Z" (a typo for 2016, say) is read as 1916-06-01 and would count as a
  // reading inside a 1916 period instead of being rejected or placed in year 16.
  it("test helper: trueUtc agrees with Date.UTC for modern years", () => {
    expect(trueUtc(2016, 6, 1, 5, 30)).toBe(Date.UTC(2016, 5, 1, 5, 30));
  });

  it("a timestamp in year 0016 is not read as 1916", () => {
    const parsed = parseInstant("0016-06-01T00:00:00Z");
    expect(parsed).not.toBe(Date.UTC(1916, 5, 1));
    expect([trueUtc(16, 6, 1), "impossible", "malformed"]).toContain(parsed);
  });
});

describe("formatInstant", () => {
  it("writes local ISO time in the offset, Z for UTC, milliseconds only when present", () => {
    expect(formatInstant(Date.UTC(2024, 4, 31, 17), 480)).toBe("2024-06-01T01:00:00+08:00");
    expect(formatInstant(Date.UTC(2024, 4, 31, 17), 0)).toBe("2024-05-31T17:00:00Z");
    expect(formatInstant(Date.UTC(2024, 4, 31, 17) + 500, -210)).toBe("2024-05-31T13:30:00.500-03:30");
  });
});

describe("splitPeriod", () => {
  it("splits 2016 (+08:00) at 2016-07-01 into 182 + 184 days", () => {
    const whole = period("2016-01-01", "2016-12-31", "+08:00");
    const [first, second] = splitPeriod(whole, "2016-07-01");
    expect(first).toMatchObject({ start: "2016-01-01", end: "2016-06-30", timeZone: "+08:00", days: 182 });
    expect(second).toMatchObject({ start: "2016-07-01", end: "2016-12-31", timeZone: "+08:00", days: 184 });
    expect(first.endInstant).toBe(second.startInstant);
    expect(first.startInstant).toBe(whole.startInstant);
    expect(second.endInstant).toBe(whole.endInstant);
  });

  it("splits before the last day, and across a leap day", () => {
    const [a, b] = splitPeriod(period("2016-01-01", "2016-12-31"), "2016-12-31");
    expect([a.days, b.days]).toEqual([365, 1]);
    const [c, d] = splitPeriod(period("2024-02-01", "2024-03-31"), "2024-03-01");
    expect(c).toMatchObject({ end: "2024-02-29", days: 29 });
    expect(d.days).toBe(31);
  });

  it.each(["2016-01-01", "2017-01-01", "2015-12-31", "2016-02-30", "not a date"])(
    "refuses to split 2016 at %j",
    (day) => {
      expect(() => splitPeriod(period("2016-01-01", "2016-12-31"), day)).toThrow(RangeError);
    },
  );

  it("refuses to split a one-day period", () => {
    expect(() => splitPeriod(period("2016-01-01", "2016-01-01"), "2016-01-01")).toThrow(RangeError);
    expect(() => splitPeriod(period("2016-01-01", "2016-01-01"), "2016-01-02")).toThrow(RangeError);
  });

  it("property: the two halves cover the whole: days add up, first.endInstant = second.startInstant, they do not overlap", () => {
    const splittable = anyPeriod
      .filter(({ length }) => length >= 1)
      .chain((p) => fc.tuple(fc.constant(p), fc.integer({ min: 1, max: p.length })));
    fc.assert(
      fc.property(splittable, ([{ first: firstIndex, period: whole }, k]) => {
        const [first, second] = splitPeriod(whole, dateOf(firstIndex + k));
        expect(first.days + second.days).toBe(whole.days);
        expect(first.days).toBe(k);
        expect(first.endInstant).toBe(second.startInstant);
        expect(first.startInstant).toBe(whole.startInstant);
        expect(second.endInstant).toBe(whole.endInstant);
        expect(first.start).toBe(whole.start);
        expect(second.end).toBe(whole.end);
        expect(first.timeZone).toBe(whole.timeZone);
        expect(second.timeZone).toBe(whole.timeZone);
        expect(periodsOverlap(first, second)).toBe(false);
        expect(periodsOverlap(whole, first)).toBe(true);
        expect(periodsOverlap(second, whole)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

describe("periodsOverlap", () => {
  it("examples", () => {
    const y2016 = period("2016-01-01", "2016-12-31", "+08:00");
    const y2017 = period("2017-01-01", "2017-12-31", "+08:00");
    const lastDay = period("2016-12-31", "2017-01-05", "+08:00");
    expect(periodsOverlap(y2016, y2017)).toBe(false);
    expect(periodsOverlap(y2016, lastDay)).toBe(true);
    expect(periodsOverlap(lastDay, y2017)).toBe(true);
    // Compared as instants: 2017-01-01 in UTC starts before 2016 ends in UTC−05:00.
    expect(
      periodsOverlap(period("2016-01-01", "2016-12-31", "-05:00"), period("2017-01-01", "2017-01-31", "+00:00")),
    ).toBe(true);
  });

  it("property: a period overlaps itself, and overlap is symmetric", () => {
    fc.assert(
      fc.property(anyPeriod, anyPeriod, ({ period: a }, { period: b }) => {
        expect(periodsOverlap(a, a)).toBe(true);
        expect(periodsOverlap(a, b)).toBe(periodsOverlap(b, a));
      }),
      { numRuns: 300 },
    );
  });

  it("property: consecutive periods (the next starts the day after the last ends) never overlap", () => {
    fc.assert(
      fc.property(
        dayIndex,
        fc.integer({ min: 0, max: 400 }),
        fc.integer({ min: 0, max: 400 }),
        offsetText,
        (first, lengthA, lengthB, tz) => {
          const a = period(dateOf(first), dateOf(first + lengthA), tz);
          const b = period(dateOf(first + lengthA + 1), dateOf(first + lengthA + 1 + lengthB), tz);
          expect(periodsOverlap(a, b)).toBe(false);
          expect(periodsOverlap(b, a)).toBe(false);
          expect(a.endInstant).toBe(b.startInstant);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("property: in one time zone, periods overlap exactly when their date ranges share a day", () => {
    fc.assert(
      fc.property(
        dayIndex,
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: -70, max: 70 }),
        fc.integer({ min: 0, max: 60 }),
        offsetText,
        (s1, l1, shift, l2, tz) => {
          const s2 = s1 + shift;
          const a = period(dateOf(s1), dateOf(s1 + l1), tz);
          const b = period(dateOf(s2), dateOf(s2 + l2), tz);
          const shareADay = s1 <= s2 + l2 && s2 <= s1 + l1;
          expect(periodsOverlap(a, b)).toBe(shareADay);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("period limits (trust.md §3)", () => {
  it("accepts 2000-01-01 … 2199-12-31 bounds and exactly 3,660 days", () => {
    expect(period("2000-01-01", "2000-01-01").days).toBe(1);
    expect(period("2199-12-31", "2199-12-31").days).toBe(1);
    expect(period("2000-01-01", "2010-01-07").days).toBe(3660);
  });

  it.each([
    ["1999-12-31", "2000-01-31", "start", "on or after 2000-01-01"],
    ["2199-12-01", "2200-01-01", "end", "on or before 2199-12-31"],
    ["2000-01-01", "2010-01-08", "end", "at most 3660 days from 2000-01-01 (on or before 2010-01-07)"],
  ])("%s … %s is out of range (%s)", (start, end, field, expected) => {
    const made = createPeriod(start, end, "Asia/Ulaanbaatar");
    expect(made).toEqual({
      ok: false,
      problems: [{ field, problem: "out-of-range", found: field === "start" ? start : end, expected }],
    });
  });
});

describe("named time zones (monitoring-document.md, Time zones)", () => {
  const utc = (y: number, m: number, d: number, h = 0, min = 0) => Date.UTC(y, m - 1, d, h, min);

  it("each boundary takes the offset in force at that local midnight: Mongolia's summer time of 2016", () => {
    const p = period("2016-01-01", "2016-06-30", "Asia/Ulaanbaatar");
    expect(p.startInstant).toBe(utc(2015, 12, 31, 16)); // 2016-01-01T00:00+08:00
    expect(p.endInstant).toBe(utc(2016, 6, 30, 15)); // 2016-07-01T00:00+09:00
    expect(formatLocalInstant(p, p.startInstant)).toBe("2016-01-01T00:00:00+08:00");
    expect(formatLocalInstant(p, p.endInstant)).toBe("2016-07-01T00:00:00+09:00");
    expect(p.offsetMinutes).toBe(480);
    // Summer time began on the last Saturday of March at 02:00 local (+08:00) = 18:00 UTC the day before.
    expect(p.offsetChanges).toEqual([{ at: utc(2016, 3, 25, 18), offsetMinutes: 540 }]);
    expect(p.days).toBe(182);
    expect(p.endInstant - p.startInstant).toBe(182 * MS_PER_DAY - 3_600_000);
  });

  it("aliases and UTC are accepted and recorded as given", () => {
    const alias = period("2016-01-01", "2016-12-31", "Asia/Ulan_Bator");
    const canonical = period("2016-01-01", "2016-12-31", "Asia/Ulaanbaatar");
    expect(alias.timeZone).toBe("Asia/Ulan_Bator");
    expect([alias.startInstant, alias.endInstant]).toEqual([canonical.startInstant, canonical.endInstant]);
    expect(alias.offsetChanges).toEqual(canonical.offsetChanges);
    const u = period("2016-01-01", "2016-12-31", "UTC");
    const zero = period("2016-01-01", "2016-12-31", "+00:00");
    expect([u.timeZone, u.startInstant, u.endInstant, u.offsetChanges]).toEqual([
      "UTC",
      zero.startInstant,
      zero.endInstant,
      [],
    ]);
    expect(isNamedTimeZone("UTC")).toBe(true);
    expect(isNamedTimeZone("+00:00")).toBe(false);
  });

  it("civil days are 23 and 25 hours long across both Mongolian changes of 2016", () => {
    const p = period("2016-01-01", "2016-12-31", "Asia/Ulaanbaatar");
    const days = localDays(p);
    const lengths = new Map<number, number>();
    for (let d = 0; d < p.days; d++) {
      const hours = (days.start(d + 1) - days.start(d)) / 3_600_000;
      if (hours !== 24) lengths.set(d, hours);
    }
    // Day 85 is 2016-03-26 (summer time from 02:00), day 266 is 2016-09-23 (back at 24:00, 25 hours).
    expect([...lengths]).toEqual([
      [85, 23],
      [266, 25],
    ]);
    expect(days.start(266)).toBe(utc(2016, 9, 22, 15)); // 2016-09-23T00:00+09:00
    expect(days.start(267)).toBe(utc(2016, 9, 23, 16)); // 2016-09-24T00:00+08:00
    expect(days.index(utc(2016, 9, 23, 15, 30))).toBe(266); // 23:30 of the second 23:00–24:00 hour
    expect(days.index(utc(2016, 9, 23, 16))).toBe(267);
    expect(days.index(p.startInstant)).toBe(0);
    expect(days.index(p.endInstant - 1)).toBe(365);
    expect(p.endInstant - p.startInstant).toBe(366 * MS_PER_DAY);
  });

  it("a midnight that does not exist is replaced by the first instant of that day (Chile, 2018-08-12)", () => {
    const p = period("2018-08-12", "2018-08-12", "America/Santiago");
    expect(formatLocalInstant(p, p.startInstant)).toBe("2018-08-12T01:00:00-03:00");
    expect(p.startInstant).toBe(utc(2018, 8, 12, 4));
    expect(p.endInstant - p.startInstant).toBe(23 * 3_600_000);
    const before = period("2018-08-01", "2018-08-11", "America/Santiago");
    expect(before.endInstant).toBe(p.startInstant);
  });

  it("a midnight that happens twice counts from its first occurrence (Goose Bay, back at 00:01 in 2009)", () => {
    const p = period("2009-11-01", "2009-11-01", "America/Goose_Bay");
    expect(formatLocalInstant(p, p.startInstant)).toBe("2009-11-01T00:00:00-03:00");
    expect(p.endInstant - p.startInstant).toBe(25 * 3_600_000);
  });

  it("a day the zone skipped has no length (Samoa, 2011-12-30)", () => {
    const p = period("2011-12-29", "2011-12-31", "Pacific/Apia");
    const days = localDays(p);
    expect(days.start(2) - days.start(1)).toBe(0);
    expect(p.endInstant - p.startInstant).toBe(2 * MS_PER_DAY);
  });

  it("splits and overlaps like offset periods: the halves meet at the local midnight in force", () => {
    const p = period("2016-01-01", "2016-12-31", "Asia/Ulaanbaatar");
    const [first, second] = splitPeriod(p, "2016-07-01");
    expect(first.endInstant).toBe(second.startInstant);
    expect(formatLocalInstant(second, second.startInstant)).toBe("2016-07-01T00:00:00+09:00");
    expect(first.days + second.days).toBe(p.days);
    expect(periodsOverlap(first, second)).toBe(false);
  });

  it("unknown names are refused with close names suggested", () => {
    const made = createPeriod("2016-01-01", "2016-01-31", "Asia/Ulanbaatar");
    expect(made).toEqual({
      ok: false,
      problems: [
        {
          field: "timeZone",
          problem: "unknown-time-zone",
          found: "Asia/Ulanbaatar",
          suggestions: ["Asia/Ulaanbaatar"],
        },
      ],
    });
    const city = createPeriod("2016-01-01", "2016-01-31", "Ulaanbaatar");
    expect(!city.ok && city.problems[0]).toMatchObject({ suggestions: ["Asia/Ulaanbaatar"] });
    for (const name of ["", "Mars/Olympus_Mons_Base", "x".repeat(10_000)]) {
      const bad = createPeriod("2016-01-01", "2016-01-31", name);
      expect(bad.ok).toBe(false);
      if (!bad.ok) expect(bad.problems[0]!.problem).toBe("unknown-time-zone");
    }
  });

  it("periodHours is the real length", () => {
    expect(periodHours(period("2016-01-01", "2016-12-31", "Asia/Ulaanbaatar"))).toBe("8784");
    expect(periodHours(period("2016-03-26", "2016-03-26", "Asia/Ulaanbaatar"))).toBe("23");
    expect(periodHours(period("2016-01-01", "2016-01-01", "+08:00"))).toBe("24");
  });
});
