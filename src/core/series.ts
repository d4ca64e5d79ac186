import { cappedList } from "./capped-list.js";
import {
  addExact,
  DECIMAL_PROBLEM_TEXT,
  Decimal,
  decimalProblem,
  subtractExact,
  sumExact,
  toCanonicalString,
  ZERO,
} from "./decimal.js";
import { ExactSum } from "./exact-sum.js";
import {
  createInstantParser,
  formatInstant,
  formatLocalInstant,
  hasUniformDays,
  localDays,
  type MonitoringPeriod,
  MS_PER_DAY,
  parseInstant,
} from "./period.js";

/**
 * Monitored series → period totals, exactly as `monitoring-document.md` § Series defines them.
 *
 * Two layers, both pure and incremental so inline readings and streamed CSV rows go through the
 * same code:
 * - {@link createReadingChecker} — what does not depend on the period: timestamp form, decimal
 *   form, order and duplicates by instant, non-negative interval values;
 * - {@link createSeriesAccumulator} — what does: which readings fall inside the period, the
 *   interval grid and its gaps, cumulative meters with boundary readings, rollovers and meter
 *   replacements, and the exact total.
 */

export type SeriesKind = "interval" | "cumulative";

export interface MeterReplacement {
  at: string;
  oldFinal: string;
  newInitial: string;
}

/** Everything about a series except its readings. */
export interface SeriesHeader {
  kind: SeriesKind;
  unit: string;
  /** `PT{n}M`, `PT{n}H` or `P1D`: the grid interval readings of an interval series start on. */
  interval?: string;
  /** Cumulative only: the register value at which the meter returns to zero. */
  rolloverAt?: string;
  /** Cumulative only: meter swaps strictly inside the period. */
  replacements?: readonly MeterReplacement[];
}

/** A problem located at a reading index (or at the series itself when `index` is absent). */
export interface SeriesProblem {
  code: string;
  message: string;
  /** Index of the reading (inline readings) or row (CSV) the problem is about. */
  index?: number;
  /** Which field of the reading or series: `at`, `value`, `interval`, `replacements[0].at`, … */
  field?: string;
  expected?: string;
  found?: string;
}

export interface SeriesNotice {
  code: string;
  message: string;
}

const INTERVAL = /^PT([1-9][0-9]{0,5})([MH])$|^P1D$/;

/** Length of a grid interval in ms, or undefined for an unsupported designator. */
export function intervalMilliseconds(interval: string): number | undefined {
  const m = INTERVAL.exec(interval);
  if (!m) return undefined;
  if (interval === "P1D") return MS_PER_DAY;
  return Number(m[1]) * (m[2] === "H" ? 3_600_000 : 60_000);
}

export const INTERVAL_EXPECTED = "PT{n}M, PT{n}H or P1D (no months)";

// ---------------------------------------------------------------------------------------------
// Layer 1: period-independent checks

export interface CheckedReadings {
  /** Instants (ms since epoch) of the kept readings, strictly increasing. */
  instants: number[];
  /** Values of the kept readings as decimal strings (JSON numbers turned into their shortest string). */
  values: string[];
  /** Original index of each kept reading. */
  indices: number[];
  /** Identical duplicates dropped (kept once). */
  duplicates: number;
  /** Readings whose value was a JSON number. */
  numbers: number;
}

export interface ReadingChecker {
  /** Checks one reading; returns true when it was kept (false when invalid or a duplicate). */
  add(at: unknown, value: unknown, index: number): boolean;
  /**
   * {@link add} for a reading whose time the caller has already read as `instant`, later than
   * {@link lastInstant} (a CSV row read in place): the same checks of the value, the same outcome.
   */
  addLater(instant: number, value: string, index: number): boolean;
  /** The instant of the last reading kept (−∞ before the first). */
  lastInstant(): number;
  readonly problems: SeriesProblem[];
  duplicates(): number;
  numbers(): number;
}

/**
 * Checks readings one by one, in document order, and passes every kept reading to `accept`.
 * Order and duplicates are judged by instant, not by text.
 */
export function createReadingChecker(
  kind: SeriesKind,
  accept: (instant: number, value: string, index: number) => void,
): ReadingChecker {
  const problems: SeriesProblem[] = cappedList();
  let previousInstant = Number.NEGATIVE_INFINITY;
  let previousValue = "";
  let previousIndex = -1;
  let duplicates = 0;
  let numbers = 0;
  let unorderedReported = false;
  const parseAt = createInstantParser();
  /** The value as a checked decimal string (−0 read as 0), or undefined after pushing its problem. */
  const checkedValue = (value: unknown, index: number): string | undefined => {
    let text: string | undefined;
    if (typeof value === "string") text = value;
    else if (typeof value === "number") {
      numbers += 1;
      text = Number.isFinite(value) ? String(value) : undefined;
    }
    if (text === undefined) {
      problems.push({
        code: "invalid-type",
        message: "reading value must be a decimal string",
        index,
        field: "value",
        expected: DECIMAL_PROBLEM_TEXT["not-a-decimal"],
        found: typeof value === "number" ? String(value) : typeof value,
      });
    } else {
      const problem = decimalProblem(text);
      if (problem) {
        problems.push({
          code: problem === "not-a-decimal" ? "invalid-decimal" : "out-of-range",
          message: "reading value is not an acceptable decimal",
          index,
          field: "value",
          expected: DECIMAL_PROBLEM_TEXT[problem],
          found: JSON.stringify(text),
        });
        text = undefined;
      } else if (text.charCodeAt(0) === 45 /* - */ && /^-[0.]*(e.*)?$/i.test(text)) {
        // -0 is zero everywhere: a register read 0 then -0 has not gone down.
        text = text.slice(1);
      } else if (text.charCodeAt(0) === 45 /* - */) {
        problems.push({
          code: "out-of-range",
          message: `${kind} readings must not be negative`,
          index,
          field: "value",
          expected: "≥ 0",
          found: text,
        });
        text = undefined;
      }
    }
    return text;
  };
  /** A reading at a valid instant, later than every instant before it: checked value, then accepted. */
  const later = (instant: number, value: unknown, index: number): boolean => {
    const text = checkedValue(value, index);
    if (text === undefined) return false;
    previousInstant = instant;
    previousValue = text;
    previousIndex = index;
    accept(instant, text, index);
    return true;
  };

  // Methods, not getters: an object literal with a getter gets a hidden class of its own, made in
  // the old generation — per checker, which a document of 100,000 one-row CSV files makes 100,000 of.
  return {
    problems,
    lastInstant: () => previousInstant,
    addLater: later,
    duplicates: () => duplicates,
    numbers: () => numbers,
    add(at, value, index) {
      let instant: number | undefined;
      if (typeof at !== "string") {
        problems.push({
          code: "invalid-type",
          message: "reading time must be a string",
          index,
          field: "at",
          expected: "an ISO 8601 date-time with offset",
          found: typeof at,
        });
      } else {
        const parsed = parseAt(at);
        if (typeof parsed === "number") instant = parsed;
        else {
          const message =
            parsed === "missing-offset"
              ? "timestamp has no UTC offset: the instant it names would depend on where it is read"
              : parsed === "impossible"
                ? "timestamp names an impossible date or time (24:00 and leap seconds :60 included)"
                : parsed === "sub-millisecond"
                  ? "timestamp is finer than a millisecond: fraction digits after the third must be zeros"
                  : "timestamp is not an ISO 8601 date-time";
          problems.push({
            code: parsed === "missing-offset" ? "missing-offset" : "invalid-timestamp",
            message,
            index,
            field: "at",
            expected: "YYYY-MM-DDThh:mm[:ss[.f]] (1–9 fraction digits, whole milliseconds) followed by Z or ±hh:mm",
            found: at,
          });
        }
      }
      const text = checkedValue(value, index);
      if (instant === undefined || text === undefined) return false;

      if (instant === previousInstant) {
        if (new Decimal(text).eq(previousValue)) {
          duplicates += 1;
          return false;
        }
        problems.push({
          code: "conflicting-duplicate",
          message: `two readings at the same instant with different values (readings ${previousIndex} and ${index})`,
          index,
          field: "value",
          expected: previousValue,
          found: text,
        });
        return false;
      }
      if (instant < previousInstant) {
        if (!unorderedReported) {
          unorderedReported = true;
          problems.push({
            code: "unordered",
            message: `readings must be in increasing time order; reading ${index} comes before reading ${previousIndex}`,
            index,
            field: "at",
            expected: `an instant after ${formatInstant(previousInstant, 0)}`,
            found: String(at),
          });
        }
        return false;
      }
      previousInstant = instant;
      previousValue = text;
      previousIndex = index;
      accept(instant, text, index);
      return true;
    },
  };
}

/** Runs the checker over inline readings (objects with `at` and `value`). */
export function checkReadings(
  kind: SeriesKind,
  readings: readonly { at: unknown; value: unknown }[],
): CheckedReadings & { problems: SeriesProblem[] } {
  const instants: number[] = [];
  const values: string[] = [];
  const indices: number[] = [];
  const checker = createReadingChecker(kind, (instant, value, index) => {
    instants.push(instant);
    values.push(value);
    indices.push(index);
  });
  for (let i = 0; i < readings.length; i++) {
    const reading = readings[i]!;
    checker.add(reading.at, reading.value, i);
  }
  return {
    instants,
    values,
    indices,
    duplicates: checker.duplicates(),
    numbers: checker.numbers(),
    problems: checker.problems,
  };
}

// ---------------------------------------------------------------------------------------------
// Layer 2: the period

export interface SeriesOutcome {
  /** Exact total in the series' unit; meaningful only when `problems` is empty. */
  total: Decimal;
  problems: SeriesProblem[];
  notices: SeriesNotice[];
  /** Readings that counted toward the total (interval) or delimited an advance (cumulative). */
  used: number;
  /** Readings left out because they lie outside the period. */
  outside: number;
  /** Interval series with a grid: grid instants inside the period without a reading. */
  missing: number;
}

export interface SeriesAccumulator {
  /** Adds a checked reading; returns how many problems readings raised so far (0 while all is well). */
  add(instant: number, value: string, index: number): number;
  finish(): SeriesOutcome;
  /** Problems found so far (a streaming reader stops early instead of collecting millions). */
  problemCount(): number;
}

/** Checks the series header against the period: interval designator, rollover, replacements. */
function headerProblems(
  header: SeriesHeader,
  period: MonitoringPeriod,
): { problems: SeriesProblem[]; step?: number; replacements: ParsedReplacement[] } {
  const problems: SeriesProblem[] = cappedList();
  let step: number | undefined;
  if (header.interval !== undefined) {
    step = intervalMilliseconds(header.interval);
    if (header.kind !== "interval") {
      problems.push({ code: "not-allowed", message: "`interval` applies only to interval series", field: "interval" });
    } else if (step === undefined) {
      problems.push({
        code: "invalid-interval",
        message: "unsupported interval",
        field: "interval",
        expected: INTERVAL_EXPECTED,
        found: JSON.stringify(header.interval),
      });
    }
  }
  if (header.kind === "interval") {
    if (header.rolloverAt !== undefined)
      problems.push({
        code: "not-allowed",
        message: "`rolloverAt` applies only to cumulative series",
        field: "rolloverAt",
      });
    if (header.replacements !== undefined)
      problems.push({
        code: "not-allowed",
        message: "`replacements` apply only to cumulative series",
        field: "replacements",
      });
  }
  const rollover = header.rolloverAt === undefined ? undefined : new Decimal(header.rolloverAt);
  if (header.rolloverAt !== undefined && rollover !== undefined && !rollover.gt(0)) {
    problems.push({
      code: "out-of-range",
      message: "rolloverAt must be positive",
      field: "rolloverAt",
      expected: "> 0",
      found: header.rolloverAt,
    });
  }
  const replacements: ParsedReplacement[] = [];
  (header.replacements ?? []).forEach((r, i) => {
    const at = parseInstant(r.at);
    if (typeof at !== "number") {
      problems.push({
        code: at === "missing-offset" ? "missing-offset" : "invalid-timestamp",
        message: "replacement time must be an ISO 8601 date-time with offset",
        field: `replacements[${i}].at`,
        found: JSON.stringify(r.at),
      });
      return;
    }
    if (!(at > period.startInstant && at < period.endInstant)) {
      problems.push({
        code: "out-of-period",
        message: "a meter replacement must lie strictly inside the period",
        field: `replacements[${i}].at`,
        expected: `an instant after ${formatLocalInstant(period, period.startInstant)} and before ${formatLocalInstant(period, period.endInstant)}`,
        found: r.at,
      });
      return;
    }
    const oldFinal = new Decimal(r.oldFinal);
    const newInitial = new Decimal(r.newInitial);
    // Both are register readings: never negative, and below rolloverAt like every reading of the
    // series. (The parts of the advance are checked ≥ 0 against the neighbouring readings later, but
    // a negative newInitial passes that check and adds its size to the total.)
    // The replacement is kept either way: without it the step across the swap would add a
    // "register went down" problem that is only a consequence of this one.
    for (const [field, value, text] of [
      ["oldFinal", oldFinal, r.oldFinal],
      ["newInitial", newInitial, r.newInitial],
    ] as const) {
      const problem = registerProblem(`replacements[${i}].${field}`, value, text, rollover, header.rolloverAt);
      if (problem) problems.push(problem);
    }
    replacements.push({ at, text: r.at, position: i, oldFinal, newInitial });
  });
  replacements.sort((a, b) => a.at - b.at);
  for (let i = 1; i < replacements.length; i++) {
    if (replacements[i]!.at === replacements[i - 1]!.at) {
      problems.push({
        code: "conflicting-duplicate",
        message: "two meter replacements at the same instant",
        field: `replacements[${replacements[i]!.position}].at`,
        found: replacements[i]!.text,
      });
    }
  }
  return step === undefined ? { problems, replacements } : { problems, step, replacements };
}

/** A replacement's `oldFinal` or `newInitial` that no register could read: negative, or at/above rolloverAt. */
function registerProblem(
  field: string,
  value: Decimal,
  text: string,
  rollover: Decimal | undefined,
  rolloverText: string | undefined,
): SeriesProblem | undefined {
  const name = field.slice(field.lastIndexOf(".") + 1);
  if (value.lt(0))
    return {
      code: "out-of-range",
      message: `${name} is a meter register reading and must not be negative`,
      field,
      expected: "≥ 0",
      found: text,
    };
  if (rollover?.lte(value))
    return {
      code: "out-of-range",
      message: `${name} is a register reading at or above rolloverAt`,
      field,
      expected: `< ${rolloverText}`,
      found: text,
    };
  return undefined;
}

interface ParsedReplacement {
  at: number;
  text: string;
  position: number;
  oldFinal: Decimal;
  newInitial: Decimal;
}

/** Accumulates checked readings (strictly increasing instants) into a period total. */
export function createSeriesAccumulator(header: SeriesHeader, period: MonitoringPeriod): SeriesAccumulator {
  const setup = headerProblems(header, period);
  return header.kind === "interval"
    ? intervalAccumulator(period, setup.step, header.interval === "P1D", setup.problems)
    : cumulativeAccumulator(header, period, setup.replacements, setup.problems);
}

function intervalAccumulator(
  period: MonitoringPeriod,
  step: number | undefined,
  daily: boolean,
  problems: SeriesProblem[],
): SeriesAccumulator {
  const sum = new ExactSum();
  const { startInstant: start, endInstant: end } = period;
  // `P1D` steps local days, 23 or 25 hours long across an offset change; every other grid (and P1D
  // in a period without a change) steps elapsed time from the start instant.
  const days = daily && !hasUniformDays(period) ? localDays(period) : undefined;
  let outside = 0;
  let present = 0;
  let offGrid = 0;
  let nextExpected = start;
  let firstMissing: number | undefined;
  let noted = problems.length;
  return {
    // A method, not a getter (see createReadingChecker).
    problemCount: () => problems.length,
    add(instant, value, index) {
      addReading(instant, value, index);
      return noted;
    },
    finish: finishInterval,
  };

  /** Problems of readings, counted here: `add` returns the count without reading the capped list. */
  function note(problem: SeriesProblem): void {
    noted += 1;
    problems.push(problem);
  }

  function addReading(instant: number, value: string, index: number): void {
    if (instant < start || instant >= end) {
      outside += 1;
      return;
    }
    if (step !== undefined) {
      // Integer ms: the remainder is exact.
      const day = days?.index(instant);
      if (day === undefined ? (instant - start) % step !== 0 : days!.start(day) !== instant) {
        offGrid += 1;
        if (offGrid <= 10) {
          note({
            code: "off-grid",
            message: `reading is not on the ${formatStep(step, daily)} grid anchored at the period start`,
            index,
            field: "at",
            expected:
              day === undefined
                ? `an instant ${formatStep(step, daily)} × n after ${formatLocalInstant(period, start)}`
                : `a local midnight in ${period.timeZone}, such as ${formatLocalInstant(period, days!.start(day))}`,
            found: formatLocalInstant(period, instant),
          });
        }
        return;
      }
      if (firstMissing === undefined && instant > nextExpected) firstMissing = nextExpected;
      nextExpected = day === undefined ? instant + step : days!.start(day + 1);
      present += 1;
    }
    sum.add(value);
  }

  function finishInterval(): SeriesOutcome {
    if (offGrid > 10) problems.push({ code: "off-grid", message: `${offGrid - 10} more readings are off the grid` });
    const notices: SeriesNotice[] = [];
    if (outside > 0)
      notices.push({
        code: "readings-outside-period",
        message: `${outside} reading${outside === 1 ? "" : "s"} outside the period ${period.start}…${period.end} (${period.timeZone}) left out of the total`,
      });
    let missing = 0;
    if (step !== undefined) {
      const length = end - start;
      const slots = days ? days.count : (length - (length % step)) / step + (length % step === 0 ? 0 : 1);
      missing = slots - present;
      if (missing > 0) {
        const first = firstMissing ?? nextExpected;
        notices.push({
          code: "gaps",
          message: `${missing} interval${missing === 1 ? "" : "s"} of ${formatStep(step, daily)} without a reading; first missing at ${formatLocalInstant(period, first)}`,
        });
      }
    }
    return { total: new Decimal(sum.toString()), problems, notices, used: sum.count, outside, missing };
  }
}

function cumulativeAccumulator(
  header: SeriesHeader,
  period: MonitoringPeriod,
  replacements: ParsedReplacement[],
  problems: SeriesProblem[],
): SeriesAccumulator {
  const { startInstant: start, endInstant: end } = period;
  const rollover = header.rolloverAt === undefined ? undefined : new Decimal(header.rolloverAt);
  const advances: Decimal[] = [];
  let outside = 0;
  let used = 0;
  let sawStart = false;
  let sawEnd = false;
  let previous: { instant: number; value: Decimal; index: number; text: string } | undefined;
  let nextReplacement = 0;
  const replacementAt = new Set(replacements.map((r) => r.at));
  let noted = problems.length;

  return {
    // A method, not a getter (see createReadingChecker).
    problemCount: () => problems.length,
    add(instant, text, index) {
      addReading(instant, text, index);
      return noted;
    },
    finish: finishCumulative,
  };

  /** Problems of readings, counted here: `add` returns the count without reading the capped list. */
  function note(problem: SeriesProblem): void {
    noted += 1;
    problems.push(problem);
  }

  function addReading(instant: number, text: string, index: number): void {
    // Every reading of a register that rolls over lies below rolloverAt, inside the period or not.
    if (rollover?.lte(text)) {
      note({
        code: "out-of-range",
        message: "register reading at or above rolloverAt",
        index,
        field: "value",
        expected: `< ${header.rolloverAt}`,
        found: text,
      });
    }
    if (instant < start || instant > end) {
      outside += 1;
      return;
    }
    if (replacementAt.has(instant)) {
      note({
        code: "reading-at-replacement",
        message: "a reading must not stand at the instant of a meter replacement",
        index,
        field: "at",
        found: formatLocalInstant(period, instant),
      });
    }
    const value = new Decimal(text);
    if (instant === start) sawStart = true;
    if (instant === end) sawEnd = true;
    used += 1;
    if (previous) {
      // Replacements between the previous reading and this one.
      const between: ParsedReplacement[] = [];
      while (nextReplacement < replacements.length && replacements[nextReplacement]!.at < instant) {
        if (replacements[nextReplacement]!.at > previous.instant) between.push(replacements[nextReplacement]!);
        nextReplacement += 1;
      }
      if (between.length > 1) {
        note({
          code: "ambiguous-replacement",
          message: "more than one meter replacement between two consecutive readings",
          index,
          field: "at",
        });
      } else if (between.length === 1) {
        const r = between[0]!;
        const oldPart = subtractExact(r.oldFinal, previous.value);
        const newPart = subtractExact(value, r.newInitial);
        if (oldPart.isNegative())
          note({
            code: "out-of-range",
            message: `oldFinal is below the last reading before the replacement (reading ${previous.index})`,
            field: `replacements[${r.position}].oldFinal`,
            expected: `≥ ${previous.text}`,
            found: toCanonicalString(r.oldFinal),
          });
        if (newPart.isNegative())
          note({
            code: "out-of-range",
            message: `the first reading after the replacement is below newInitial`,
            index,
            field: "value",
            expected: `≥ ${toCanonicalString(r.newInitial)}`,
            found: text,
          });
        advances.push(oldPart, newPart);
      } else {
        // Advances are differences of readings: exact, like the sum they enter.
        const step = subtractExact(value, previous.value);
        if (!step.isNegative()) advances.push(step);
        else if (rollover) advances.push(addExact(subtractExact(rollover, previous.value), value));
        else {
          note({
            code: "meter-went-down",
            message: `cumulative register went down from ${previous.text} (reading ${previous.index}) to ${text} (reading ${index}) and no rolloverAt is declared`,
            index,
            field: "value",
            expected: `≥ ${previous.text}, or declare rolloverAt`,
            found: text,
          });
        }
      }
    } else if (instant !== start) {
      // First in-period reading is not at the start: the advance since the start is unknown.
    }
    previous = { instant, value, index, text };
  }

  function finishCumulative(): SeriesOutcome {
    while (nextReplacement < replacements.length) nextReplacement += 1;
    if (!sawStart)
      problems.push({
        code: "missing-boundary-reading",
        message: `a cumulative series needs a reading exactly at the period start ${formatLocalInstant(period, start)}`,
        field: "readings",
        expected: formatLocalInstant(period, start),
      });
    if (!sawEnd)
      problems.push({
        code: "missing-boundary-reading",
        message: `a cumulative series needs a reading exactly at the period end ${formatLocalInstant(period, end)} (the day after the last day, 00:00)`,
        field: "readings",
        expected: formatLocalInstant(period, end),
      });
    const notices: SeriesNotice[] = [];
    if (outside > 0)
      notices.push({
        code: "readings-outside-period",
        message: `${outside} register reading${outside === 1 ? "" : "s"} outside the period ${period.start}…${period.end} (${period.timeZone}) ignored`,
      });
    const total = problems.length === 0 ? sumExact(advances) : ZERO;
    return { total, problems, notices, used, outside, missing: 0 };
  }
}

/** The grid's interval as the document can write it: P1D for local days, else PT{n}H or PT{n}M. */
function formatStep(step: number, daily: boolean): string {
  if (daily) return "P1D";
  if (step % 3_600_000 === 0) return `PT${step / 3_600_000}H`;
  return `PT${step / 60_000}M`;
}

/** Daily totals inside the period (local days of the period's time zone), for charts. */
export function dailyTotals(
  header: SeriesHeader,
  checked: Pick<CheckedReadings, "instants" | "values">,
  period: MonitoringPeriod,
): Decimal[] {
  const days: Decimal[][] = Array.from({ length: period.days }, () => []);
  const { startInstant: start, endInstant: end } = period;
  const dayOf = localDays(period).index;
  if (header.kind === "interval") {
    for (let i = 0; i < checked.instants.length; i++) {
      const t = checked.instants[i]!;
      if (t >= start && t < end) days[dayOf(t)]!.push(new Decimal(checked.values[i]!));
    }
  } else {
    const rollover = header.rolloverAt === undefined ? undefined : new Decimal(header.rolloverAt);
    let previous: { t: number; v: Decimal } | undefined;
    for (let i = 0; i < checked.instants.length; i++) {
      const t = checked.instants[i]!;
      if (t < start || t > end) continue;
      const v = new Decimal(checked.values[i]!);
      if (previous) {
        let step = subtractExact(v, previous.v);
        if (step.isNegative() && rollover) step = addExact(subtractExact(rollover, previous.v), v);
        // Replacements are ignored here: a chart shows register advances, not the credited total.
        if (!step.isNegative()) days[dayOf(previous.t)]!.push(step);
      }
      previous = { t, v };
    }
  }
  return days.map((values) => sumExact(values));
}
