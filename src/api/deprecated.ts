/**
 * The forms of 0.1.0 whose arguments came in other orders. They keep working for one minor version
 * (CHANGELOG) and then go; each says what replaces it.
 */
import type { CalculationResult } from "../calculate.js";
import type { Registry } from "../methodology/registry.js";
import type { ProjectCalculation } from "../project.js";
import type { Verification } from "../verify.js";
import { calculate } from "./calculate.js";
import type { ReportOptions } from "./options.js";
import { calculateProject } from "./project.js";
import { renderReport } from "./report.js";
import { verify } from "./verify.js";

/** @deprecated Use `calculate(document, { registry })`. */
export function calculateDocumentWith(registry: Registry, document: unknown): CalculationResult {
  return calculate(document, { registry });
}

/** @deprecated Use `verify(document, { registry })`. */
export function verifyWith(registry: Registry, document: unknown): Verification {
  return verify(document, { registry });
}

/** @deprecated Use `calculateProject(documents, { registry })`. */
export function calculateProjectWith(registry: Registry, documents: readonly unknown[]): ProjectCalculation {
  return calculateProject(documents, { registry });
}

/** @deprecated Use `renderReport(document, { registry, ...options })`. */
export function renderReportWith(registry: Registry, document: unknown, options: ReportOptions = {}): string {
  return renderReport(document, { ...options, registry });
}

/** @deprecated Use `calculate(document, { registry })` (in `jcm-mrv`, plain `calculate(document)`). */
export function calculateDocument(document: unknown, registry: Registry): CalculationResult {
  return calculate(document, { registry });
}
