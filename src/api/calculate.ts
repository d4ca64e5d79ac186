import {
  type CalculationResult,
  type Checkpoint,
  calculateParsed,
  calculateParsedForWriting,
  type DetailedCalculation,
  guard,
  type StreamedCalculationResult,
} from "../calculate.js";
import { invalidOptions, MrvValidationError } from "../core/errors.js";
import { parseDocument } from "../document/parse.js";
import type { AnyMethodology } from "../methodology/types.js";
import { type CalculateOptions, isMethodology, isRegistry, moduleFor } from "./options.js";
import { type SafeResult, safely } from "./safe.js";

/** Parses, picks the module and calculates, keeping what reports and verify need. */
export function calculateDetailed(document: unknown, options: CalculateOptions): DetailedCalculation {
  return guard(() => {
    const parsed = parseDocument(document, options);
    return calculateParsed(moduleFor(parsed, options), parsed, options);
  });
}

/**
 * Internal (the CLI's `--format json`): {@link calculate}'s result with `parameters` and `trace`
 * made while they are written, so a result of 100,000 boilers never exists whole. `checkpoint` is
 * called between the calculation's phases (the CLI checks its memory there).
 */
export function calculateForWriting(
  document: unknown,
  options: CalculateOptions,
  checkpoint?: Checkpoint,
): StreamedCalculationResult {
  return guard(() => {
    const parsed = parseDocument(document, options);
    return calculateParsedForWriting(moduleFor(parsed, options), parsed, options, checkpoint);
  });
}

/** The deprecated `calculate(module, document)` form told apart from `calculate(document, options)`. */
export function calculateArguments(first: unknown, second: unknown): [unknown, CalculateOptions] {
  if (isMethodology(first)) return [second, { module: first }];
  return [first, optionsOf(second)];
}

/**
 * Options as given, or none, read once into a plain object (a getter or Proxy is not asked twice)
 * and checked: anything but an options object, or a `module`, `registry` or `tzdata` of the wrong
 * kind, is the caller's mistake (`invalid-options`), never an internal error.
 */
export function optionsOf(value: unknown): CalculateOptions {
  if (value === undefined) return {};
  let options: Record<string, unknown>;
  try {
    if (typeof value !== "object" || value === null || Array.isArray(value))
      throw invalidOptions(
        "the last argument must be an options object",
        "{ module?, registry?, files?, tzdata?, sha256? }",
        Array.isArray(value) ? "an array" : value === null ? "null" : typeof value,
      );
    options = { ...value };
  } catch (error) {
    if (error instanceof MrvValidationError) throw error;
    throw invalidOptions(
      "the options object could not be read (a getter or Proxy threw)",
      "a plain options object",
      "an object that throws",
    );
  }
  if (options.module !== undefined && !isMethodology(options.module))
    throw invalidOptions(
      "options.module must be a methodology module (e.g. an import from 'jcm-mrv/methodologies/…', or defineMethodology)",
      "a methodology module",
      kindOf(options.module),
    );
  if (options.registry !== undefined && !isRegistry(options.registry))
    throw invalidOptions(
      "options.registry must be a registry (createRegistry, or 'registry' from 'jcm-mrv')",
      "a registry",
      kindOf(options.registry),
    );
  if (options.tzdata !== undefined && typeof options.tzdata !== "string")
    throw invalidOptions(
      "options.tzdata is the version of the time-zone database, e.g. process.versions.tz",
      'a string such as "2025b"',
      kindOf(options.tzdata),
    );
  return options as CalculateOptions;
}

function kindOf(value: unknown): string {
  return Array.isArray(value) ? "an array" : value === null ? "null" : typeof value;
}

/**
 * Calculates one monitoring document (a JSON text or parsed JSON data): RE_p, PE_p, ER_p with the
 * trace, parameters, eligibility, warnings and input digest.
 *
 * The module is `options.module`, else the document's methodology looked up in `options.registry`
 * (in `jcm-mrv` the bundled registry is the default).
 *
 * @throws {MrvValidationError} listing every problem of the document at once.
 * @example
 * ```ts
 * import { calculate } from "jcm-mrv";
 * const result = calculate({
 *   methodology: { id: "JCM_MN_AM003", version: "02.0" },
 *   period: { start: "2019-01-01", end: "2019-12-31", timeZone: "+08:00" },
 *   fixed: { connection: "national-grid" },
 *   monitored: { "EG_i,p": [{ equipment: "PV-1", value: "14182", unit: "MWh" }] },
 * });
 * result.emissionReductions; // "11303"
 * ```
 */
export function calculate(document: unknown, options?: CalculateOptions): CalculationResult;
/** @deprecated Use `calculate(document, { module })`; this form goes in the next minor version. */
export function calculate(module: AnyMethodology, document: unknown): CalculationResult;
export function calculate(first: unknown, second?: unknown): CalculationResult {
  const [document, options] = calculateArguments(first, second);
  return calculateDetailed(document, options).result;
}

/**
 * Like {@link calculate}, but never throws: `{ success: true, data }` or `{ success: false, error }`
 * with `error.issues`.
 */
export function safeCalculate(document: unknown, options?: CalculateOptions): SafeResult<CalculationResult>;
/** @deprecated Use `safeCalculate(document, { module })`; this form goes in the next minor version. */
export function safeCalculate(module: AnyMethodology, document: unknown): SafeResult<CalculationResult>;
export function safeCalculate(first: unknown, second?: unknown): SafeResult<CalculationResult> {
  return safely(() => {
    const [document, options] = calculateArguments(first, second);
    return calculateDetailed(document, options).result;
  });
}
