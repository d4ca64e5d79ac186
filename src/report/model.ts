import type {
  CalculationResult,
  DecimalString,
  DetailedCalculation,
  ResultParameter,
  StreamedDetailedCalculation,
} from "../calculate.js";
import { Decimal, sumExact, toCanonicalString } from "../core/decimal.js";
import { type ListOf, mapList } from "../core/deferred-array.js";
import { Exact } from "../core/exact.js";
import { formatCalendarDate, MS_PER_DAY, parseCalendarDate, utcMidnight } from "../core/period.js";
import { ROUNDING_POLICIES, roundHalfAwayFromZero } from "../core/rounding.js";
import { dailyTotals } from "../core/series.js";
import type { TraceStep, WrittenTraceStep } from "../core/trace.js";
import type { CriterionResult, MethodologyStatus, Warning } from "../methodology/types.js";
import type { StreamedVerification, Verification, VerificationCheck } from "../verify.js";
import { printedPart, substitutedParts } from "./substitute.js";

/** Shown wherever a draft module's figures appear (same words as the result's warning). */
export const DRAFT_BANNER =
  "DRAFT — not an approved JCM methodology: results are indicative and cannot support credit issuance";

/** jcm-rules §3. */
export const MONITORING_OPTIONS = {
  A: "public data or data measured by others",
  B: "transaction records",
  C: "own measurement with calibrated equipment",
} as const;

export interface ReportParameter {
  symbol: string;
  path: string;
  kind: "fixed" | "monitored";
  value: DecimalString;
  unit: string;
  /** As the document gave it, when that differs (another unit, or a series total). */
  given?: { value: string; unit: string };
  option?: "A" | "B" | "C";
  /** "C — own measurement …", or "not stated". */
  optionText: string;
  /** The default's source, or "monitoring document". */
  source: string;
  status?: "verified" | "derived" | "unverified";
}

export interface ReportEquation {
  step: number;
  symbol: string;
  /** Equation label in the methodology, e.g. `(1)`. */
  equation: string;
  expression: string;
  /**
   * The expression with values substituted, in parts (slices of the expression, and the values, an
   * {@link Exact} printed as it is written): a step over 100,000 boilers is not made one string.
   * Absent when it adds nothing.
   */
  substituted?: readonly (string | Exact)[];
  value: DecimalString;
  unit: string;
}

export interface ReportSeries {
  symbol: string;
  /** Equipment, product or fuel id. */
  id?: string;
  /** `EG_i,p [inv-A]`. */
  label: string;
  path: string;
  kind: "interval" | "cumulative";
  /** Unit of the readings (the daily totals are in it). */
  unit: string;
  /** Where the readings came from: "inline readings" or the CSV file. */
  origin: string;
  /** How a day's figure is formed. */
  note: string;
  days: { date: string; value: DecimalString }[];
  /** Exact sum of the daily totals. */
  total: DecimalString;
}

export interface ReportModel {
  /** Heading: the project's title, else its reference, else the methodology id. */
  title: string;
  project: { key: string; value: string }[];
  methodology: {
    id: string;
    version: string;
    title: string;
    status: MethodologyStatus;
    hostCountry: string;
    sectoralScope: string;
    /** The draft banner text for a draft module. */
    draftBanner?: string;
  };
  period: CalculationResult["period"];
  results: {
    unit: "tCO2";
    referenceEmissions: DecimalString;
    projectEmissions: DecimalString;
    /** RE_p and PE_p rounded half away from zero to whole tonnes: for display only (jcm-rules §2). */
    referenceEmissionsDisplay: DecimalString;
    projectEmissionsDisplay: DecimalString;
    emissionReductionsUnrounded: DecimalString;
    /** ER_p after the rounding policy: the figure that counts. */
    emissionReductions: DecimalString;
    rounding: { policy: string; description: string };
    negative: boolean;
  };
  figures: { symbol: string; value: DecimalString; unit: string }[];
  eligibility: CriterionResult[];
  parameters: ReportParameter[];
  equations: ReportEquation[];
  warnings: Warning[];
  verification?: { ok: boolean; checks: VerificationCheck[] };
  series: ReportSeries[];
  inputDigest: string;
  engine: string;
}

/** A {@link ReportModel} whose parameters and equations are made while written (the CLI's reports). */
export type StreamedReportModel = Omit<ReportModel, "parameters" | "equations"> & {
  parameters: ListOf<ReportParameter>;
  equations: ListOf<ReportEquation>;
};

function dayDates(start: string, count: number): string[] {
  const first = utcMidnight(parseCalendarDate(start)!);
  return Array.from({ length: count }, (_, i) => formatCalendarDate(first + i * MS_PER_DAY));
}

function seriesOf(detailed: DetailedCalculation | StreamedDetailedCalculation): ReportSeries[] {
  const { period } = detailed.parsed;
  const out: ReportSeries[] = [];
  for (const s of detailed.series) {
    const { header, readings } = s.pending;
    const precomputed = s.csv;
    let daily: readonly Decimal[] | undefined;
    if (precomputed) daily = precomputed.daily;
    else if (readings) daily = dailyTotals(header, readings, period);
    if (!daily) continue; // a CSV series reduced without daily totals: nothing to chart
    const dates = dayDates(period.start, daily.length);
    out.push({
      symbol: s.symbol,
      ...(s.id !== undefined && { id: s.id }),
      label: s.id === undefined ? s.symbol : `${s.symbol} [${s.id}]`,
      path: s.path,
      kind: header.kind,
      unit: header.unit,
      origin: precomputed ? `CSV file ${precomputed.file} (sha256 ${precomputed.sha256})` : "inline readings",
      note:
        header.kind === "interval"
          ? "sum of the interval readings that start on each local day"
          : "register advance between consecutive readings, shown on the day of the earlier reading (meter replacements not shown)",
      days: daily.map((v, i) => ({ date: dates[i]!, value: toCanonicalString(v) })),
      total: toCanonicalString(sumExact(daily)),
    });
  }
  return out;
}

function reportParameter(p: ResultParameter): ReportParameter {
  return {
    symbol: p.symbol,
    path: p.path,
    kind: p.kind,
    value: p.value,
    unit: p.unit,
    ...(p.given !== undefined && { given: { ...p.given } }),
    ...(p.option !== undefined && { option: p.option }),
    optionText: p.option === undefined ? "not stated" : `${p.option} — ${MONITORING_OPTIONS[p.option]}`,
    source: p.source ?? "monitoring document",
    ...(p.status !== undefined && { status: p.status }),
  };
}

function reportEquation(step: TraceStep | WrittenTraceStep): ReportEquation {
  const substituted = substitutedParts(step);
  return {
    step: step.step,
    symbol: step.symbol,
    equation: step.equation,
    expression: step.expression,
    ...(!spells(substituted, step.expression) && !spells(substituted, step.value) && { substituted }),
    value: step.value,
    unit: step.unit,
  };
}

/**
 * Whether the parts, joined, are `text`: compared part by part, printing a value only while the
 * text so far matches (a substitution over 100,000 values is neither joined nor printed whole).
 */
function spells(parts: readonly (string | Exact)[], text: string): boolean {
  let at = 0;
  for (const part of parts) {
    const piece = printedPart(part);
    if (!text.startsWith(piece, at)) return false;
    at += piece.length;
  }
  return at === text.length;
}

/**
 * Everything a report shows, as plain data: renderers only format it. Pure.
 * `verification`, when given, must be of the same document (same input digest). A streamed
 * calculation (the CLI's) gives a model whose parameters and equations are made while written.
 */
export function buildReportModel(detailed: DetailedCalculation, verification?: Verification): ReportModel;
export function buildReportModel(
  detailed: StreamedDetailedCalculation,
  verification?: StreamedVerification,
): StreamedReportModel;
export function buildReportModel(
  detailed: DetailedCalculation | StreamedDetailedCalculation,
  verification?: Verification | StreamedVerification,
): StreamedReportModel {
  const { result, module } = detailed;
  if (verification && verification.result.inputDigest !== result.inputDigest) {
    throw new TypeError("the verification is of another document than the calculation");
  }
  const project = result.project ?? {};
  const m = result.methodology;
  const whole = (value: string) => roundHalfAwayFromZero(Exact.from(value), 0).toString();
  return {
    title: project.title ?? project.reference ?? `${m.id} ${m.version} calculation`,
    project: Object.entries(project).map(([key, value]) => ({ key, value })),
    methodology: {
      id: m.id,
      version: m.version,
      title: m.title,
      status: m.status,
      hostCountry: module.hostCountry,
      sectoralScope: module.sectoralScope,
      ...(m.status === "draft" && { draftBanner: DRAFT_BANNER }),
    },
    period: { ...result.period },
    results: {
      unit: result.unit,
      referenceEmissions: result.referenceEmissions,
      projectEmissions: result.projectEmissions,
      referenceEmissionsDisplay: whole(result.referenceEmissions),
      projectEmissionsDisplay: whole(result.projectEmissions),
      emissionReductionsUnrounded: result.emissionReductionsUnrounded,
      emissionReductions: result.emissionReductions,
      rounding: {
        policy: result.rounding.policy,
        description: ROUNDING_POLICIES[result.rounding.policy]?.description ?? result.rounding.policy,
      },
      negative: new Decimal(result.emissionReductionsUnrounded).isNegative(),
    },
    figures: Object.entries(result.figures).map(([symbol, f]) => ({ symbol, value: f.value, unit: f.unit })),
    eligibility: result.eligibility.map((c) => ({ ...c })),
    parameters: mapList<ResultParameter, ReportParameter>(result.parameters, reportParameter),
    equations: mapList<TraceStep | WrittenTraceStep, ReportEquation>(result.trace, reportEquation),
    warnings: result.warnings.map((w) => ({ ...w })),
    ...(verification && { verification: { ok: verification.ok, checks: verification.checks.map((c) => ({ ...c })) } }),
    series: seriesOf(detailed),
    inputDigest: result.inputDigest,
    engine: `${result.engine.name} ${result.engine.version}`,
  };
}
