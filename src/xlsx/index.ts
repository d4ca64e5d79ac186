import { registry as bundled } from "../../methodologies/index.js";
import { calculate } from "../api/calculate.js";
import type { CalculateOptions } from "../api/options.js";
import { verify } from "../api/verify.js";
import type { CalculationResult } from "../calculate.js";
import { MrvValidationError } from "../core/errors.js";
import { parseMonitoringDocument } from "../document/parse.js";
import type { Warning } from "../methodology/types.js";
import type { Verification } from "../verify.js";
import {
  locateIssues,
  type ReadWorkbookOptions,
  readWorkbookWith,
  type WorkbookRead,
  type WorkbookSource,
} from "./read.js";
import { type WorkbookModuleOptions, writeWorkbookFor } from "./write.js";

/** A result computed from a workbook: it records the workbook it came from. */
export type WorkbookCalculation = CalculationResult & { source: WorkbookSource };
/** A verification computed from a workbook: its `result` records the workbook. */
export type WorkbookVerification = Omit<Verification, "result"> & { result: WorkbookCalculation };

/** Options of {@link calculateWorkbook} and {@link verifyWorkbook}: those of reading and of calculating. */
export type WorkbookCalculateOptions = ReadWorkbookOptions & Omit<CalculateOptions, "module" | "registry">;

/**
 * Reads an .xlsx monitoring workbook (bytes) into a plain monitoring document that `calculate`,
 * `verify` and `renderReport` take. Limits (trust.md §1) are checked first: 64 MB on disk, 256 MB
 * decompressed (while inflating: a zip bomb stops early), 100 sheets, 1,000,000 non-empty cells.
 *
 * A value stored as text is read as text; a value Excel stored as a number is read as the shortest
 * decimal of that double (`String(n)`) with a warning naming the cell; a formula is an error. The
 * methodology is looked up in `options.registry` (default: the bundled registry).
 *
 * @throws {MrvValidationError} every problem at once, each `path` a cell such as `Table 1!E7`.
 */
export function readWorkbook(
  bytes: Uint8Array | ArrayBuffer,
  options: ReadWorkbookOptions = {},
): Promise<WorkbookRead> {
  return readWorkbookWith(bytes, { ...options, registry: options.registry ?? bundled });
}

/**
 * A monitoring document written as a workbook (the template's layout, filled in). Reading it back
 * gives a document with the same figures. Inline series of readings cannot be written: keep them in
 * CSV files that the series name.
 *
 * @throws {MrvValidationError} for an invalid envelope or anything a workbook cannot hold.
 */
export async function writeWorkbook(document: unknown, options: WorkbookModuleOptions = {}): Promise<Uint8Array> {
  if (options.module) return writeWorkbookFor(options.module, document);
  const { methodology } = parseMonitoringDocument(document);
  return writeWorkbookFor((options.registry ?? bundled).get(methodology.id, methodology.version), document);
}

/** The result with the workbook recorded: `source`, and the workbook's warnings first. */
export function recordWorkbook(
  result: CalculationResult,
  read: Pick<WorkbookRead, "source" | "warnings">,
): WorkbookCalculation {
  const warnings: Warning[] = [...read.warnings.map((w) => ({ ...w })), ...result.warnings];
  return { ...result, warnings, source: { ...read.source } };
}

function located<T>(read: WorkbookRead, run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof MrvValidationError) throw new MrvValidationError(locateIssues(error.issues, read.cells));
    throw error;
  }
}

/**
 * Reads a workbook and calculates it. The result records the workbook (`source: { file, sha256 }`);
 * its `inputDigest` is that of the document the workbook became. Issues name cells.
 */
export async function calculateWorkbook(
  bytes: Uint8Array | ArrayBuffer,
  options: WorkbookCalculateOptions = {},
): Promise<WorkbookCalculation> {
  const read = await readWorkbook(bytes, options);
  const { file: _file, module, registry, ...rest } = options;
  const result = located(read, () =>
    calculate(read.document, { ...rest, ...(module ? { module } : { registry: registry ?? bundled }) }),
  );
  return recordWorkbook(result, read);
}

/** Reads a workbook and verifies its reported figures (the project table's `reported.*` rows). */
export async function verifyWorkbook(
  bytes: Uint8Array | ArrayBuffer,
  options: WorkbookCalculateOptions = {},
): Promise<WorkbookVerification> {
  const read = await readWorkbook(bytes, options);
  const { file: _file, module, registry, ...rest } = options;
  const v = located(read, () =>
    verify(read.document, { ...rest, ...(module ? { module } : { registry: registry ?? bundled }) }),
  );
  return { ...v, result: recordWorkbook(v.result, read) };
}

export { csvPathProblem, locateIssues } from "./read.js";
