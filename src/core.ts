/**
 * `jcm-mrv/core`: everything except the bundled registry, so that importing one methodology's
 * subpath and `calculate` does not pull in every methodology.
 */
export { calculate, safeCalculate, calculateDocumentWith } from "./calculate.js";
export type { CalculationResult, DecimalString, ResultParameter, SafeCalculateResult } from "./calculate.js";
export { parseMonitoringDocument, DOCUMENT_LIMITS } from "./document/parse.js";
export type { MonitoringDocument } from "./document/parse.js";
export { toJsonSchema } from "./schema.js";
export { verifyWith } from "./verify.js";
export { renderReportWith } from "./report/index.js";
export type { ReportOptions } from "./report/index.js";
export type { Verification, VerificationCheck } from "./verify.js";
export { calculateProjectWith } from "./project.js";
export type { ProjectCalculation } from "./project.js";
export { allocateCredits } from "./allocate.js";
export type { JsonSchema } from "./schema.js";

export { defineMethodology } from "./methodology/define.js";
export { createRegistry } from "./methodology/registry.js";
export type { Registry, MethodologySummary } from "./methodology/registry.js";
export {
  quantity,
  optionalQuantity,
  perEquipment,
  equipmentList,
  parameter,
  defaultQuantity,
  isQuantity,
} from "./methodology/parameters.js";
export type {
  Quantity,
  QuantitySpec,
  DefaultValue,
  ParameterStatus,
  MonitoringOption,
  SeriesSummary,
} from "./methodology/parameters.js";
export { documentFor } from "./methodology/document-for.js";
export { declarationCriterion, optionCriterion, everyEquipment, allDeclared } from "./methodology/eligibility.js";
export type {
  Methodology,
  MethodologySpec,
  MethodologyStatus,
  AnyMethodology,
  CalculationInput,
  CalculationContext,
  CriterionResult,
  CriterionOutcome,
  ModuleIssue,
  ModuleOutput,
  Source,
  UsedParameter,
  Warning,
  FixedOf,
  MonitoredOf,
  FixedInputOf,
  MonitoredInputOf,
  MonitoringDocumentFor,
} from "./methodology/types.js";

export { MrvError, MrvValidationError, formatIssue } from "./core/errors.js";
export type { Issue } from "./core/errors.js";
export { Decimal, toDecimal, toCanonicalString, sumExact } from "./core/decimal.js";
export { convert, unitsOf, dimensionOf } from "./core/units.js";
export type { Dimension } from "./core/units.js";
export { createPeriod, periodsOverlap, splitPeriod } from "./core/period.js";
export type { MonitoringPeriod } from "./core/period.js";
export { floorToWholeTonnes, ROUNDING_POLICIES } from "./core/rounding.js";
export type { RoundingPolicy } from "./core/rounding.js";
export type { Trace, TraceStep } from "./core/trace.js";
export { inputDigest } from "./core/digest.js";
export { ExactSum } from "./core/exact-sum.js";
export { ENGINE_VERSION } from "./version.js";

import { calculateDocumentWith, type CalculationResult } from "./calculate.js";
import type { Registry } from "./methodology/registry.js";
import { verifyWith, type Verification } from "./verify.js";
import { calculateProjectWith, type ProjectCalculation } from "./project.js";
import { renderReportWith, type ReportOptions } from "./report/index.js";

/** Looks the document's methodology up in `registry` and calculates (no bundled default here). */
export function calculateDocument(document: unknown, registry: Registry): CalculationResult {
  return calculateDocumentWith(registry, document);
}

/** Recomputes a document and compares its `reported` figures (architecture §7). */
export function verify(document: unknown, registry: Registry): Verification {
  return verifyWith(registry, document);
}

/** Several non-overlapping periods of one project: results per period plus totals. */
export function calculateProject(documents: readonly unknown[], registry: Registry): ProjectCalculation {
  return calculateProjectWith(registry, documents);
}

/** The HTML (default) or Markdown calculation report of a document. */
export function renderReport(document: unknown, registry: Registry, options: ReportOptions = {}): string {
  return renderReportWith(registry, document, options);
}
