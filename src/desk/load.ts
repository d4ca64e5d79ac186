/**
 * From the files a person gave the desk to a result: the document (JSON or workbook) read after its
 * size was checked, validated whole with its module before any CSV file is looked at (trust.md §1),
 * each CSV path matched to a given file (files.ts), each CSV file streamed from disk through the
 * core's one CSV reader (as `jcm-mrv/node` does: memory stays bounded, a 4 GiB file included), then
 * the library's verbs. Nothing is computed here: every figure comes from the verbs.
 */

import { moduleFor } from "../api/options.js";
import { type CalculationResult, planCsvReads } from "../calculate.js";
import { type CsvSeriesReader, type CsvSeriesTotals, createCsvSeriesReader } from "../core/csv.js";
import { type Issue, MrvValidationError } from "../core/errors.js";
import { type ParsedDocument, parseDocument } from "../document/parse.js";
import { calculate, registry, renderReport, verify } from "../entries/browser.js";
import { locateIssues, readWorkbook, recordWorkbook, resultWorkbook } from "../entries/xlsx.js";
import {
  type CsvRequest,
  csvFileIssue,
  csvProblemIssues,
  type StreamedCsvFile,
  streamedCsvFile,
} from "../methodology/csv-files.js";
import type { Verification } from "../verify.js";
import type { WorkbookRead } from "../xlsx/read.js";
import {
  type CsvMatch,
  type FileRole,
  type Given,
  matchCsvFiles,
  SIZE_LIMIT_LABELS,
  SIZE_LIMITS,
  sizeProblem,
} from "./files.js";

/** A file given to the desk: what the matcher sees, and the file itself. */
export interface DeskFile extends Given {
  role: FileRole;
  file: File;
}

/** What the desk shows and offers for download after a calculation. */
export interface Computed {
  source: DeskFile;
  /** The document the verbs ran on (JSON data), and the CSV files they were given. */
  document: unknown;
  files: Record<string, StreamedCsvFile>;
  /** Each CSV path the document names → the given file that stood for it. */
  matched: Map<string, { file: DeskFile; by: "path" | "name" }>;
  result: CalculationResult;
  verification: Verification | undefined;
  /** The HTML report (its own CSP forbids scripts); shown in a sandboxed frame. */
  html: string;
  markdown(): string;
  workbook(): Promise<Uint8Array>;
}

/** Thrown when a newer set of files replaced the one being read. */
export class Superseded extends Error {}

export interface LoadHooks {
  /** Short progress text for the status line. */
  progress(text: string): void;
  /** False once the desk moved on to other files: stop reading. */
  current(): boolean;
}

const invalid = (issue: Issue): MrvValidationError => new MrvValidationError([issue]);

function errorName(error: unknown): string {
  const name = (error as { name?: unknown }).name;
  return typeof name === "string" && /^[A-Za-z]{1,40}$/.test(name) ? name : "error";
}

/** The bytes of the document or workbook, after its size was checked against its limit. */
async function readWhole(given: DeskFile, role: "document" | "workbook"): Promise<Uint8Array> {
  const tooLarge = sizeProblem(given, role);
  if (tooLarge)
    throw invalid({
      path: "",
      code: "file-too-large",
      message: `${given.path}: ${tooLarge}`,
      expected: `at most ${SIZE_LIMITS[role]} bytes (${SIZE_LIMIT_LABELS[role]})`,
      found: String(given.size),
    });
  try {
    return new Uint8Array(await given.file.arrayBuffer());
  } catch (error) {
    throw invalid({
      path: "",
      code: "unreadable-file",
      message: `cannot read ${given.path} (${errorName(error)})`,
      found: given.path,
    });
  }
}

/** Runs `work`; issues of a workbook's document are moved to the cells they came from. */
function located<T>(read: WorkbookRead | undefined, work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (read && error instanceof MrvValidationError)
      throw new MrvValidationError(locateIssues(error.issues, read.cells));
    throw error;
  }
}

/**
 * Reads the chosen document (or workbook) and the CSV files it names among `given`, and runs the
 * verbs. Throws {@link MrvValidationError} with every problem (workbook issues naming cells),
 * or {@link Superseded}.
 */
export async function compute(source: DeskFile, given: readonly DeskFile[], hooks: LoadHooks): Promise<Computed> {
  const check = () => {
    if (!hooks.current()) throw new Superseded();
  };
  const isWorkbook = source.role === "workbook";
  hooks.progress(`Reading ${source.path}…`);
  const bytes = await readWhole(source, isWorkbook ? "workbook" : "document");
  check();
  let read: WorkbookRead | undefined;
  if (isWorkbook) {
    read = await readWorkbook(bytes, { file: source.name });
    check();
  }
  // The whole document is validated with its module before any CSV file is looked at.
  const parsed: ParsedDocument = located(read, () => parseDocument(read ? read.document : bytes));
  const requests = located(read, () => planCsvReads(moduleFor(parsed, { registry }), parsed));
  const document = parsed.raw;

  const candidates = given.filter((f) => f !== source && f.role !== "document" && f.role !== "workbook");
  const matches = matchCsvFiles(
    requests.map((r) => r.file),
    source.path,
    candidates,
  );
  const issues: Issue[] = [];
  const byFile = new Map<string, { file: DeskFile; requests: CsvRequest[] }>();
  const matched = new Map<string, { file: DeskFile; by: "path" | "name" }>();
  for (const request of requests) {
    const match = matches.get(request.file) as CsvMatch<DeskFile>;
    if (!match.ok) {
      issues.push(csvFileIssue(request, match.code, match.message, { expected: match.expected }));
      continue;
    }
    const tooLarge = sizeProblem(match.file, "csv", `the file given for it (${match.file.path})`);
    if (tooLarge) {
      issues.push(
        csvFileIssue(request, "file-too-large", tooLarge, {
          expected: `at most ${SIZE_LIMITS.csv} bytes (${SIZE_LIMIT_LABELS.csv})`,
          found: String(match.file.size),
        }),
      );
      continue;
    }
    matched.set(request.file, { file: match.file, by: match.by });
    const entry = byFile.get(request.file);
    if (entry) entry.requests.push(request);
    else byFile.set(request.file, { file: match.file, requests: [request] });
  }
  if (issues.length > 0) throw new MrvValidationError(locateIfWorkbook(read, issues));

  const files: Record<string, StreamedCsvFile> = {};
  for (const [path, { file, requests: list }] of byFile) {
    const outcome = await streamCsv(file, list, hooks);
    if ("issues" in outcome) issues.push(...outcome.issues);
    else files[path] = outcome.file;
  }
  if (issues.length > 0) throw new MrvValidationError(locateIfWorkbook(read, issues));

  hooks.progress("Calculating…");
  const options = { files };
  const reported = parsed.document.reported;
  const verified =
    reported && Object.keys(reported).length > 0 ? located(read, () => verify(document, options)) : undefined;
  const calculated = verified ? verified.result : located(read, () => calculate(document, options));
  const result = read ? recordWorkbook(calculated, read) : calculated;
  const verification = verified && { ...verified, result };
  const html = located(read, () => renderReport(document, { ...options, format: "html" }));
  return {
    source,
    document,
    files,
    matched,
    result,
    verification,
    html,
    markdown: () => located(read, () => renderReport(document, { ...options, format: "md" })),
    workbook: () => resultWorkbook(verification ?? result),
  };
}

function locateIfWorkbook(read: WorkbookRead | undefined, issues: Issue[]): Issue[] {
  return read ? locateIssues(issues, read.cells) : issues;
}

/**
 * Streams one CSV file through one reader per distinct series header and period naming it (the same
 * reader `jcm-mrv/node` uses): its SHA-256 and totals, or the problems naming line and column.
 */
async function streamCsv(
  given: DeskFile,
  requests: CsvRequest[],
  hooks: LoadHooks,
): Promise<{ file: StreamedCsvFile } | { issues: Issue[] }> {
  const readers = new Map<string, CsvSeriesReader>();
  for (const request of requests)
    if (!readers.has(request.key)) readers.set(request.key, createCsvSeriesReader(request.header, request.period));
  const stream = given.file.stream().getReader();
  let total = 0;
  let shown = 0;
  try {
    for (;;) {
      const { done, value } = await stream.read();
      if (!hooks.current()) throw new Superseded();
      if (done) break;
      total += value.length;
      // More bytes than File.size said: the file changed after it was given (trust.md §1, while reading).
      if (total > SIZE_LIMITS.csv)
        return {
          issues: requests.map((r) =>
            csvFileIssue(r, "file-too-large", `${given.path}: the file grew beyond ${SIZE_LIMITS.csv} bytes`),
          ),
        };
      let reading = false;
      for (const reader of readers.values()) if (reader.push(value)) reading = true;
      if (total - shown >= 8 * 1024 * 1024) {
        shown = total;
        // A progress percentage on screen, not a figure: byte counts are safe integers.
        hooks.progress(`Reading ${given.path}: ${Math.floor((total * 100) / Math.max(given.size, 1))} %`);
      }
      if (!reading) break;
    }
  } catch (error) {
    if (error instanceof Superseded) throw error;
    return {
      issues: requests.map((r) =>
        csvFileIssue(r, "unreadable-file", `cannot read ${given.path} (${errorName(error)})`),
      ),
    };
  } finally {
    stream.cancel().catch(() => undefined);
  }
  const issues: Issue[] = [];
  const totals = new Map<string, CsvSeriesTotals>();
  let sha256 = "";
  let bytes = 0;
  for (const [key, reader] of readers) {
    const outcome = reader.finish();
    if (outcome.ok) {
      totals.set(key, outcome.totals);
      sha256 = outcome.totals.sha256;
      bytes = outcome.totals.bytes;
    } else
      for (const request of requests)
        if (request.key === key) issues.push(...csvProblemIssues(request, outcome.problems));
  }
  return issues.length > 0 ? { issues } : { file: streamedCsvFile(sha256, bytes, totals) };
}
