import { Decimal } from "./decimal.js";
import { escapeForDisplay, MAX_FOUND, quote, truncate } from "./display.js";
import { ExactSum } from "./exact-sum.js";
import {
  instantCache,
  localDays,
  type MonitoringPeriod,
  parseCommonInstant,
  parseCommonInstantBytes,
} from "./period.js";
import {
  createReadingChecker,
  createSeriesAccumulator,
  type SeriesHeader,
  type SeriesNotice,
  type SeriesProblem,
} from "./series.js";
import { type Sha256Factory, sha256From } from "./sha256.js";
import { decodeUtf8Strict, invalidUtf8Offset, utf8Length } from "./utf8.js";

/**
 * The one CSV reader of a CSV-backed series (`monitoring-document.md` § CSV-backed series,
 * `trust.md` §1–4): a pure, incremental reducer fed chunks of bytes. The synchronous verbs feed it a
 * file's whole content from `options.files`; `jcm-mrv/node` feeds it the chunks of a stream, so
 * memory stays bounded whatever the file's size.
 *
 * Format: UTF-8 (a leading BOM is ignored), LF or CRLF line ends, the header line `at,value`, then one
 * reading per line; a cell may be wrapped in double quotes but holds no comma, quote or line break.
 * Limits: at most 4 GiB, every line at most 4,096 bytes (a longer line stops the reader at once).
 * Problems name line and column and quote at most the offending cell (80 characters, escaped); after
 * 20 problems the reader stops.
 */

export const CSV_LIMITS = Object.freeze({
  /** Largest CSV file, in bytes. */
  maxFileBytes: 4 * 1024 * 1024 * 1024,
  /** Longest line, in bytes, without its line end (LF or CRLF). */
  maxLineBytes: 4096,
  /** Problems reported per file before the reader stops. */
  maxProblems: 20,
});

/** One problem of a CSV file: line 0 is the file as a whole; column absent when not known. */
export interface CsvProblem {
  line: number;
  column?: number;
  code: string;
  message: string;
  expected?: string;
  found?: string;
}

/** What a CSV-backed series reduces to: the exact total and the counts the result reports. */
export interface CsvSeriesTotals {
  /**
   * Hex SHA-256 of the file's bytes (what replaces the path in the digest); empty when the reader was
   * made with `hash: false` (the caller hashed the bytes itself).
   */
  sha256: string;
  bytes: number;
  /** Data rows read (the header and blank lines not counted). */
  rows: number;
  total: Decimal;
  used: number;
  outside: number;
  duplicates: number;
  missing: number;
  notices: readonly SeriesNotice[];
  /**
   * Daily totals inside the period (interval series), for charts: day index (0 = the period's first
   * day) → exact total, only for days with readings, so memory follows the readings, not the period.
   */
  daily?: ReadonlyMap<number, Decimal>;
}

export type CsvSeriesOutcome = { ok: true; totals: CsvSeriesTotals } | { ok: false; problems: CsvProblem[] };

export interface CsvSeriesReader {
  /** Feeds the next bytes of the file; false once the reader has stopped (the caller stops reading). */
  push(chunk: Uint8Array): boolean;
  /** Ends the file: the totals, or the problems found. */
  finish(): CsvSeriesOutcome;
}

const EMPTY = new Uint8Array(0);
const LF = 10;
const CR = 13;
/** A line of more characters than this may exceed 4,096 bytes; shorter ones cannot (≤ 3 bytes per UTF-16 unit). */
const SAFE_LINE_CHARACTERS = Math.floor(CSV_LIMITS.maxLineBytes / 3); // integers: 4,096 ÷ 3 floored is exact

const HEADER_EXPECTED = "the header line at,value";

/** Reads a cell that may be wrapped in double quotes; `undefined` when its quotes are malformed. */
function unquote(cell: string): string | undefined {
  if (cell.indexOf('"') < 0) return cell;
  if (cell.length >= 2 && cell.charCodeAt(0) === 34 && cell.charCodeAt(cell.length - 1) === 34) {
    const inner = cell.slice(1, -1);
    if (inner.indexOf('"') < 0) return inner;
  }
  return undefined;
}

/**
 * Problems of a series header that show without reading a file (an interval on a cumulative series,
 * a meter replacement outside the period, …): checked before any file is opened.
 */
export function seriesHeaderProblems(header: SeriesHeader, period: MonitoringPeriod): SeriesProblem[] {
  const accumulator = createSeriesAccumulator(header, period);
  if (accumulator.problemCount() === 0) return [];
  return accumulator.finish().problems.filter((p) => p.index === undefined && p.field !== "readings");
}

/** Options of a CSV reader. */
export interface CsvReaderOptions {
  /** Keep daily totals of an interval series (default true; for charts). */
  daily?: boolean;
  /**
   * Hash the bytes with the portable SHA-256 (default true). `false` when the caller hashes them
   * itself (`jcm-mrv/node` uses `node:crypto`, once per file, however many series read the file).
   */
  hash?: boolean;
  /** The caller's SHA-256 (e.g. node:crypto's) instead of the portable one: the same digest. */
  sha256?: Sha256Factory;
}

/** A reader for one CSV-backed series over one monitoring period. */
export function createCsvSeriesReader(
  header: SeriesHeader,
  period: MonitoringPeriod,
  options: CsvReaderOptions = {},
): CsvSeriesReader {
  const hasher = options.hash === false ? undefined : sha256From(options.sha256);
  const problems: CsvProblem[] = [];
  const accumulator = createSeriesAccumulator(header, period);
  // Day index → the day's one reading, or the exact sum of its readings (a sum only once a day has two:
  // a document naming thousands of one-row files makes no accumulator per file and day).
  const daily =
    options.daily !== false && header.kind === "interval" ? new Map<number, ExactSum | string>() : undefined;
  let today = -1;
  let todaySum: ExactSum | undefined;
  // Civil days of the period's zone (23 or 25 hours across a change), as the series reducer counts them.
  const dayOf = localDays(period).index;
  const instants = instantCache();
  /** Problems of the accumulator so far (what its last `add` returned). */
  let accumulated = 0;
  /** Problems of the checker already reported. */
  let checkerSeen = 0;
  const checker = createReadingChecker(header.kind, (instant, value, index) => {
    accumulated = accumulator.add(instant, value, index);
    if (daily && instant >= period.startInstant && instant < period.endInstant) {
      const day = dayOf(instant);
      if (day === today && todaySum) {
        todaySum.add(value);
        return;
      }
      const seen = daily.get(day);
      if (seen === undefined) {
        daily.set(day, value);
        today = -1;
        return;
      }
      today = day;
      if (typeof seen === "string") {
        todaySum = new ExactSum();
        todaySum.add(seen);
        daily.set(day, todaySum);
      } else todaySum = seen;
      todaySum.add(value);
    }
  });

  let bytes = 0;
  let line = 0;
  let rows = 0;
  let headerSeen = false;
  /** The reader read no further: after a fatal problem, or after too many problems. */
  let stopped = false;
  /** A problem that makes the rest of the file unreadable (invalid UTF-8, a line too long, too large). */
  let fatal = false;
  /** Stopped because of the problem count. */
  let truncated = false;
  /** Bytes after the last complete line, and the file offset where they start. */
  let carry: Uint8Array = EMPTY;
  let carryOffset = 0;

  const stopFatal = (problem: CsvProblem) => {
    problems.push(problem);
    stopped = true;
    fatal = true;
  };
  const countCheck = () => {
    if (problems.length + accumulator.problemCount() >= CSV_LIMITS.maxProblems) {
      stopped = true;
      truncated = true;
    }
  };
  const report = (problem: CsvProblem) => {
    problems.push(problem);
    countCheck();
  };
  const lineTooLong = (at: number) =>
    stopFatal({
      line: at,
      code: "line-too-long",
      message: `the line is longer than ${CSV_LIMITS.maxLineBytes} bytes`,
      expected: `at most ${CSV_LIMITS.maxLineBytes} bytes per line`,
    });

  /** The cells of a line (at most `max + 1` of them), with their 1-based columns. */
  const cellsOf = (text: string, start: number, end: number, max: number) => {
    const cells: { text: string; column: number }[] = [];
    let from = start;
    for (;;) {
      const comma = text.indexOf(",", from);
      if (comma < 0 || comma >= end || cells.length === max) {
        cells.push({ text: text.slice(from, end), column: from - start + 1 });
        return cells;
      }
      cells.push({ text: text.slice(from, comma), column: from - start + 1 });
      from = comma + 1;
    }
  };

  const handleHeader = (text: string, start: number, end: number) => {
    headerSeen = true;
    if (text.charCodeAt(start) === 0xfeff) start += 1; // a BOM (only ever at the very start: line 1)
    const cells = cellsOf(text, start, end, 2);
    const names = ["at", "value"];
    for (let i = 0; i < 3; i++) {
      const cell = cells[i];
      const want = names[i];
      if (cell === undefined && want === undefined) return;
      if (cell !== undefined && want !== undefined && unquote(cell.text) === want) continue;
      report({
        line,
        column: cell ? cell.column : end - start + 1,
        code: "csv-header",
        message:
          cell === undefined
            ? `the header has no "${want}" column`
            : want === undefined
              ? "the header has more than two columns"
              : `the header's column ${i + 1} must be "${want}"`,
        expected: HEADER_EXPECTED,
        ...(cell !== undefined && want !== undefined && { found: quote(cell.text) }),
      });
      return;
    }
  };

  /**
   * One data row (`text[start, end)`, not empty); `quoted` when it holds a double quote. `ascii`: the
   * chunk's bytes when its characters are its bytes (the same offsets), for reading the time faster.
   */
  const handleRow = (text: string, start: number, end: number, quoted: boolean, ascii: Uint8Array | undefined) => {
    const comma = text.indexOf(",", start);
    if (comma < 0 || comma >= end) {
      report({
        line,
        column: end - start + 1,
        code: "csv-columns",
        message: "a row has exactly two cells, at and value; this one has one",
        expected: "two comma-separated cells",
      });
      return;
    }
    const second = text.indexOf(",", comma + 1);
    if (second >= 0 && second < end) {
      report({
        line,
        column: second - start + 1,
        code: "csv-columns",
        message: "a row has exactly two cells, at and value; this one has more",
        expected: "two comma-separated cells",
      });
      return;
    }
    let at = "";
    let value = text.slice(comma + 1, end);
    const valueColumn = comma - start + 2;
    if (quoted) {
      at = text.slice(start, comma);
      const a = unquote(at);
      const v = unquote(value);
      if (a === undefined || v === undefined) {
        report({
          line,
          column: a === undefined ? 1 : valueColumn,
          code: "csv-quote",
          message: "a quoted cell is wrapped in double quotes and holds no quote, comma or line break",
          expected: 'a plain cell, or one wrapped in "…"',
          found: quote(a === undefined ? at : value),
        });
        return;
      }
      at = a;
      value = v;
    }
    rows += 1;
    // The common timestamp form is read in place, without cutting it out of the line; anything else
    // (another form, a problem, a time not after the last) takes the general path, which names it.
    const instant = quoted
      ? undefined
      : ascii
        ? parseCommonInstantBytes(ascii, start, comma - start, instants)
        : parseCommonInstant(text, start, comma - start, instants);
    const kept =
      instant !== undefined && instant > checker.lastInstant()
        ? checker.addLater(instant, value, line)
        : checker.add(quoted ? at : text.slice(start, comma), value, line);
    // A kept reading raised no problem: the checker's list is read only after one that was not.
    if (!kept) {
      const found = checker.problems;
      for (let i = checkerSeen; i < found.length && !stopped; i++) {
        const p = found[i]!;
        const isValue = p.field === "value";
        report(
          rowProblem(p, line, isValue ? valueColumn : 1, isValue ? value : quoted ? at : text.slice(start, comma)),
        );
      }
      checkerSeen = found.length;
    }
    if (accumulated > 0) countCheck();
  };

  /** Line `line + 1` starts at `part[0]`; the first invalid byte of `part` is at `at`. */
  const invalidUtf8 = (part: Uint8Array, offset: number, at: number) =>
    stopFatal({
      line: line + 1,
      code: "invalid-utf8",
      message: `invalid UTF-8 at byte offset ${offset + at}`,
      expected: "UTF-8 text",
      found: `byte 0x${part[at]!.toString(16).padStart(2, "0")}`,
    });

  /**
   * The line starting at `part[0]` holds an invalid byte at `at`, its content is `length` bytes: an
   * invalid byte within the first 4,097 bytes is reported as such, else the line is too long. The
   * same rule decides on a partial line (see `checkCarry`), so chunk sizes never change the outcome.
   */
  const badLine = (part: Uint8Array, offset: number, at: number, length: number) => {
    if (at > CSV_LIMITS.maxLineBytes && length > CSV_LIMITS.maxLineBytes) lineTooLong(line + 1);
    else invalidUtf8(part, offset, at);
  };

  /** Complete lines: `part` ends with LF and starts at file offset `offset`. */
  const handleLines = (part: Uint8Array, offset: number): void => {
    const decoded = decodeUtf8Strict(part);
    if (typeof decoded !== "string") {
      // The lines before the bad one are read first: problems come in file order, whatever the chunks.
      const bad = decoded.invalidAt;
      const before = bad === 0 ? -1 : part.lastIndexOf(LF, bad - 1);
      if (before >= 0) {
        handleLines(part.subarray(0, before + 1), offset);
        if (stopped) return;
      }
      const rest = part.subarray(before + 1);
      const lf = rest.indexOf(LF);
      const length = lf > 0 && rest[lf - 1] === CR ? lf - 1 : lf;
      badLine(rest, offset + before + 1, bad - before - 1, length);
      return;
    }
    const text = decoded;
    const ascii = text.length === part.length;
    // Where the next double quote is: searched once per stretch without one, not once per line.
    let nextQuote = -2;
    let start = 0;
    while (start < text.length && !stopped) {
      const nl = text.indexOf("\n", start);
      const stop = nl < 0 ? text.length : nl;
      const end = stop > start && text.charCodeAt(stop - 1) === CR ? stop - 1 : stop;
      line += 1;
      if (
        end - start > SAFE_LINE_CHARACTERS &&
        (ascii ? end - start : utf8Length(text, start, end)) > CSV_LIMITS.maxLineBytes
      ) {
        lineTooLong(line);
        return;
      }
      if (!headerSeen) handleHeader(text, start, end);
      else if (end > start) {
        if (nextQuote !== -1 && nextQuote < start) nextQuote = text.indexOf('"', start);
        handleRow(text, start, end, nextQuote >= 0 && nextQuote < end, ascii ? part : undefined);
      }
      start = stop + 1;
    }
  };

  /**
   * A partial line (no LF yet) of 4,101 bytes or more is too long whatever follows, and every UTF-8
   * sequence starting in its first 4,097 bytes is complete: decide at once, without buffering more.
   */
  const checkCarry = () => {
    if (carry.length < CSV_LIMITS.maxLineBytes + 5) return;
    const at = invalidUtf8Offset(carry);
    badLine(carry, carryOffset, at < 0 ? Number.POSITIVE_INFINITY : at, carry.length);
  };

  // No getters here (see createReadingChecker): one reader per file, 100,000 files.
  return {
    push(chunk) {
      if (stopped) return false;
      if (chunk.length === 0) return true;
      const fileOffset = bytes;
      bytes += chunk.length;
      if (bytes > CSV_LIMITS.maxFileBytes) {
        stopFatal({
          line: 0,
          code: "file-too-large",
          message: `the file is larger than ${CSV_LIMITS.maxFileBytes} bytes (4 GiB)`,
          expected: `at most ${CSV_LIMITS.maxFileBytes} bytes`,
        });
        return false;
      }
      hasher?.update(chunk);
      let data = chunk;
      let dataOffset = fileOffset;
      if (carry.length > 0) {
        data = new Uint8Array(carry.length + chunk.length);
        data.set(carry);
        data.set(chunk, carry.length);
        dataOffset = carryOffset;
      }
      const last = data.lastIndexOf(LF);
      if (last >= 0) handleLines(data.subarray(0, last + 1), dataOffset);
      if (stopped) return false;
      // A chunk that ends its last line (nearly every small file) leaves nothing: no empty copy, which
      // would be one more ArrayBuffer for the collector to track per file.
      carry = last + 1 === data.length ? EMPTY : data.slice(last + 1);
      carryOffset = dataOffset + last + 1;
      checkCarry();
      return !stopped;
    },
    finish() {
      if (!stopped && carry.length > 0) {
        // The last line has no line end: read it as if it had one (a sequence it cuts off is invalid).
        const withEnd = new Uint8Array(carry.length + 1);
        withEnd.set(carry);
        withEnd[carry.length] = LF;
        handleLines(withEnd, carryOffset);
      }
      carry = EMPTY;
      if (!stopped && !headerSeen)
        report({ line: 0, code: "csv-header", message: "the file is empty", expected: HEADER_EXPECTED });
      if (problems.length === 0 && !stopped) {
        const outcome = accumulator.finish();
        if (outcome.problems.length === 0) {
          return {
            ok: true,
            totals: {
              sha256: hasher ? hasher.digestHex() : "",
              bytes,
              rows,
              total: outcome.total,
              used: outcome.used,
              outside: outcome.outside,
              duplicates: checker.duplicates(),
              missing: outcome.missing,
              notices: outcome.notices,
              ...(daily && {
                daily: new Map(
                  [...daily].map(([day, sum]) => [day, new Decimal(typeof sum === "string" ? sum : sum.toString())]),
                ),
              }),
            },
          };
        }
        return {
          ok: false,
          problems: capped(
            outcome.problems.map((p) => rowProblem(p, p.index ?? 0)),
            false,
          ),
        };
      }
      let all = problems;
      if (!fatal && accumulator.problemCount() > 0) {
        // Problems of the readings seen (a meter that went down, …): only those of rows read when
        // the reader stopped early, since the boundary checks need the whole file.
        const late = accumulator
          .finish()
          .problems.filter((p) => !truncated || p.index !== undefined)
          .map((p) => rowProblem(p, p.index ?? 0));
        all = [...problems, ...late].sort((a, b) => a.line - b.line);
      }
      return { ok: false, problems: capped(all, truncated) };
    },
  };
}

/** At most {@link CSV_LIMITS.maxProblems} problems, then one saying the reader stopped. */
function capped(problems: CsvProblem[], stopped: boolean): CsvProblem[] {
  if (!stopped && problems.length <= CSV_LIMITS.maxProblems) return problems;
  return [
    ...problems.slice(0, CSV_LIMITS.maxProblems),
    {
      line: 0,
      code: "too-many-problems",
      message: `stopped after ${CSV_LIMITS.maxProblems} problems; the rest of the file was not checked`,
    },
  ];
}

/** A series problem as a CSV problem: the offending cell quoted (≤ 80 characters, escaped), nothing more. */
function rowProblem(p: SeriesProblem, line: number, column?: number, cell?: string): CsvProblem {
  return {
    line,
    ...(column !== undefined && { column }),
    code: p.code,
    message: p.message,
    ...(p.expected !== undefined && { expected: truncate(escapeForDisplay(p.expected), MAX_FOUND) }),
    ...(cell !== undefined
      ? { found: quote(cell) }
      : p.found !== undefined && { found: truncate(escapeForDisplay(p.found), MAX_FOUND) }),
  };
}

/** Reduces a whole CSV file held in memory (text or UTF-8 bytes) — the synchronous verbs' route. */
export function readCsvSeries(
  content: Uint8Array,
  header: SeriesHeader,
  period: MonitoringPeriod,
  options: CsvReaderOptions = {},
): CsvSeriesOutcome {
  const reader = createCsvSeriesReader(header, period, options);
  const step = 1 << 20;
  for (let i = 0; i < content.length; i += step) if (!reader.push(content.subarray(i, i + step))) break;
  return reader.finish();
}
