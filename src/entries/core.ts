/**
 * `jcm-mrv/core`: everything except the bundled registry, so that importing one methodology's
 * subpath and `calculate` does not pull in every methodology. Give every verb `{ module }` or
 * `{ registry }`. Also the plug-in contract a registry's own module is written against.
 *
 * @packageDocumentation
 * @module jcm-mrv/core
 */

export { allocateCredits } from "../allocate.js";
// The verbs (architecture §4): the document first, an options object last; a throwing and a safe form.
export { calculate, safeCalculate } from "../api/calculate.js";
export {
  calculateDocument,
  calculateDocumentWith,
  calculateProjectWith,
  renderReportWith,
  verifyWith,
} from "../api/deprecated.js";
export type { CalculateOptions, ReportOptions } from "../api/options.js";
export { calculateProject, safeCalculateProject } from "../api/project.js";
export { renderReport } from "../api/report.js";
export type { SafeResult } from "../api/safe.js";
export { safeVerify, verify } from "../api/verify.js";
export type { CalculationResult, DecimalString, ResultParameter, SafeCalculateResult } from "../calculate.js";
export { inputDigest } from "../core/digest.js";
// Building blocks the bundled modules use, public so that a registry's own module can use them too.
export { escapeForDisplay, listIds, quote } from "../core/display.js";
export type { Issue } from "../core/errors.js";
export { formatIssue, MrvError, MrvValidationError } from "../core/errors.js";
// The exact number equations take and return (architecture §3, §5).
export type { ExactLike, RoundingMode } from "../core/exact.js";
export { Exact, isExact, MAX_EXACT_DIGITS, TooManyDigitsError } from "../core/exact.js";
export { ExactSum } from "../core/exact-sum.js";
export type { FuelName, IpccBound, IpccQuantity, IpccRow, IpccValue } from "../core/ipcc-fuels.js";
export { FUEL_NAMES, IPCC_FUEL_TABLE, IPCC_SOURCE, ipccValue } from "../core/ipcc-fuels.js";
export type { PathSegment } from "../core/path.js";
export { formatPath } from "../core/path.js";
export type { MonitoringPeriod } from "../core/period.js";
export { createPeriod, periodsOverlap, splitPeriod } from "../core/period.js";
export type { RoundingPolicy } from "../core/rounding.js";
export { floorToWholeTonnes, ROUNDING_POLICIES } from "../core/rounding.js";
export type { Sha256Factory, Sha256Hash } from "../core/sha256.js";
export type { Trace, TraceStep } from "../core/trace.js";
export type { Dimension } from "../core/units.js";
export { convert, dimensionOf, unitsOf } from "../core/units.js";
export type { MonitoringDocument, ParseOptions } from "../document/parse.js";
export { DOCUMENT_LIMITS, parseMonitoringDocument } from "../document/parse.js";
export type { CsvFileContent, StreamedCsvFile } from "../methodology/csv-files.js";
export { defineMethodology } from "../methodology/define.js";
export { documentFor } from "../methodology/document-for.js";
export type { EquipmentEvidence } from "../methodology/eligibility.js";
export { allDeclared, declarationCriterion, everyEquipment, optionCriterion } from "../methodology/eligibility.js";
export * from "../methodology/families/index.js";
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
export type { JsonSchema } from "../schema.js";
export { toJsonSchema } from "../schema.js";
export type { Verification, VerificationCheck } from "../verify.js";
export { ENGINE_VERSION } from "../version.js";
