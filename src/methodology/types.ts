import type * as z from "zod";
import type { Exact } from "../core/exact.js";
import type { PathSegment } from "../core/path.js";
import type { MonitoringPeriod } from "../core/period.js";
import type { RoundingPolicy } from "../core/rounding.js";
import type { Trace } from "../core/trace.js";
import type { MonitoringOption, ParameterStatus } from "./parameters/index.js";

export type MethodologyStatus = "approved" | "draft";

/** A document an equation or default comes from. */
export interface Source {
  /** Short id used in parameter `source` fields, e.g. `MN-EF-2017`. */
  id: string;
  title: string;
  /** What was taken from it and how far it was checked. */
  note?: string;
  status?: ParameterStatus;
}

export interface Warning {
  code: string;
  message: string;
  symbol?: string;
  path?: string;
}

export type CriterionOutcome = "met" | "not-met" | "not-assessed";

export interface CriterionResult {
  id: string;
  text: string;
  result: CriterionOutcome;
  reason: string;
}

/** A problem a module finds across parameters (joins, cross-field rules), before calculating. */
export interface ModuleIssue {
  path: PathSegment[];
  symbol?: string;
  code: string;
  message: string;
  expected?: string;
  found?: string;
}

/** A parameter value the module decided (a default by case, a table lookup) to show in results. */
export interface UsedParameter {
  symbol: string;
  path: string;
  value: Exact;
  unit: string;
  kind: "fixed" | "monitored";
  source?: string;
  status?: ParameterStatus;
  option?: MonitoringOption;
  given?: { value: string; unit: string };
}

export interface CalculationInput<Fixed, Monitored> {
  period: MonitoringPeriod;
  fixed: Fixed;
  monitored: Monitored;
  project?: Readonly<Record<string, string>>;
}

/** What a module's calculate receives besides its input: the recorder, pure per call. */
export interface CalculationContext {
  trace: Trace;
  warn(warning: Warning): void;
  /** Records a value the module chose (defaults by case, lookups) in the result's parameters. */
  useParameter(parameter: UsedParameter): void;
}

export interface ModuleOutput {
  /** RE_p in tCO2, exact, unrounded. */
  RE_p: Exact;
  /** PE_p in tCO2, exact, unrounded. */
  PE_p: Exact;
  /** Every other reportable or separately reported figure, e.g. `EG_p`, exact. */
  figures?: Record<string, { value: Exact; unit: string }>;
}

/** Text for the methodology card (README) the generator does not derive from schemas. */
export interface MethodologyCard {
  measure: string;
  equations: string;
  eligibility: string;
  notes?: string;
}

export interface MethodologySpec<F extends z.ZodType = z.ZodType, M extends z.ZodType = z.ZodType> {
  id: string;
  version: string;
  title: string;
  /** ISO 3166 alpha-2. */
  hostCountry: string;
  sectoralScope: string;
  status: MethodologyStatus;
  /**
   * The family whose equations the module follows — `solar-pv`, `refrigerator`, `chiller`,
   * `heat-only-boiler`, … (lower-case words joined by hyphens): what `jcm-mrv list --family` takes.
   */
  family: string;
  /**
   * What the equations rest on, in a few words: `"summary"` (only the methodology's published
   * summary was seen; adds the standing `summary-basis` warning), `"summary and published factors"`,
   * `"draft proposal"`, `"approved text"`, … Every result carries it in `methodology.basis`.
   */
  basis: string;
  sources: readonly Source[];
  fixedSchema: F;
  monitoredSchema: M;
  /** Symbols `verify` may compare; always includes RE_p, PE_p and ER_p. */
  reportable: readonly string[];
  /** Equation label of ER_p = RE_p − PE_p in the methodology, e.g. `(3)`. */
  emissionReductionsEquation: string;
  rounding?: RoundingPolicy;
  /** Warnings every result of this module carries (e.g. "equations follow a draft"). */
  standingWarnings?: readonly Warning[];
  /** Cross-parameter rules checked before calculating; every problem at once. */
  validate?(input: CalculationInput<z.output<F>, z.output<M>>): ModuleIssue[];
  eligibility(input: CalculationInput<z.output<F>, z.output<M>>): CriterionResult[];
  calculate(input: CalculationInput<z.output<F>, z.output<M>>, context: CalculationContext): ModuleOutput;
  card: MethodologyCard;
}

/** A checked, frozen methodology module. */
export interface Methodology<F extends z.ZodType = z.ZodType, M extends z.ZodType = z.ZodType>
  extends Readonly<MethodologySpec<F, M>> {
  readonly rounding: RoundingPolicy;
  readonly kind: "jcm-mrv/methodology";
}

export type AnyMethodology = Methodology<z.ZodType, z.ZodType>;
export type FixedOf<T> = T extends Methodology<infer F, z.ZodType> ? z.output<F> : never;
export type MonitoredOf<T> = T extends Methodology<z.ZodType, infer M> ? z.output<M> : never;
/** What a document's `fixed` may contain for a module. */
export type FixedInputOf<T> = T extends Methodology<infer F, z.ZodType> ? z.input<F> : never;
export type MonitoredInputOf<T> = T extends Methodology<z.ZodType, infer M> ? z.input<M> : never;

/** A monitoring document for module `M`, typed from its schemas (parameter keys and value forms). */
export interface MonitoringDocumentFor<M> {
  methodology: { id: string; version: string };
  project?: Record<string, string>;
  period: { start: string; end: string; timeZone?: string };
  fixed: FixedInputOf<M>;
  monitored: MonitoredInputOf<M>;
  reported?: Record<string, string>;
  options?: { rounding?: "floor" };
}
