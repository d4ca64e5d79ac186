import type { CalculationResult } from "../calculate.js";
import { escapeForDisplay, escapeForDisplayKeepingLines } from "../core/display.js";
import { formatIssue, type Issue, MrvError, MrvValidationError } from "../core/errors.js";
import { calculate, registry, renderReport, toJsonSchema, verify } from "../entries/index.js";
import type { CsvFileContent } from "../methodology/csv-files.js";
import { isLoadedDocument } from "../node/load.js";
import { renderText, table } from "../report/text.js";
import type { Verification } from "../verify.js";

/** Everything the CLI touches outside itself, so tests can run it in-process. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /**
   * Reads a monitoring document and the CSV files it names (under `root`, default the document's
   * folder): JSON text or data, or a {@link LoadedDocument} with the files' contents.
   */
  loadDocument(path: string, options: { root?: string }): Promise<unknown>;
  writeFile(path: string, text: string): void;
  /** Writes pieces of one output file in order (large JSON results); without it they are joined for writeFile. */
  writeChunks?(path: string, chunks: Iterable<string>): void;
  /** Writes a binary file (workbooks); without it, node:fs. */
  writeBytes?(path: string, bytes: Uint8Array): void;
  /** Version of the runtime's time-zone database, recorded in named-zone results (`process.versions.tz`). */
  tzdata?: string | undefined;
}

/** The verbs' options the CLI passes: the time-zone database version when the runtime reports it. */
function verbOptions(io: CliIo): { tzdata?: string } {
  return io.tzdata === undefined ? {} : { tzdata: io.tzdata };
}

export const EXIT = Object.freeze({ ok: 0, mismatch: 1, invalid: 2, internal: 3 });

const HELP = `Usage: jcm-mrv <command> [options]

Commands:
  calculate <doc.json> [--format text|json|md|html|xlsx] [-o file]   compute one monitoring document
  report <doc.json> -o report.html [--format html|md]   self-contained calculation report with charts
  verify <doc.json> [--format text|json|xlsx]           recompute and compare with the document's reported figures
  list [--family <name>] [--format text|json]           list the bundled methodology modules (of one family)
  schema <id> [--version v]                             JSON Schema of a module's monitoring document
  template <id> [--version v] -o sheet.xlsx             monitoring workbook to fill in (Project sheet, Table 1)

A document may be a workbook (.xlsx, from template); --format xlsx writes the result as one (-o file).

Options of calculate, report and verify:
  --data-root DIR   the folder CSV paths in the document are relative to (default: the document's folder);
                    a CSV path must stay inside it (symbolic links followed)

Exit codes: 0 ok (verify: all figures match) · 1 verify found discrepancies · 2 invalid input (document, file, command or flag) · 3 internal error (a bug)
`;

export class UsageError extends Error {}

interface Parsed {
  command: string | undefined;
  positional: string[];
  format: string | undefined;
  output: string | undefined;
  version: string | undefined;
  dataRoot: string | undefined;
  family: string | undefined;
  help: boolean;
}

function parseArgs(argv: readonly string[]): Parsed {
  const parsed: Parsed = {
    command: undefined,
    positional: [],
    format: undefined,
    output: undefined,
    version: undefined,
    dataRoot: undefined,
    family: undefined,
    help: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] =
      arg.startsWith("--") && arg.includes("=")
        ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)]
        : [arg, undefined];
    const value = () => {
      if (inline !== undefined) return inline;
      const next = argv[++i];
      if (next === undefined) throw new UsageError(`${flag} needs a value`);
      return next;
    };
    if (flag === "--help" || flag === "-h") parsed.help = true;
    else if (flag === "--format" || flag === "-f") parsed.format = value();
    else if (flag === "--output" || flag === "-o") parsed.output = value();
    else if (flag === "--version") parsed.version = value();
    else if (flag === "--data-root") parsed.dataRoot = value();
    else if (flag === "--family") parsed.family = value();
    else if (flag.startsWith("-") && flag !== "-") throw new UsageError(`unknown option ${flag}`);
    else if (parsed.command === undefined) parsed.command = arg;
    else parsed.positional.push(arg);
  }
  return parsed;
}

function expectFormat(format: string | undefined, allowed: readonly string[], fallback: string): string {
  const f = format ?? fallback;
  if (!allowed.includes(f)) throw new UsageError(`--format must be one of ${allowed.join(", ")} (got "${f}")`);
  return f;
}

function onePath(p: Parsed, what: string): string {
  if (p.positional.length !== 1) throw new UsageError(`${p.command} takes exactly one ${what}`);
  return p.positional[0]!;
}

/** Loaded only for workbooks: the other commands keep their cold start (architecture §6). */
const workbooks = () => import("./workbook.js");

/** What the CLI gives every verb: the loaded CSV files and the time-zone database version. */
type VerbOptions = { files?: Readonly<Record<string, CsvFileContent>>; tzdata?: string };

/**
 * Runs a verb on the command's document: a JSON document with the CSV files it names, or a workbook's
 * document (issues naming cells, results recording the workbook).
 */
async function withDocument<T>(io: CliIo, p: Parsed, use: (document: unknown, options: VerbOptions) => T): Promise<T> {
  const path = onePath(p, "document path");
  if (/\.xlsx$/i.test(path)) {
    const wb = await workbooks();
    const loaded = await wb.loadWorkbook(path, p.dataRoot);
    return wb.onWorkbook(loaded, io, (document, files) => use(document, { files, ...verbOptions(io) }));
  }
  const { document, options } = await readDocument(io, p);
  return use(document, { ...options, ...verbOptions(io) });
}

/** The document and the contents of the CSV files it names, ready for the verbs. */
async function readDocument(
  io: CliIo,
  p: Parsed,
): Promise<{ document: unknown; options: { files?: Readonly<Record<string, CsvFileContent>> } }> {
  const path = onePath(p, "document path");
  try {
    const loaded = await io.loadDocument(path, p.dataRoot === undefined ? {} : { root: p.dataRoot });
    return isLoadedDocument(loaded)
      ? { document: loaded.document, options: { files: loaded.files } }
      : { document: loaded, options: {} };
  } catch (error) {
    if (error instanceof MrvValidationError) throw error;
    const code = (error as { code?: string }).code;
    throw new MrvValidationError([
      { path: "", code: "unreadable-file", message: `cannot read ${path}${code ? ` (${code})` : ""}`, found: path },
    ]);
  }
}

function emit(io: CliIo, content: string | Iterable<string>, output: string | undefined): void {
  if (output === undefined) {
    if (typeof content === "string") io.stdout(content);
    else for (const piece of batched(content)) io.stdout(piece);
    return;
  }
  try {
    if (typeof content === "string") io.writeFile(output, content);
    else if (io.writeChunks) io.writeChunks(output, batched(content));
    else io.writeFile(output, [...content].join(""));
  } catch (error) {
    const code = (error as { code?: string }).code;
    throw new MrvValidationError([
      {
        path: "",
        code: "unwritable-output",
        message: `cannot write ${output}${code ? ` (${code})` : ""}`,
        found: output,
      },
    ]);
  }
}

/** Small pieces gathered into writes of about 64 KiB: one system call per piece would dominate. */
function* batched(pieces: Iterable<string>): Generator<string> {
  let buffer: string[] = [];
  let size = 0;
  for (const piece of pieces) {
    buffer.push(piece);
    size += piece.length;
    if (size >= 65_536) {
      yield buffer.join("");
      buffer = [];
      size = 0;
    }
  }
  if (size > 0) yield buffer.join("");
}

/**
 * JSON for stdout: the same data, with bidi, invisible and C1 characters written as `\u` escapes
 * too (JSON.stringify escapes only C0 controls), so a terminal shows the JSON as it is.
 */
export function jsonText(value: unknown): string {
  return [...jsonChunks(value)].join("");
}

/**
 * {@link jsonText} in pieces: the text of `JSON.stringify(value, null, 2)`, one top-level member or
 * one element of a top-level array at a time, so that a result with 400,000 trace steps is never one
 * string (and its escaped copy) in memory at once (trust.md §3: memory follows the input).
 */
export function* jsonChunks(value: unknown): Generator<string> {
  const escaped = (text: string, indent: string) => escapeForDisplayKeepingLines(text.replace(/\n/g, `\n${indent}`));
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    yield `${escaped(JSON.stringify(value, null, 2) ?? "null", "")}\n`;
    return;
  }
  const entries = Object.entries(value).filter(([, v]) => JSON.stringify(v) !== undefined);
  if (entries.length === 0) {
    yield "{}\n";
    return;
  }
  yield "{\n";
  for (let i = 0; i < entries.length; i++) {
    const [key, member] = entries[i]!;
    const comma = i < entries.length - 1 ? "," : "";
    yield `  ${escaped(JSON.stringify(key), "")}: `;
    if (Array.isArray(member) && member.length > 0) {
      yield "[\n";
      for (let j = 0; j < member.length; j++) {
        yield `    ${escaped(JSON.stringify(member[j], null, 2) ?? "null", "    ")}${j < member.length - 1 ? "," : ""}\n`;
      }
      yield `  ]${comma}\n`;
    } else yield `${escaped(JSON.stringify(member, null, 2), "  ")}${comma}\n`;
  }
  yield "}\n";
}

/**
 * The issues on stderr, one escaped line each (formatIssue). The list is already capped at 1,000
 * issues and a count (trust.md §3), and written line by line, so no list is too large to print.
 */
function printIssues(io: CliIo, issues: readonly Issue[], json: boolean): void {
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
  if (json) io.stdout(jsonText({ error: { issues } }));
}

async function commandCalculate(p: Parsed, io: CliIo): Promise<number> {
  const format = expectFormat(p.format, ["text", "json", "md", "html", "xlsx"], "text");
  if (format === "md" || format === "html") {
    emit(io, await withDocument(io, p, (d, options) => renderReport(d, { ...options, format })), p.output);
    return EXIT.ok;
  }
  const result: CalculationResult = await withDocument(io, p, (d, options) => calculate(d, options));
  if (format === "xlsx") await (await workbooks()).emitResultWorkbook(io, result, p.output);
  else emit(io, format === "json" ? jsonChunks(result) : renderText(result), p.output);
  return EXIT.ok;
}

async function commandReport(p: Parsed, io: CliIo): Promise<number> {
  const format = expectFormat(p.format, ["html", "md"], "html") as "html" | "md";
  emit(io, await withDocument(io, p, (d, options) => renderReport(d, { ...options, format })), p.output);
  return EXIT.ok;
}

/**
 * The verification table a verifier can paste into a report. Every string from the document is
 * escaped (trust.md §4), and the verdict — decided by the numbers alone — is the last line, after
 * every input string, so nothing a document writes can stand in for it or hide it.
 */
export function renderVerification(v: Verification): string {
  const m = v.result.methodology;
  const mismatches = v.checks.filter((c) => c.status === "mismatch").length;
  const lines = [
    escapeForDisplay(
      `Verification of ${m.id} ${m.version}${m.status === "draft" ? " (DRAFT methodology)" : ""} — ${v.result.project?.reference ?? "project"} — period ${v.result.period.start} … ${v.result.period.end}`,
    ),
    "",
    table(
      ["symbol", "reported", "recomputed", "status", "difference (reported − recomputed)"],
      v.checks.map((c) => [
        c.symbol,
        c.reported,
        c.recomputed,
        c.status === "match" ? "match" : "MISMATCH",
        c.difference,
      ]),
    ),
    "",
    "Matching rule: the recomputed value rounded half away from zero to the decimal places reported; ER_p exactly, after flooring.",
    `Input digest: ${v.result.inputDigest} · ${v.result.engine.name} ${v.result.engine.version}`,
    mismatches === 0
      ? `All ${v.checks.length} reported figures match.`
      : `${mismatches} of ${v.checks.length} reported figures do not match.`,
  ];
  return `${lines.join("\n")}\n`;
}

async function commandVerify(p: Parsed, io: CliIo): Promise<number> {
  const format = expectFormat(p.format, ["text", "json", "xlsx"], "text");
  const v = await withDocument(io, p, (d, options) => verify(d, options));
  if (format === "xlsx") await (await workbooks()).emitResultWorkbook(io, v, p.output);
  else emit(io, format === "json" ? jsonChunks(v) : renderVerification(v), p.output);
  return v.ok ? EXIT.ok : EXIT.mismatch;
}

function commandList(p: Parsed, io: CliIo): number {
  const format = expectFormat(p.format, ["text", "json"], "text");
  if (p.positional.length > 0) throw new UsageError("list takes no arguments");
  const all = registry.list();
  const families = [...new Set(all.map((m) => m.family))].sort();
  if (p.family !== undefined && !families.includes(p.family))
    throw new UsageError(`--family must be one of ${families.join(", ")} (got "${p.family}")`);
  // Approved modules first, then drafts; by id within each. Each summary has the fields of architecture §6.
  const list = all
    .filter((m) => p.family === undefined || m.family === p.family)
    .sort((a, b) => (a.status === b.status ? a.id.localeCompare(b.id) : a.status === "approved" ? -1 : 1));
  if (format === "json") io.stdout(jsonText(list));
  else
    io.stdout(
      `${table(
        ["id", "version", "status", "host", "basis", "title"],
        list.map((m) => [m.id, m.version, m.status === "draft" ? "DRAFT" : m.status, m.hostCountry, m.basis, m.title]),
      )}\n`,
    );
  return EXIT.ok;
}

function commandSchema(p: Parsed, io: CliIo): number {
  expectFormat(p.format, ["json"], "json");
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
    const p = parseArgs(argv);
    json = p.format === "json";
    if (p.help || p.command === undefined || p.command === "help") {
      io.stdout(HELP);
      return p.command === undefined && !p.help ? EXIT.invalid : EXIT.ok;
    }
    const command = COMMANDS[p.command];
    if (!command) throw new UsageError(`unknown command "${p.command}"`);
    return await command(p, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`jcm-mrv: ${escapeForDisplay(error.message)}\n\n${HELP}`);
      return EXIT.invalid;
    }
    if (error instanceof MrvValidationError) {
      printIssues(io, error.issues, json);
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
