/**
 * jcm-mrv: exact, traceable JCM emission-reduction calculations.
 * Everything from `jcm-mrv/core`, plus the bundled registry of every shipped methodology.
 */

export {
  draftBdUnfiredBrick,
  draftKhRiceHuskStirling,
  idAm002CentrifugalChiller,
  mnAm002HeatOnlyBoiler,
  mnAm003SolarPv,
  modules,
  registry,
} from "../../methodologies/index.js";
export * from "./core.js";

import { registry as bundled } from "../../methodologies/index.js";
import type { CalculationResult } from "../calculate.js";
import { calculateDocumentWith } from "../calculate.js";
import type { Registry } from "../methodology/registry.js";
import { calculateProjectWith, type ProjectCalculation } from "../project.js";
import { type ReportOptions, renderReportWith } from "../report/index.js";
import { type Verification, verifyWith } from "../verify.js";

/** Looks the document's methodology up (default: the bundled registry) and calculates. */
export function calculateDocument(document: unknown, registry: Registry = bundled): CalculationResult {
  return calculateDocumentWith(registry, document);
}

/** Recomputes a document and compares its `reported` figures (default: the bundled registry). */
export function verify(document: unknown, registry: Registry = bundled): Verification {
  return verifyWith(registry, document);
}

/** Several non-overlapping periods of one project: results per period plus totals. */
export function calculateProject(documents: readonly unknown[], registry: Registry = bundled): ProjectCalculation {
  return calculateProjectWith(registry, documents);
}

/** The HTML (default) or Markdown calculation report of a document (default: the bundled registry). */
export function renderReport(document: unknown, options: ReportOptions & { registry?: Registry } = {}): string {
  const { registry = bundled, ...rest } = options;
  return renderReportWith(registry, document, rest);
}
