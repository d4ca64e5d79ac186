import { createReadStream, statSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { Decimal } from "../core/decimal.js";
import { type Issue, MrvValidationError } from "../core/errors.js";
import { ExactSum } from "../core/exact-sum.js";
import { formatPath, type PathSegment } from "../core/path.js";
import { localDays, type MonitoringPeriod } from "../core/period.js";
import {
  createReadingChecker,
  createSeriesAccumulator,
  type SeriesHeader,
  type SeriesProblem,
} from "../core/series.js";
import { createSha256 } from "../core/sha256.js";
import { parseDocument } from "../document/parse.js";
import { PRECOMPUTED_SERIES, type PrecomputedSeries } from "../methodology/parameters/index.js";

/**
 * `jcm-mrv/node`: reads a monitoring document from disk, streaming every CSV-backed series
 * (`"csv": "readings/inv-1.csv"`, path relative to the document) through the same pure series
 * reducer the core uses. Never reads a CSV file whole: memory stays bounded whatever its size.
 */

export interface LoadOptions {
  /** Called as bytes of a CSV file are read (for progress bars). */
  onProgress?: (progress: { file: string; bytesRead: number; totalBytes: number }) => void;
}

const MAX_ROW_PROBLEMS = 20;

interface CsvSeriesRef {
  path: PathSegment[];
  object: Record<string | symbol, unknown>;
}

/** Finds series objects with a `csv` key under `monitored` (directly, or in per-equipment arrays). */
function findCsvSeries(document: Record<string, unknown>): CsvSeriesRef[] {
  const found: CsvSeriesRef[] = [];
  const monitored = document.monitored;
  if (typeof monitored !== "object" || monitored === null) return found;
  const consider = (value: unknown, path: PathSegment[]) => {
    if (
      typeof value === "object" &&
      value !== null &&
      !Array.isArray(value) &&
      typeof (value as Record<string, unknown>).csv === "string"
    ) {
      found.push({ path, object: value as Record<string | symbol, unknown> });
    }
  };
  for (const [symbol, value] of Object.entries(monitored)) {
    if (Array.isArray(value)) for (const [i, entry] of value.entries()) consider(entry, ["monitored", symbol, i]);
    else consider(value, ["monitored", symbol]);
  }
  return found;
}

/** The series header as far as it can be read before the module schema checks it properly. */
function headerOf(object: Record<string | symbol, unknown>): SeriesHeader | undefined {
  const kind = object.kind;
  if ((kind !== "interval" && kind !== "cumulative") || typeof object.unit !== "string") return undefined;
  const header: { -readonly [K in keyof SeriesHeader]: SeriesHeader[K] } = { kind, unit: object.unit };
  if (typeof object.interval === "string") header.interval = object.interval;
  if (typeof object.rolloverAt === "string") header.rolloverAt = object.rolloverAt;
  if (Array.isArray(object.replacements))
    header.replacements = object.replacements as SeriesHeader["replacements"] & object;
  return header;
}

/** Streams one CSV file (`at,value` with a header; UTF-8 with or without BOM; LF or CRLF). */
export async function reduceCsvSeries(
  file: string,
  displayName: string,
  header: SeriesHeader,
  period: MonitoringPeriod,
  options: LoadOptions = {},
): Promise<
  { precomputed: PrecomputedSeries } | { problems: { line: number; column: number; problem: SeriesProblem }[] }
> {
  const totalBytes = statSync(file).size;
  const hasher = createSha256();
  const decoder = new TextDecoder("utf-8", { fatal: true });
  const accumulator = createSeriesAccumulator(header, period);
  const daily = header.kind === "interval" ? Array.from({ length: period.days }, () => new ExactSum()) : undefined;
  const problems: { line: number; column: number; problem: SeriesProblem }[] = [];
  let line = 0;
  let rows = 0;
  const dayOf = localDays(period).index;
  const checker = createReadingChecker(header.kind, (instant, value, index) => {
    accumulator.add(instant, value, index);
    if (daily && instant >= period.startInstant && instant < period.endInstant) daily[dayOf(instant)]!.add(value);
  });
  const fail = (column: number, problem: SeriesProblem) => {
    if (problems.length < MAX_ROW_PROBLEMS) problems.push({ line, column, problem });
  };

  let carry = "";
  let bytesRead = 0;
  let headerSeen = false;
  const handleLine = (raw: string) => {
    line += 1;
    const text = raw.charCodeAt(raw.length - 1) === 13 ? raw.slice(0, -1) : raw;
    if (!headerSeen) {
      headerSeen = true;
      const h = line === 1 && text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
      if (h !== "at,value")
        fail(1, {
          code: "csv-header",
          message: "the first line must be the header at,value",
          expected: "at,value",
          found: JSON.stringify(h.slice(0, 40)),
        });
      return;
    }
    if (text === "") return; // a trailing newline, or blank lines
    const comma = text.indexOf(",");
    if (comma < 0 || text.indexOf(",", comma + 1) >= 0) {
      fail(1, {
        code: "csv-columns",
        message: "a row has exactly two columns: at,value",
        expected: "two comma-separated columns",
        found: JSON.stringify(text.slice(0, 60)),
      });
      return;
    }
    rows += 1;
    const before = checker.problems.length;
    checker.add(text.slice(0, comma), text.slice(comma + 1), line);
    for (let i = before; i < checker.problems.length; i++) {
      const p = checker.problems[i]!;
      fail(p.field === "value" ? comma + 2 : 1, p);
    }
  };

  const stream = createReadStream(file, { highWaterMark: 1 << 20 });
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    hasher.update(chunk);
    bytesRead += chunk.length;
    let text: string;
    try {
      text = carry + decoder.decode(chunk, { stream: true });
    } catch {
      fail(1, { code: "csv-encoding", message: "the file is not valid UTF-8" });
      break;
    }
    let start = 0;
    for (let nl = text.indexOf("\n"); nl >= 0; nl = text.indexOf("\n", start)) {
      handleLine(text.slice(start, nl));
      start = nl + 1;
    }
    carry = text.slice(start);
    options.onProgress?.({ file: displayName, bytesRead, totalBytes });
    if (problems.length >= MAX_ROW_PROBLEMS) break;
  }
  if (problems.length < MAX_ROW_PROBLEMS) {
    carry += decoder.decode();
    if (carry !== "") handleLine(carry);
  }
  if (!headerSeen)
    fail(1, {
      code: "csv-header",
      message: "the file is empty: the first line must be the header at,value",
      expected: "at,value",
    });
  if (problems.length > 0) return { problems };
  const outcome = accumulator.finish();
  if (outcome.problems.length > 0)
    return { problems: outcome.problems.map((problem) => ({ line: problem.index ?? 0, column: 1, problem })) };
  return {
    precomputed: Object.freeze({
      file: displayName,
      sha256: hasher.digestHex(),
      total: outcome.total,
      rows,
      used: outcome.used,
      outside: outcome.outside,
      duplicates: checker.duplicates,
      missing: outcome.missing,
      numbers: 0,
      notices: outcome.notices,
      ...(daily && { daily: daily.map((d) => new Decimal(d.toString())) }),
    }),
  };
}

/**
 * Reads a monitoring document file and every CSV file its series point to. Returns the document
 * ready for `calculate`: each CSV-backed series carries its streamed total (under a symbol key,
 * invisible to JSON) and its `csv` member replaced by `sha256:<hex of the file>`, which is what
 * enters `inputDigest`. Throws MrvValidationError naming file, line and column of bad rows.
 */
export async function loadMonitoringDocument(
  path: string,
  options: LoadOptions = {},
): Promise<Record<string, unknown>> {
  // Bytes, decoded strictly by parseDocument: invalid UTF-8 is an error with its byte offset, never
  // a U+FFFD that two different files would share in their digest (trust.md §4).
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw new MrvValidationError([
      {
        path: "",
        code: "unreadable-file",
        message: `cannot read ${path} (${(error as { code?: string }).code ?? "error"})`,
        found: path,
      },
    ]);
  }
  const parsed = parseDocument(bytes);
  const document = parsed.raw as Record<string, unknown>;
  const issues: Issue[] = [];
  for (const ref of findCsvSeries(document)) {
    const relative = ref.object.csv as string;
    const where = formatPath([...ref.path, "csv"]);
    const header = headerOf(ref.object);
    if (!header) continue; // the module schema reports the missing kind or unit
    const file = resolve(dirname(path), relative);
    let reduced: Awaited<ReturnType<typeof reduceCsvSeries>>;
    try {
      reduced = await reduceCsvSeries(file, relative, header, parsed.period, options);
    } catch (error) {
      issues.push({
        path: where,
        code: "unreadable-file",
        message: `cannot read CSV file ${relative} (${(error as { code?: string }).code ?? "error"})`,
        found: relative,
      });
      continue;
    }
    if ("problems" in reduced) {
      for (const { line, column, problem } of reduced.problems) {
        issues.push({
          path: where,
          code: problem.code,
          message: `${relative}, line ${line}, column ${column}: ${problem.message}`,
          ...(typeof ref.path[1] === "string" && { symbol: ref.path[1] }),
          ...(problem.expected !== undefined && { expected: problem.expected }),
          ...(problem.found !== undefined && { found: problem.found }),
        });
      }
      continue;
    }
    ref.object.csv = `sha256:${reduced.precomputed.sha256}`;
    Object.defineProperty(ref.object, PRECOMPUTED_SERIES, { value: reduced.precomputed, enumerable: false });
  }
  if (issues.length > 0) throw new MrvValidationError(issues);
  return document;
}

/**
 * The version of Node's time-zone database (`process.versions.tz`, e.g. `2025c`), to pass as the
 * verbs' `options.tzdata`: results of named-zone periods then record it, so two machines that
 * disagree can see why. The CLI passes it.
 */
export function runtimeTzdata(): string | undefined {
  return process.versions.tz;
}
