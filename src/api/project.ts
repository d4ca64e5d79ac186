import { guard } from "../calculate.js";
import { parseDocument } from "../document/parse.js";
import type { Registry } from "../methodology/registry.js";
import { type ProjectCalculation, projectCalculation } from "../project.js";
import { type CalculateOptions, moduleFor } from "./options.js";
import { type SafeResult, safely } from "./safe.js";
import { registryOrOptions } from "./verify.js";

/**
 * Several monitoring periods of one project and methodology: one result per period (in period
 * order) and totals. Periods must not overlap; the credited total is the sum of each period's
 * floored ER (jcm-rules §2), shown beside the unrounded sum.
 *
 * @throws {MrvValidationError} naming the document (`documents[2].period`) of every problem.
 */
export function calculateProject(documents: readonly unknown[], options?: CalculateOptions): ProjectCalculation;
/** @deprecated Use `calculateProject(documents, { registry })`; this form goes in the next minor version. */
export function calculateProject(documents: readonly unknown[], registry: Registry): ProjectCalculation;
export function calculateProject(
  documents: readonly unknown[],
  options?: CalculateOptions | Registry,
): ProjectCalculation {
  const resolved = registryOrOptions(options);
  return guard(() =>
    projectCalculation(
      documents,
      (first) => moduleFor(first, resolved),
      (document) => parseDocument(document, resolved),
      resolved,
    ),
  );
}

/** Like {@link calculateProject}, but never throws. */
export function safeCalculateProject(
  documents: readonly unknown[],
  options?: CalculateOptions,
): SafeResult<ProjectCalculation> {
  return safely(() => calculateProject(documents, options));
}
