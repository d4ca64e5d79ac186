import * as z from "zod";
import { DECIMAL_PROBLEM_TEXT, Decimal, decimalProblem, toCanonicalString } from "../core/decimal.js";
import type { PathSegment } from "../core/path.js";
import {
  type CheckedReadings,
  checkReadings,
  INTERVAL_EXPECTED,
  intervalMilliseconds,
  type MeterReplacement,
  type SeriesHeader,
  type SeriesKind,
} from "../core/series.js";
import { convert, DIMENSION_LABEL, type Dimension, dimensionOf, isKnownUnit, unitsOf } from "../core/units.js";

/**
 * Parameter declarations for methodology modules. A numeric parameter is declared once with
 * {@link quantity}: the returned zod schema validates and normalises the document value (decimal
 * string, JSON number, quantity object or series) and carries the symbol, unit, range, default and
 * provenance that the JSON Schema export, the methodology card and the result's `parameters` use.
 */

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

const QUANTITY = Symbol.for("jcm-mrv.Quantity");
const PENDING_SERIES = Symbol.for("jcm-mrv.PendingSeries");

/** A validated numeric parameter in its canonical unit, with where it came from. */
export interface Quantity {
  readonly symbol: string;
  /** Equipment, product or fuel id for per-equipment entries. */
  readonly id?: string;
  /** Value in the canonical unit. */
  readonly value: Decimal;
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
  /** Checked inline readings, or a total the Node loader already reduced from a CSV file. */
  readonly readings?: CheckedReadings & { count: number };
  readonly precomputed?: PrecomputedSeries;
}

/** What `jcm-mrv/node` attaches to a CSV-backed series after streaming it (symbol key: not JSON). */
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
export const PRECOMPUTED_SERIES = Symbol.for("jcm-mrv.PrecomputedSeries");

export function isQuantity(value: unknown): value is Quantity {
  return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[QUANTITY] === true;
}

export function isPendingSeries(value: unknown): value is PendingSeries {
  return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[PENDING_SERIES] === true;
}

export function makeQuantity(
  fields: Omit<Quantity, "fromJsonNumber" | "origin"> & Partial<Pick<Quantity, "fromJsonNumber" | "origin">>,
): Quantity {
  return Object.freeze({ [QUANTITY]: true, origin: "document", fromJsonNumber: false, ...fields }) as Quantity;
}

function makePending(fields: PendingSeries): PendingSeries {
  return Object.freeze({ [PENDING_SERIES]: true, ...fields }) as PendingSeries;
}

/** Metadata the JSON Schema export, cards and issue mapping read back from a schema. */
export type ParameterMeta =
  | { kind: "quantity"; spec: QuantitySpec; idKey?: string; perEquipment?: "required" | "optional"; optional: boolean }
  | {
      kind: "other";
      symbol: string;
      description: string;
      unit?: string;
      requirement?: string;
      default?: DefaultValue;
      jsonSchema?: Record<string, unknown>;
    };

/** Private registry (not zod's global one): importing a module leaves no global trace. */
export const parameterRegistry = z.registry<ParameterMeta>();

/** Attaches card / JSON Schema metadata to a non-numeric parameter (enums, declarations, …). */
export function parameter<T extends z.ZodType>(
  schema: T,
  meta: Omit<Extract<ParameterMeta, { kind: "other" }>, "kind">,
): T {
  (schema as z.ZodType).register(parameterRegistry, { kind: "other", ...meta } as ParameterMeta);
  return schema;
}

// ---------------------------------------------------------------------------------------------
// Issues raised from inside a leaf parser

export interface LeafIssue {
  path: PathSegment[];
  code: string;
  message: string;
  symbol?: string;
  expected?: string;
  found?: string;
}

type Ctx = { issues: unknown[] };

function raise(ctx: Ctx, input: unknown, issue: LeafIssue): void {
  ctx.issues.push({ code: "custom", message: issue.message, input, path: issue.path, params: { mrv: issue } });
}

function found(value: unknown): string {
  if (value === undefined) return "nothing";
  if (typeof value === "string") return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") return "an object";
  if (typeof value === "number") return String(value);
  return typeof value;
}

// ---------------------------------------------------------------------------------------------
// Ranges and units

export function describeRange(spec: QuantitySpec): string | undefined {
  const parts: string[] = [];
  if (spec.min !== undefined) parts.push(`${spec.minExclusive ? ">" : "≥"} ${spec.min}`);
  if (spec.max !== undefined) parts.push(`${spec.maxExclusive ? "<" : "≤"} ${spec.max}`);
  if (spec.integer) parts.push("a whole number");
  return parts.length > 0 ? parts.join(" and ") : undefined;
}

function rangeProblem(value: Decimal, spec: QuantitySpec): boolean {
  if (spec.min !== undefined && (spec.minExclusive ? value.lte(spec.min) : value.lt(spec.min))) return true;
  if (spec.max !== undefined && (spec.maxExclusive ? value.gte(spec.max) : value.gt(spec.max))) return true;
  if (spec.integer && !value.isInteger()) return true;
  return false;
}

function specDimension(spec: QuantitySpec): Dimension {
  const dimension = dimensionOf(spec.unit);
  if (!dimension) throw new TypeError(`parameter ${spec.symbol}: unknown canonical unit "${spec.unit}"`);
  return dimension;
}

function unitExpectation(spec: QuantitySpec): string {
  const dimension = specDimension(spec);
  if (dimension === "dimensionless") return 'no unit, or "1"';
  return `a ${DIMENSION_LABEL[dimension]} unit: ${unitsOf(dimension).join(", ")}`;
}

function checkUnit(
  ctx: Ctx,
  input: unknown,
  unit: unknown,
  spec: QuantitySpec,
  path: PathSegment[],
): string | undefined {
  const dimension = specDimension(spec);
  if (typeof unit !== "string") {
    raise(ctx, input, {
      path,
      code: "invalid-type",
      message: `unit of ${spec.symbol} must be a string`,
      symbol: spec.symbol,
      expected: unitExpectation(spec),
      found: found(unit),
    });
    return undefined;
  }
  if (!isKnownUnit(unit)) {
    raise(ctx, input, {
      path,
      code: "unknown-unit",
      message: `unknown unit "${unit}" for ${spec.symbol}`,
      symbol: spec.symbol,
      expected: unitExpectation(spec),
      found: JSON.stringify(unit),
    });
    return undefined;
  }
  if (dimensionOf(unit) !== dimension) {
    raise(ctx, input, {
      path,
      code: "wrong-unit-dimension",
      message: `${spec.symbol} is a ${DIMENSION_LABEL[dimension]} but "${unit}" is a unit of ${DIMENSION_LABEL[dimensionOf(unit)!]}`,
      symbol: spec.symbol,
      expected: unitExpectation(spec),
      found: JSON.stringify(unit),
    });
    return undefined;
  }
  return unit;
}

/** Reads a decimal string or JSON number; raises an issue and returns undefined otherwise. */
function readDecimal(
  ctx: Ctx,
  input: unknown,
  value: unknown,
  spec: QuantitySpec,
  path: PathSegment[],
): { text: string; fromNumber: boolean } | undefined {
  const fromNumber = typeof value === "number";
  if (typeof value !== "string" && !fromNumber) {
    raise(ctx, input, {
      path,
      code: value === undefined ? "missing" : "invalid-type",
      message: value === undefined ? `${spec.symbol} needs a value` : `${spec.symbol} must be a decimal string`,
      symbol: spec.symbol,
      expected: `${DECIMAL_PROBLEM_TEXT["not-a-decimal"]} in ${spec.unit}`,
      found: found(value),
    });
    return undefined;
  }
  const problem = decimalProblem(value as string | number);
  if (problem) {
    raise(ctx, input, {
      path,
      code: problem === "not-a-decimal" ? "invalid-decimal" : "out-of-range",
      message: `${spec.symbol} is not an acceptable decimal`,
      symbol: spec.symbol,
      expected: DECIMAL_PROBLEM_TEXT[problem],
      found: found(value),
    });
    return undefined;
  }
  return { text: fromNumber ? String(value) : (value as string), fromNumber };
}

function checkRange(
  ctx: Ctx,
  input: unknown,
  canonical: Decimal,
  spec: QuantitySpec,
  path: PathSegment[],
  shown: string,
): boolean {
  if (!rangeProblem(canonical, spec)) return true;
  raise(ctx, input, {
    path,
    code: "out-of-range",
    message: `${spec.symbol} is out of range`,
    symbol: spec.symbol,
    expected: `${describeRange(spec)} ${spec.unit === "1" ? "" : spec.unit}`.trim(),
    found: shown,
  });
  return false;
}

const OPTIONS: readonly MonitoringOption[] = ["A", "B", "C"];

function unknownKeys(
  ctx: Ctx,
  input: unknown,
  object: Record<string, unknown>,
  allowed: readonly string[],
  spec: QuantitySpec,
  base: PathSegment[],
): boolean {
  let ok = true;
  for (const key of Object.keys(object)) {
    if (!allowed.includes(key)) {
      ok = false;
      const hint = allowed.find((a) => a.toLowerCase() === key.toLowerCase());
      raise(ctx, input, {
        path: [...base, key],
        code: "unknown-key",
        message: `unknown key "${key}" in ${spec.symbol}${hint ? ` (did you mean "${hint}"?)` : ""}`,
        symbol: spec.symbol,
        expected: `one of ${allowed.join(", ")}`,
        found: JSON.stringify(key),
      });
    }
  }
  return ok;
}

function readOption(
  ctx: Ctx,
  input: unknown,
  value: unknown,
  spec: QuantitySpec,
  path: PathSegment[],
): MonitoringOption | undefined | false {
  if (value === undefined) return undefined;
  if (typeof value === "string" && (OPTIONS as readonly string[]).includes(value)) return value as MonitoringOption;
  raise(ctx, input, {
    path,
    code: "invalid-option",
    message: `monitoring option of ${spec.symbol} must be "A", "B" or "C"`,
    symbol: spec.symbol,
    expected: '"A", "B" or "C" (jcm-rules §3)',
    found: found(value),
  });
  return false;
}

function readNote(
  ctx: Ctx,
  input: unknown,
  value: unknown,
  spec: QuantitySpec,
  path: PathSegment[],
): string | undefined | false {
  if (value === undefined) return undefined;
  if (typeof value === "string") return value;
  raise(ctx, input, {
    path,
    code: "invalid-type",
    message: `note of ${spec.symbol} must be text`,
    symbol: spec.symbol,
    expected: "a string",
    found: found(value),
  });
  return false;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

const QUANTITY_KEYS = ["value", "unit", "option", "note"] as const;
const SERIES_KEYS = [
  "unit",
  "kind",
  "interval",
  "option",
  "note",
  "rolloverAt",
  "replacements",
  "readings",
  "csv",
] as const;

/**
 * Parses one document value of a numeric parameter. Returns a Quantity, a PendingSeries (series),
 * or undefined after raising issues. `idKey` names the id merged into per-equipment entries.
 */
function parseQuantityInput(
  ctx: Ctx,
  input: unknown,
  spec: QuantitySpec,
  idKey?: string,
  base: PathSegment[] = [],
): Quantity | PendingSeries | undefined {
  let id: string | undefined;
  if (idKey !== undefined) {
    if (!isPlainObject(input)) {
      raise(ctx, input, {
        path: base,
        code: "invalid-type",
        message: `each ${spec.symbol} entry must be an object with "${idKey}"`,
        symbol: spec.symbol,
        expected: `{ "${idKey}": "…", "value": "…", "unit": "${spec.unit}" }`,
        found: found(input),
      });
      return undefined;
    }
    const raw = input[idKey];
    if (typeof raw !== "string" || raw.length === 0) {
      raise(ctx, input, {
        path: [...base, idKey],
        code: raw === undefined ? "missing" : "invalid-type",
        message: `each ${spec.symbol} entry needs a non-empty "${idKey}"`,
        symbol: spec.symbol,
        expected: "a non-empty string",
        found: found(raw),
      });
      return undefined;
    }
    id = raw;
  }

  if (typeof input === "string" || typeof input === "number") {
    const read = readDecimal(ctx, input, input, spec, base);
    if (!read) return undefined;
    const value = new Decimal(read.text);
    if (!checkRange(ctx, input, value, spec, base, read.text)) return undefined;
    return makeQuantity({
      symbol: spec.symbol,
      value,
      unit: spec.unit,
      given: { value: toCanonicalString(value), unit: spec.unit },
      fromJsonNumber: read.fromNumber,
    });
  }
  if (!isPlainObject(input)) {
    raise(ctx, input, {
      path: base,
      code: input === undefined ? "missing" : "invalid-type",
      message:
        input === undefined
          ? `${spec.symbol} is required`
          : `${spec.symbol} must be a decimal string or a quantity object`,
      symbol: spec.symbol,
      expected: `a decimal string in ${spec.unit}, or { "value": "…", "unit": "…" }${spec.series ? ", or a series of readings" : ""}`,
      found: found(input),
    });
    return undefined;
  }
  if ("readings" in input || "kind" in input || "csv" in input) {
    if (!spec.series) {
      raise(ctx, input, {
        path: base,
        code: "series-not-accepted",
        message: `${spec.symbol} does not accept a series of readings`,
        symbol: spec.symbol,
        expected: `a decimal string or { "value": "…", "unit": "…" }`,
        found: "a series object",
      });
      return undefined;
    }
    return parseSeriesInput(ctx, input, spec, id, idKey, base);
  }

  const allowed = idKey ? [idKey, ...QUANTITY_KEYS] : [...QUANTITY_KEYS];
  let ok = unknownKeys(ctx, input, input, allowed, spec, base);
  const option = readOption(ctx, input, input.option, spec, [...base, "option"]);
  const note = readNote(ctx, input, input.note, spec, [...base, "note"]);
  const unit =
    input.unit === undefined || (input.unit === "1" && spec.unit === "1")
      ? spec.unit
      : checkUnit(ctx, input, input.unit, spec, [...base, "unit"]);
  const read = readDecimal(ctx, input, input.value, spec, [...base, "value"]);
  if (!ok || option === false || note === false || unit === undefined || !read) return undefined;
  const given = new Decimal(read.text);
  const value = convert(given, unit, spec.unit);
  const shown = unit === spec.unit ? read.text : `${read.text} ${unit} (= ${toCanonicalString(value)} ${spec.unit})`;
  ok = checkRange(ctx, input, value, spec, [...base, "value"], shown);
  if (!ok) return undefined;
  return makeQuantity({
    symbol: spec.symbol,
    ...(id !== undefined && { id }),
    value,
    unit: spec.unit,
    given: { value: toCanonicalString(given), unit },
    ...(option !== undefined && { option }),
    ...(note !== undefined && { note }),
    fromJsonNumber: read.fromNumber,
  });
}

function parseSeriesInput(
  ctx: Ctx,
  object: Record<string, unknown>,
  spec: QuantitySpec,
  id: string | undefined,
  idKey: string | undefined,
  base: PathSegment[],
): PendingSeries | undefined {
  const allowed = idKey ? [idKey, ...SERIES_KEYS] : [...SERIES_KEYS];
  let ok = unknownKeys(ctx, object, object, allowed, spec, base);
  const optionRead = readOption(ctx, object, object.option, spec, [...base, "option"]);
  const noteRead = readNote(ctx, object, object.note, spec, [...base, "note"]);
  if (optionRead === false || noteRead === false) ok = false;
  const option = optionRead === false ? undefined : optionRead;
  const note = noteRead === false ? undefined : noteRead;
  let unit: string | undefined;
  if (object.unit === undefined) {
    raise(ctx, object, {
      path: [...base, "unit"],
      code: "missing",
      message: `a series of ${spec.symbol} must state its unit`,
      symbol: spec.symbol,
      expected: unitExpectation(spec),
      found: "nothing",
    });
  } else unit = checkUnit(ctx, object, object.unit, spec, [...base, "unit"]);
  const kind = object.kind;
  if (kind !== "interval" && kind !== "cumulative") {
    raise(ctx, object, {
      path: [...base, "kind"],
      code: kind === undefined ? "missing" : "invalid-value",
      message: `a series of ${spec.symbol} needs kind "interval" or "cumulative"`,
      symbol: spec.symbol,
      expected: '"interval" or "cumulative"',
      found: found(kind),
    });
    ok = false;
  }
  const header: { -readonly [K in keyof SeriesHeader]: SeriesHeader[K] } = {
    kind: kind === "cumulative" ? "cumulative" : "interval",
    unit: unit ?? spec.unit,
  };
  if (object.interval !== undefined) {
    if (typeof object.interval !== "string" || intervalMilliseconds(object.interval) === undefined) {
      raise(ctx, object, {
        path: [...base, "interval"],
        code: "invalid-interval",
        message: `unsupported interval for ${spec.symbol}`,
        symbol: spec.symbol,
        expected: INTERVAL_EXPECTED,
        found: found(object.interval),
      });
      ok = false;
    } else header.interval = object.interval;
  }
  const decimalField = (key: "rolloverAt", value: unknown, path: PathSegment[]): string | undefined => {
    const read = readDecimal(ctx, object, value, { ...spec, symbol: `${spec.symbol} ${key}` }, path);
    if (!read) ok = false;
    return read?.text;
  };
  if (object.rolloverAt !== undefined) {
    const text = decimalField("rolloverAt", object.rolloverAt, [...base, "rolloverAt"]);
    if (text !== undefined) header.rolloverAt = text;
  }
  if (object.replacements !== undefined) {
    if (!Array.isArray(object.replacements)) {
      raise(ctx, object, {
        path: [...base, "replacements"],
        code: "invalid-type",
        message: "replacements must be an array",
        symbol: spec.symbol,
        expected: "[{ at, oldFinal, newInitial }]",
        found: found(object.replacements),
      });
      ok = false;
    } else {
      const list: MeterReplacement[] = [];
      object.replacements.forEach((r: unknown, i: number) => {
        const path = [...base, "replacements", i];
        if (!isPlainObject(r)) {
          raise(ctx, object, {
            path,
            code: "invalid-type",
            message: "a replacement must be an object",
            symbol: spec.symbol,
            expected: "{ at, oldFinal, newInitial }",
            found: found(r),
          });
          ok = false;
          return;
        }
        for (const key of Object.keys(r)) {
          if (key !== "at" && key !== "oldFinal" && key !== "newInitial") {
            raise(ctx, object, {
              path: [...path, key],
              code: "unknown-key",
              message: `unknown key "${key}" in a meter replacement`,
              symbol: spec.symbol,
              expected: "at, oldFinal, newInitial",
              found: JSON.stringify(key),
            });
            ok = false;
          }
        }
        if (typeof r.at !== "string") {
          raise(ctx, object, {
            path: [...path, "at"],
            code: "missing",
            message: "a replacement needs its instant",
            symbol: spec.symbol,
            expected: "an ISO 8601 date-time with offset",
            found: found(r.at),
          });
          ok = false;
        }
        const oldFinal = readDecimal(ctx, object, r.oldFinal, { ...spec, symbol: `${spec.symbol} oldFinal` }, [
          ...path,
          "oldFinal",
        ]);
        const newInitial = readDecimal(ctx, object, r.newInitial, { ...spec, symbol: `${spec.symbol} newInitial` }, [
          ...path,
          "newInitial",
        ]);
        if (!oldFinal || !newInitial) ok = false;
        if (typeof r.at === "string" && oldFinal && newInitial)
          list.push({ at: r.at, oldFinal: oldFinal.text, newInitial: newInitial.text });
      });
      header.replacements = list;
    }
  }

  if (object.csv !== undefined) {
    const precomputed = (object as Record<symbol, unknown>)[PRECOMPUTED_SERIES] as PrecomputedSeries | undefined;
    if (object.readings !== undefined) {
      raise(ctx, object, {
        path: [...base, "csv"],
        code: "conflicting-keys",
        message: "a series takes inline `readings` or a `csv` file, not both",
        symbol: spec.symbol,
      });
      return undefined;
    }
    if (!precomputed) {
      raise(ctx, object, {
        path: [...base, "csv"],
        code: "csv-needs-loader",
        message:
          "a CSV-backed series is read by loadMonitoringDocument() from 'jcm-mrv/node' (or the CLI); the pure core reads no files",
        symbol: spec.symbol,
        expected: "inline readings, or load the document with jcm-mrv/node",
        found: found(object.csv),
      });
      return undefined;
    }
    if (!ok || unit === undefined) return undefined;
    return makePending({
      spec,
      ...(id !== undefined && { id }),
      header,
      ...(option !== undefined && { option }),
      ...(note !== undefined && { note }),
      precomputed,
    });
  }

  const readings = object.readings;
  if (!Array.isArray(readings)) {
    raise(ctx, object, {
      path: [...base, "readings"],
      code: readings === undefined ? "missing" : "invalid-type",
      message: `a series of ${spec.symbol} needs an array of readings`,
      symbol: spec.symbol,
      expected: '[{ "at": "…", "value": "…" }, …]',
      found: found(readings),
    });
    return undefined;
  }
  // Reading objects: exactly `at` and `value`. Checked here in one pass, without zod per reading.
  let shapeOk = true;
  for (let i = 0; i < readings.length; i++) {
    const r: unknown = readings[i];
    if (!isPlainObject(r)) {
      raise(ctx, object, {
        path: [...base, "readings", i],
        code: "invalid-type",
        message: "a reading must be an object { at, value }",
        symbol: spec.symbol,
        expected: '{ "at": "…", "value": "…" }',
        found: found(r),
      });
      shapeOk = false;
      continue;
    }
    let keys = 0;
    for (const key in r) {
      if (!Object.hasOwn(r, key)) continue;
      keys += 1;
      if (key !== "at" && key !== "value") {
        raise(ctx, object, {
          path: [...base, "readings", i, key],
          code: "unknown-key",
          message: `unknown key "${key}" in a reading`,
          symbol: spec.symbol,
          expected: "at, value",
          found: JSON.stringify(key),
        });
        shapeOk = false;
      }
    }
    if (keys < 2) {
      for (const key of ["at", "value"] as const) {
        if (!Object.hasOwn(r, key)) {
          raise(ctx, object, {
            path: [...base, "readings", i, key],
            code: "missing",
            message: `a reading needs "${key}"`,
            symbol: spec.symbol,
            expected: key === "at" ? "an ISO 8601 date-time with offset" : "a decimal string",
            found: "nothing",
          });
          shapeOk = false;
        }
      }
    }
  }
  if (!shapeOk) return undefined;
  const checked = checkReadings(header.kind, readings as { at: unknown; value: unknown }[]);
  for (const p of checked.problems) {
    raise(ctx, object, {
      path:
        p.index === undefined ? [...base, "readings"] : [...base, "readings", p.index, ...(p.field ? [p.field] : [])],
      code: p.code,
      message: p.message,
      symbol: spec.symbol,
      ...(p.expected !== undefined && { expected: p.expected }),
      ...(p.found !== undefined && { found: p.found }),
    });
  }
  if (!ok || unit === undefined || checked.problems.length > 0) return undefined;
  return makePending({
    spec,
    ...(id !== undefined && { id }),
    header,
    ...(option !== undefined && { option }),
    ...(note !== undefined && { note }),
    readings: { ...checked, count: readings.length },
  });
}

// ---------------------------------------------------------------------------------------------
// Schema factories

export function defaultQuantity(spec: QuantitySpec): Quantity {
  if (!spec.default) throw new TypeError(`${spec.symbol} has no default`);
  const value = new Decimal(spec.default.value);
  return makeQuantity({
    symbol: spec.symbol,
    value,
    unit: spec.unit,
    given: { value: toCanonicalString(value), unit: spec.unit },
    origin: "default",
    source: spec.default.source,
    status: spec.default.status,
  });
}

function validateSpec(spec: QuantitySpec): void {
  specDimension(spec);
  if (spec.default && decimalProblem(spec.default.value))
    throw new TypeError(`${spec.symbol}: default ${spec.default.value} is not a decimal`);
}

/** A parameter the document may leave out but whose output is always a Quantity (the default). */
export type DefaultedQuantitySchema<I> = z.ZodType<
  Quantity,
  I | undefined,
  z.core.$ZodTypeInternals<Quantity, I | undefined> & { optin: "optional" }
>;

/** A required numeric parameter (or, with a `default`, one the document may leave out). */
export function quantity<const S extends QuantitySpec>(
  spec: S,
): S extends { default: DefaultValue } ? DefaultedQuantitySchema<InputOf<S>> : z.ZodType<Quantity, InputOf<S>> {
  validateSpec(spec);
  const schema = spec.default
    ? z
        .unknown()
        .optional()
        .transform(
          (input, ctx) =>
            (input === undefined
              ? defaultQuantity(spec)
              : (parseQuantityInput(ctx, input, spec) ?? z.NEVER)) as Quantity,
        )
    : z.unknown().transform((input, ctx) => (parseQuantityInput(ctx, input, spec) ?? z.NEVER) as Quantity);
  schema.register(parameterRegistry, { kind: "quantity", spec, optional: spec.default !== undefined });
  return schema as never;
}

/** A numeric parameter the document may leave out (no default: absent stays absent). */
export function optionalQuantity<const S extends QuantitySpec>(
  spec: S,
): z.ZodOptional<z.ZodType<Quantity, InputOf<S>>> {
  validateSpec(spec);
  const inner = z.unknown().transform((input, ctx) => (parseQuantityInput(ctx, input, spec) ?? z.NEVER) as Quantity);
  inner.register(parameterRegistry, { kind: "quantity", spec, optional: true });
  return inner.optional() as never;
}

/**
 * A per-equipment monitored parameter: an array of quantity or series objects, each with its id
 * (`equipment`, `product` or `fuel`) merged in, ids unique within the array.
 */
export function perEquipment<const S extends QuantitySpec, const K extends string>(
  spec: S,
  options: { idKey: K; required: true },
): z.ZodType<readonly Quantity[], EntryInputOf<S, K>[]>;
export function perEquipment<const S extends QuantitySpec, const K extends string>(
  spec: S,
  options: { idKey: K; required: false },
): z.ZodOptional<z.ZodType<readonly Quantity[], EntryInputOf<S, K>[]>>;
export function perEquipment(spec: QuantitySpec, options: { idKey: string; required: boolean }): z.ZodType {
  validateSpec(spec);
  const inner = z.unknown().transform((input, ctx) => {
    if (!Array.isArray(input)) {
      raise(ctx, input, {
        path: [],
        code: input === undefined ? "missing" : "invalid-type",
        message:
          input === undefined
            ? `${spec.symbol} is required: an array of entries, one per ${options.idKey}`
            : `${spec.symbol} must be an array of entries, one per ${options.idKey}`,
        symbol: spec.symbol,
        expected: `[{ "${options.idKey}": "…", "value": "…", "unit": "${spec.unit}" }, …]`,
        found: found(input),
      });
      return z.NEVER;
    }
    if (options.required && input.length === 0) {
      raise(ctx, input, {
        path: [],
        code: "empty",
        message: `${spec.symbol} needs at least one entry`,
        symbol: spec.symbol,
        expected: "a non-empty array",
        found: "[]",
      });
      return z.NEVER;
    }
    const seen = new Map<string, number>();
    const out: (Quantity | PendingSeries)[] = [];
    let ok = true;
    input.forEach((entry: unknown, i: number) => {
      const parsed = parseQuantityInput(ctx, entry, spec, options.idKey, [i]);
      if (!parsed) {
        ok = false;
        return;
      }
      const id = parsed.id!;
      const first = seen.get(id);
      if (first !== undefined) {
        raise(ctx, input, {
          path: [i, options.idKey],
          code: "duplicate-id",
          message: `${options.idKey} "${id}" appears twice in ${spec.symbol} (entries ${first} and ${i})`,
          symbol: spec.symbol,
          expected: `unique ${options.idKey} ids`,
          found: JSON.stringify(id),
        });
        ok = false;
        return;
      }
      seen.set(id, i);
      out.push(parsed);
    });
    return ok ? (out as unknown as readonly Quantity[]) : z.NEVER;
  });
  inner.register(parameterRegistry, {
    kind: "quantity",
    spec,
    idKey: options.idKey,
    perEquipment: options.required ? "required" : "optional",
    optional: !options.required,
  });
  return options.required ? inner : inner.optional();
}

/** Fixed per-equipment entries (`boilers[]`, `chillers[]`, `products[]`): strict objects keyed by id. */
export function equipmentList<const K extends string, const Shape extends z.ZodRawShape>(
  listKey: string,
  idKey: K,
  shape: Shape,
  description: string,
): z.ZodArray<z.ZodObject<{ [P in K]: z.ZodString } & Shape, z.core.$strict>> {
  const entry = z.strictObject({ [idKey]: z.string().min(1), ...shape } as { [P in K]: z.ZodString } & Shape);
  const list = z
    .array(entry)
    .min(1)
    .superRefine((entries, ctx) => {
      const seen = new Map<string, number>();
      entries.forEach((e, i) => {
        const id = (e as Record<string, unknown>)[idKey] as string;
        const first = seen.get(id);
        if (first !== undefined) {
          const message = `${idKey} "${id}" appears twice in ${listKey} (entries ${first} and ${i})`;
          ctx.addIssue({
            code: "custom",
            message,
            path: [i, idKey],
            params: {
              mrv: {
                path: [i, idKey],
                code: "duplicate-id",
                message,
                expected: `unique ${idKey} ids`,
                found: JSON.stringify(id),
              },
            },
          });
        } else seen.set(id, i);
      });
    });
  parameter(list, {
    symbol: `${listKey}[]`,
    description: `${description} (one entry per ${idKey}; the entries define the set of ${idKey} ids)`,
  });
  return list;
}

/** Symbols and metadata of every parameter reachable from a schema (cards, issue symbols). */
export function collectParameterMeta(schema: z.ZodType): Map<string, ParameterMeta> {
  const found = new Map<string, ParameterMeta>();
  const seen = new Set<unknown>();
  const visit = (s: unknown): void => {
    if (!s || typeof s !== "object" || seen.has(s)) return;
    seen.add(s);
    const meta = parameterRegistry.get(s as z.ZodType);
    if (meta) found.set(meta.kind === "quantity" ? meta.spec.symbol : meta.symbol, meta);
    const def = (s as { _zod?: { def?: Record<string, unknown> } })._zod?.def;
    if (!def) return;
    for (const key of ["innerType", "in", "out", "element", "left", "right", "schema"]) visit(def[key]);
    if (Array.isArray(def.options)) def.options.forEach(visit);
    const shape = def.shape as Record<string, unknown> | undefined;
    if (shape) for (const v of Object.values(shape)) visit(v);
  };
  visit(schema);
  return found;
}
