import { writeFileSync } from "node:fs";
import { readFile, realpath, stat } from "node:fs/promises";
import { basename, dirname, isAbsolute, relative, resolve, sep } from "node:path";
import type { CalculationResult } from "../calculate.js";
import { type Issue, MrvValidationError } from "../core/errors.js";
import { formatPath, type PathSegment } from "../core/path.js";
import type { SeriesHeader } from "../core/series.js";
import { parseDocument } from "../document/parse.js";
import { registry } from "../entries/index.js";
import { PRECOMPUTED_SERIES } from "../methodology/parameters/index.js";
import { reduceCsvSeries } from "../node/load.js";
import type { Verification } from "../verify.js";
import { locateIssues, readWorkbook, recordWorkbook } from "../xlsx/index.js";
import { WORKBOOK_LIMITS } from "../xlsx/limits.js";
import type { WorkbookRead } from "../xlsx/read.js";
import { resultWorkbook } from "../xlsx/result.js";
import { workbookTemplate } from "../xlsx/write.js";
import { type CliIo, EXIT, UsageError } from "./run.js";

/**
 * The CLI's workbook commands, loaded only when a command touches a workbook (`run.ts` imports this
 * file lazily), so every other command keeps its cold start: exceljs alone takes ~250 ms.
 */

export const isWorkbookPath = (path: string): boolean => /\.xlsx$/i.test(path);

function unreadable(path: string, error: unknown): MrvValidationError {
  const code = (error as { code?: string }).code;
  return new MrvValidationError([
    { path: "", code: "unreadable-file", message: `cannot read ${path}${code ? ` (${code})` : ""}`, found: path },
  ]);
}

/** Streams each CSV-backed series the workbook names, relative to the workbook's folder (trust.md §1). */
async function loadCsvSeries(path: string, read: WorkbookRead): Promise<void> {
  const document = read.document;
  const refs: { object: Record<string | symbol, unknown>; at: PathSegment[] }[] = [];
  for (const section of ["fixed", "monitored"] as const) {
    const values = document[section] as Record<string, unknown> | undefined;
    for (const [key, value] of Object.entries(values ?? {})) {
      const candidates: [unknown, PathSegment[]][] = Array.isArray(value)
        ? value.map((v, i) => [v, [section, key, i]])
        : [[value, [section, key]]];
      for (const [v, at] of candidates)
        if (typeof v === "object" && v !== null && typeof (v as Record<string, unknown>).csv === "string")
          refs.push({ object: v as Record<string | symbol, unknown>, at });
    }
  }
  if (refs.length === 0) return;
  const parsed = parseDocument(document);
  const root = await realpath(dirname(path));
  const issues: Issue[] = [];
  for (const ref of refs) {
    const name = ref.object.csv as string;
    const where = formatPath([...ref.at, "csv"]);
    const symbol = typeof ref.at[1] === "string" ? ref.at[1] : undefined;
    const problem = (code: string, message: string) =>
      issues.push({ path: where, code, message, ...(symbol && { symbol }), found: JSON.stringify(name.slice(0, 80)) });
    let file: string;
    try {
      file = await realpath(resolve(root, name));
    } catch (error) {
      problem("unreadable-file", `cannot read the readings file (${(error as { code?: string }).code ?? "error"})`);
      continue;
    }
    const inside = relative(root, file);
    if (inside === "" || inside === ".." || inside.startsWith(`..${sep}`) || isAbsolute(inside)) {
      problem("path-not-allowed", "the readings file lies outside the workbook's folder");
      continue;
    }
    if (!(await stat(file)).isFile()) {
      problem("not-a-regular-file", "the readings file is not a regular file");
      continue;
    }
    const header: SeriesHeader = {
      kind: ref.object.kind as SeriesHeader["kind"],
      unit: ref.object.unit as string,
      ...(typeof ref.object.interval === "string" && { interval: ref.object.interval }),
      ...(typeof ref.object.rolloverAt === "string" && { rolloverAt: ref.object.rolloverAt }),
      ...(Array.isArray(ref.object.replacements) && {
        replacements: ref.object.replacements as NonNullable<SeriesHeader["replacements"]>,
      }),
    };
    const reduced = await reduceCsvSeries(file, name, header, parsed.period);
    if ("problems" in reduced) {
      for (const { line, column, problem: p } of reduced.problems)
        issues.push({
          path: where,
          code: p.code,
          message: `${name.slice(0, 80)}, line ${line}, column ${column}: ${p.message}`,
          ...(symbol && { symbol }),
          ...(p.expected !== undefined && { expected: p.expected }),
          ...(p.found !== undefined && { found: p.found }),
        });
      continue;
    }
    ref.object.csv = `sha256:${reduced.precomputed.sha256}`;
    Object.defineProperty(ref.object, PRECOMPUTED_SERIES, { value: reduced.precomputed, enumerable: false });
  }
  if (issues.length > 0) throw new MrvValidationError(locateIssues(issues, read.cells));
}

/** Reads a workbook file (size checked before reading) and the CSV files its series name. */
export async function loadWorkbook(path: string): Promise<WorkbookRead> {
  let bytes: Uint8Array;
  try {
    const info = await stat(path);
    if (!info.isFile())
      throw new MrvValidationError([
        { path: "", code: "not-a-regular-file", message: `${path} is not a regular file`, found: path },
      ]);
    if (info.size > WORKBOOK_LIMITS.maxFileBytes)
      throw new MrvValidationError([
        {
          path: "",
          code: "file-too-large",
          message: `${path} is ${info.size} bytes`,
          expected: `at most ${WORKBOOK_LIMITS.maxFileBytes} bytes (64 MB)`,
          found: String(info.size),
        },
      ]);
    bytes = await readFile(path);
  } catch (error) {
    if (error instanceof MrvValidationError) throw error;
    throw unreadable(path, error);
  }
  const read = await readWorkbook(bytes, { file: basename(path) });
  await loadCsvSeries(path, read);
  return read;
}

/** Runs a verb on the workbook's document: issues name cells; results record the workbook. */
export function onWorkbook<T>(read: WorkbookRead, io: CliIo, use: (document: unknown) => T): T {
  let value: T;
  try {
    value = use(read.document);
  } catch (error) {
    if (error instanceof MrvValidationError) throw new MrvValidationError(locateIssues(error.issues, read.cells));
    throw error;
  }
  if (typeof value === "object" && value !== null && "checks" in value) {
    const v = value as unknown as Verification;
    return { ...v, result: recordWorkbook(v.result, read) } as T;
  }
  if (typeof value === "object" && value !== null && "inputDigest" in value)
    return recordWorkbook(value as unknown as CalculationResult, read) as T;
  // Text output (a report): the workbook's warnings go to stderr.
  for (const w of read.warnings) io.stderr(`jcm-mrv: warning: ${w.path}: ${w.message}\n`);
  return value;
}

function writeBytes(io: CliIo, output: string, bytes: Uint8Array): void {
  try {
    if (io.writeBytes) io.writeBytes(output, bytes);
    else writeFileSync(output, bytes);
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

/** `--format xlsx -o result.xlsx`: a result or verification as a workbook. */
export async function emitResultWorkbook(
  io: CliIo,
  value: CalculationResult | Verification,
  output: string | undefined,
): Promise<void> {
  if (output === undefined) throw new UsageError("--format xlsx writes a file: give -o result.xlsx");
  writeBytes(io, output, await resultWorkbook(value));
}

/** `jcm-mrv template <ID> [--version V] -o sheet.xlsx`. */
export async function commandTemplate(
  args: {
    positional: readonly string[];
    version?: string | undefined;
    output?: string | undefined;
    format?: string | undefined;
  },
  io: CliIo,
): Promise<number> {
  if (args.positional.length !== 1) throw new UsageError("template takes exactly one methodology id");
  if (args.format !== undefined && args.format !== "xlsx")
    throw new UsageError(`--format must be xlsx (got "${args.format}")`);
  if (args.output === undefined) throw new UsageError("template writes a workbook: give -o sheet.xlsx");
  const module = registry.get(args.positional[0]!, args.version);
  writeBytes(io, args.output, await workbookTemplate(module));
  io.stderr(`jcm-mrv: wrote ${args.output} (${module.id} ver ${module.version})\n`);
  return EXIT.ok;
}
