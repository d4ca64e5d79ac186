import { writeFileSync } from "node:fs";
import { basename, dirname, resolve } from "node:path";
import type { CalculationResult, DetailedCalculation } from "../calculate.js";
import { MrvValidationError } from "../core/errors.js";
import { registry } from "../entries/index.js";
import type { CsvFileContent } from "../methodology/csv-files.js";
import { loadCsvFiles, readNamedFile } from "../node/load.js";
import type { Verification } from "../verify.js";
import { locateIssues, readWorkbook, recordWorkbook } from "../xlsx/index.js";
import { WORKBOOK_LIMITS } from "../xlsx/limits.js";
import type { WorkbookRead } from "../xlsx/read.js";
import { resultWorkbook } from "../xlsx/result.js";
import { workbookTemplate } from "../xlsx/write.js";
import { type CliIo, EXIT, OutputError, UsageError } from "./run.js";

/**
 * The CLI's workbook commands, loaded only when a command touches a workbook (`run.ts` imports this
 * file lazily), so every other command keeps its cold start: exceljs alone takes ~250 ms.
 */

export const isWorkbookPath = (path: string): boolean => /\.xlsx$/i.test(path);

/** Reads a workbook file (size checked before reading) and the CSV files its series name. */
export interface LoadedWorkbook {
  read: WorkbookRead;
  /** Contents of the CSV files its series name, read under the data root (trust.md §1). */
  files: Readonly<Record<string, CsvFileContent>>;
}

export async function loadWorkbook(path: string, dataRoot?: string): Promise<LoadedWorkbook> {
  // The same open as a document's: a regular file (a FIFO is refused, not waited on), size checked first.
  const bytes = await readNamedFile(path, WORKBOOK_LIMITS.maxFileBytes, "workbook");
  const read = await readWorkbook(bytes, { file: basename(path) });
  // The same loader as JSON documents: path rules, real path inside the root, regular files, streamed.
  try {
    const { files } = await loadCsvFiles(read.document, { root: dataRoot ?? dirname(resolve(path)) });
    return { read, files };
  } catch (error) {
    throw inCells(read, error);
  }
}

/** An error about a workbook's document, its validation issues located in the workbook's cells. */
function inCells(read: WorkbookRead, error: unknown): unknown {
  return error instanceof MrvValidationError ? new MrvValidationError(locateIssues(error.issues, read.cells)) : error;
}

/** Runs a verb on the workbook's document: issues name cells; results record the workbook. */
export function onWorkbook<T>(
  { read, files }: LoadedWorkbook,
  io: CliIo,
  use: (document: unknown, files: Readonly<Record<string, CsvFileContent>>) => T,
): T {
  let value: T;
  try {
    value = use(read.document, files);
  } catch (error) {
    throw inCells(read, error);
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

/**
 * A workbook's document calculated by `use` (a project run needs the exact figures too): issues name
 * cells; the result records the workbook.
 */
export function calculateWorkbook(
  { read, files }: LoadedWorkbook,
  use: (document: unknown, files: Readonly<Record<string, CsvFileContent>>) => DetailedCalculation,
): DetailedCalculation {
  let detailed: DetailedCalculation;
  try {
    detailed = use(read.document, files);
  } catch (error) {
    throw inCells(read, error);
  }
  return { ...detailed, result: recordWorkbook(detailed.result, read) };
}

function writeBytes(io: CliIo, output: string, bytes: Uint8Array): void {
  try {
    if (io.writeBytes) io.writeBytes(output, bytes);
    else writeFileSync(output, bytes);
  } catch (error) {
    throw new OutputError(output, error);
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
  if (args.positional.length !== 1) throw new UsageError("template takes exactly one methodology id", "template");
  if (args.format !== undefined && args.format !== "xlsx")
    throw new UsageError(`--format must be xlsx (got ${JSON.stringify(args.format)})`, "template");
  if (args.output === undefined) throw new UsageError("template writes a workbook: give -o sheet.xlsx", "template");
  const module = registry.get(args.positional[0]!, args.version);
  writeBytes(io, args.output, await workbookTemplate(module));
  io.stderr(`jcm-mrv: wrote ${args.output} (${module.id} ver ${module.version})\n`);
  return EXIT.ok;
}
