import type { SafeResult } from "./api/safe.js";
import { append } from "./core/append.js";
import { type DeferredArray, deferredArray } from "./core/deferred-array.js";
import { inputDigest } from "./core/digest.js";
import { quote } from "./core/display.js";
import { type Issue, invalidOptions, issueList, MrvError, MrvValidationError } from "./core/errors.js";
import type { Exact } from "./core/exact.js";
import { formatPath } from "./core/path.js";
import { formatLocalInstant, isNamedTimeZone } from "./core/period.js";
import { ROUNDING_POLICIES, type RoundingPolicy } from "./core/rounding.js";
import type { Sha256Factory } from "./core/sha256.js";
import {
  createCheckingTrace,
  createTrace,
  createWritingTrace,
  type Trace,
  type TraceStep,
  type WrittenTraceStep,
} from "./core/trace.js";
import { zodIssuesToIssues } from "./document/issues.js";
import type { ParsedDocument } from "./document/parse.js";
import { type CsvRequest, type CsvSource, csvFromFiles, csvPlanner, withCsvDigests } from "./methodology/csv-files.js";
import { collectParameterMeta } from "./methodology/parameters/index.js";
import { forEachParameter, resolveInputs, type SeriesRecord } from "./methodology/resolve.js";
import type {
  AnyMethodology,
  CalculationInput,
  CriterionResult,
  MethodologyStatus,
  UsedParameter,
  Warning,
} from "./methodology/types.js";
import { ENGINE_VERSION } from "./version.js";

/** A canonical decimal string: plain notation, no exponent, no trailing zeros, "-0" written "0". */
export type DecimalString = string;

export interface ResultParameter {
  symbol: string;
  path: string;
  value: DecimalString;
  unit: string;
  given?: { value: string; unit: string };
  kind: "fixed" | "monitored";
  source?: string;
  status?: "verified" | "derived" | "unverified";
  option?: "A" | "B" | "C";
}

/** Everything a calculation produced (architecture §4). Plain JSON: it survives a round trip. */
export interface CalculationResult {
  /** `basis`: what the module's equations rest on (e.g. `"summary"`: only the published summary was seen). */
  methodology: { id: string; version: string; title: string; status: MethodologyStatus; basis: string };
  project?: Record<string, string>;
  /**
   * The period as the document gave it, with its first and last instant (`2016-07-01T00:00:00+09:00`:
   * ISO date-times with the offset in force there) and, for a named zone, the time-zone database
   * version the caller passed (`options.tzdata`).
   */
  period: {
    start: string;
    end: string;
    timeZone: string;
    days: number;
    startInstant: string;
    endInstant: string;
    tzdata?: string;
  };
  /** RE_p, tCO2, unrounded. */
  referenceEmissions: DecimalString;
  /** PE_p, tCO2, unrounded. */
  projectEmissions: DecimalString;
  /** RE_p − PE_p of the exact values, printed: exact when it terminates, else rounded toward −∞ at 34 significant digits. */
  emissionReductionsUnrounded: DecimalString;
  /** After the rounding policy, ⌊RE_p − PE_p⌋ of the exact value: whole tCO2, "0" when negative. */
  emissionReductions: DecimalString;
  unit: "tCO2";
  rounding: { policy: "floor"; appliedTo: "ER_p" };
  figures: Record<string, { value: DecimalString; unit: string }>;
  eligibility: CriterionResult[];
  parameters: ResultParameter[];
  trace: TraceStep[];
  warnings: Warning[];
  /** `sha256:<hex>` of the RFC 8785 form of the document without `reported`. */
  inputDigest: string;
  engine: { name: "jcm-mrv"; version: string };
}

/** @deprecated Use `SafeResult<CalculationResult>`. */
export type SafeCalculateResult = SafeResult<CalculationResult>;

/** Internal: a result with what reports need beyond the JSON result. */
export interface DetailedCalculation {
  result: CalculationResult;
  parsed: ParsedDocument;
  module: AnyMethodology;
  series: SeriesRecord[];
  /** The exact values behind the printed figures (verify compares reported figures with these). */
  exact: ExactFigures;
}

/** Internal: exact RE_p, PE_p, ER_p (unrounded and after the policy) and every figure. */
export interface ExactFigures {
  RE_p: Exact;
  PE_p: Exact;
  unrounded: Exact;
  ER_p: Exact;
  figures: Record<string, Exact>;
}

/**
 * Called between the phases of a calculation made for writing (validation, the first pass,
 * eligibility): the CLI checks its memory there (src/cli/heap-keeper.ts). It must not throw.
 */
export type Checkpoint = () => void;
const NO_CHECKPOINT: Checkpoint = () => {};

const DRAFT_WARNING = "not an approved JCM methodology: results are indicative and cannot support credit issuance";

function moduleIssues(
  module: AnyMethodology,
  parsed: ParsedDocument,
  csv: CsvSource,
  planOnly = false,
  checkpoint: Checkpoint = NO_CHECKPOINT,
): {
  input?: CalculationInput<unknown, unknown>;
  issues: Issue[];
  warnings: Warning[];
  series: SeriesRecord[];
} {
  const { document, period } = parsed;
  // Keeps 1,000 and counts the rest: a module's validate() may report one issue per boiler.
  const issues: Issue[] = issueList();
  const symbols = new Set<string>([
    ...collectParameterMeta(module.fixedSchema).keys(),
    ...collectParameterMeta(module.monitoredSchema).keys(),
  ]);
  const fixed = module.fixedSchema.safeParse(document.fixed ?? {}, { reportInput: true });
  checkpoint();
  const monitored = module.monitoredSchema.safeParse(document.monitored ?? {}, { reportInput: true });
  checkpoint();
  if (!fixed.success) append(issues, zodIssuesToIssues(fixed.error.issues, ["fixed"], {}, symbols));
  if (!monitored.success) append(issues, zodIssuesToIssues(monitored.error.issues, ["monitored"], {}, symbols));
  if (document.reported) {
    for (const symbol of Object.keys(document.reported)) {
      if (!module.reportable.includes(symbol)) {
        issues.push({
          path: formatPath(["reported", symbol]),
          symbol,
          code: "not-reportable",
          message: `${module.id} does not report ${quote(symbol)}`,
          expected: `one of ${module.reportable.join(", ")}`,
          found: quote(symbol),
        });
      }
    }
  }
  if (!fixed.success || !monitored.success) return { issues, warnings: [], series: [] };
  const f = resolveInputs(fixed.data, "fixed", period, csv);
  const m = resolveInputs(monitored.data, "monitored", period, csv);
  checkpoint();
  append(append(issues, f.issues), m.issues);
  const input: CalculationInput<unknown, unknown> = {
    period,
    fixed: f.value,
    monitored: m.value,
    ...(document.project && { project: document.project }),
  };
  if (issues.length === 0 && module.validate && !planOnly) {
    for (const issue of module.validate(input as never)) {
      issues.push({
        path: formatPath(issue.path),
        ...(issue.symbol !== undefined && { symbol: issue.symbol }),
        code: issue.code,
        message: issue.message,
        ...(issue.expected !== undefined && { expected: issue.expected }),
        ...(issue.found !== undefined && { found: issue.found }),
      });
    }
  }
  return {
    input,
    issues,
    warnings: f.warnings.concat(m.warnings),
    series: f.series.concat(m.series),
  };
}

/**
 * A parameter as a result shows it. `forWriting`: printed for a streamed result, written once — a
 * long print is not kept on the value (Exact's `toJSON`).
 */
function toResultParameter(p: UsedParameter, forWriting = false): ResultParameter {
  const value = forWriting ? p.value.toJSON() : p.value.toString();
  // Members in the order of the result's JSON; assigned, not spread (no throw-away objects).
  const out = { symbol: p.symbol, path: p.path, value, unit: p.unit } as ResultParameter;
  if (p.given !== undefined) out.given = p.given;
  out.kind = p.kind;
  if (p.source !== undefined) out.source = p.source;
  if (p.status !== undefined) out.status = p.status;
  if (p.option !== undefined) out.option = p.option;
  return out;
}

/** The module must be the one the document names. */
function checkModule(module: AnyMethodology, parsed: ParsedDocument): void {
  const { document } = parsed;
  if (document.methodology.id !== module.id || document.methodology.version !== module.version) {
    const field = document.methodology.id !== module.id ? "id" : "version";
    throw new MrvValidationError([
      {
        path: `methodology.${field}`,
        code: "methodology-mismatch",
        message: `the document names ${quote(document.methodology.id)} ${quote(document.methodology.version)} but the module is ${module.id} ${module.version}`,
        expected: field === "id" ? module.id : module.version,
        found: quote(document.methodology[field]),
      },
    ]);
  }
}

/**
 * The CSV files a document's series need, once the whole document passed validation with the module
 * (trust.md §1: nothing is opened before). Throws {@link MrvValidationError} listing every problem.
 */
export function planCsvReads(module: AnyMethodology, parsed: ParsedDocument): CsvRequest[] {
  checkModule(module, parsed);
  const planner = csvPlanner();
  const prepared = moduleIssues(module, parsed, planner, true);
  if (prepared.issues.length > 0) throw new MrvValidationError(prepared.issues);
  return planner.requests;
}

/** Runs a module on an already parsed document; CSV-backed series read from `options.files`. */
export function calculateParsed(
  module: AnyMethodology,
  parsed: ParsedDocument,
  options: { files?: unknown; sha256?: unknown } = {},
): DetailedCalculation {
  return calculateWith(module, parsed, options, false);
}

/**
 * A result for writing as JSON: the same members in the same order, but `parameters` and `trace` are
 * {@link DeferredArray}s made while they are written — the parameters by a walk of the inputs, the
 * trace by a second pass of the (pure) module, which must repeat the first exactly. Everything that
 * can fail has failed before: the first pass checks every step's digit bound.
 */
export function calculateParsedForWriting(
  module: AnyMethodology,
  parsed: ParsedDocument,
  options: { files?: unknown; sha256?: unknown } = {},
  checkpoint: Checkpoint = NO_CHECKPOINT,
): StreamedCalculationResult {
  return calculateParsedDetailedForWriting(module, parsed, options, checkpoint).result;
}

/** {@link calculateParsedForWriting} with what verify needs beside the result. */
export function calculateParsedDetailedForWriting(
  module: AnyMethodology,
  parsed: ParsedDocument,
  options: { files?: unknown; sha256?: unknown } = {},
  checkpoint: Checkpoint = NO_CHECKPOINT,
): StreamedDetailedCalculation {
  return calculateWith(module, parsed, options, true, checkpoint);
}

/** A {@link DetailedCalculation} whose result is made while it is written. */
export type StreamedDetailedCalculation = Omit<DetailedCalculation, "result"> & { result: StreamedCalculationResult };

/** A {@link CalculationResult} whose two long lists are made while they are written. */
export type StreamedCalculationResult = Omit<CalculationResult, "parameters" | "trace"> & {
  parameters: DeferredArray<ResultParameter>;
  trace: DeferredArray<WrittenTraceStep>;
};

type EitherResult = Omit<CalculationResult, "parameters" | "trace"> & {
  parameters: CalculationResult["parameters"] | StreamedCalculationResult["parameters"];
  trace: CalculationResult["trace"] | StreamedCalculationResult["trace"];
};
type CalculationOptions = { files?: unknown; sha256?: unknown };

function calculateWith(
  module: AnyMethodology,
  parsed: ParsedDocument,
  options: CalculationOptions,
  streamed: false,
): DetailedCalculation;
function calculateWith(
  module: AnyMethodology,
  parsed: ParsedDocument,
  options: CalculationOptions,
  streamed: true,
  checkpoint: Checkpoint,
): StreamedDetailedCalculation;
function calculateWith(
  module: AnyMethodology,
  parsed: ParsedDocument,
  options: CalculationOptions,
  streamed: boolean,
  checkpoint: Checkpoint = NO_CHECKPOINT,
): Omit<DetailedCalculation, "result"> & { result: EitherResult } {
  const { document, period } = parsed;
  checkModule(module, parsed);
  const sha256 = sha256Option(options.sha256);
  const csv = csvFromFiles(options.files, sha256);
  checkpoint();
  const prepared = moduleIssues(module, parsed, csv, false, checkpoint);
  if (prepared.issues.length > 0 || !prepared.input) throw new MrvValidationError(prepared.issues);
  const input = prepared.input;

  const trace = streamed ? createCheckingTrace() : createTrace();
  const warnings: Warning[] = [];
  const used: UsedParameter[] = [];
  if (module.status === "draft")
    warnings.push({ code: "draft-methodology", message: `${module.id} is a draft: ${DRAFT_WARNING}` });
  for (const w of module.standingWarnings ?? []) warnings.push({ ...w });
  const host = document.project?.hostCountry;
  if (host !== undefined && host !== module.hostCountry) {
    warnings.push({
      code: "host-country",
      message: `project hostCountry ${quote(host)} differs from the methodology's host country "${module.hostCountry}"`,
      path: "project.hostCountry",
    });
  }
  append(warnings, prepared.warnings);

  const output = module.calculate(input as never, {
    trace,
    warn: (w) => warnings.push({ ...w }),
    useParameter: (p) => used.push(p),
  });
  checkpoint();
  const policy = ROUNDING_POLICIES[document.options?.rounding ?? module.rounding.name] ?? module.rounding;
  const { unrounded, rounded } = recordReductions(trace, module, output, policy);
  if (unrounded.isNegative()) {
    warnings.push({
      code: "negative-reductions",
      message: `project emissions exceeded reference emissions (RE_p − PE_p = ${unrounded.toString()} tCO2): emission reductions are 0`,
      symbol: "ER_p",
    });
  }

  const eligibility = module.eligibility(input as never);
  checkpoint();
  for (const c of eligibility) {
    if (c.result === "not-met")
      warnings.push({
        code: "ineligible",
        message: `eligibility criterion ${c.id} is not met (${c.reason}); the reductions were calculated anyway and cannot be credited as they stand`,
        symbol: c.id,
      });
  }

  const figures: CalculationResult["figures"] = {};
  const exactFigures: Record<string, Exact> = {};
  for (const [symbol, figure] of Object.entries(output.figures ?? {})) {
    figures[symbol] = { value: figure.value.toString(), unit: figure.unit };
    exactFigures[symbol] = figure.value;
  }

  const result: EitherResult = {
    methodology: {
      id: module.id,
      version: module.version,
      title: module.title,
      status: module.status,
      basis: module.basis,
    },
    ...(document.project && { project: { ...document.project } }),
    period: {
      start: period.start,
      end: period.end,
      timeZone: period.timeZone,
      days: period.days,
      startInstant: formatLocalInstant(period, period.startInstant, false),
      endInstant: formatLocalInstant(period, period.endInstant, false),
      ...(parsed.tzdata !== undefined && isNamedTimeZone(period.timeZone) && { tzdata: parsed.tzdata }),
    },
    referenceEmissions: output.RE_p.toString(),
    projectEmissions: output.PE_p.toString(),
    emissionReductionsUnrounded: unrounded.toString(),
    emissionReductions: rounded.toString(),
    unit: "tCO2",
    rounding: { policy: policy.name, appliedTo: policy.appliedTo },
    figures,
    eligibility: eligibility.map((c) => ({ ...c })),
    parameters: streamed ? deferredArray((emit) => listParameters(input, used, emit, true)) : parametersOf(input, used),
    trace: streamed
      ? deferredArray<WrittenTraceStep>((emit) => replay(module, input, policy, output, trace.count(), emit))
      : trace.steps(),
    warnings,
    inputDigest: inputDigest(withCsvDigests(parsed.raw, csv.digests), sha256),
    engine: { name: "jcm-mrv", version: ENGINE_VERSION },
  };
  return {
    result,
    parsed,
    module,
    series: prepared.series,
    exact: { RE_p: output.RE_p, PE_p: output.PE_p, unrounded, ER_p: rounded, figures: exactFigures },
  };
}

/** ER_p = ⌊RE_p − PE_p⌋ of the exact values (architecture §5): nothing was rounded before. */
function recordReductions(
  trace: Trace,
  module: AnyMethodology,
  output: { RE_p: Exact; PE_p: Exact },
  policy: RoundingPolicy,
): { unrounded: Exact; rounded: Exact } {
  const unrounded = trace.record({
    symbol: "ER_p",
    equation: module.emissionReductionsEquation,
    expression: "RE_p − PE_p",
    inputs: { RE_p: output.RE_p, PE_p: output.PE_p },
    value: output.RE_p.minus(output.PE_p),
    unit: "tCO2",
  });
  const rounded = trace.record({
    symbol: "ER_p",
    equation: "jcm-rules §2",
    expression: "max(0, ⌊ER_p⌋)",
    inputs: { ER_p: unrounded },
    value: policy.apply(unrounded),
    unit: "tCO2",
  });
  return { unrounded, rounded };
}

/**
 * The result's parameters: every document parameter in document order, then those the module chose.
 * `forWriting`: for a streamed result (see {@link toResultParameter}).
 */
function listParameters(
  input: CalculationInput<unknown, unknown>,
  used: readonly UsedParameter[],
  emit: (p: ResultParameter) => void,
  forWriting = false,
): void {
  forEachParameter(input.fixed, "fixed", (p) => emit(toResultParameter(p, forWriting)));
  forEachParameter(input.monitored, "monitored", (p) => emit(toResultParameter(p, forWriting)));
  for (const p of used) emit(toResultParameter(p, forWriting));
}

function parametersOf(input: CalculationInput<unknown, unknown>, used: readonly UsedParameter[]): ResultParameter[] {
  const list: ResultParameter[] = [];
  listParameters(input, used, (p) => list.push(p));
  return list;
}

/**
 * The trace of a calculation already made, made again step by step for writing. The module is pure,
 * so the second pass repeats the first; that it did (as many steps, the same RE_p and PE_p) is
 * checked at its end: a pass that did not is a bug, and the output stops unfinished (exit 3) instead of
 * closing a trace that differs from the figures above it.
 */
function replay(
  module: AnyMethodology,
  input: CalculationInput<unknown, unknown>,
  policy: RoundingPolicy,
  first: { RE_p: Exact; PE_p: Exact },
  steps: number,
  emit: (step: WrittenTraceStep) => void,
): void {
  guard(() => {
    const trace = createWritingTrace(emit);
    const output = module.calculate(input as never, { trace, warn: () => {}, useParameter: () => {} });
    recordReductions(trace, module, output, policy);
    if (trace.count() !== steps || !output.RE_p.eq(first.RE_p) || !output.PE_p.eq(first.PE_p))
      throw new MrvError(`internal error in jcm-mrv: ${module.id} did not repeat its calculation`, "internal");
  });
}

/** `options.sha256`: absent, or a function that makes a hash (node:crypto's `createHash("sha256")` shape). */
function sha256Option(value: unknown): Sha256Factory | undefined {
  if (value === undefined || typeof value === "function") return value as Sha256Factory | undefined;
  throw invalidOptions(
    'options.sha256 must be a function returning a SHA-256 hash, e.g. () => createHash("sha256")',
    "a function",
    value === null ? "null" : typeof value,
  );
}

/**
 * Internal faults must never surface as NaN or a silently wrong number: a RangeError from a
 * non-finite value reaching output is turned into an MrvError (a bug, exit 3 in the CLI).
 */
export function guard<T>(run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof MrvError) throw error;
    const cause = error instanceof Error ? error.message : String(error);
    const wrapped = new MrvError(`internal error in jcm-mrv: ${cause}`, "internal");
    (wrapped as { cause?: unknown }).cause = error;
    throw wrapped;
  }
}
