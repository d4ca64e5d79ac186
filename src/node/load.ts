import { createHash, type Hash, hash as hashOnce } from "node:crypto";
import { closeSync, read, readSync, realpathSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { promisify } from "node:util";
import { registry as bundled } from "../../methodologies/index.js";
import { moduleFor } from "../api/options.js";
import { planCsvReads } from "../calculate.js";
import { CSV_LIMITS, type CsvSeriesReader, type CsvSeriesTotals, createCsvSeriesReader } from "../core/csv.js";
import { shorten } from "../core/display.js";
import { type Issue, MrvValidationError } from "../core/errors.js";
import type { MonitoringPeriod } from "../core/period.js";
import type { SeriesHeader, SeriesProblem } from "../core/series.js";
import type { Sha256Factory } from "../core/sha256.js";
import { decodeUtf8Strict } from "../core/utf8.js";
import { DOCUMENT_LIMITS, parseDocument } from "../document/parse.js";
import {
  type CsvRequest,
  csvFileIssue,
  csvProblemIssues,
  precomputedSeries,
  type StreamedCsvFile,
  streamedCsvFile,
} from "../methodology/csv-files.js";
import type { PrecomputedSeries } from "../methodology/parameters/index.js";
import type { Registry } from "../methodology/registry.js";
import type { AnyMethodology } from "../methodology/types.js";
import { type Access, errorCode, openChecked } from "./open-checked.js";

/**
 * `jcm-mrv/node`: reads a monitoring document and the CSV files its series name, under the rules of
 * trust.md §1–2. Every CSV file is streamed through the core's one CSV reader (`src/core/csv.ts`),
 * so memory stays bounded whatever its size; the verbs then get the totals through `options.files`.
 *
 * Order of work: the document is read (a regular file of at most 256 MB, strict UTF-8), parsed and
 * validated whole with its module — only then is any CSV file looked at. Each CSV path (already
 * checked against the path rules) resolves under the data root; its real path, symbolic links
 * followed, must lie inside the root's real path; it must be a regular file of at most 4 GiB (checked
 * with `stat` before it is opened, and opened without blocking, so a FIFO cannot hang the reader).
 */

export interface LoadOptions {
  /**
   * The data root CSV paths resolve against. Default: the folder of the document file; a document
   * that has no folder (from stdin, or given as text) may name CSV files only when a root is given.
   */
  root?: string;
  /** The module that validates the document before any file is opened (default: from `registry`). */
  module?: AnyMethodology;
  /** Where the document's methodology is looked up (default: the bundled registry). */
  registry?: Registry;
  /**
   * Keep each CSV series' daily totals for the report's charts (default `true`). `false` when nothing
   * will chart the series (`calculate`, `verify`): a map and a decimal less per series, which for a
   * document naming 100,000 one-row files is a tenth of the run.
   */
  dailyTotals?: boolean;
  /** Called as bytes of a CSV file are read (for progress bars); `file` is the path, escaped for display. */
  onProgress?: (progress: { file: string; bytesRead: number; totalBytes: number }) => void;
}

/** A document ready for the verbs: `calculate(loaded.document, { files: loaded.files })`. */
export interface LoadedDocument {
  /** The document as JSON data, unchanged (CSV paths as written). */
  document: Record<string, unknown>;
  /** One entry per CSV path the document names: what streaming the file gave. */
  files: Record<string, StreamedCsvFile>;
}

const LOADED = Symbol.for("jcm-mrv.LoadedDocument");

/** Whether `value` is what {@link loadMonitoringDocument} returned (the CLI tells it from plain text). */
export function isLoadedDocument(value: unknown): value is LoadedDocument {
  return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[LOADED] === true;
}

const CHUNK = 1 << 20;
const readAsync = promisify(read);

/**
 * Reads into `buffer` at the file's current position: at once when the whole rest of a small file
 * fits, else through the thread pool so a long file does not hold up the event loop.
 */
async function readInto(fd: number, buffer: Uint8Array, offset: number, length: number, small: boolean) {
  if (small) return readSync(fd, buffer, offset, length, null);
  return (await readAsync(fd, buffer, offset, length, null)).bytesRead;
}

/** Bytes per asynchronous read of a named file. */
const READ_CHUNK = 4 << 20;

/**
 * Reads a file the person running jcm-mrv named (a document or a workbook): a regular file of at most
 * `maxBytes`, opened without blocking (a FIFO is refused, never waited on) and read to its end.
 * Internal: the CLI reads workbooks through it.
 */
export async function readNamedFile(path: string, maxBytes: number, noun: string): Promise<Uint8Array> {
  const fail = (code: string, message: string): never => {
    throw new MrvValidationError([{ path: "", code, message }]);
  };
  const shown = shorten(path);
  const access = openChecked(path, maxBytes);
  if (!access.ok) return fail(access.code, `${shown}: ${access.message}`);
  const { fd } = access;
  let bytes: Uint8Array;
  try {
    // Read at most one byte more than allowed: a file that grew since `stat` is caught here.
    bytes = new Uint8Array(Math.min(access.size, maxBytes) + 1);
    // Asynchronous reads go into a chunk and are copied: a completed read request keeps its buffer
    // alive until a collection after the next macrotask, and the file's bytes (256 MB at most) should
    // be freed as soon as they are decoded, not held through the whole calculation.
    const chunk = bytes.length <= READ_CHUNK ? bytes : new Uint8Array(READ_CHUNK);
    let filled = 0;
    for (;;) {
      const room = Math.min(bytes.length - filled, chunk.length);
      const bytesRead = await readInto(fd, chunk, chunk === bytes ? filled : 0, room, false);
      if (bytesRead === 0) break;
      if (chunk !== bytes) bytes.set(chunk.subarray(0, bytesRead), filled);
      filled += bytesRead;
      if (filled === bytes.length) {
        if (filled > maxBytes) fail("file-too-large", `${shown}: the ${noun} is larger than ${maxBytes} bytes`);
        const grown = new Uint8Array(Math.min(bytes.length * 2, maxBytes + 1));
        grown.set(bytes);
        bytes = grown;
      }
    }
    return bytes.subarray(0, filled);
  } catch (error) {
    if (error instanceof MrvValidationError) throw error;
    return fail("unreadable-file", `${shown}: cannot read the file (${errorCode(error)})`);
  } finally {
    closeSync(fd);
  }
}

/**
 * node:crypto's SHA-256 for the verbs' `options.sha256` (`calculate(doc, { files, sha256: nodeSha256 })`):
 * the same digests as the portable one, several times faster on large documents.
 */
export const nodeSha256: Sha256Factory = () => createHash("sha256");

/** Reads a monitoring document file: a regular file of at most 256 MB, strict UTF-8. */
async function readDocumentFile(path: string): Promise<string> {
  const bytes = await readNamedFile(path, DOCUMENT_LIMITS.maxTextLength, "document");
  const text = decodeUtf8Strict(bytes);
  if (typeof text !== "string") {
    throw new MrvValidationError([
      {
        path: "",
        code: "invalid-utf8",
        message: `${shorten(path)}: the document is not valid UTF-8 (byte offset ${text.invalidAt})`,
        expected: "UTF-8 text",
        found: `byte 0x${bytes[text.invalidAt]!.toString(16).padStart(2, "0")}`,
      },
    ]);
  }
  return text;
}

/**
 * Reads a monitoring document file and streams every CSV file its series name (paths relative to the
 * data root: `options.root`, default the document's folder). Returns the document and the `files` to
 * pass to the verbs: `calculate(loaded.document, { files: loaded.files })`.
 *
 * @throws {MrvValidationError} for an invalid document (then no CSV file was opened), or naming file,
 * line and column of every problem in the CSV files.
 */
export async function loadMonitoringDocument(path: string, options: LoadOptions = {}): Promise<LoadedDocument> {
  const text = await readDocumentFile(path);
  return loadCsvFiles(text, { ...options, root: options.root ?? dirname(resolve(path)) });
}

/**
 * Internal (the CLI): {@link loadMonitoringDocument}, except that a document whose text cannot name a
 * CSV file — no `"csv"` in it and no escape that could spell one — is returned as its text, unparsed:
 * the verb reads it once (the same checks, the same issues), instead of the loader and then the verb.
 */
export async function loadDocumentForVerbs(
  path: string,
  options: LoadOptions = {},
  open: CsvFileOpener = openInThisThread,
): Promise<string | LoadedDocument> {
  const text = await readDocumentFile(path);
  if (!text.includes('"csv"') && !text.includes("\\")) return text;
  return loadCsvFilesWith(text, { ...options, root: options.root ?? dirname(resolve(path)) }, open);
}

/**
 * What opening one CSV file gave: refused (why), open (the caller streams and closes it), or — from
 * a {@link CsvFileOpener} that reads small files itself — its bytes, the file already closed.
 */
export type OpenedCsvFile = Access | { ok: true; bytes: Uint8Array; size: number };

/**
 * Opens the CSV files at `paths` (absolute, under the real data root `root`) in their order, each
 * with {@link openChecked}: lazily, so that no more files are open at once than the opener allows.
 * Internal: the CLI opens them on a worker thread (`src/cli/file-reader.ts`).
 */
export type CsvFileOpener = (paths: readonly string[], root: string, maxBytes: number) => AsyncIterable<OpenedCsvFile>;

/** The opener of the library: each file opened in this thread when its turn comes. */
export async function* openInThisThread(paths: readonly string[], root: string, maxBytes: number) {
  const folders = new Map<string, string>();
  for (const path of paths) yield openChecked(path, maxBytes, root, folders);
}

/**
 * Streams the CSV files a document names (the document as JSON text or data, e.g. read from stdin)
 * from under `options.root`. Without a root, a document that names CSV files is an error: a document
 * with no folder has no default data root.
 *
 * @throws {MrvValidationError} as {@link loadMonitoringDocument}.
 */
export async function loadCsvFiles(document: unknown, options: LoadOptions = {}): Promise<LoadedDocument> {
  return loadCsvFilesWith(document, options, openInThisThread);
}

/** Internal (the CLI): {@link loadCsvFiles} with the files opened by `open`. */
export async function loadCsvFilesWith(
  document: unknown,
  options: LoadOptions,
  open: CsvFileOpener,
): Promise<LoadedDocument> {
  const parsed = parseDocument(document);
  const loaded = (files: Record<string, StreamedCsvFile>): LoadedDocument => {
    const value = { document: parsed.raw as Record<string, unknown>, files };
    Object.defineProperty(value, LOADED, { value: true });
    return value;
  };
  // A document naming no CSV file needs nothing read: the verb validates it (once).
  if (!namesCsvFiles(parsed.document.monitored)) return loaded({});
  const module = moduleFor(parsed, options.module || options.registry ? options : { ...options, registry: bundled });
  const requests = planCsvReads(module, parsed);
  if (requests.length === 0) return loaded({});
  const issues: Issue[] = [];
  if (options.root === undefined) {
    for (const request of requests)
      issues.push(
        csvFileIssue(
          request,
          "no-data-root",
          "a document without a folder of its own (read from stdin) may name CSV files only when a data root is given (--data-root, or the root option)",
        ),
      );
    throw new MrvValidationError(issues);
  }
  let root: string;
  try {
    root = realpathSync.native(resolve(options.root));
    if (!statSync(root).isDirectory()) throw Object.assign(new Error("not a directory"), { code: "ENOTDIR" });
  } catch (error) {
    throw new MrvValidationError([
      {
        path: "",
        code: "unreadable-file",
        message: `the data root ${shorten(options.root)} is not a readable directory (${errorCode(error)})`,
      },
    ]);
  }

  // One pass over each file feeds every series that names it (one reader per header and period).
  const byFile = new Map<string, CsvRequest[]>();
  for (const request of requests) {
    const list = byFile.get(request.file);
    if (list) list.push(request);
    else byFile.set(request.file, [request]);
  }
  const buffer = new Uint8Array(CHUNK);
  const files: Record<string, StreamedCsvFile> = {};
  const named = [...byFile];
  const paths = named.map(([file]) => join(root, ...file.split("/")));
  let index = 0;
  for await (const opened of open(paths, root, CSV_LIMITS.maxFileBytes)) {
    const [file, list] = named[index++]!;
    const outcome = await readFile(opened, file, list, buffer, options);
    if ("issues" in outcome) issues.push(...outcome.issues);
    else files[file] = outcome.file;
  }
  if (issues.length > 0) throw new MrvValidationError(issues);
  return loaded(files);
}

type FileOutcome = { file: StreamedCsvFile } | { issues: Issue[] };

/** Checks, opens and streams one CSV file through one reader per distinct series header naming it. */
async function readFile(
  access: OpenedCsvFile,
  file: string,
  list: CsvRequest[],
  buffer: Uint8Array,
  options: LoadOptions,
): Promise<FileOutcome> {
  if (!access.ok) return { issues: list.map((request) => csvFileIssue(request, access.code, access.message)) };
  const readers = new Map<string, CsvSeriesReader>();
  for (const request of list)
    if (!readers.has(request.key))
      readers.set(
        request.key,
        createCsvSeriesReader(request.header, request.period, { hash: false, daily: options.dailyTotals !== false }),
      );
  // One hash per file, with node:crypto (the core's portable SHA-256 gives the same digest, slower).
  const hash = new FileDigest();
  let failure: string | undefined;
  let bytes = 0;
  const progress = (bytesRead: number) =>
    options.onProgress?.({ file: shorten(file), bytesRead, totalBytes: access.size });
  if ("bytes" in access) {
    bytes = access.bytes.length;
    if (bytes > 0) {
      feed(access.bytes, [...readers.values()], hash, true);
      progress(bytes);
    }
  } else
    try {
      bytes = await stream(access, buffer, [...readers.values()], hash, progress);
    } catch (error) {
      failure = errorCode(error);
    } finally {
      closeSync(access.fd);
    }
  if (failure !== undefined)
    return {
      issues: list.map((request) => csvFileIssue(request, "unreadable-file", `cannot read the file (${failure})`)),
    };
  const issues: Issue[] = [];
  const totals = new Map<string, CsvSeriesTotals>();
  const sha256 = hash.hex();
  for (const [key, reader] of readers) {
    const outcome = reader.finish();
    if (outcome.ok) totals.set(key, { ...outcome.totals, sha256 });
    else
      for (const request of list) if (request.key === key) issues.push(...csvProblemIssues(request, outcome.problems));
  }
  return issues.length > 0 ? { issues } : { file: streamedCsvFile(sha256, bytes, totals) };
}

/**
 * A file's SHA-256 from the chunks it is read in: node:crypto's one-shot `hash` when the whole file
 * came in one chunk (a one-row CSV file; a third of the cost of a streaming hash, which 100,000 such
 * files pay 100,000 times), its streaming hash otherwise.
 */
class FileDigest {
  #hash: Hash | undefined = undefined;
  #hex: string | undefined = undefined;

  update(chunk: Uint8Array, whole: boolean): void {
    if (whole) {
      this.#hex = hashOnce("sha256", chunk, "hex");
      return;
    }
    this.#hash ??= createHash("sha256");
    this.#hash.update(chunk);
  }

  hex(): string {
    return this.#hex ?? (this.#hash ?? createHash("sha256")).digest("hex");
  }
}

/** Whether any series object under `monitored` (directly or in an array) has a `csv` member. */
function namesCsvFiles(monitored: unknown): boolean {
  if (typeof monitored !== "object" || monitored === null) return false;
  const hasCsv = (value: unknown) => typeof value === "object" && value !== null && Object.hasOwn(value, "csv");
  for (const value of Object.values(monitored)) {
    if (Array.isArray(value) ? value.some(hasCsv) : hasCsv(value)) return true;
  }
  return false;
}

/**
 * Reads an open file in chunks of `buffer` (reused from file to file: the readers copy what they keep,
 * a partial line, never the chunk) into `hash` and every reader, until the end — or until all readers
 * have stopped, then the file is known to be refused and the rest is not read. Returns the bytes read.
 */
async function stream(
  file: { fd: number; size: number },
  buffer: Uint8Array,
  readers: CsvSeriesReader[],
  hash: FileDigest | undefined,
  progress: (bytesRead: number) => void,
): Promise<number> {
  let total = 0;
  for (;;) {
    const bytesRead = await readInto(file.fd, buffer, 0, buffer.length, file.size < buffer.length);
    if (bytesRead === 0) break;
    // A regular file returns fewer bytes than asked only at its end: no extra read to learn it.
    const last = bytesRead < buffer.length;
    const reading = feed(buffer.subarray(0, bytesRead), readers, hash, last && total === 0);
    total += bytesRead;
    progress(total);
    if (!reading || last) break;
  }
  return total;
}

/** Feeds the next chunk of a file (`whole`: the whole file) to its hash and every reader; false once all have stopped. */
function feed(chunk: Uint8Array, readers: CsvSeriesReader[], hash: FileDigest | undefined, whole: boolean): boolean {
  hash?.update(chunk, whole);
  let reading = false;
  for (const reader of readers) if (reader.push(chunk)) reading = true;
  return reading;
}

/**
 * Streams one CSV file through the core's reader. The caller names the file (no data root applies),
 * but it must be a regular file of at most 4 GiB.
 *
 * @deprecated Use {@link loadMonitoringDocument} (or {@link loadCsvFiles}) and pass `files` to the verbs.
 */
export async function reduceCsvSeries(
  file: string,
  displayName: string,
  header: SeriesHeader,
  period: MonitoringPeriod,
  options: Pick<LoadOptions, "onProgress"> = {},
): Promise<
  { precomputed: PrecomputedSeries } | { problems: { line: number; column: number; problem: SeriesProblem }[] }
> {
  const access = openChecked(file, CSV_LIMITS.maxFileBytes);
  if (!access.ok)
    return { problems: [{ line: 0, column: 1, problem: { code: access.code, message: access.message } }] };
  const reader = createCsvSeriesReader(header, period);
  try {
    await stream(access, new Uint8Array(CHUNK), [reader], undefined, (bytesRead) =>
      options.onProgress?.({ file: shorten(displayName), bytesRead, totalBytes: access.size }),
    );
  } finally {
    closeSync(access.fd);
  }
  const outcome = reader.finish();
  if (!outcome.ok) {
    return {
      problems: outcome.problems.map(({ line, column, ...problem }) => ({ line, column: column ?? 1, problem })),
    };
  }
  return { precomputed: precomputedSeries(displayName, outcome.totals, period.days) };
}

/**
 * The version of Node's time-zone database (`process.versions.tz`, e.g. `2025c`), to pass as the
 * verbs' `options.tzdata`: results of named-zone periods then record it, so two machines that
 * disagree can see why. The CLI passes it.
 */
export function runtimeTzdata(): string | undefined {
  return process.versions.tz;
}
