import { calculateForWriting } from "../api/calculate.js";
import { reportForWriting } from "../api/report.js";
import { verifyForWriting } from "../api/verify.js";
import type { CalculationResult } from "../calculate.js";
import { isDeferredArray } from "../core/deferred-array.js";
import { escapeForDisplay, escapeForDisplayKeepingLines } from "../core/display.js";
import { formatIssue, type Issue, MrvError, MrvValidationError } from "../core/errors.js";
import { isExact } from "../core/exact.js";
import type { Sha256Factory } from "../core/sha256.js";
import { calculate, registry, toJsonSchema, verify } from "../entries/index.js";
import type { CsvFileContent } from "../methodology/csv-files.js";
import { nodeSha256 } from "../node/load.js";
import { ENGINE_VERSION } from "../version.js";
import { commandHelp, globalHelp, jobsOf, type Parsed, parseCommandLine, UsageError, usageHint } from "./args.js";
import { documentLegend, projectRun, type RunDocuments, readDocument } from "./project.js";

export { UsageError } from "./args.js";

/** Everything the CLI touches outside itself, so tests can run it in-process. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /**
   * Reads a monitoring document and the CSV files it names (under `root`, default the document's
   * folder): JSON text or data, or a {@link LoadedDocument} with the files' contents. The path `-` is
   * standard input, a document without a folder: it names CSV files only when `root` is given.
   */
  loadDocument(path: string, options: { root?: string; dailyTotals?: boolean }): Promise<unknown>;
  writeFile(path: string, text: string): void;
  /**
   * Writes one output file from pieces handed to `write` in order as `produce` makes them (large
   * JSON results); without it they are joined for writeFile.
   */
  writeChunks?(path: string, produce: (write: (chunk: string) => void) => void): void;
  /** Writes a binary file (workbooks); without it, node:fs. */
  writeBytes?(path: string, bytes: Uint8Array): void;
  /** Version of the runtime's time-zone database, recorded in named-zone results (`process.versions.tz`). */
  tzdata?: string | undefined;
  /**
   * Reads and calculates the documents of a project run on `jobs` worker threads (`--jobs N`,
   * main.ts). Without it every document is read and calculated in this thread, with the same result.
   */
  runDocuments?: RunDocuments;
  /**
   * Called between a calculation's phases and while a large output is written: the CLI collects
   * garbage there when its memory nears trust.md §3's bound (heap-keeper.ts). Without it, nothing.
   */
  checkMemory?: () => void;
}

/**
 * The verbs' options the CLI passes: node:crypto's SHA-256 (the same digests, faster) and the
 * time-zone database version when the runtime reports it.
 */
function verbOptions(io: CliIo): { tzdata?: string; sha256: Sha256Factory } {
  return { sha256: nodeSha256, ...(io.tzdata !== undefined && { tzdata: io.tzdata }) };
}

/** Exit codes (architecture §6). */
export const EXIT = Object.freeze({ ok: 0, mismatch: 1, invalid: 2, internal: 3, output: 4 });

/**
 * An output that cannot be written (an `-o` path in a missing or read-only folder, a full disk): not
 * the input's fault, exit 4.
 */
export class OutputError extends Error {
  readonly path: string;
  readonly code: string | undefined;
  constructor(path: string, error: unknown) {
    const code = (error as { code?: unknown }).code;
    const known = typeof code === "string" && /^[A-Z0-9_]{1,20}$/.test(code) ? code : undefined;
    super(`cannot write ${path}${known ? ` (${known})` : ""}`);
    this.path = path;
    this.code = known;
  }
}

function expectFormat(
  format: string | undefined,
  allowed: readonly string[],
  fallback: string,
  command: string,
): string {
  const f = format ?? fallback;
  if (!allowed.includes(f))
    throw new UsageError(`--format must be one of ${allowed.join(", ")} (got ${JSON.stringify(f)})`, command);
  return f;
}

function onePath(p: Parsed, what: string): string {
  if (p.positional.length !== 1)
    throw new UsageError(
      `${p.command} takes exactly one ${what}${p.positional.length > 1 && p.command !== "calculate" && what === "document path" ? " (several documents: calculate)" : ""}`,
      p.command,
    );
  return p.positional[0]!;
}

/** Loaded only for workbooks: the other commands keep their cold start (architecture §6). */
const workbooks = () => import("./workbook.js");

/**
 * Loaded only for text output: its terminal widths (string-width) build an emoji regex and a grapheme
 * segmenter when loaded (~25 ms), which JSON output does not need.
 */
const text = () => import("../report/text.js");

/** What the CLI gives every verb: the loaded CSV files and the time-zone database version. */
type VerbOptions = { files?: Readonly<Record<string, CsvFileContent>>; tzdata?: string; sha256?: Sha256Factory };

/**
 * Runs a verb on the command's document: a JSON document (a file, or `-` for stdin) with the CSV
 * files it names, or a workbook's document (issues naming cells, results recording the workbook).
 */
async function withDocument<T>(
  io: CliIo,
  p: Parsed,
  use: (document: unknown, options: VerbOptions) => T,
  charts = false,
): Promise<T> {
  const path = onePath(p, "document path");
  if (/\.xlsx$/i.test(path)) {
    const wb = await workbooks();
    const loaded = await wb.loadWorkbook(path, p.dataRoot);
    return wb.onWorkbook(loaded, io, (document, files) => use(document, { files, ...verbOptions(io) }));
  }
  const load = (path: string, options: { root?: string }) => io.loadDocument(path, { ...options, dailyTotals: charts });
  const { document, files } = await readDocument(load, path, p.dataRoot);
  return use(document, { ...(files && { files }), ...verbOptions(io) });
}

/** Output made piece by piece and handed to `write` as it is made (a streamed JSON result). */
export type Producer = (write: (piece: string) => void) => void;

/**
 * Writes a command's output to stdout or the `-o` file. Exported for tests: a failure to write the file
 * is an {@link OutputError} (exit 4), a failure while making the output passes through unchanged.
 */
export function emit(io: CliIo, content: string | Iterable<string> | Producer, output: string | undefined): void {
  const produce: Producer =
    typeof content === "function"
      ? content
      : typeof content === "string"
        ? (write) => write(content)
        : (write) => {
            for (const piece of content) write(piece);
          };
  if (output === undefined) {
    if (typeof content === "string") io.stdout(content);
    else batched(produce, (text) => io.stdout(text), io.checkMemory);
    return;
  }
  // Failing to write the file is exit 4 (OutputError); a failure while making the output (a streamed
  // result's second pass) is what it is — a bug is exit 3, not "cannot write".
  let makingFailed: unknown;
  const make: Producer = (write) => {
    try {
      produce(write);
    } catch (error) {
      if (!(error instanceof WriteFailure)) makingFailed = error;
      throw error;
    }
  };
  const writing = (write: (text: string) => void) => (text: string) => {
    try {
      write(text);
    } catch (error) {
      throw new WriteFailure(error);
    }
  };
  try {
    if (typeof content === "string") io.writeFile(output, content);
    else if (io.writeChunks) io.writeChunks(output, (write) => batched(make, writing(write), io.checkMemory));
    else {
      const pieces: string[] = [];
      make((piece) => pieces.push(piece));
      io.writeFile(output, pieces.join(""));
    }
  } catch (error) {
    if (error === makingFailed) throw error;
    throw new OutputError(output, error instanceof WriteFailure ? error.cause : error);
  }
}

/** A failure of the output's own write, told apart from one while making the output. */
class WriteFailure {
  constructor(readonly cause: unknown) {}
}

/**
 * Small pieces gathered into writes of about 64 KiB: one system call per piece would dominate.
 * `checkMemory` is called before each write (not each piece: a report's pieces are cells, and a look
 * at the resident set costs ~15 µs).
 */
function batched(produce: Producer, rawWrite: (text: string) => void, checkMemory?: () => void): void {
  const write = checkMemory
    ? (text: string) => {
        checkMemory();
        rawWrite(text);
      }
    : rawWrite;
  let buffer: string[] = [];
  let size = 0;
  produce((piece) => {
    if (piece.length >= 32_768) {
      // Already large (a run of array elements): written as it is, not copied into a batch.
      if (size > 0) write(buffer.join(""));
      buffer = [];
      size = 0;
      write(piece);
      return;
    }
    buffer.push(piece);
    size += piece.length;
    if (size >= 65_536) {
      write(buffer.join(""));
      buffer = [];
      size = 0;
    }
  });
  if (size > 0) write(buffer.join(""));
}

/**
 * JSON for stdout: the same data, with bidi, invisible and C1 characters written as `\u` escapes
 * too (JSON.stringify escapes only C0 controls), so a terminal shows the JSON as it is.
 */
export function jsonText(value: unknown): string {
  return jsonChunks(value).join("");
}

/** {@link writeJson}'s pieces, gathered. */
export function jsonChunks(value: unknown): string[] {
  const pieces: string[] = [];
  writeJson(value, (piece) => pieces.push(piece));
  return pieces;
}

/**
 * {@link jsonText} in pieces handed to `write`: the text of `JSON.stringify(value, null, 2)`, a
 * member, 256 elements of an array or 4,096 values at a time (at any depth: verify's `result`), so
 * that a result with 400,000 trace steps is never one string (and its escaped copy) in memory at once
 * (trust.md §3: memory follows the input). A {@link DeferredArray} member is written as the array its
 * producer makes, element by element as they are made.
 */
export function writeJson(value: unknown, write: (piece: string) => void): void {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    write(`${reindented(JSON.stringify(value, null, 2) ?? "null", 0)}\n`);
    return;
  }
  if (!writeMembers(value as Record<string, unknown>, 0, write)) write("{}");
  write("\n");
}

/** JSON text at `depth`, its lines indented to it and escaped for display. */
function reindented(text: string, depth: number): string {
  return escapeForDisplayKeepingLines(depth === 0 ? text : text.replace(/\n/g, `\n${indentOf(depth)}`));
}

function indentOf(depth: number): string {
  return "  ".repeat(depth);
}

/**
 * The members of an object at `depth` (0: the document), braces included, as JSON.stringify writes
 * them, without a newline after the closing brace; false, writing nothing, when none is written.
 */
function writeMembers(record: Record<string, unknown>, depth: number, write: (piece: string) => void): boolean {
  const entries = Object.entries(record).filter(([key, v]) => !omittedByJson(key, v));
  if (entries.length === 0) return false;
  write("{\n");
  for (let i = 0; i < entries.length; i++) {
    const [key, member] = entries[i]!;
    write(`${indentOf(depth + 1)}${reindented(JSON.stringify(key), 0)}: `);
    writeMember(member, depth + 1, write);
    write(i < entries.length - 1 ? ",\n" : "\n");
  }
  write(`${indentOf(depth)}}`);
  return true;
}

/**
 * A member's value at `depth`, without the newline after it: an array (or a {@link DeferredArray})
 * a run of elements at a time; an object holding one a member at a time; strings of the document
 * (`project`) a slice at a time; anything else as one JSON.stringify.
 */
function writeMember(member: unknown, depth: number, write: (piece: string) => void): void {
  if (isDeferredArray(member)) writeElements(member.forEach, depth + 1, write);
  else if (Array.isArray(member) && member.length > 0 && !hasOwnToJson(member))
    writeElements(
      (emit) => {
        for (const element of member) emit(element);
      },
      depth + 1,
      write,
    );
  else if (isStringRecord(member) && Object.keys(member).length > 0) {
    // `project` and the like: text from the document, possibly 150 MB of it, written a member (and
    // a long string a slice) at a time instead of as one string and its escaped copies.
    const keys = Object.keys(member);
    write("{\n");
    for (let k = 0; k < keys.length; k++) {
      write(indentOf(depth + 1));
      for (const piece of jsonStringPieces(keys[k]!)) write(escapeForDisplayKeepingLines(piece));
      write(": ");
      for (const piece of jsonStringPieces(member[keys[k]!]!)) write(escapeForDisplayKeepingLines(piece));
      write(k < keys.length - 1 ? ",\n" : "\n");
    }
    write(`${indentOf(depth)}}`);
  } else if (holdsLongArray(member)) writeMembers(member, depth, write);
  else write(reindented(JSON.stringify(member, null, 2), depth));
}

/** A plain object with an array of more than a run of elements, or one made while written (verify's `result`). */
function holdsLongArray(value: unknown): value is Record<string, unknown> {
  if (!isPlainRecord(value)) return false;
  for (const key in value) {
    const member = value[key];
    if (isDeferredArray(member) || (Array.isArray(member) && member.length > ELEMENTS_PER_PIECE)) return true;
  }
  return false;
}

function hasOwnToJson(value: object): boolean {
  return typeof (value as { toJSON?: unknown }).toJSON === "function";
}

/**
 * An array's elements at `depth` as JSON.stringify indents them, {@link ELEMENTS_PER_PIECE} at a time
 * as the producer makes them, brackets included (no newline after the closing one): `[]` when it
 * makes none.
 */
function writeElements(
  forEach: (emit: (element: unknown) => void) => void,
  depth: number,
  write: (piece: string) => void,
): void {
  let batch: unknown[] = [];
  let started = false;
  const flush = () => {
    write(started ? ",\n" : "[\n");
    started = true;
    // The separator and the elements as two pieces, not one joined string: the writer copies a
    // joined (cons) string of 100 KB again before writing it, which for a 20 MB result cost more
    // than JSON.stringify.
    write(escapeForDisplayKeepingLines(containerContentsText(batch, depth)));
    batch = [];
  };
  let weight = 0;
  forEach((element) => {
    const elementWeight = weightOf(element);
    if (elementWeight >= WEIGHT_PER_PIECE && isPlainRecord(element)) {
      // A total over 100,000 values: its inputs in pieces too, never one string of them all (a
      // 100,000-value total of 1e-1000 values is 100 MB of text, and its UTF-8 copy as much again).
      if (batch.length > 0) flush();
      weight = 0;
      write(started ? ",\n" : "[\n");
      started = true;
      writeLargeRecord(element, depth, (piece) => write(escapeForDisplayKeepingLines(piece)));
      return;
    }
    batch.push(element);
    weight += elementWeight;
    if (batch.length === ELEMENTS_PER_PIECE || weight >= WEIGHT_PER_PIECE) {
      flush();
      weight = 0;
    }
  });
  if (batch.length > 0) flush();
  write(started ? `\n${indentOf(depth - 1)}]` : "[]");
}

/**
 * A record at `depth` as {@link containerContentsText} would write it (its indentation included, no
 * newline after its closing brace), a member at a time; a member holding thousands of values is
 * written {@link WEIGHT_PER_PIECE} values per piece.
 */
function writeLargeRecord(record: Record<string, unknown>, depth: number, write: (piece: string) => void): void {
  const indent = indentOf(depth);
  const memberIndent = indentOf(depth + 1);
  const keys = Object.keys(record).filter((key) => !omittedByJson(key, record[key]));
  if (keys.length === 0) {
    write(`${indent}{}`);
    return;
  }
  write(`${indent}{\n`);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    const member = record[key];
    const contents = largeContents(member);
    if (contents !== null) {
      const array = Array.isArray(member);
      write(`${memberIndent}${JSON.stringify(key)}: ${array ? "[" : "{"}\n`);
      writeContentsInPieces(member as object, contents, depth + 2, write);
      write(`\n${memberIndent}${array ? "]" : "}"}`);
    } else write(containerContentsText(oneMember(key, member), depth + 1));
    write(i < keys.length - 1 ? ",\n" : "\n");
  }
  write(`${indent}}`);
}

/**
 * An array's elements, or an object's members named by `keys`, as {@link containerContentsText}
 * writes them at `depth`, {@link WEIGHT_PER_PIECE} per piece.
 */
function writeContentsInPieces(
  container: object,
  keys: readonly string[] | undefined,
  depth: number,
  write: (piece: string) => void,
): void {
  for (let start = 0; start < (keys ?? (container as unknown[])).length; start += WEIGHT_PER_PIECE) {
    const end = start + WEIGHT_PER_PIECE;
    let part: object;
    if (keys === undefined) part = (container as unknown[]).slice(start, end);
    else {
      // A null-prototype part, so that a member named `__proto__` stays a member. The record's
      // integer-like keys come first in `keys` and so in every part alike: each part keeps its order.
      const record: Record<string, unknown> = Object.create(null);
      for (const key of keys.slice(start, end)) record[key] = (container as Record<string, unknown>)[key];
      part = record;
    }
    write(start === 0 ? containerContentsText(part, depth) : `,\n${containerContentsText(part, depth)}`);
  }
}

/**
 * For an array of at least {@link WEIGHT_PER_PIECE} elements or a plain object of as many members
 * JSON.stringify writes: `undefined` for the array, the members' keys for the object. `null` for
 * anything else, which is written whole.
 */
function largeContents(value: unknown): readonly string[] | undefined | null {
  if (typeof value !== "object" || value === null) return null;
  if (Array.isArray(value)) return !hasOwnToJson(value) && value.length >= WEIGHT_PER_PIECE ? undefined : null;
  if (!isPlainRecord(value)) return null;
  const keys = Object.keys(value);
  if (keys.length < WEIGHT_PER_PIECE) return null;
  const written = keys.filter((key) => !omittedByJson(key, value[key]));
  return written.length > 0 ? written : null;
}

/** A plain object JSON.stringify writes as its members (no `toJSON` of its own or inherited). */
function isPlainRecord(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const prototype = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return false;
  return !hasOwnToJson(value);
}

/** `{ [key]: value }` with `__proto__` an own member, not the prototype. */
function oneMember(key: string, value: unknown): Record<string, unknown> {
  const record: Record<string, unknown> = Object.create(null);
  record[key] = value;
  return record;
}

/**
 * About how many values an element holds: 1, plus the members of each object it holds. A trace step
 * is a handful; a total over 100,000 boilers is 100,000 — such a step is written at once, not kept
 * with the next 255 (the four totals of JCM_MN_AM002 held together were 70 MB of inputs).
 */
function weightOf(element: unknown): number {
  if (typeof element !== "object" || element === null) return 1;
  let weight = 1;
  const record = element as Record<string, unknown>;
  for (const key in record) {
    const member = record[key];
    if (typeof member === "object" && member !== null) for (const _ in member) weight += 1;
  }
  return weight;
}

/** A plain object whose every own member is a string (nothing JSON.stringify would transform or leave out). */
function isStringRecord(value: unknown): value is Record<string, string> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const prototype = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return false;
  for (const key in value) if (typeof (value as Record<string, unknown>)[key] !== "string") return false;
  return true;
}

/** Characters of a string written per piece: a slice's JSON text is at most ~6 × this. */
const STRING_PIECE = 1 << 20;

/**
 * `JSON.stringify(text)` in slices (the quotes are pieces of their own when the text is long): the
 * escapes are per character, so the slices join to the same text — a surrogate pair is never split,
 * which would escape its halves.
 */
export function* jsonStringPieces(text: string, slice = STRING_PIECE): Generator<string> {
  const piece = Math.max(2, slice); // two characters at least: room to keep a pair together
  if (text.length <= piece) {
    yield JSON.stringify(text);
    return;
  }
  yield '"';
  for (let start = 0; start < text.length; ) {
    let end = Math.min(start + piece, text.length);
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff && end - 1 > start) end -= 1;
    const json = JSON.stringify(text.slice(start, end));
    yield json.slice(1, -1);
    start = end;
  }
  yield '"';
}

/**
 * Elements of an array written per piece (pieces are then gathered to 64 KiB per write). Small enough
 * that a piece's text stays an ordinary young object: 256 trace steps of the boilers were ~140,000
 * characters, two-byte where a step holds `η` or `÷` — past V8's 128 KB for large objects, which only
 * a full collection frees. At 32, most-equipment took 9 full collections instead of 11 and ~1 s less
 * (docs/performance.md, 2026-12-03, sixth session).
 */
export const ELEMENTS_PER_PIECE = 32;
/** Values written per piece at most (see {@link weightOf}): an element holding more is written a member at a time, a long member in parts of this many. */
const WEIGHT_PER_PIECE = 4096;

/**
 * A non-empty container's elements or members as `JSON.stringify(…, null, 2)` writes them at `depth`
 * (indented by 2 × depth spaces), without the brackets' lines: stringified inside wrappers of that
 * depth, so the indentation is JSON.stringify's own and nothing is re-indented.
 */
function containerContentsText(container: object, depth: number): string {
  let wrapped: unknown = container;
  for (let level = 1; level < depth; level++) wrapped = { a: wrapped };
  const text = JSON.stringify(wrapped, null, 2);
  const [head, tail] = wrapperLengths(depth);
  return text.slice(head, text.length - tail);
}

/** Characters before and after the contents in {@link containerContentsText}'s text, per depth. */
const WRAPPER_LENGTHS: [number, number][] = [];

function wrapperLengths(depth: number): [number, number] {
  let lengths = WRAPPER_LENGTHS[depth];
  if (lengths === undefined) {
    let probe: unknown = [0];
    for (let level = 1; level < depth; level++) probe = { a: probe };
    const text = JSON.stringify(probe, null, 2);
    const at = text.lastIndexOf("0");
    lengths = [at - 2 * depth, text.length - at - 1];
    WRAPPER_LENGTHS[depth] = lengths;
  }
  return lengths;
}

/** Whether JSON.stringify leaves an object member out (undefined, a function or a symbol, after toJSON). */
function omittedByJson(key: string, value: unknown): boolean {
  // A value (a trace step's input, printed when written) is never left out: not printed twice to see.
  if (isExact(value)) return false;
  const json =
    typeof value === "object" && value !== null && typeof (value as { toJSON?: unknown }).toJSON === "function"
      ? (value as { toJSON(key: string): unknown }).toJSON(key)
      : value;
  return json === undefined || typeof json === "function" || typeof json === "symbol";
}

/**
 * The issues on stderr, one escaped line each (formatIssue). The list is already capped at 1,000
 * issues and a count (trust.md §3), and written line by line, so no list is too large to print.
 * `legend` names the documents of a project run that the issues' paths (`documents[i]`) mean.
 */
function printIssues(io: CliIo, issues: readonly Issue[], json: boolean, legend = ""): void {
  const shown = issues.filter((i) => i.code !== "too-many-issues").length;
  const more = issues.length - shown;
  io.stderr(
    `jcm-mrv: invalid input (${shown} problem${shown === 1 ? "" : "s"} listed${more > 0 ? ", more counted below" : ""})\n`,
  );
  for (let i = 0; i < issues.length; i += 100)
    io.stderr(
      `${issues
        .slice(i, i + 100)
        .map((issue) => `  - ${formatIssue(issue)}`)
        .join("\n")}\n`,
    );
  if (legend) io.stderr(`  (${escapeForDisplay(legend)})\n`);
  if (json) io.stdout(jsonText({ error: { issues } }));
}

/** A failure that names the documents of a project run: the issues' `documents[i]` read with their paths. */
class ProjectError extends MrvValidationError {
  readonly legend: string;
  constructor(issues: Issue[], legend: string) {
    super(issues);
    this.legend = legend;
  }
}

async function commandCalculate(p: Parsed, io: CliIo): Promise<number> {
  const format = expectFormat(p.format, ["text", "json", "md", "html", "xlsx"], "text", p.command);
  const jobs = jobsOf(p);
  if (p.positional.length > 1) return commandProject(p, io, format, jobs);
  if (format === "md" || format === "html") return commandReport(p, io, format);
  if (format === "xlsx") {
    const result: CalculationResult = await withDocument(io, p, (d, options) => calculate(d, options));
    await (await workbooks()).emitResultWorkbook(io, result, p.output);
    return EXIT.ok;
  }
  // JSON and text: parameters and trace are made while they are written; the result never exists whole.
  const result = await withDocument(io, p, (d, options) =>
    calculateForWriting(d, { ...options, registry }, io.checkMemory),
  );
  if (format === "json") emit(io, (write) => writeJson(result, write), p.output);
  else {
    const { writeText } = await text();
    emit(io, (write) => writeText(result, write), p.output);
  }
  return EXIT.ok;
}

/** `calculate a.json b.json …`: periods of one project (text: one row per period; JSON: the ProjectCalculation). */
async function commandProject(p: Parsed, io: CliIo, format: string, jobs: number): Promise<number> {
  if (format !== "text" && format !== "json")
    throw new UsageError(
      `several documents are a project run: --format text or json (got ${JSON.stringify(format)}); render reports one document at a time`,
      p.command,
    );
  if (p.positional.filter((path) => path === "-").length > 1)
    throw new UsageError("- (stdin) may be given once", p.command);
  let run: Awaited<ReturnType<typeof projectRun>>;
  try {
    run = await projectRun(
      p.positional,
      { dataRoot: p.dataRoot, tzdata: io.tzdata, jobs },
      // A project run charts nothing: no daily totals kept.
      (path, options) => io.loadDocument(path, { ...options, dailyTotals: false }),
      io.runDocuments,
    );
  } catch (error) {
    if (error instanceof MrvValidationError)
      throw new ProjectError([...error.issues], documentLegend(p.positional, error.issues));
    throw error;
  }
  emit(
    io,
    format === "json"
      ? (write: (piece: string) => void) => writeJson(run.project, write)
      : (await text()).renderProjectText(run.project, run.sources),
    p.output,
  );
  return EXIT.ok;
}

/** `report`, and `calculate --format md|html`: the report written as it is made. */
async function commandReport(
  p: Parsed,
  io: CliIo,
  format = expectFormat(p.format, ["html", "md"], "html", p.command) as "html" | "md",
): Promise<number> {
  const produce = await withDocument(
    io,
    p,
    (d, options) => reportForWriting(d, { ...options, registry, format }, io.checkMemory),
    true,
  );
  emit(io, produce, p.output);
  return EXIT.ok;
}

async function commandVerify(p: Parsed, io: CliIo): Promise<number> {
  const format = expectFormat(p.format, ["text", "json", "xlsx"], "text", p.command);
  if (format === "xlsx") {
    const v = await withDocument(io, p, (d, options) => verify(d, options));
    await (await workbooks()).emitResultWorkbook(io, v, p.output);
    return v.ok ? EXIT.ok : EXIT.mismatch;
  }
  // The result's parameters and trace made while written (JSON) or never (text: the checks only).
  const v = await withDocument(io, p, (d, options) => verifyForWriting(d, { ...options, registry }, io.checkMemory));
  emit(
    io,
    format === "json" ? (write: (piece: string) => void) => writeJson(v, write) : (await text()).renderVerification(v),
    p.output,
  );
  return v.ok ? EXIT.ok : EXIT.mismatch;
}

async function commandList(p: Parsed, io: CliIo): Promise<number> {
  const format = expectFormat(p.format, ["text", "json"], "text", p.command);
  if (p.positional.length > 0) throw new UsageError("list takes no arguments", p.command);
  const all = registry.list();
  const families = [...new Set(all.map((m) => m.family))].sort();
  if (p.family !== undefined && !families.includes(p.family))
    throw new UsageError(`--family must be one of ${families.join(", ")} (got ${JSON.stringify(p.family)})`, p.command);
  // Approved modules first, then drafts; by id within each. Each summary has the fields of architecture §6.
  const list = all
    .filter((m) => p.family === undefined || m.family === p.family)
    .sort((a, b) => (a.status === b.status ? a.id.localeCompare(b.id) : a.status === "approved" ? -1 : 1));
  if (format === "json") io.stdout(jsonText(list));
  else
    io.stdout(
      `${(await text()).table(
        ["id", "version", "status", "host", "basis", "title"],
        list.map((m) => [m.id, m.version, m.status === "draft" ? "DRAFT" : m.status, m.hostCountry, m.basis, m.title]),
      )}\n`,
    );
  return EXIT.ok;
}

function commandSchema(p: Parsed, io: CliIo): number {
  expectFormat(p.format, ["json"], "json", p.command);
  const id = onePath(p, "methodology id");
  const module = registry.get(id, p.version);
  emit(io, jsonText(toJsonSchema(module)), p.output);
  return EXIT.ok;
}

const COMMANDS: Record<string, (p: Parsed, io: CliIo) => number | Promise<number>> = {
  calculate: commandCalculate,
  verify: commandVerify,
  report: commandReport,
  list: commandList,
  schema: commandSchema,
  template: async (p, io) => (await workbooks()).commandTemplate(p, io),
};

/** Runs the CLI; resolves to the exit code (architecture §6). Never rejects. */
export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  let json = false;
  try {
    const line = parseCommandLine(argv);
    if (line.kind === "version") {
      io.stdout(`${ENGINE_VERSION}\n`);
      return EXIT.ok;
    }
    if (line.kind === "help") {
      const text = line.command === undefined ? globalHelp() : commandHelp(line.command);
      if (line.exitCode === 0) io.stdout(text);
      else io.stderr(text);
      return line.exitCode;
    }
    const p = line.parsed;
    json = p.format === "json";
    return await COMMANDS[p.command]!(p, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`jcm-mrv: ${escapeForDisplay(error.message)}\n${usageHint(error.command)}`);
      return EXIT.invalid;
    }
    if (error instanceof OutputError) {
      io.stderr(`jcm-mrv: ${escapeForDisplay(error.message)}\n`);
      if (json)
        io.stdout(
          jsonText({
            error: { issues: [{ path: "", code: "unwritable-output", message: error.message, found: error.path }] },
          }),
        );
      return EXIT.output;
    }
    if (error instanceof MrvValidationError) {
      printIssues(io, error.issues, json, error instanceof ProjectError ? error.legend : "");
      return EXIT.invalid;
    }
    if (error instanceof MrvError && error.code === "missing-dependency") {
      io.stderr(`jcm-mrv: ${error.message}\n`);
      return EXIT.invalid;
    }
    const message = error instanceof MrvError || error instanceof Error ? error.message : String(error);
    io.stderr(`jcm-mrv: internal error (a bug; please report it with the document): ${escapeForDisplay(message)}\n`);
    return EXIT.internal;
  }
}
