import { type CsvProblem, type CsvSeriesTotals, readCsvSeries, seriesHeaderProblems } from "../core/csv.js";
import { CSV_PATH_RULES, csvPathProblem } from "../core/csv-path.js";
import { type Decimal, ZERO } from "../core/decimal.js";
import { quote, shorten } from "../core/display.js";
import { type Issue, invalidOptions } from "../core/errors.js";
import { formatPath, type PathSegment } from "../core/path.js";
import type { MonitoringPeriod } from "../core/period.js";
import type { SeriesHeader, SeriesProblem } from "../core/series.js";
import type { Sha256Factory } from "../core/sha256.js";
import { encodeUtf8, loneSurrogateIndex } from "../core/utf8.js";
import type { PrecomputedSeries } from "./parameters/index.js";

/**
 * CSV-backed series in the synchronous verbs (architecture §4, trust.md §1): the verbs read no file.
 * A series' CSV content comes from `options.files`, keyed by the path exactly as the document writes
 * it — the file's text, its UTF-8 bytes, or a {@link StreamedCsvFile} that `jcm-mrv/node` made by
 * streaming the file through the same reader (`src/core/csv.ts`). Either way one reader reads it.
 */

/** What `options.files` maps a path to. */
export type CsvFileContent = string | Uint8Array | StreamedCsvFile;

/**
 * A CSV file `jcm-mrv/node` streamed through the reader, for files too large to hold in memory: it
 * carries the file's SHA-256 and the totals of the series that name it (for their headers and period).
 */
export interface StreamedCsvFile {
  readonly kind: "jcm-mrv/streamed-csv";
  /** Hex SHA-256 of the file's bytes. */
  readonly sha256: string;
  readonly bytes: number;
}

const STREAMED_TOTALS = Symbol.for("jcm-mrv.StreamedCsvTotals");

/** Wraps the totals of a streamed file, one per {@link csvSeriesKey} (`jcm-mrv/node` makes these). */
export function streamedCsvFile(
  sha256: string,
  bytes: number,
  totals: ReadonlyMap<string, CsvSeriesTotals>,
): StreamedCsvFile {
  const file = { kind: "jcm-mrv/streamed-csv" as const, sha256, bytes };
  // A file read for one series header (nearly every file) keeps its one entry, not a Map of one: a
  // Map and its table are ~180 bytes, for each of a document's 100,000 one-row files.
  const [only] = totals;
  const value: StreamedTotals = totals.size === 1 && only ? { key: only[0], totals: only[1] } : totals;
  Object.defineProperty(file, STREAMED_TOTALS, { value, enumerable: false });
  return Object.freeze(file);
}

/** What a streamed file keeps: its totals by {@link csvSeriesKey}, as a Map or as its one entry. */
type StreamedTotals = ReadonlyMap<string, CsvSeriesTotals> | { key: string; totals: CsvSeriesTotals };

/** The totals a streamed file has for `key`, if it was read for it. */
function streamedTotals(file: StreamedCsvFile, key: string): CsvSeriesTotals | undefined {
  const kept = (file as unknown as Record<symbol, StreamedTotals>)[STREAMED_TOTALS]!;
  if (kept instanceof Map) return kept.get(key);
  const one = kept as { key: string; totals: CsvSeriesTotals };
  return one.key === key ? one.totals : undefined;
}

function isStreamedCsvFile(value: unknown): value is StreamedCsvFile {
  if (typeof value !== "object" || value === null) return false;
  if ((value as { kind?: unknown }).kind !== "jcm-mrv/streamed-csv") return false;
  const kept = (value as Record<symbol, unknown>)[STREAMED_TOTALS];
  return kept instanceof Map || (typeof kept === "object" && kept !== null && Object.hasOwn(kept, "totals"));
}

/** What reading a file depends on besides its bytes: the series header and the period. */
export function csvSeriesKey(header: SeriesHeader, period: MonitoringPeriod): string {
  const key = JSON.stringify([
    header.kind,
    header.interval ?? null,
    header.rolloverAt ?? null,
    header.replacements ?? null,
    period.start,
    period.end,
    period.timeZone,
    period.startInstant,
    period.endInstant,
  ]);
  // Consecutive series mostly share header and period: they get one key string, not a copy each
  // (the totals of 100,000 one-row CSV files, and the verb's requests, kept 200,000 of 112 bytes).
  if (key === lastKey) return lastKey;
  lastKey = key;
  return key;
}
let lastKey = "";

/** A CSV file a document's series needs: where the series is, and how to read the file for it. */
export interface CsvRequest {
  /** The path as the document writes it. */
  file: string;
  header: SeriesHeader;
  period: MonitoringPeriod;
  /** {@link csvSeriesKey} of header and period. */
  key: string;
  /** Path of the series object in the document. */
  where: PathSegment[];
  symbol: string;
}

/** Where the resolver gets a CSV-backed series' totals from. */
export interface CsvSource {
  /**
   * The totals of the series' file, or undefined after pushing the issues that prevent them;
   * `"deferred"` while only planning which files to read.
   */
  read(request: CsvRequest, issues: Issue[]): PrecomputedSeries | undefined | "deferred";
  /** Each series read, with its file's SHA-256 (replaces the path in the digest). */
  readonly digests: { where: PathSegment[]; file: string; sha256: string }[];
}

/** The issues of a CSV file's problems, at the series' `csv` member, naming file, line and column. */
export function csvProblemIssues(
  request: Pick<CsvRequest, "file" | "where" | "symbol">,
  problems: readonly CsvProblem[],
): Issue[] {
  const path = formatPath([...request.where, "csv"]);
  const file = shorten(request.file);
  return problems.map((p) => ({
    path,
    symbol: request.symbol,
    code: p.code,
    message: `${file}${p.line > 0 ? `, line ${p.line}` : ""}${p.column !== undefined ? `, column ${p.column}` : ""}: ${p.message}`,
    ...(p.expected !== undefined && { expected: p.expected }),
    ...(p.found !== undefined && { found: p.found }),
  }));
}

/** One issue about a CSV file as a whole (missing, not a regular file, too large, …). */
export function csvFileIssue(
  request: Pick<CsvRequest, "file" | "where" | "symbol">,
  code: string,
  message: string,
  extra: { expected?: string; found?: string } = {},
): Issue {
  return {
    path: formatPath([...request.where, "csv"]),
    symbol: request.symbol,
    code,
    message: `${shorten(request.file)}: ${message}`,
    ...extra,
  };
}

/** The issue of a path that breaks the rules of trust.md §1, or undefined when the path is allowed. */
export function csvPathIssue(file: string, where: PathSegment[], symbol: string): Issue | undefined {
  const problem = csvPathProblem(file);
  if (problem === undefined) return undefined;
  return {
    path: formatPath([...where, "csv"]),
    symbol,
    code: "path-not-allowed",
    message: `the CSV path is not allowed: ${problem}`,
    expected: CSV_PATH_RULES,
    found: quote(file),
  };
}

/** Problems of the series header that show before any file is read, as issues at their members. */
function headerIssues(request: CsvRequest, problems: readonly SeriesProblem[]): Issue[] {
  return problems.map((p) => ({
    path: p.field?.startsWith("replacements")
      ? `${formatPath(request.where)}.${p.field}`
      : formatPath([...request.where, ...(p.field ? [p.field] : [])]),
    symbol: request.symbol,
    code: p.code,
    message: p.message,
    ...(p.expected !== undefined && { expected: p.expected }),
    ...(p.found !== undefined && { found: p.found }),
  }));
}

/** What the resolver and the report take of a file's totals; the dense daily list is made on demand. */
export function precomputedSeries(file: string, totals: CsvSeriesTotals, days: number): PrecomputedSeries {
  const series = {
    file,
    sha256: totals.sha256,
    total: totals.total,
    rows: totals.rows,
    used: totals.used,
    outside: totals.outside,
    duplicates: totals.duplicates,
    missing: totals.missing,
    numbers: 0,
    notices: totals.notices,
  };
  if (totals.daily) {
    Object.defineProperty(series, SPARSE_DAILY, { value: { sparse: totals.daily, days } });
    // One getter for every series (not a closure each): series made alike then share their hidden class.
    Object.defineProperty(series, "daily", { enumerable: true, get: denseDaily });
  }
  return Object.freeze(series);
}

const SPARSE_DAILY = Symbol("jcm-mrv.sparseDaily");

function denseDaily(this: { [SPARSE_DAILY]: { sparse: ReadonlyMap<number, Decimal>; days: number } }): Decimal[] {
  const { sparse, days } = this[SPARSE_DAILY];
  return Array.from({ length: days }, (_, day) => sparse.get(day) ?? ZERO);
}

/**
 * A file is read once per distinct series header and period naming it (one pass feeds them all in
 * `jcm-mrv/node`, but each needs its own reading): at most this many, so a document cannot multiply
 * the work on one large file by naming it from thousands of series with different headers.
 */
export const MAX_READINGS_PER_FILE = 8;

/** Counts the distinct readings each file is asked for; the issue once a file is asked too often. */
function readingsPerFile(): (request: CsvRequest) => Issue | undefined {
  // A file's first key as a string; a Set only for a file named under a second key (100,000 one-row
  // files under one header made 100,000 Sets).
  const keys = new Map<string, string | Set<string>>();
  return (request) => {
    const known = keys.get(request.file);
    if (known === undefined) {
      keys.set(request.file, request.key);
      return undefined;
    }
    if (known === request.key) return undefined;
    let seen = known;
    if (typeof seen === "string") {
      seen = new Set([seen]);
      keys.set(request.file, seen);
    }
    if (seen.has(request.key)) return undefined;
    if (seen.size >= MAX_READINGS_PER_FILE)
      return csvFileIssue(
        request,
        "too-many-readings-of-file",
        `the file is named by series with more than ${MAX_READINGS_PER_FILE} different headers (kind, interval, rolloverAt, replacements) or periods; each would read it once more`,
        { expected: `at most ${MAX_READINGS_PER_FILE} different series headers per file` },
      );
    seen.add(request.key);
    return undefined;
  };
}

/**
 * The checks every source makes before it reads: the series header, then how often the file is named.
 * A header's problems depend only on the header and the period — the request's `key` — so each distinct
 * key is checked once: 100,000 one-row files under one header make one check, not 100,000.
 */
function admission(): (request: CsvRequest, issues: Issue[]) => boolean {
  const limit = readingsPerFile();
  const headerProblems = new Map<string, SeriesProblem[]>();
  return (request, issues) => {
    let problems = headerProblems.get(request.key);
    if (problems === undefined) {
      problems = seriesHeaderProblems(request.header, request.period);
      headerProblems.set(request.key, problems);
    }
    if (problems.length > 0) {
      issues.push(...headerIssues(request, problems));
      return false;
    }
    const tooOften = limit(request);
    if (tooOften) {
      issues.push(tooOften);
      return false;
    }
    return true;
  };
}

/** The planner: records which files the document needs, reads nothing (`jcm-mrv/node` then streams them). */
export function csvPlanner(): CsvSource & { requests: CsvRequest[] } {
  const requests: CsvRequest[] = [];
  const admitted = admission();
  return {
    requests,
    digests: [],
    read(request, issues) {
      if (!admitted(request, issues)) return undefined;
      requests.push(request);
      return "deferred";
    },
  };
}

/** CSV contents from `options.files` (absent: no file at all). */
export function csvFromFiles(files: unknown, sha256?: Sha256Factory): CsvSource {
  if (files !== undefined && (typeof files !== "object" || files === null || Array.isArray(files))) {
    throw invalidOptions(
      "options.files maps each CSV path, as the document writes it, to the file's text or UTF-8 bytes",
      '{ "readings/inv-1.csv": "at,value\\n…" }',
      Array.isArray(files) ? "an array" : files === null ? "null" : typeof files,
    );
  }
  // One shallow copy: a getter or Proxy in `files` is asked once, here, and cannot throw later.
  let map: Readonly<Record<string, unknown>> | undefined;
  try {
    map = files === undefined ? undefined : { ...(files as Record<string, unknown>) };
  } catch {
    throw invalidOptions(
      "options.files could not be read (a getter or Proxy threw)",
      "a plain object of CSV contents",
      "an object that throws",
    );
  }
  const digests: CsvSource["digests"] = [];
  const cache = new Map<string, CsvSeriesTotals | CsvProblem[]>();
  const admitted = admission();
  return {
    digests,
    read(request, issues) {
      if (!admitted(request, issues)) return undefined;
      if (map === undefined || !Object.hasOwn(map, request.file)) {
        issues.push(
          csvFileIssue(
            request,
            "csv-not-provided",
            "the CSV file is not in options.files: the verbs read no file. Pass its content in options.files (keyed by the path as the document writes it), or load the document with loadMonitoringDocument() from 'jcm-mrv/node' or the CLI",
            { expected: "options.files[path]: the file's text or UTF-8 bytes" },
          ),
        );
        return undefined;
      }
      const content = map[request.file];
      let totals: CsvSeriesTotals | CsvProblem[] | undefined;
      if (isStreamedCsvFile(content)) {
        totals = streamedTotals(content, request.key);
        if (!totals) {
          issues.push(
            csvFileIssue(
              request,
              "csv-not-provided",
              "the streamed reading of this file was made for another series header or period; load the document again",
            ),
          );
          return undefined;
        }
      } else {
        const cacheKey = `${request.file}\u0000${request.key}`;
        totals = cache.get(cacheKey);
        if (!totals) {
          let bytes: Uint8Array | undefined;
          if (typeof content === "string") {
            const lone = loneSurrogateIndex(content);
            if (lone >= 0) {
              issues.push(
                csvFileIssue(
                  request,
                  "lone-surrogate",
                  `a lone surrogate at character ${lone}: the text has no UTF-8 form`,
                ),
              );
              return undefined;
            }
            bytes = encodeUtf8(content);
          } else if (Object.prototype.toString.call(content) === "[object Uint8Array]") bytes = content as Uint8Array;
          if (!bytes) {
            issues.push(
              csvFileIssue(
                request,
                "invalid-file-content",
                "options.files holds neither text nor bytes for this path",
                {
                  expected: "a string or a Uint8Array",
                  found: content === null ? "null" : Array.isArray(content) ? "an array" : typeof content,
                },
              ),
            );
            return undefined;
          }
          const outcome = readCsvSeries(bytes, request.header, request.period, sha256 ? { sha256 } : {});
          totals = outcome.ok ? outcome.totals : outcome.problems;
          cache.set(cacheKey, totals);
        }
      }
      if (Array.isArray(totals)) {
        issues.push(...csvProblemIssues(request, totals));
        return undefined;
      }
      digests.push({ where: request.where, file: request.file, sha256: totals.sha256 });
      return precomputedSeries(request.file, totals, request.period.days);
    },
  };
}

/**
 * The digest's input (monitoring-document.md § Digest): the document with each CSV-backed series'
 * `csv` path replaced by `sha256:<hex of the file>`. Copies only the objects on the way to each
 * series; the caller's document is never changed.
 */
export function withCsvDigests(raw: unknown, digests: CsvSource["digests"]): unknown {
  if (digests.length === 0) return raw;
  const copies = new Map<object, Record<PathSegment, unknown>>();
  const copyOf = (node: object) => {
    let copy = copies.get(node);
    if (!copy) {
      copy = (Array.isArray(node) ? node.slice() : { ...node }) as Record<PathSegment, unknown>;
      copies.set(node, copy);
    }
    return copy;
  };
  const root = copyOf(raw as object);
  for (const { where, file, sha256 } of digests) {
    let original = raw as Record<PathSegment, unknown>;
    let copy = root;
    for (const segment of where) {
      const child = original[segment];
      if (typeof child !== "object" || child === null) throw new Error(`digest: no series at ${formatPath(where)}`);
      const childCopy = copyOf(child);
      copy[segment] = childCopy;
      original = child as Record<PathSegment, unknown>;
      copy = childCopy;
    }
    if (original.csv !== file) throw new Error(`digest: the series at ${formatPath(where)} names another file`);
    copy.csv = `sha256:${sha256}`;
  }
  return root;
}

/**
 * What `parseMonitoringDocument` checks of the CSV paths without a module: every `csv` member of a
 * series object under `monitored` (directly or in a per-equipment array) obeys the path rules and,
 * when `files` is given, is one of its keys. Reading the content needs the module's series header.
 */
export function csvReferenceIssues(monitored: unknown, files: unknown): Issue[] {
  const issues: Issue[] = [];
  if (typeof monitored !== "object" || monitored === null) return issues;
  const consider = (value: unknown, where: PathSegment[], symbol: string) => {
    if (typeof value !== "object" || value === null || Array.isArray(value)) return;
    const file = (value as Record<string, unknown>).csv;
    if (typeof file !== "string") return;
    const pathIssue = csvPathIssue(file, where, symbol);
    if (pathIssue) issues.push(pathIssue);
    else if (
      files !== undefined &&
      (typeof files !== "object" || files === null || !Object.hasOwn(files as object, file))
    )
      issues.push(
        csvFileIssue({ file, where, symbol }, "csv-not-provided", "the CSV file is not in options.files", {
          expected: "options.files[path]: the file's text or UTF-8 bytes",
        }),
      );
  };
  for (const [symbol, value] of Object.entries(monitored)) {
    if (Array.isArray(value))
      for (let i = 0; i < value.length; i++) consider(value[i], ["monitored", symbol, i], symbol);
    else consider(value, ["monitored", symbol], symbol);
  }
  return issues;
}
