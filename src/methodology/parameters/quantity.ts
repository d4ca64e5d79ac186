import type { Decimal } from "../../core/decimal.js";
import type { Exact } from "../../core/exact.js";
import type { CheckedReadings, SeriesHeader, SeriesKind } from "../../core/series.js";

/** What a parameter is once read: a {@link Quantity} in its canonical unit, and the spec that declares it. */
export type ParameterStatus = "verified" | "derived" | "unverified";
export type MonitoringOption = "A" | "B" | "C";

/** A default value with its provenance (jcm-rules: never a value without a source). */
export interface DefaultValue {
  value: string;
  /** Document, version and table the value comes from. */
  source: string;
  status: ParameterStatus;
}

export interface QuantitySpec {
  /** Official symbol as printed in the methodology, e.g. `EG_i,p`. */
  symbol: string;
  /** Canonical unit: values in any unit of the same dimension are converted to it. `1` = none. */
  unit: string;
  description: string;
  /** Inclusive lower bound unless `minExclusive`. */
  min?: string;
  minExclusive?: boolean;
  /** Inclusive upper bound unless `maxExclusive`. */
  max?: string;
  maxExclusive?: boolean;
  /** Whole numbers only (counts). */
  integer?: boolean;
  /** Accepts a series of readings (monitored energy-like quantities). */
  series?: boolean;
  /** Used when the document leaves the parameter out. */
  default?: DefaultValue;
  /** Monitoring option the methodology expects, for the card. */
  expectedOption?: string;
  /** When the parameter applies: free text for the card ("required when any EC_PJ > 0"). */
  requirement?: string;
}

/** What a document may give for a numeric parameter (the schemas' input types). */
export type DecimalInput = string | number;
export interface QuantityObjectInput {
  value: DecimalInput;
  unit?: string;
  option?: MonitoringOption;
  note?: string;
}
export interface ReadingInput {
  at: string;
  value: DecimalInput;
}
export interface SeriesInput {
  unit: string;
  kind: SeriesKind;
  interval?: string;
  option?: MonitoringOption;
  note?: string;
  rolloverAt?: DecimalInput;
  replacements?: { at: string; oldFinal: DecimalInput; newInitial: DecimalInput }[];
  readings?: ReadingInput[];
  csv?: string;
}
export type QuantityInput = DecimalInput | QuantityObjectInput;
/** Input type of a parameter declared with `series: true` or not. */
export type InputOf<S extends QuantitySpec> = S extends { series: true } ? QuantityInput | SeriesInput : QuantityInput;
/** Input of one per-equipment entry keyed by `K`. */
export type EntryInputOf<S extends QuantitySpec, K extends string> = S extends { series: true }
  ? ({ [P in K]: string } & QuantityObjectInput) | ({ [P in K]: string } & SeriesInput)
  : { [P in K]: string } & QuantityObjectInput;

export const QUANTITY = Symbol.for("jcm-mrv.Quantity");
export const PENDING_SERIES = Symbol.for("jcm-mrv.PendingSeries");

/** A validated numeric parameter in its canonical unit, with where it came from. */
export interface Quantity {
  readonly symbol: string;
  /** Equipment, product or fuel id for per-equipment entries. */
  readonly id?: string;
  /** Value in the canonical unit, exact (a converted value is one exact rational). */
  readonly value: Exact;
  readonly unit: string;
  /** The value and unit as the document gave them (for series: the exact total in the series unit). */
  readonly given: { readonly value: string; readonly unit: string };
  readonly option?: MonitoringOption;
  readonly note?: string;
  readonly origin: "document" | "default";
  readonly source?: string;
  readonly status?: ParameterStatus;
  /** The document gave a JSON number instead of a decimal string. */
  readonly fromJsonNumber: boolean;
  /** Present when the value is the total of a series of readings. */
  readonly series?: SeriesSummary;
}

export interface SeriesSummary {
  readonly kind: SeriesKind;
  readonly readings: number;
  readonly used: number;
  readonly outside: number;
  readonly duplicates: number;
  readonly missing: number;
  readonly interval?: string;
}

/**
 * A series waiting for the period: the schema checks everything that does not depend on the
 * period, the engine then reduces it to a {@link Quantity}. Modules never see one.
 */
export interface PendingSeries {
  readonly spec: QuantitySpec;
  readonly id?: string;
  readonly header: SeriesHeader;
  readonly option?: MonitoringOption;
  readonly note?: string;
  /** Checked inline readings, or (`csv`) the path of the CSV file as the document writes it. */
  readonly readings?: CheckedReadings & { count: number };
  readonly csv?: string;
  /** How many of rolloverAt, oldFinal and newInitial the document gave as JSON numbers. */
  readonly headerNumbers?: number;
}

/** What a CSV-backed series reduces to (from `options.files`, or streamed by `jcm-mrv/node`). */
export interface PrecomputedSeries {
  readonly file: string;
  readonly sha256: string;
  readonly total: Decimal;
  readonly rows: number;
  readonly used: number;
  readonly outside: number;
  readonly duplicates: number;
  readonly missing: number;
  readonly numbers: number;
  readonly notices: readonly { code: string; message: string }[];
  readonly daily?: readonly Decimal[];
}

export function isQuantity(value: unknown): value is Quantity {
  return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[QUANTITY] === true;
}

export function isPendingSeries(value: unknown): value is PendingSeries {
  return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[PENDING_SERIES] === true;
}

/**
 * A quantity from its fields. Without `given` the document gave the value in the canonical unit, and
 * `given` is `{ value: <the value's print>, unit }` made when asked — an enumerable getter, so a
 * spread or JSON of the quantity has it — not kept beside the value: 100,000 readings of 1e-1000
 * print 1,002 characters each, and a `given` object per quantity was ~100 bytes more.
 */
export function makeQuantity(
  fields: Omit<Quantity, "fromJsonNumber" | "origin" | "given"> &
    Partial<Pick<Quantity, "fromJsonNumber" | "origin" | "given">>,
): Quantity {
  const quantity = { [QUANTITY]: true, origin: "document", fromJsonNumber: false, ...fields };
  // One getter for every quantity: quantities made alike share their hidden class.
  if (fields.given === undefined) Object.defineProperty(quantity, "given", { get: givenAsValue, enumerable: true });
  return Object.freeze(quantity) as Quantity;
}

function givenAsValue(this: Quantity): Quantity["given"] {
  // Asked for rarely (a message): printed as JSON prints it, a long print not kept on the value.
  return { value: this.value.toJSON(), unit: this.unit };
}

/**
 * Whether the quantity's `given` may differ from its value in its canonical unit (a converted unit, a
 * series total): false for a `given` made from the value, told without printing it.
 */
export function givenMayDiffer(q: Quantity): boolean {
  return Object.getOwnPropertyDescriptor(q, "given")?.get !== givenAsValue;
}

export function makePending(fields: PendingSeries): PendingSeries {
  return Object.freeze({ [PENDING_SERIES]: true, ...fields }) as PendingSeries;
}
