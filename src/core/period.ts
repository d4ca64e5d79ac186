/**
 * Monitoring periods and instants. Calendar arithmetic is done on integer milliseconds since the
 * epoch (exact in binary64 far beyond any date used here) with `Date.UTC`, never in the host's
 * local time zone, so results are identical on every machine.
 */

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
  /** UTC offset `±hh:mm` placing the period's midnights. */
  timeZone: string;
  /** Offset in minutes east of UTC. */
  offsetMinutes: number;
  /** Instant of `start` 00:00 in the time zone (ms since epoch). */
  startInstant: number;
  /** Instant of (`end` + 1 day) 00:00 in the time zone: the period is [startInstant, endInstant). */
  endInstant: number;
  /** Number of calendar days, both ends included. */
  days: number;
}

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

/** Formats an instant as ISO 8601 local time in the given offset: `2024-06-01T13:00:00+08:00`. */
export function formatInstant(epochMs: number, offsetMinutes: number): string {
  const local = new Date(epochMs + offsetMinutes * MS_PER_MINUTE);
  const pad = (n: number, w = 2) => String(n).padStart(w, "0");
  const ms = local.getUTCMilliseconds();
  const fraction = ms === 0 ? "" : `.${pad(ms, 3)}`;
  return (
    `${pad(local.getUTCFullYear(), 4)}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}` +
    `T${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}${fraction}` +
    (offsetMinutes === 0 ? "Z" : formatUtcOffset(offsetMinutes))
  );
}

export type PeriodProblem =
  | { field: "start" | "end"; problem: "invalid-date"; found: string }
  | { field: "timeZone"; problem: "invalid-offset"; found: string }
  | { field: "end"; problem: "end-before-start"; found: string };

/** Builds a period from its document fields, or lists what is wrong with them. */
export function createPeriod(
  start: string,
  end: string,
  timeZone = "+00:00",
): { ok: true; period: MonitoringPeriod } | { ok: false; problems: PeriodProblem[] } {
  const problems: PeriodProblem[] = [];
  const s = parseCalendarDate(start);
  const e = parseCalendarDate(end);
  const offset = timeZone === "Z" ? undefined : parseUtcOffset(timeZone);
  if (!s) problems.push({ field: "start", problem: "invalid-date", found: start });
  if (!e) problems.push({ field: "end", problem: "invalid-date", found: end });
  if (offset === undefined) problems.push({ field: "timeZone", problem: "invalid-offset", found: timeZone });
  if (s && e && utcMidnight(e) < utcMidnight(s))
    problems.push({ field: "end", problem: "end-before-start", found: end });
  if (problems.length > 0 || !s || !e || offset === undefined) return { ok: false, problems };
  const shift = offset * MS_PER_MINUTE;
  const startInstant = utcMidnight(s) - shift;
  const endInstant = utcMidnight(e) + MS_PER_DAY - shift;
  // Both are whole multiples of a day apart: the quotient is an exact integer.
  const days = (utcMidnight(e) - utcMidnight(s)) / MS_PER_DAY + 1;
  return {
    ok: true,
    period: Object.freeze({ start, end, timeZone, offsetMinutes: offset, startInstant, endInstant, days }),
  };
}

/** True when two periods share at least one day (inclusive dates, compared as instants). */
export function periodsOverlap(a: MonitoringPeriod, b: MonitoringPeriod): boolean {
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

const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?(Z|[+-]\d{2}:\d{2})$/;

export type InstantProblem = "malformed" | "missing-offset" | "impossible";

/**
 * Parses an ISO 8601 date-time with an explicit offset (`Z` or `±hh:mm`) into ms since the epoch.
 * Seconds and up to three fraction digits are optional. A timestamp without an offset is refused:
 * the instant it names would depend on where it is read.
 */
export function parseInstant(text: string): number | InstantProblem {
  return parseGeneralInstant(text);
}

/**
 * A parser for many timestamps in a row (a series): the same results as {@link parseInstant},
 * faster for the common form, remembering the last date's midnight in its own closure.
 */
export function createInstantParser(): (text: string) => number | InstantProblem {
  const cache = { key: -1, midnight: 0 };
  return (text) => parseCommonInstant(text, cache) ?? parseGeneralInstant(text);
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
  const millis = m[7] === undefined ? 0 : Number(m[7].padEnd(3, "0"));
  const offset = parseUtcOffset(m[8]!);
  if (!date || hours > 23 || minutes > 59 || seconds > 59 || offset === undefined) return "impossible";
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

/**
 * The form nearly every reading uses, `YYYY-MM-DDThh:mm:ss±hh:mm` or `…ssZ`, read by character
 * codes (no regex, no allocation). Anything else, or anything impossible, returns undefined and
 * takes the general path, which also names the problem. Consecutive readings share a date, so
 * the caller's cache keeps the last date's midnight.
 */
function parseCommonInstant(text: string, cache: { key: number; midnight: number }): number | undefined {
  const n = text.length;
  if (
    (n !== 20 && n !== 25) ||
    text.charCodeAt(4) !== 45 ||
    text.charCodeAt(7) !== 45 ||
    text.charCodeAt(10) !== 84 ||
    text.charCodeAt(13) !== 58 ||
    text.charCodeAt(16) !== 58
  )
    return undefined;
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 2);
  const day = digits(text, 8, 2);
  const hours = digits(text, 11, 2);
  const minutes = digits(text, 14, 2);
  const seconds = digits(text, 17, 2);
  if (
    year < 1 ||
    month < 1 ||
    month > 12 ||
    day < 1 ||
    day > daysInMonth(year, month) ||
    hours < 0 ||
    hours > 23 ||
    minutes < 0 ||
    minutes > 59 ||
    seconds < 0 ||
    seconds > 59
  )
    return undefined;
  let offset: number;
  if (n === 20) {
    if (text.charCodeAt(19) !== 90 /* Z */) return undefined;
    offset = 0;
  } else {
    const sign = text.charCodeAt(19);
    const oh = digits(text, 20, 2);
    const om = digits(text, 23, 2);
    if ((sign !== 43 && sign !== 45) || text.charCodeAt(22) !== 58 || oh < 0 || oh > 23 || om < 0 || om > 59)
      return undefined;
    offset = (sign === 45 ? -1 : 1) * (oh * 60 + om);
  }
  const key = year * 10000 + month * 100 + day;
  if (key !== cache.key) {
    cache.midnight = utcMidnight({ year, month, day });
    cache.key = key;
  }
  return cache.midnight + ((hours * 60 + minutes - offset) * 60 + seconds) * 1000;
}
