/**
 * Monitoring periods and instants. Calendar arithmetic is done on integer milliseconds since the
 * epoch (exact in binary64 far beyond any date used here) with `Date.UTC`, never in the host's
 * local time zone, so results are identical on every machine. A named time zone is read from the
 * runtime's `Intl` once per period (`time-zone.ts`): its offset changes inside the period are kept,
 * and every local day is computed from them.
 */

import { isKnownTimeZone, type OffsetChange, offsetChanges, suggestTimeZones } from "./time-zone.js";

export type { OffsetChange } from "./time-zone.js";

export const MS_PER_MINUTE = 60_000;
export const MS_PER_DAY = 86_400_000;

export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

export interface MonitoringPeriod {
  /** Inclusive first day, `YYYY-MM-DD`. */
  start: string;
  /** Inclusive last day, `YYYY-MM-DD`. */
  end: string;
  /** Where the dates are local dates, as the document wrote it: a UTC offset `±hh:mm` or an IANA name. */
  timeZone: string;
  /** Offset in force at the start instant, in minutes east of UTC (for a UTC offset: that offset). */
  offsetMinutes: number;
  /**
   * Changes of the offset in `(startInstant, endInstant]`, in order: empty for a UTC offset and for a
   * named zone that keeps one offset through the period.
   */
  offsetChanges: readonly OffsetChange[];
  /** First instant of `start` in the time zone (ms since epoch): its 00:00, or later if that does not exist. */
  startInstant: number;
  /** First instant of `end` + 1 day: the period is [startInstant, endInstant). */
  endInstant: number;
  /** Number of calendar days, both ends included. */
  days: number;
}

/** Period limits (trust.md §3): between 2000-01-01 and 2199-12-31, at most 3,660 days. */
export const PERIOD_LIMITS = Object.freeze({ first: "2000-01-01", last: "2199-12-31", maxDays: 3660 });

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const OFFSET = /^([+-])(\d{2}):(\d{2})$/;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Parses `YYYY-MM-DD`; `undefined` for a malformed or impossible date such as `2019-02-30`. */
export function parseCalendarDate(text: string): CalendarDate | undefined {
  const match = DATE.exec(text);
  if (!match) return undefined;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return { year, month, day };
}

/** Parses a UTC offset `±hh:mm` (or `Z`) into minutes east of UTC. */
export function parseUtcOffset(text: string): number | undefined {
  if (text === "Z") return 0;
  const match = OFFSET.exec(text);
  if (!match) return undefined;
  const hours = Number(match[2]);
  const minutes = Number(match[3]);
  if (hours > 23 || minutes > 59) return undefined;
  const total = hours * 60 + minutes;
  return match[1] === "-" ? -total : total;
}

/** Milliseconds since the epoch of midnight UTC at the start of a calendar date. */
export function utcMidnight(date: CalendarDate): number {
  // setUTCFullYear, not Date.UTC: Date.UTC maps years 0–99 to 1900–1999.
  return new Date(0).setUTCFullYear(date.year, date.month - 1, date.day);
}

export function formatCalendarDate(epochMs: number): string {
  const d = new Date(epochMs);
  const y = String(d.getUTCFullYear()).padStart(4, "0");
  const m = String(d.getUTCMonth() + 1).padStart(2, "0");
  const day = String(d.getUTCDate()).padStart(2, "0");
  return `${y}-${m}-${day}`;
}

export function formatUtcOffset(offsetMinutes: number): string {
  const sign = offsetMinutes < 0 ? "-" : "+";
  const abs = offsetMinutes < 0 ? -offsetMinutes : offsetMinutes;
  const hours = (abs - (abs % 60)) / 60;
  return `${sign}${String(hours).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
}

/**
 * Formats an instant as ISO 8601 local time in the given offset: `2024-06-01T13:00:00+08:00`; a zero
 * offset is written `Z` unless `zulu` is false (`+00:00`).
 */
export function formatInstant(epochMs: number, offsetMinutes: number, zulu = true): string {
  const local = new Date(epochMs + offsetMinutes * MS_PER_MINUTE);
  const pad = (n: number, w = 2) => String(n).padStart(w, "0");
  const ms = local.getUTCMilliseconds();
  const fraction = ms === 0 ? "" : `.${pad(ms, 3)}`;
  return (
    `${pad(local.getUTCFullYear(), 4)}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}` +
    `T${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}${fraction}` +
    (offsetMinutes === 0 && zulu ? "Z" : formatUtcOffset(offsetMinutes))
  );
}

export type PeriodProblem =
  | { field: "start" | "end"; problem: "invalid-date"; found: string }
  | { field: "timeZone"; problem: "invalid-offset"; found: string }
  | { field: "timeZone"; problem: "unknown-time-zone"; found: string; suggestions: string[] }
  | { field: "start" | "end"; problem: "out-of-range"; found: string; expected: string }
  | { field: "end"; problem: "end-before-start"; found: string };

/** A string that is meant as a UTC offset (and so is never looked up as a zone name). */
const OFFSET_LIKE = /^[+\-\u2212\d]|^Z$/;

/** True when a period's `timeZone` is a name (`Asia/Ulaanbaatar`, `UTC`) rather than a UTC offset. */
export function isNamedTimeZone(timeZone: string): boolean {
  return !OFFSET_LIKE.test(timeZone);
}

/** How reports name a period's zone: `UTC+08:00` for an offset, the name itself for a named zone. */
export function timeZoneLabel(timeZone: string): string {
  return isNamedTimeZone(timeZone) ? timeZone : `UTC${timeZone}`;
}

/** Builds a period from its document fields, or lists what is wrong with them. */
export function createPeriod(
  start: string,
  end: string,
  timeZone = "+00:00",
): { ok: true; period: MonitoringPeriod } | { ok: false; problems: PeriodProblem[] } {
  const problems: PeriodProblem[] = [];
  const s = parseCalendarDate(start);
  const e = parseCalendarDate(end);
  const offset = OFFSET_LIKE.test(timeZone) ? parseUtcOffset(timeZone) : undefined;
  const named = !OFFSET_LIKE.test(timeZone);
  if (!s) problems.push({ field: "start", problem: "invalid-date", found: start });
  if (!e) problems.push({ field: "end", problem: "invalid-date", found: end });
  if (timeZone === "Z" || (!named && offset === undefined))
    problems.push({ field: "timeZone", problem: "invalid-offset", found: timeZone });
  else if (named && !isKnownTimeZone(timeZone))
    problems.push({
      field: "timeZone",
      problem: "unknown-time-zone",
      found: timeZone,
      suggestions: suggestTimeZones(timeZone),
    });
  if (s && e && utcMidnight(e) < utcMidnight(s))
    problems.push({ field: "end", problem: "end-before-start", found: end });
  if (s && start < PERIOD_LIMITS.first)
    problems.push({
      field: "start",
      problem: "out-of-range",
      found: start,
      expected: `on or after ${PERIOD_LIMITS.first}`,
    });
  if (e && end > PERIOD_LIMITS.last)
    problems.push({
      field: "end",
      problem: "out-of-range",
      found: end,
      expected: `on or before ${PERIOD_LIMITS.last}`,
    });
  else if (s && e && (utcMidnight(e) - utcMidnight(s)) / MS_PER_DAY + 1 > PERIOD_LIMITS.maxDays)
    problems.push({
      field: "end",
      problem: "out-of-range",
      found: end,
      expected: `at most ${PERIOD_LIMITS.maxDays} days from ${start} (on or before ${formatCalendarDate(utcMidnight(s) + (PERIOD_LIMITS.maxDays - 1) * MS_PER_DAY)})`,
    });
  if (problems.length > 0 || !s || !e) return { ok: false, problems };
  // Both are whole multiples of a day apart: the quotient is an exact integer.
  const days = (utcMidnight(e) - utcMidnight(s)) / MS_PER_DAY + 1;
  const firstWall = utcMidnight(s);
  const endWall = utcMidnight(e) + MS_PER_DAY;
  if (!named) {
    const shift = offset! * MS_PER_MINUTE;
    return {
      ok: true,
      period: Object.freeze({
        start,
        end,
        timeZone,
        offsetMinutes: offset!,
        offsetChanges: NO_CHANGES,
        startInstant: firstWall - shift,
        endInstant: endWall - shift,
        days,
      }),
    };
  }
  // Two days on either side hold every offset (±14 h) a boundary may take.
  const scan = offsetChanges(timeZone, firstWall - 2 * MS_PER_DAY, endWall + 2 * MS_PER_DAY)!;
  const segments: OffsetChange[] = [
    { at: Number.NEGATIVE_INFINITY, offsetMinutes: scan.initialMinutes },
    ...scan.changes,
  ];
  const startInstant = firstInstantOfLocalDay(firstWall, segments);
  const endInstant = firstInstantOfLocalDay(endWall, segments);
  const inside = scan.changes.filter((c) => c.at > startInstant && c.at <= endInstant).map((c) => Object.freeze(c));
  return {
    ok: true,
    period: Object.freeze({
      start,
      end,
      timeZone,
      offsetMinutes: offsetIn(segments, startInstant),
      offsetChanges: Object.freeze(inside),
      startInstant,
      endInstant,
      days,
    }),
  };
}

const NO_CHANGES: readonly OffsetChange[] = Object.freeze([]);

/** The offset (minutes) in force at `instant` among segments starting at their `at`, in order. */
function offsetIn(segments: readonly OffsetChange[], instant: number): number {
  let offset = segments[0]!.offsetMinutes;
  for (let i = 1; i < segments.length && segments[i]!.at <= instant; i++) offset = segments[i]!.offsetMinutes;
  return offset;
}

/**
 * The first instant whose local time is at or after the wall-clock midnight `wall` (written as if
 * it were UTC): that midnight at the offset then in force, or — where the clocks jump over it — the
 * instant of the jump. A midnight that happens twice counts from its first occurrence.
 */
function firstInstantOfLocalDay(wall: number, segments: readonly OffsetChange[]): number {
  for (let k = 0; k < segments.length; k++) {
    const from = segments[k]!.at;
    const to = k + 1 < segments.length ? segments[k + 1]!.at : Number.POSITIVE_INFINITY;
    const t = Math.max(from, wall - segments[k]!.offsetMinutes * MS_PER_MINUTE);
    if (t < to) return t;
  }
  /* c8 ignore next */
  throw new RangeError("unreachable: the last segment is unbounded");
}

/** The offset (minutes east of UTC) in force at an instant inside the period (or at its end). */
export function offsetAt(period: MonitoringPeriod, instant: number): number {
  const changes = period.offsetChanges;
  let offset = period.offsetMinutes;
  for (let i = 0; i < changes.length && changes[i]!.at <= instant; i++) offset = changes[i]!.offsetMinutes;
  return offset;
}

/** An instant of the period in its own local time: `2016-09-24T00:00:00+08:00` (`Z` for a zero offset). */
export function formatLocalInstant(period: MonitoringPeriod, instant: number, zulu = true): string {
  return formatInstant(instant, offsetAt(period, instant), zulu);
}

/**
 * The period's local days: day `i` (0 ≤ i < days) runs from `start(i)` to `start(i + 1)`; `start(0)`
 * is the start instant and `start(days)` the end instant. Across an offset change a day lasts 23 or
 * 25 hours (or whatever the change makes it). Without changes it is plain arithmetic; with them the
 * day starts are computed once, here.
 */
export interface LocalDays {
  start(day: number): number;
  /** The day an instant in [startInstant, endInstant) falls on. */
  index(instant: number): number;
  /**
   * Days that exist: `period.days` less any local day the clocks skip whole (Samoa skipped
   * 2011-12-30; such a day has no instant, so it starts and ends where the next day starts).
   */
  readonly count: number;
}

/**
 * Whether every local day of the period is 24 hours from the start instant on: no offset change
 * inside, and the start instant is the start date's midnight (it is not where a change at 00:00
 * skipped that midnight, as in Chile: then the first day is 23 hours long).
 */
export function hasUniformDays(period: MonitoringPeriod): boolean {
  return (
    period.offsetChanges.length === 0 &&
    period.startInstant === wallMidnight(period.start) - period.offsetMinutes * MS_PER_MINUTE
  );
}

/** The calendar date `YYYY-MM-DD` at 00:00, written as if it were UTC (a "wall" time). */
function wallMidnight(date: string): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
}

export function localDays(period: MonitoringPeriod): LocalDays {
  const { startInstant, days } = period;
  if (hasUniformDays(period)) {
    return {
      start: (day) => startInstant + day * MS_PER_DAY,
      index: (instant) => {
        const elapsed = instant - startInstant;
        return (elapsed - (elapsed % MS_PER_DAY)) / MS_PER_DAY;
      },
      count: days,
    };
  }
  const segments: OffsetChange[] = [{ at: startInstant, offsetMinutes: period.offsetMinutes }, ...period.offsetChanges];
  const firstWall = wallMidnight(period.start);
  const starts = new Array<number>(days + 1);
  starts[0] = startInstant;
  for (let day = 1; day < days; day++) starts[day] = firstInstantOfLocalDay(firstWall + day * MS_PER_DAY, segments);
  starts[days] = period.endInstant;
  let count = 0;
  for (let day = 0; day < days; day++) if (starts[day + 1]! > starts[day]!) count += 1;
  return {
    start: (day) => starts[day]!,
    index: (instant) => {
      // Days last 24 h ± the changes: the estimate is at most a day or two off.
      const elapsed = instant - startInstant;
      let day = Math.min(days - 1, Math.max(0, (elapsed - (elapsed % MS_PER_DAY)) / MS_PER_DAY));
      while (day > 0 && starts[day]! > instant) day -= 1;
      while (day < days - 1 && starts[day + 1]! <= instant) day += 1;
      return day;
    },
    count,
  };
}

/** Length of the period in hours as a canonical decimal string, exact when it terminates (else `≈` to 6 places). */
export function periodHours(period: MonitoringPeriod): string {
  const ms = period.endInstant - period.startInstant;
  const whole = (ms - (ms % 3_600_000)) / 3_600_000;
  let remainder = ms % 3_600_000;
  let digits = "";
  while (remainder !== 0 && digits.length < 6) {
    remainder *= 10;
    const digit = (remainder - (remainder % 3_600_000)) / 3_600_000;
    digits += String(digit);
    remainder %= 3_600_000;
  }
  digits = digits.replace(/0+$/, "");
  return `${remainder === 0 ? "" : "≈"}${whole}${digits === "" ? "" : `.${digits}`}`;
}

/** True when two periods share at least one day (inclusive dates, compared as instants). */
export function periodsOverlap(
  a: Pick<MonitoringPeriod, "startInstant" | "endInstant">,
  b: Pick<MonitoringPeriod, "startInstant" | "endInstant">,
): boolean {
  return a.startInstant < b.endInstant && b.startInstant < a.endInstant;
}

/**
 * Splits a period before `firstDayOfSecond` (which must lie in (start, end]) into two consecutive
 * periods in the same time zone.
 */
export function splitPeriod(period: MonitoringPeriod, firstDayOfSecond: string): [MonitoringPeriod, MonitoringPeriod] {
  const day = parseCalendarDate(firstDayOfSecond);
  if (!day) throw new RangeError(`not a calendar date: ${firstDayOfSecond}`);
  const lastOfFirst = formatCalendarDate(utcMidnight(day) - MS_PER_DAY);
  const first = createPeriod(period.start, lastOfFirst, period.timeZone);
  const second = createPeriod(firstDayOfSecond, period.end, period.timeZone);
  if (!first.ok || !second.ok) throw new RangeError(`${firstDayOfSecond} does not split ${period.start}…${period.end}`);
  return [first.period, second.period];
}

const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:\d{2})$/;

export type InstantProblem = "malformed" | "missing-offset" | "impossible" | "sub-millisecond";

/**
 * Parses an ISO 8601 date-time with an explicit offset (`Z` or `±hh:mm`) into ms since the epoch.
 * Seconds and 1 to 9 fraction digits are optional; instants are whole milliseconds, so digits after
 * the third must be zeros (`sub-millisecond` otherwise). `24:00` and a leap second `:60` are
 * impossible. A timestamp without an offset is refused: the instant it names would depend on where
 * it is read.
 */
export function parseInstant(text: string): number | InstantProblem {
  return parseGeneralInstant(text);
}

/**
 * A parser for many timestamps in a row (a series): the same results as {@link parseInstant},
 * faster for the common form, remembering the last date's midnight in its own closure.
 */
export function createInstantParser(cache: InstantCache = instantCache()): (text: string) => number | InstantProblem {
  return (text) => parseCommonInstant(text, 0, text.length, cache) ?? parseGeneralInstant(text);
}

function twoDigits(bytes: Uint8Array, at: number): number {
  const a = bytes[at]! - 48;
  const b = bytes[at + 1]! - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

/**
 * {@link parseCommonInstant} on the bytes of ASCII text (a CSV chunk whose bytes are its characters):
 * the same result for the same characters, about twice as fast as reading a string (typed-array
 * reads, two digits at a time). A test holds the two equal.
 */
export function parseCommonInstantBytes(
  bytes: Uint8Array,
  at: number,
  n: number,
  cache: InstantCache,
): number | undefined {
  if (
    (n !== 20 && n !== 25) ||
    bytes[at + 4] !== 45 ||
    bytes[at + 7] !== 45 ||
    bytes[at + 10] !== 84 ||
    bytes[at + 13] !== 58 ||
    bytes[at + 16] !== 58
  )
    return undefined;
  const century = twoDigits(bytes, at);
  const yy = twoDigits(bytes, at + 2);
  if (century < 0 || yy < 0) return undefined;
  let offset = 0;
  if (n === 20) {
    if (bytes[at + 19] !== 90 /* Z */) return undefined;
  } else {
    const sign = bytes[at + 19];
    const oh = twoDigits(bytes, at + 20);
    const om = twoDigits(bytes, at + 23);
    if ((sign !== 43 && sign !== 45) || bytes[at + 22] !== 58 || oh < 0 || oh > 23 || om < 0 || om > 59)
      return undefined;
    offset = sign === 45 ? -(oh * 60 + om) : oh * 60 + om;
  }
  return commonInstant(
    century * 100 + yy,
    twoDigits(bytes, at + 5),
    twoDigits(bytes, at + 8),
    twoDigits(bytes, at + 11),
    twoDigits(bytes, at + 14),
    twoDigits(bytes, at + 17),
    offset,
    cache,
  );
}

/**
 * The fields of a common instant (each −1 when not two digits) as epoch milliseconds, or undefined
 * when one is out of range. Shared by the text and byte parsers, which differ only in how they read
 * a character code.
 */
function commonInstant(
  year: number,
  month: number,
  day: number,
  hours: number,
  minutes: number,
  seconds: number,
  offsetMinutes: number,
  cache: InstantCache,
): number | undefined {
  if (
    year < 1 ||
    month < 1 ||
    month > 12 ||
    day < 1 ||
    hours < 0 ||
    hours > 23 ||
    minutes < 0 ||
    minutes > 59 ||
    seconds < 0 ||
    seconds > 59
  )
    return undefined;
  const key = year * 10000 + month * 100 + day;
  if (key !== cache.key) {
    // The day's range is checked once per date: a date already in the cache was checked.
    if (day > daysInMonth(year, month)) return undefined;
    cache.midnight = utcMidnight({ year, month, day });
    cache.key = key;
  }
  return cache.midnight + ((hours * 60 + minutes - offsetMinutes) * 60 + seconds) * 1000;
}

function parseGeneralInstant(text: string): number | InstantProblem {
  const m = TIMESTAMP.exec(text);
  if (!m) {
    return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(text) ? "missing-offset" : "malformed";
  }
  const date = parseCalendarDate(`${m[1]}-${m[2]}-${m[3]}`);
  const hours = Number(m[4]);
  const minutes = Number(m[5]);
  const seconds = m[6] === undefined ? 0 : Number(m[6]);
  const fraction = m[7] ?? "";
  const millis = Number(fraction.slice(0, 3).padEnd(3, "0"));
  const offset = parseUtcOffset(m[8]!);
  if (!date || hours > 23 || minutes > 59 || seconds > 59 || offset === undefined) return "impossible";
  if (/[1-9]/.test(fraction.slice(3))) return "sub-millisecond";
  return utcMidnight(date) + ((hours * 60 + minutes - offset) * 60 + seconds) * 1000 + millis;
}

function digits(text: string, at: number, count: number): number {
  let value = 0;
  for (let i = at; i < at + count; i++) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    value = value * 10 + c;
  }
  return value;
}

/** The cache of {@link parseCommonInstant}: the last date read and its UTC midnight. */
export interface InstantCache {
  key: number;
  midnight: number;
}

/** A fresh {@link InstantCache}. */
export function instantCache(): InstantCache {
  return { key: -1, midnight: 0 };
}

/**
 * The form nearly every reading uses, `YYYY-MM-DDThh:mm:ss±hh:mm` or `…ssZ`, read by character
 * codes (no regex, no allocation) from `text[at, at + n)` — a whole timestamp, or one inside a
 * CSV line, read without cutting it out. Anything else, or anything impossible, returns undefined
 * and takes the general path, which also names the problem. Consecutive readings share a date, so
 * the caller's cache keeps the last date's midnight.
 */
export function parseCommonInstant(text: string, at: number, n: number, cache: InstantCache): number | undefined {
  if (
    (n !== 20 && n !== 25) ||
    text.charCodeAt(at + 4) !== 45 ||
    text.charCodeAt(at + 7) !== 45 ||
    text.charCodeAt(at + 10) !== 84 ||
    text.charCodeAt(at + 13) !== 58 ||
    text.charCodeAt(at + 16) !== 58
  )
    return undefined;
  let offset = 0;
  if (n === 20) {
    if (text.charCodeAt(at + 19) !== 90 /* Z */) return undefined;
  } else {
    const sign = text.charCodeAt(at + 19);
    const oh = digits(text, at + 20, 2);
    const om = digits(text, at + 23, 2);
    if ((sign !== 43 && sign !== 45) || text.charCodeAt(at + 22) !== 58 || oh < 0 || oh > 23 || om < 0 || om > 59)
      return undefined;
    offset = sign === 45 ? -(oh * 60 + om) : oh * 60 + om;
  }
  return commonInstant(
    digits(text, at, 4),
    digits(text, at + 5, 2),
    digits(text, at + 8, 2),
    digits(text, at + 11, 2),
    digits(text, at + 14, 2),
    digits(text, at + 17, 2),
    offset,
    cache,
  );
}
