/**
 * `jcm-mrv/core`: everything except the bundled registry, so that importing one methodology's
 * subpath and `calculate` does not pull in every methodology.
 */

export { allocateCredits } from "../allocate.js";
export type { CalculationResult, DecimalString, ResultParameter, SafeCalculateResult } from "../calculate.js";
export { calculate, calculateDocumentWith, safeCalculate } from "../calculate.js";
export { inputDigest } from "../core/digest.js";
export type { Issue } from "../core/errors.js";
export { formatIssue, MrvError, MrvValidationError } from "../core/errors.js";
// The exact number equations take and return (architecture §3, §5).
export type { ExactLike, RoundingMode } from "../core/exact.js";
export { Exact, isExact, MAX_EXACT_DIGITS, TooManyDigitsError } from "../core/exact.js";
export { ExactSum } from "../core/exact-sum.js";
export type { FuelName, IpccBound, IpccQuantity, IpccRow, IpccValue } from "../core/ipcc-fuels.js";
export { FUEL_NAMES, IPCC_FUEL_TABLE, IPCC_SOURCE, ipccValue } from "../core/ipcc-fuels.js";
// Building blocks the bundled modules use, public so that a registry's own module can use them too.
export type { PathSegment } from "../core/path.js";
export { formatPath } from "../core/path.js";
export type { MonitoringPeriod } from "../core/period.js";
export { createPeriod, periodsOverlap, splitPeriod } from "../core/period.js";
export type { RoundingPolicy } from "../core/rounding.js";
export { floorToWholeTonnes, ROUNDING_POLICIES } from "../core/rounding.js";
export type { Trace, TraceStep } from "../core/trace.js";
export type { Dimension } from "../core/units.js";
export { convert, dimensionOf, unitsOf } from "../core/units.js";
export type { MonitoringDocument } from "../document/parse.js";
export { DOCUMENT_LIMITS, parseMonitoringDocument } from "../document/parse.js";
export { defineMethodology } from "../methodology/define.js";
export { documentFor } from "../methodology/document-for.js";
export type { EquipmentEvidence } from "../methodology/eligibility.js";
export { allDeclared, declarationCriterion, everyEquipment, optionCriterion } from "../methodology/eligibility.js";
export type { FuelConsumptionInput, FuelEntry } from "../methodology/fuels.js";
export { fuelConsumptionSchema, fuelEmissions, fuelIssues, fuelsSchema } from "../methodology/fuels.js";
export { joinIssues } from "../methodology/joins.js";
export { quantityJsonSchema } from "../methodology/json-schema.js";
export type {
  DefaultValue,
  MonitoringOption,
  ParameterStatus,
  Quantity,
  QuantitySpec,
  SeriesSummary,
} from "../methodology/parameters/index.js";
export {
  defaultQuantity,
  equipmentList,
  isQuantity,
  optionalQuantity,
  parameter,
  perEquipment,
  quantity,
} from "../methodology/parameters/index.js";
export type { MethodologySummary, Registry } from "../methodology/registry.js";
export { createRegistry } from "../methodology/registry.js";
export type {
  AnyMethodology,
  CalculationContext,
  CalculationInput,
  CriterionOutcome,
  CriterionResult,
  FixedInputOf,
  FixedOf,
  Methodology,
  MethodologySpec,
  MethodologyStatus,
  ModuleIssue,
  ModuleOutput,
  MonitoredInputOf,
  MonitoredOf,
  MonitoringDocumentFor,
  Source,
  UsedParameter,
  Warning,
} from "../methodology/types.js";
export type { ProjectCalculation } from "../project.js";
export { calculateProjectWith } from "../project.js";
export type { ReportOptions } from "../report/index.js";
export { renderReportWith } from "../report/index.js";
export type { JsonSchema } from "../schema.js";
export { toJsonSchema } from "../schema.js";
export type { Verification, VerificationCheck } from "../verify.js";
export { verifyWith } from "../verify.js";
export { ENGINE_VERSION } from "../version.js";

import { type CalculationResult, calculateDocumentWith } from "../calculate.js";
import type { Registry } from "../methodology/registry.js";
import { calculateProjectWith, type ProjectCalculation } from "../project.js";
import { type ReportOptions, renderReportWith } from "../report/index.js";
import { type Verification, verifyWith } from "../verify.js";

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
