import type { CalculationResult } from "../calculate.js";
import { formatIssue, type Issue, MrvError, MrvValidationError } from "../core/errors.js";
import { calculate, registry, renderReport, toJsonSchema, verify } from "../entries/index.js";
import { renderText, table } from "../report/text.js";
import type { Verification } from "../verify.js";

/** Everything the CLI touches outside itself, so tests can run it in-process. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Reads a monitoring document (and the CSV files it points to): JSON text or loaded data. */
  loadDocument(path: string): Promise<unknown>;
  writeFile(path: string, text: string): void;
  /** Writes a binary file (workbooks); without it, node:fs. */
  writeBytes?(path: string, bytes: Uint8Array): void;
}

export const EXIT = Object.freeze({ ok: 0, mismatch: 1, invalid: 2, internal: 3 });

const HELP = `Usage: jcm-mrv <command> [options]

Commands:
  calculate <doc.json> [--format text|json|md|html|xlsx] [-o file]   compute one monitoring document
  report <doc.json> -o report.html [--format html|md]   self-contained calculation report with charts
  verify <doc.json> [--format text|json|xlsx]           recompute and compare with the document's reported figures
  list [--format text|json]                             list the bundled methodology modules
  schema <id> [--version v]                             JSON Schema of a module's monitoring document
  template <id> [--version v] -o sheet.xlsx             monitoring workbook to fill in (Project sheet, Table 1)

A document may be a workbook (.xlsx, from template); --format xlsx writes the result as one (-o file).

Exit codes: 0 ok (verify: all figures match) · 1 verify found discrepancies · 2 invalid input (document, file, command or flag) · 3 internal error (a bug)
`;

export class UsageError extends Error {}

interface Parsed {
  command: string | undefined;
  positional: string[];
  format: string | undefined;
  output: string | undefined;
  version: string | undefined;
  help: boolean;
}

function parseArgs(argv: readonly string[]): Parsed {
  const parsed: Parsed = {
    command: undefined,
    positional: [],
    format: undefined,
    output: undefined,
    version: undefined,
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

/** Runs a verb on a document file, or on a workbook's document (issues naming cells, results recording it). */
async function withDocument<T>(io: CliIo, path: string, use: (document: unknown) => T): Promise<T> {
  if (!/\.xlsx$/i.test(path)) return use(await readDocument(io, path));
  const wb = await workbooks();
  return wb.onWorkbook(await wb.loadWorkbook(path), io, use);
}

async function readDocument(io: CliIo, path: string): Promise<unknown> {
  try {
    return await io.loadDocument(path);
  } catch (error) {
    if (error instanceof MrvValidationError) throw error;
    const code = (error as { code?: string }).code;
    throw new MrvValidationError([
      { path: "", code: "unreadable-file", message: `cannot read ${path}${code ? ` (${code})` : ""}`, found: path },
    ]);
  }
}

function emit(io: CliIo, text: string, output: string | undefined): void {
  if (output === undefined) {
    io.stdout(text);
    return;
  }
  try {
    io.writeFile(output, text);
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

function printIssues(io: CliIo, issues: readonly Issue[], json: boolean): void {
  io.stderr(
    `jcm-mrv: invalid input (${issues.length} problem${issues.length === 1 ? "" : "s"})\n${issues.map((i) => `  - ${formatIssue(i)}`).join("\n")}\n`,
  );
  if (json) io.stdout(`${JSON.stringify({ error: { issues } }, null, 2)}\n`);
}

async function commandCalculate(p: Parsed, io: CliIo): Promise<number> {
  const format = expectFormat(p.format, ["text", "json", "md", "html", "xlsx"], "text");
  const path = onePath(p, "document path");
  if (format === "md" || format === "html") {
    emit(io, await withDocument(io, path, (d) => renderReport(d, { format })), p.output);
    return EXIT.ok;
  }
  const result: CalculationResult = await withDocument(io, path, (d) => calculate(d));
  if (format === "xlsx") await (await workbooks()).emitResultWorkbook(io, result, p.output);
  else emit(io, format === "json" ? `${JSON.stringify(result, null, 2)}\n` : renderText(result), p.output);
  return EXIT.ok;
}

async function commandReport(p: Parsed, io: CliIo): Promise<number> {
  const format = expectFormat(p.format, ["html", "md"], "html") as "html" | "md";
  emit(io, await withDocument(io, onePath(p, "document path"), (d) => renderReport(d, { format })), p.output);
  return EXIT.ok;
}

/** The verification table a verifier can paste into a report. */
export function renderVerification(v: Verification): string {
  const m = v.result.methodology;
  const lines = [
    `Verification of ${m.id} ${m.version}${m.status === "draft" ? " (DRAFT methodology)" : ""} — ${v.result.project?.reference ?? "project"} — period ${v.result.period.start} … ${v.result.period.end}`,
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
    v.ok
      ? `All ${v.checks.length} reported figures match.`
      : `${v.checks.filter((c) => c.status === "mismatch").length} of ${v.checks.length} reported figures do not match.`,
    "Matching rule: the recomputed value rounded half away from zero to the decimal places reported; ER_p exactly, after flooring.",
    `Input digest: ${v.result.inputDigest} · ${v.result.engine.name} ${v.result.engine.version}`,
  ];
  return `${lines.join("\n")}\n`;
}

async function commandVerify(p: Parsed, io: CliIo): Promise<number> {
  const format = expectFormat(p.format, ["text", "json", "xlsx"], "text");
  const v = await withDocument(io, onePath(p, "document path"), (d) => verify(d));
  if (format === "xlsx") await (await workbooks()).emitResultWorkbook(io, v, p.output);
  else emit(io, format === "json" ? `${JSON.stringify(v, null, 2)}\n` : renderVerification(v), p.output);
  return v.ok ? EXIT.ok : EXIT.mismatch;
}

function commandList(p: Parsed, io: CliIo): number {
  const format = expectFormat(p.format, ["text", "json"], "text");
  if (p.positional.length > 0) throw new UsageError("list takes no arguments");
  // Approved modules first, then drafts; by id within each.
  const ordered = registry
    .list()
    .sort((a, b) => (a.status === b.status ? a.id.localeCompare(b.id) : a.status === "approved" ? -1 : 1));
  const list = ordered.map((m) => ({
    id: m.id,
    version: m.version,
    title: m.title,
    status: m.status,
    hostCountry: m.hostCountry,
    sectoralScope: m.sectoralScope,
  }));
  if (format === "json") io.stdout(`${JSON.stringify(list, null, 2)}\n`);
  else
    io.stdout(
      `${table(
        ["id", "version", "status", "host", "title"],
        list.map((m) => [m.id, m.version, m.status === "draft" ? "DRAFT" : m.status, m.hostCountry, m.title]),
      )}\n`,
    );
  return EXIT.ok;
}

function commandSchema(p: Parsed, io: CliIo): number {
  expectFormat(p.format, ["json"], "json");
  const id = onePath(p, "methodology id");
  const module = registry.get(id, p.version);
  emit(io, `${JSON.stringify(toJsonSchema(module), null, 2)}\n`, p.output);
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
      io.stderr(`jcm-mrv: ${error.message}\n\n${HELP}`);
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
    io.stderr(`jcm-mrv: internal error (a bug; please report it with the document): ${message}\n`);
    return EXIT.internal;
  }
}
