/**
 * fast-check arbitraries for fuzzing every bundled methodology module.
 *
 * Valid documents start from each module's shared example(s) and are rebuilt from the module's own
 * parameter metadata (`collectParameterMeta` → `QuantitySpec`): every numeric parameter is redrawn
 * inside its declared range in every accepted spelling (decimal string with 0–12 fraction digits,
 * exponent notation, JSON number, quantity object in any unit of the same dimension, series of
 * readings where the spec allows one), equipment is re-labelled (unicode ids included), cloned,
 * counted and reordered, and the period, time zone, options, project and reported blocks vary.
 * Cross-field rules that the metadata cannot express live in {@link ADJUSTERS}, keyed by module id;
 * a module without an adjuster is still fuzzed (see `modules.fuzz.test.ts`).
 *
 * Corrupted documents take a valid one and apply 1–3 {@link Mutation}s: wrong types, missing and
 * misspelt keys, out-of-range and malformed decimals, deep nesting, huge arrays, `__proto__` /
 * `constructor` / `prototype` keys, arrays for objects and back, nulls, non-JSON values, broken text.
 */
import DecimalJs from "decimal.js";
import fc from "fast-check";
import { GRID_NAMES } from "../../methodologies/id-am002-centrifugal-chiller/defaults.js";
import { Exact as LibExact } from "../../src/core/exact.js";
import { formatPath, type PathSegment } from "../../src/core/path.js";
import { createPeriod } from "../../src/core/period.js";
import { convert, dimensionOf, unitsOf } from "../../src/core/units.js";
import { collectParameterMeta, type QuantitySpec } from "../../src/methodology/parameters/index.js";
import type { AnyMethodology } from "../../src/methodology/types.js";
import { loadExamples } from "../helpers/examples.js";

// ---------------------------------------------------------------------------------------------
// Exact oracle arithmetic (independent of the library's Decimal clones)

/** Wide enough that every sum and difference of valid inputs is exact. */
export const Exact = DecimalJs.clone({
  precision: 20_000,
  rounding: DecimalJs.ROUND_HALF_EVEN,
  toExpNeg: -9e15,
  toExpPos: 9e15,
  maxE: 9e15,
  minE: -9e15,
});
export type Exact = InstanceType<typeof Exact>;

/** Canonical decimal string as the monitoring document defines it. */
export function canonical(value: Exact): string {
  return value.isZero() ? "0" : value.toFixed();
}

// ---------------------------------------------------------------------------------------------
// JSON helpers

export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Deep clone of JSON data, keeping an own `__proto__` key as a plain data property. Cycles (from a
 * non-JSON mutation) are cloned as cycles.
 */
export function clone<T>(value: T, seen = new Map<object, unknown>()): T {
  if (typeof value !== "object" || value === null) return value;
  const done = seen.get(value);
  if (done !== undefined) return done as T;
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    seen.set(value, out);
    for (const v of value) out.push(clone(v, seen));
    return out as T;
  }
  if (isObject(value)) {
    const out: JsonObject = {};
    seen.set(value, out);
    for (const key of Object.keys(value)) setOwn(out, key, clone(value[key], seen));
    return out as T;
  }
  return value;
}

/** Assigns an own enumerable data property, even for `__proto__` (as JSON.parse creates it). */
export function setOwn(object: JsonObject, key: string, value: unknown): void {
  Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
}

export function getAt(root: unknown, path: readonly PathSegment[]): unknown {
  let node = root;
  for (const segment of path) {
    if (Array.isArray(node) && typeof segment === "number") node = node[segment];
    else if (isObject(node) && typeof segment === "string" && Object.hasOwn(node, segment)) node = node[segment];
    else return undefined;
  }
  return node;
}

// ---------------------------------------------------------------------------------------------
// The module model: what the schemas say about each parameter

export interface ParamInfo {
  spec: QuantitySpec;
  /** Per-equipment id key (`equipment`, `product`, `sample`, …) when the parameter is an array of entries. */
  idKey?: string;
  /** True when the spec was derived from an "other" parameter that only declares a unit. */
  fallback: boolean;
}

export interface ExampleDoc {
  name: string;
  doc: JsonObject;
}

export interface ModuleModel {
  module: AnyMethodology;
  examples: ExampleDoc[];
  params: Map<string, ParamInfo>;
  /** Fixed lists that define the equipment set (`boilers`, `chillers`, `products`) → their id key. */
  fixedLists: Map<string, string>;
  /** Id keys of monitored per-equipment arrays: equipment bundles are formed per id key. */
  groupKeys: Set<string>;
}

const EXAMPLES = loadExamples().map((e) => ({ name: e.name, doc: JSON.parse(e.text) as JsonObject }));

export function examplesOf(module: AnyMethodology): ExampleDoc[] {
  return EXAMPLES.filter((e) => {
    const m = e.doc.methodology;
    return isObject(m) && m.id === module.id && m.version === module.version;
  });
}

export function modelOf(module: AnyMethodology): ModuleModel {
  const params = new Map<string, ParamInfo>();
  const fixedLists = new Map<string, string>();
  const groupKeys = new Set<string>();
  const metas = [...collectParameterMeta(module.fixedSchema), ...collectParameterMeta(module.monitoredSchema)];
  for (const [symbol, meta] of metas) {
    if (meta.kind === "quantity") {
      params.set(symbol, { spec: meta.spec, ...(meta.idKey !== undefined && { idKey: meta.idKey }), fallback: false });
      if (meta.idKey !== undefined) groupKeys.add(meta.idKey);
    } else if (meta.unit !== undefined && dimensionOf(meta.unit) !== undefined) {
      // A custom parameter that declares a unit (EF_elec, FC_f,p): positive values in that
      // dimension are valid for every such parameter bundled today.
      params.set(symbol, {
        spec: { symbol, unit: meta.unit, description: meta.description, min: "0", minExclusive: true },
        fallback: true,
      });
    }
  }
  for (const [symbol, meta] of collectParameterMeta(module.fixedSchema)) {
    if (meta.kind !== "other" || !symbol.endsWith("[]")) continue;
    const list = symbol.slice(0, -2);
    for (const example of examplesOf(module)) {
      const entries = isObject(example.doc.fixed) ? example.doc.fixed[list] : undefined;
      if (!Array.isArray(entries)) continue;
      const first = entries.find(isObject);
      const idKey = first && [...groupKeys].find((k) => typeof first[k] === "string");
      if (idKey) fixedLists.set(list, idKey);
    }
  }
  return { module, examples: examplesOf(module), params, fixedLists, groupKeys };
}

// ---------------------------------------------------------------------------------------------
// Periods

export interface PeriodInfo {
  start: string;
  end: string;
  /** As written in the document (absent = "+00:00"). */
  timeZone?: string;
  offsetMinutes: number;
  startMs: number;
  endMs: number;
  days: number;
}

export const MS_PER_DAY = 86_400_000;

function pad(n: number, width = 2): string {
  return String(n).padStart(width, "0");
}

export function dateText(epochMs: number): string {
  const d = new Date(epochMs);
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

export function offsetText(minutes: number): string {
  const sign = minutes < 0 ? "-" : "+";
  const abs = Math.abs(minutes);
  return `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** A period of `days` days from `startDay` (days since 1970-01-01 UTC), in `offsetMinutes`. */
export function makePeriod(startDay: number, days: number, offsetMinutes: number, writeTimeZone: boolean): PeriodInfo {
  const startMidnight = startDay * MS_PER_DAY;
  const shift = offsetMinutes * 60_000;
  return {
    start: dateText(startMidnight),
    end: dateText(startMidnight + (days - 1) * MS_PER_DAY),
    ...((writeTimeZone || offsetMinutes !== 0) && { timeZone: offsetText(offsetMinutes) }),
    offsetMinutes,
    startMs: startMidnight - shift,
    endMs: startMidnight + days * MS_PER_DAY - shift,
    days,
  };
}

export function periodFromDocument(period: JsonObject): PeriodInfo {
  const start = Date.parse(`${String(period.start)}T00:00:00Z`);
  const end = Date.parse(`${String(period.end)}T00:00:00Z`);
  const tz = typeof period.timeZone === "string" ? period.timeZone : "+00:00";
  const m = /^([+-])(\d{2}):(\d{2})$/.exec(tz);
  if (!m) {
    // A named zone (an example's own period, kept as it is): its instants come from the library,
    // which test/core/period.test.ts checks against the published rules.
    const made = createPeriod(String(period.start), String(period.end), tz);
    if (!made.ok) throw new Error(`example period: ${JSON.stringify(made.problems)}`);
    const p = made.period;
    return {
      start: p.start,
      end: p.end,
      timeZone: tz,
      offsetMinutes: p.offsetMinutes,
      startMs: p.startInstant,
      endMs: p.endInstant,
      days: p.days,
    };
  }
  const offset = (m[1] === "-" ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
  return makePeriod(start / MS_PER_DAY, (end - start) / MS_PER_DAY + 1, offset, typeof period.timeZone === "string");
}

export function periodJson(p: PeriodInfo): JsonObject {
  return { start: p.start, end: p.end, ...(p.timeZone !== undefined && { timeZone: p.timeZone }) };
}

/** Day numbers 2000-01-01 … 2199-12-31: the period limits of trust.md §3. */
const FIRST_DAY = Date.UTC(2000, 0, 1) / MS_PER_DAY;
const LAST_DAY = Date.UTC(2199, 11, 31) / MS_PER_DAY;

export const offsetArb: fc.Arbitrary<number> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.constantFrom(0, 60, 420, 480, 330, 345, -300, -210, 840, -720, 23 * 60 + 59, -(23 * 60 + 59)),
  },
  { weight: 1, arbitrary: fc.integer({ min: -(23 * 60 + 59), max: 23 * 60 + 59 }) },
);

export function periodArb(maxDays: number, minDays = 1): fc.Arbitrary<PeriodInfo> {
  return fc
    .record({
      startDay: fc.oneof(
        fc.integer({ min: FIRST_DAY, max: LAST_DAY - maxDays }),
        fc.constantFrom(
          FIRST_DAY,
          Date.UTC(2024, 1, 28) / MS_PER_DAY,
          Date.UTC(2000, 1, 29) / MS_PER_DAY,
          Date.UTC(2019, 11, 31) / MS_PER_DAY,
        ),
      ),
      days: fc.integer({ min: minDays, max: maxDays }),
      offset: offsetArb,
      writeTimeZone: fc.boolean(),
    })
    .map(({ startDay, days, offset, writeTimeZone }) => makePeriod(startDay, days, offset, writeTimeZone));
}

// ---------------------------------------------------------------------------------------------
// Decimals

interface Magnitude {
  negative: boolean;
  /** Significant digits (no leading zero), or 0n for zero. */
  sig: bigint;
  /** value = ±sig × 10^exp10 */
  exp10: number;
}

function exactOf(m: Magnitude): Exact {
  return new Exact(`${m.negative ? "-" : ""}${m.sig.toString()}e${m.exp10}`);
}

function inRange(
  value: Exact,
  spec: Pick<QuantitySpec, "min" | "max" | "minExclusive" | "maxExclusive" | "integer">,
): boolean {
  if (spec.min !== undefined && (spec.minExclusive ? value.lte(spec.min) : value.lt(spec.min))) return false;
  if (spec.max !== undefined && (spec.maxExclusive ? value.gte(spec.max) : value.gt(spec.max))) return false;
  if (spec.integer && !value.isInteger()) return false;
  return true;
}

const sigArb = (maxDigits: number): fc.Arbitrary<bigint> =>
  fc
    .integer({ min: 1, max: maxDigits })
    .chain((digits) => fc.bigInt({ min: 10n ** BigInt(digits - 1), max: 10n ** BigInt(digits) - 1n }));

/**
 * Magnitudes 1e-6 … ~1e12 with at most 12 fraction digits (below 1 when the spec has a maximum
 * such as η ≤ 1), zero where the range allows it, negative where it has no minimum.
 */
function magnitudeArb(spec: QuantitySpec): fc.Arbitrary<Magnitude> {
  const zeroAllowed = inRange(new Exact(0), spec);
  const negativeAllowed = spec.min === undefined || new Exact(spec.min).isNegative();
  const general = sigArb(15).chain((sig) => {
    const digits = sig.toString().length;
    const lowest = spec.integer ? 0 : Math.max(-12, -6 - (digits - 1));
    const highest = Math.max(lowest, 12 - (digits - 1));
    return fc.record({
      negative: negativeAllowed ? fc.boolean() : fc.constant(false),
      sig: fc.constant(sig),
      exp10: fc.integer({ min: lowest, max: highest }),
    });
  });
  const belowOne = sigArb(12).chain((sig) => {
    const digits = sig.toString().length;
    return fc.record({
      negative: fc.constant(false),
      sig: fc.constant(sig),
      exp10: fc.integer({ min: -12, max: -digits }),
    });
  });
  const boundaries: Magnitude[] = [];
  for (const bound of [spec.min, spec.max]) {
    if (bound === undefined) continue;
    const b = new Exact(bound);
    if (!inRange(b, spec)) continue;
    const [sig, exp] = b.isZero()
      ? [0n, 0]
      : [BigInt(b.abs().toFixed().replace(".", "").replace(/^0+/, "")), -b.decimalPlaces()];
    boundaries.push({ negative: b.isNegative(), sig, exp10: exp });
  }
  // Rarely: 16–29 significant digits (valid, below 1e30): exactness beyond binary64.
  const long = sigArb(29)
    .filter((sig) => sig >= 10n ** 15n)
    .chain((sig) => {
      const digits = sig.toString().length;
      return fc.record({
        negative: negativeAllowed ? fc.boolean() : fc.constant(false),
        sig: fc.constant(sig),
        exp10: fc.integer({ min: spec.integer ? 0 : -12, max: 29 - digits }),
      });
    });
  const options: fc.WeightedArbitrary<Magnitude>[] = [
    { weight: 10, arbitrary: spec.max !== undefined && !spec.integer ? belowOne : general },
  ];
  if (spec.max === undefined) options.push({ weight: 1, arbitrary: long });
  if (zeroAllowed)
    options.push({
      weight: 1,
      arbitrary: fc.record({ negative: fc.boolean(), sig: fc.constant(0n), exp10: fc.integer({ min: -3, max: 3 }) }),
    });
  if (boundaries.length > 0) options.push({ weight: 1, arbitrary: fc.constantFrom(...boundaries) });
  return fc.oneof(...options).filter((m) => inRange(exactOf(m), spec));
}

/** Every accepted spelling of one value: plain (trailing/leading zeros), exponent, JSON number. */
function spell(m: Magnitude, style: number, extra: number): string | number {
  const digits = m.sig.toString();
  const sign = m.negative ? "-" : "";
  if (m.sig === 0n) return [`${sign}0`, `${sign}0.000`, "0", `${sign}0e${m.exp10}`, 0, "00"][style % 6]!;
  let plain: string;
  if (m.exp10 >= 0) plain = digits + "0".repeat(m.exp10);
  else {
    const places = -m.exp10;
    const padded = digits.padStart(places + 1, "0");
    plain = `${padded.slice(0, -places)}.${padded.slice(-places)}`;
  }
  const fractionDigits = plain.includes(".") ? plain.length - plain.indexOf(".") - 1 : 0;
  switch (style % 8) {
    case 0:
    case 1:
    case 2:
      return sign + plain;
    case 3: {
      // trailing zeros (still ≤ 12 fraction digits), sometimes leading zeros
      const zeros = Math.min(extra % 3, 12 - fractionDigits);
      const withZeros =
        zeros <= 0 ? plain : plain.includes(".") ? plain + "0".repeat(zeros) : `${plain}.${"0".repeat(zeros)}`;
      return sign + (extra % 2 === 0 ? withZeros : `00${withZeros}`);
    }
    case 4: {
      // "1.5e3" / "1.5E+3" / "15e2"
      const e = m.exp10 + digits.length - 1;
      const mantissa = digits.length === 1 ? digits : `${digits[0]}.${digits.slice(1)}`;
      const marker = extra % 2 === 0 ? "e" : "E";
      const exponent = e >= 0 && extra % 3 === 0 ? `+${e}` : String(e);
      return `${sign}${mantissa}${marker}${exponent}`;
    }
    case 5:
      return `${sign}${digits}e${m.exp10}`;
    default: {
      const n = Number(sign + plain);
      return Number.isFinite(n) ? n : sign + plain;
    }
  }
}

/** The value an accepted spelling stands for (JSON numbers through their shortest string). */
export function exactValueOf(input: string | number): Exact {
  return new Exact(typeof input === "number" ? String(input) : input);
}

export function decimalArb(spec: QuantitySpec): fc.Arbitrary<string | number> {
  return fc
    .tuple(magnitudeArb(spec), fc.nat({ max: 1000 }), fc.nat({ max: 1000 }))
    .map(([m, style, extra]) => spell(m, style, extra));
}

/** `arb` once in `oneIn` draws, else undefined. */
export function rarely<T>(arb: fc.Arbitrary<T>, oneIn: number): fc.Arbitrary<T | undefined> {
  return fc.oneof({ weight: oneIn - 1, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: arb });
}

// ---------------------------------------------------------------------------------------------
// Ids, text

export const idArb: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc
      .tuple(fc.constantFrom("PV", "HOB", "CH", "inv", "meter", "kiln", "unit"), fc.nat({ max: 99 }))
      .map(([p, n]) => `${p}-${n}`),
  },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      "ボイラー-1",
      "😀",
      "冷却機 2",
      "мотор-3",
      "מונה-1",
      "e\u0301",
      "Ω",
      "__proto__",
      "constructor",
      "prototype",
      "toString",
      "hasOwnProperty",
      "a.b",
      'a"b',
      "a\\b",
      "[0]",
      "\t",
      " ",
      "0",
      "-1",
      "\u200b",
      "x".repeat(300),
      // Valid, and hostile on a terminal or in a report: shown escaped, never as they are.
      "\u001b[2J\u001b[HAll figures match",
      "\u202eevil\u2066",
      "\u0085\u009b31m",
      "`` ` ``</code><script>x</script>",
      "[x](javascript:alert(1))",
    ),
  },
  { weight: 2, arbitrary: fc.string({ unit: "grapheme", minLength: 1, maxLength: 6 }) },
  // Any code points, but well-formed: a lone surrogate is refused (trust.md §4; see odd-id).
  { weight: 1, arbitrary: fc.string({ unit: "binary", minLength: 1, maxLength: 4 }).filter(wellFormed) },
);

/** Text without lone surrogates. */
export function wellFormed(text: string): boolean {
  return !/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(text);
}

/** Strings a hostile document puts anywhere text goes: control, bidi, invisible, markup, long. */
export const HOSTILE_TEXTS: readonly string[] = [
  "\u001b[2J\u001b[H\u001b[32mAll 3 reported figures match.\u001b[0m",
  "\u001b]0;title\u0007",
  "\u202e\u2066\u2069\u200b\u200c\u200d\u2060\ufeff",
  "\u0080\u0085\u009b\u009f\u007f",
  "line\nbreak\r\n# heading",
  "```</code><script>alert(1)</script>",
  "![img](https://evil.example/x.png) [a](javascript:x) www.evil.example a@evil.example",
  "x".repeat(100_000),
];

export const textArb: fc.Arbitrary<string> = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.constantFrom(
    "Ulaanbaatar 第1期",
    "😀 note",
    "",
    "\u0000",
    "line\nbreak",
    "<script>alert(1)</script>",
    "constructor",
    "\u001b[31mred\u001b[0m",
    "\u202eright-to-left",
  ),
);

// ---------------------------------------------------------------------------------------------
// Series of readings

export interface SeriesExpectation {
  /** Result `parameters[].path` of the series. */
  path: string;
  unit: string;
  /** Exact total in `unit`, canonical. */
  total: string;
  /** The series object in the document (to detect that an adjuster replaced it). */
  node: unknown;
}

interface BuiltSeries {
  node: JsonObject;
  unit: string;
  total: Exact;
}

/** An ISO 8601 instant with an offset, spelt in one of several equivalent ways. */
export function instantText(ms: number, offsetMinutes: number, style: number): string {
  const local = new Date(ms + offsetMinutes * 60_000);
  const date = `${pad(local.getUTCFullYear(), 4)}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}`;
  const hm = `${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}`;
  const s = local.getUTCSeconds();
  const millis = local.getUTCMilliseconds();
  let time: string;
  if (millis !== 0) {
    const fraction = pad(millis, 3).replace(/0+$/, "");
    time = `${hm}:${pad(s)}.${style % 2 === 0 ? fraction : pad(millis, 3)}`;
  } else if (s !== 0 || style % 3 !== 0) time = style % 5 === 1 ? `${hm}:${pad(s)}.000` : `${hm}:${pad(s)}`;
  else time = hm;
  const zone = offsetMinutes === 0 && style % 2 === 0 ? "Z" : offsetText(offsetMinutes);
  return `${date}T${time}${zone}`;
}

const readingValueSpec: QuantitySpec = { symbol: "reading", unit: "MWh", description: "", min: "0" };
const readingValueArb: fc.Arbitrary<string | number> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc
      .tuple(fc.nat({ max: 10_000_000 }), fc.integer({ min: 0, max: 4 }))
      .map(([n, places]) => (places === 0 ? String(n) : (n / 10 ** places).toFixed(places))),
  },
  { weight: 2, arbitrary: decimalArb(readingValueSpec) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      "0",
      "-0",
      "-0.000",
      "0e3",
      0,
      "1e-1000",
      "999999999999999999999999999999",
      "1E+2",
      "0.000000000001",
    ),
  },
);

/** How each reading's instant is written: the period's offset, `Z`, or any other offset. */
const stampArb = fc.record({
  offset: fc.oneof(
    { weight: 4, arbitrary: fc.constant<number | undefined>(undefined) },
    { weight: 1, arbitrary: offsetArb },
  ),
  style: fc.nat({ max: 29 }),
});

function stamp(ms: number, period: PeriodInfo, s: { offset: number | undefined; style: number }): string {
  return instantText(ms, s.offset ?? period.offsetMinutes, s.style);
}

function energyLike(spec: QuantitySpec): string[] {
  const dimension = dimensionOf(spec.unit)!;
  return unitsOf(dimension);
}

/** Interval series: on a grid (gaps, partial last slot) or free instants; readings outside; duplicates. */
function intervalSeriesArb(spec: QuantitySpec, period: PeriodInfo, maxReadings: number): fc.Arbitrary<BuiltSeries> {
  const length = period.endMs - period.startMs;
  const grids = ["PT1H", "PT30M", "PT15M", "PT2H", "PT6H", "PT7H", "PT12H", "P1D", "PT90M", "PT7M", "PT5M"].filter(
    (g) => Math.ceil(length / gridMs(g)) <= maxReadings,
  );
  return fc
    .record({
      interval: fc.oneof(
        { weight: 1, arbitrary: fc.constant(undefined) },
        { weight: 3, arbitrary: fc.constantFrom(...grids) },
      ),
      free: fc.uniqueArray(fc.integer({ min: 0, max: length - 1 }), { maxLength: Math.min(40, maxReadings) }),
      before: fc.uniqueArray(fc.integer({ min: 1, max: 3 * MS_PER_DAY }), { maxLength: 3 }),
      after: fc.uniqueArray(fc.integer({ min: 0, max: 3 * MS_PER_DAY }), { maxLength: 3 }),
    })
    .chain(({ interval, free, before, after }) => {
      const inside: number[] = [];
      if (interval === undefined) inside.push(...[...free].sort((a, b) => a - b).map((o) => period.startMs + o));
      else for (let t = period.startMs; t < period.endMs; t += gridMs(interval)) inside.push(t);
      const instants = [
        ...[...before].sort((a, b) => b - a).map((o) => period.startMs - o),
        ...inside,
        ...[...after].sort((a, b) => a - b).map((o) => period.endMs + o),
      ];
      const n = instants.length;
      return fc
        .record({
          unit: fc.constantFrom(...energyLike(spec)),
          // grid slots left without a reading (gap warnings)
          gaps: fc.uniqueArray(fc.nat({ max: Math.max(0, n - 1) }), { maxLength: Math.min(5, n) }),
          values: fc.array(readingValueArb, { minLength: n, maxLength: n }),
          stamps: fc.array(stampArb, { minLength: n, maxLength: n }),
          duplicate: rarely(fc.record({ index: fc.nat(), respell: fc.boolean(), stamp: stampArb }), 4),
          option: fc.constantFrom(undefined, "A", "B", "C"),
        })
        .map((r) => {
          const readings: JsonObject[] = [];
          const kept: number[] = [];
          let total = new Exact(0);
          instants.forEach((t, i) => {
            if (r.gaps.includes(i)) return;
            const value = r.values[i]!;
            readings.push({ at: stamp(t, period, r.stamps[i]!), value });
            kept.push(t);
            if (t >= period.startMs && t < period.endMs) total = total.plus(exactValueOf(value));
          });
          if (r.duplicate && readings.length > 0) {
            const i = r.duplicate.index % readings.length;
            const original = readings[i]!;
            const respellable =
              r.duplicate.respell && typeof original.value === "string" && !/[eE]/.test(original.value);
            const value = respellable
              ? `${original.value as string}${(original.value as string).includes(".") ? "0" : ".0"}`
              : original.value;
            readings.splice(i + 1, 0, { at: stamp(kept[i]!, period, r.duplicate.stamp), value });
          }
          const node: JsonObject = {
            unit: r.unit,
            kind: "interval",
            ...(interval !== undefined && { interval }),
            ...(r.option !== undefined && { option: r.option }),
            readings,
          };
          return { node, unit: r.unit, total };
        });
    });
}

export function gridMs(interval: string): number {
  if (interval === "P1D") return MS_PER_DAY;
  const m = /^PT(\d+)([MH])$/.exec(interval)!;
  return Number(m[1]) * (m[2] === "H" ? 3_600_000 : 60_000);
}

/** Exact decimal → an accepted spelling (plain, exponent, or JSON number when exact). */
function spellExact(value: Exact, style: number): string | number {
  const plain = canonical(value);
  switch (style % 5) {
    case 0:
      return value.toExponential();
    case 1: {
      const n = Number(plain);
      return new Exact(String(n)).eq(value) ? n : plain;
    }
    case 2:
      return plain.includes(".") ? `${plain}0` : `${plain}.00`;
    default:
      return plain;
  }
}

const advanceArb = fc
  .tuple(fc.nat({ max: 5_000_000 }), fc.integer({ min: 0, max: 3 }))
  .map(([n, places]) => new Exact(n).div(10 ** places));

/** Cumulative register: boundary readings, advances, optional rollover and one meter swap. */
function cumulativeSeriesArb(spec: QuantitySpec, period: PeriodInfo, maxReadings: number): fc.Arbitrary<BuiltSeries> {
  const length = period.endMs - period.startMs;
  return fc
    .record({
      unit: fc.constantFrom(...energyLike(spec)),
      middle: fc.uniqueArray(fc.integer({ min: 1, max: length - 1 }), { maxLength: Math.min(30, maxReadings) }),
      before: fc.uniqueArray(fc.integer({ min: 1, max: 3 * MS_PER_DAY }), { maxLength: 2 }),
      after: fc.uniqueArray(fc.integer({ min: 1, max: 3 * MS_PER_DAY }), { maxLength: 2 }),
      first: advanceArb,
      advances: fc.array(advanceArb, { minLength: 32, maxLength: 32 }),
      rollover: rarely(fc.constantFrom("100000", "1e7", "99999.99", "10000000"), 3),
      replacement: rarely(
        fc.record({
          gap: fc.nat(),
          oldExtra: advanceArb,
          newInitial: advanceArb,
          newAdvance: advanceArb,
          where: fc.double({ min: 0.01, max: 0.99, noNaN: true }),
        }),
        3,
      ),
      stamps: fc.array(stampArb, { minLength: 40, maxLength: 40 }),
      styles: fc.array(fc.nat({ max: 20 }), { minLength: 40, maxLength: 40 }),
      option: fc.constantFrom(undefined, "A", "B", "C"),
    })
    .map((r) => {
      const inside = [
        period.startMs,
        ...[...r.middle].sort((a, b) => a - b).map((o) => period.startMs + o),
        period.endMs,
      ];
      const rollover = r.rollover === undefined ? undefined : new Exact(r.rollover);
      const wrap = (v: Exact): Exact => (rollover && v.gte(rollover) ? v.minus(rollover) : v);
      const cap = (a: Exact): Exact => (rollover && a.gte(rollover) ? a.mod(rollover) : a);
      let register = rollover ? r.first.mod(rollover) : r.first;
      const values: Exact[] = [register];
      let total = new Exact(0);
      // Replacement between inside[g] and inside[g+1], strictly inside and off every reading.
      let replacement: JsonObject | undefined;
      const gapCount = inside.length - 1;
      const g = r.replacement ? r.replacement.gap % gapCount : -1;
      const swapAt =
        r.replacement && g >= 0
          ? Math.floor(inside[g]! + (inside[g + 1]! - inside[g]!) * r.replacement.where)
          : undefined;
      const swapOk = swapAt !== undefined && swapAt > inside[g]! && swapAt < inside[g + 1]!;
      for (let i = 1; i < inside.length; i++) {
        if (swapOk && i === g + 1 && r.replacement) {
          // oldFinal is the old register's last reading: below rolloverAt, like every reading.
          let oldFinal = register.plus(r.replacement.oldExtra);
          if (rollover && oldFinal.gte(rollover)) oldFinal = register;
          const newInitial = cap(r.replacement.newInitial);
          let next = newInitial.plus(r.replacement.newAdvance);
          if (rollover && next.gte(rollover)) next = newInitial;
          total = total.plus(oldFinal.minus(register)).plus(next.minus(newInitial));
          replacement = {
            at: stamp(swapAt, period, r.stamps[39]!),
            oldFinal: spellExact(oldFinal, r.styles[38]!),
            newInitial: spellExact(newInitial, r.styles[39]!),
          };
          register = next;
        } else {
          const advance = cap(r.advances[i % r.advances.length]!);
          register = wrap(register.plus(advance));
          total = total.plus(advance);
        }
        values.push(register);
      }
      const readings: JsonObject[] = [];
      [...r.before]
        .sort((a, b) => b - a)
        .forEach((o, k) => {
          readings.push({ at: stamp(period.startMs - o, period, r.stamps[k]!), value: String(k) });
        });
      inside.forEach((t, k) => {
        readings.push({
          at: stamp(t, period, r.stamps[(k + 2) % 38]!),
          value: spellExact(values[k]!, r.styles[k % 38]!),
        });
      });
      [...r.after]
        .sort((a, b) => a - b)
        .forEach((o, k) => {
          readings.push({ at: stamp(period.endMs + o, period, r.stamps[k]!), value: String(99 - k) });
        });
      const node: JsonObject = {
        unit: r.unit,
        kind: "cumulative",
        ...(r.option !== undefined && { option: r.option }),
        ...(r.rollover !== undefined && { rolloverAt: r.rollover }),
        ...(replacement !== undefined && { replacements: [replacement] }),
        readings,
      };
      return { node, unit: r.unit, total };
    });
}

export function seriesArb(spec: QuantitySpec, period: PeriodInfo, maxReadings: number): fc.Arbitrary<BuiltSeries> {
  return fc.oneof(
    { weight: 3, arbitrary: intervalSeriesArb(spec, period, maxReadings) },
    { weight: 2, arbitrary: cumulativeSeriesArb(spec, period, maxReadings) },
  );
}

// ---------------------------------------------------------------------------------------------
// Leaves: every place in a document that holds one numeric parameter

interface Leaf {
  path: PathSegment[];
  info: ParamInfo;
  /** Id key and id of a per-equipment entry (the entry is then always an object). */
  idKey?: string;
  id?: string;
  original: unknown;
}

const QUANTITY_KEYS = new Set([
  "value",
  "unit",
  "option",
  "note",
  "kind",
  "interval",
  "readings",
  "rolloverAt",
  "replacements",
  "csv",
]);

function isQuantityLike(node: unknown): boolean {
  return (
    typeof node === "string" ||
    typeof node === "number" ||
    (isObject(node) && ("value" in node || "readings" in node || "kind" in node))
  );
}

function entryIdKey(entry: JsonObject, info: ParamInfo): string | undefined {
  if (info.idKey !== undefined) return info.idKey;
  return Object.keys(entry).find((k) => !QUANTITY_KEYS.has(k) && typeof entry[k] === "string");
}

export function findLeaves(model: ModuleModel, doc: JsonObject): Leaf[] {
  const leaves: Leaf[] = [];
  const visitObject = (object: JsonObject, path: PathSegment[]): void => {
    for (const key of Object.keys(object)) {
      const value = object[key];
      const info = model.params.get(key);
      if (info) {
        if (Array.isArray(value)) {
          value.forEach((entry, i) => {
            if (!isObject(entry)) return;
            const idKey = entryIdKey(entry, info);
            const id = idKey === undefined ? undefined : entry[idKey];
            leaves.push({
              path: [...path, key, i],
              info,
              ...(idKey !== undefined && { idKey }),
              ...(typeof id === "string" && { id }),
              original: entry,
            });
          });
        } else if (isQuantityLike(value)) leaves.push({ path: [...path, key], info, original: value });
      } else if (Array.isArray(value)) {
        value.forEach((entry, i) => {
          if (isObject(entry)) visitObject(entry, [...path, key, i]);
        });
      }
    }
  };
  for (const section of ["fixed", "monitored"] as const) {
    const object = doc[section];
    if (isObject(object)) visitObject(object, [section]);
  }
  return leaves;
}

export function setAt(root: JsonObject, path: readonly PathSegment[], value: unknown): void {
  const parent = getAt(root, path.slice(0, -1));
  const last = path[path.length - 1]!;
  if (Array.isArray(parent) && typeof last === "number") parent[last] = value;
  else if (isObject(parent) && typeof last === "string") setOwn(parent, last, value);
}

interface LeafValue {
  node: unknown;
  series?: BuiltSeries;
}

/** One numeric parameter: a bare decimal, a quantity object in any unit of its dimension, or a series. */
export function leafArb(
  info: ParamInfo,
  entry: { idKey?: string; id?: string; bareAllowed: boolean },
  period: PeriodInfo | undefined,
  maxReadings: number,
): fc.Arbitrary<LeafValue> {
  const spec = info.spec;
  const dimension = dimensionOf(spec.unit)!;
  const units = dimension === "dimensionless" ? ["1"] : unitsOf(dimension);
  const withId = (node: JsonObject): JsonObject =>
    entry.idKey !== undefined && entry.id !== undefined ? { [entry.idKey]: entry.id, ...node } : node;
  const object = fc
    .record({
      value: decimalArb(spec),
      unit: fc.oneof(
        { weight: 1, arbitrary: fc.constant<string | undefined>(undefined) },
        { weight: 3, arbitrary: fc.constantFrom(...units) },
      ),
      option: fc.constantFrom(undefined, "A", "B", "C"),
      note: rarely(textArb, 6),
    })
    .map(
      (q): LeafValue => ({
        node: withId({
          value: q.value,
          ...(q.unit !== undefined && { unit: q.unit }),
          ...(q.option !== undefined && { option: q.option }),
          ...(q.note !== undefined && { note: q.note }),
        }),
      }),
    );
  const options: fc.WeightedArbitrary<LeafValue>[] = [{ weight: 3, arbitrary: object }];
  if (entry.bareAllowed) options.push({ weight: 2, arbitrary: decimalArb(spec).map((node) => ({ node })) });
  if (spec.series && period !== undefined)
    options.push({
      weight: 4,
      arbitrary: seriesArb(spec, period, maxReadings).map((s) => ({ node: withId(s.node), series: s })),
    });
  return fc.oneof(...options);
}

// ---------------------------------------------------------------------------------------------
// Equipment bundles

interface GroupPlan {
  idKey: string;
  /** New ids, each with the index of the example id it clones. */
  members: { id: string; template: number }[];
  /** A sort key per member and per array, to shuffle each array independently. */
  order: number[][];
}

function exampleIds(model: ModuleModel, doc: JsonObject, idKey: string): string[] {
  const ids: string[] = [];
  const add = (entries: unknown) => {
    if (!Array.isArray(entries)) return;
    for (const e of entries)
      if (isObject(e) && typeof e[idKey] === "string" && !ids.includes(e[idKey])) ids.push(e[idKey]);
  };
  const fixed = isObject(doc.fixed) ? doc.fixed : {};
  const monitored = isObject(doc.monitored) ? doc.monitored : {};
  for (const [list, key] of model.fixedLists) if (key === idKey) add(fixed[list]);
  for (const [symbol, info] of model.params) if (info.idKey === idKey) add(monitored[symbol]);
  return ids;
}

function groupArb(model: ModuleModel, doc: JsonObject, idKey: string): fc.Arbitrary<GroupPlan> | undefined {
  const templates = exampleIds(model, doc, idKey);
  if (templates.length === 0) return undefined;
  return fc
    .uniqueArray(fc.record({ id: idArb, template: fc.nat({ max: templates.length - 1 }) }), {
      minLength: 1,
      maxLength: 6,
      selector: (m) => m.id,
    })
    .chain((members) =>
      fc.record({
        idKey: fc.constant(idKey),
        members: fc.constant(members),
        order: fc.array(fc.array(fc.nat(), { minLength: members.length, maxLength: members.length }), {
          minLength: 8,
          maxLength: 8,
        }),
      }),
    );
}

function applyGroup(model: ModuleModel, doc: JsonObject, plan: GroupPlan): void {
  const templates = exampleIds(model, doc, plan.idKey);
  let arrayIndex = 0;
  const rebuild = (container: JsonObject, key: string) => {
    const entries = container[key];
    if (!Array.isArray(entries)) return;
    const byId = new Map<string, JsonObject>();
    for (const e of entries) if (isObject(e) && typeof e[plan.idKey] === "string") byId.set(e[plan.idKey] as string, e);
    const order = plan.order[arrayIndex++ % plan.order.length]!;
    const rebuilt = plan.members
      .map((m, k) => ({ m, k, template: byId.get(templates[m.template]!) }))
      .filter((x) => x.template !== undefined)
      .sort((a, b) => order[a.k]! - order[b.k]! || a.k - b.k)
      .map(({ m, template }) => {
        const copy = clone(template!);
        setOwn(copy, plan.idKey, m.id);
        return copy;
      });
    setOwn(container, key, rebuilt);
  };
  const fixed = isObject(doc.fixed) ? doc.fixed : undefined;
  const monitored = isObject(doc.monitored) ? doc.monitored : undefined;
  for (const [list, key] of model.fixedLists) if (key === plan.idKey && fixed) rebuild(fixed, list);
  for (const [symbol, info] of model.params) if (info.idKey === plan.idKey && monitored) rebuild(monitored, symbol);
}

// ---------------------------------------------------------------------------------------------
// Module-specific cross-field rules

/** Rewrites a document so that the module's cross-field rules hold; may draw more values. */
/** Keys each object got from a misspell mutation (see "misspell-key"). */
const misspelt = new WeakMap<JsonObject, Set<string>>();

export type Adjuster = (doc: JsonObject, period: PeriodInfo, model: ModuleModel) => fc.Arbitrary<JsonObject>;

function canonicalValue(node: unknown, spec: QuantitySpec): Exact | undefined {
  const raw = isObject(node) ? node.value : node;
  if (typeof raw !== "string" && typeof raw !== "number") return undefined;
  const unit = isObject(node) && typeof node.unit === "string" ? node.unit : spec.unit;
  const converted = convert(
    LibExact.from(typeof raw === "number" ? String(raw) : raw),
    unit === "1" ? spec.unit : unit,
    spec.unit,
  );
  // Printed (toward −∞ at 34 digits when it does not terminate): close enough to keep the rules.
  return new Exact(converted.toString());
}

function section(doc: JsonObject, name: "fixed" | "monitored"): JsonObject {
  if (!isObject(doc[name])) setOwn(doc, name, {});
  return doc[name] as JsonObject;
}

function param(model: ModuleModel, symbol: string): ParamInfo {
  const info = model.params.get(symbol);
  if (!info) throw new Error(`${model.module.id}: no parameter ${symbol}`);
  return info;
}

/**
 * Optional parameters that can be kept, redrawn or removed on their own (the adjuster restores
 * whatever a rule then needs, e.g. EF_grid when electricity is consumed).
 */
function freeOptionals(
  model: ModuleModel,
  doc: JsonObject,
  list: { section: "fixed" | "monitored"; symbol: string; idKey?: string }[],
): fc.Arbitrary<JsonObject> {
  const choices = list.map((item) => {
    const info = param(model, item.symbol);
    const value =
      item.idKey === undefined
        ? leafArb(info, { bareAllowed: true }, undefined, 0).map((v) => v.node)
        : fc
            .uniqueArray(idArb, { minLength: 1, maxLength: 3 })
            .chain((ids) =>
              fc.tuple(
                ...ids.map((id) =>
                  leafArb(info, { idKey: item.idKey!, id, bareAllowed: false }, undefined, 0).map((v) => v.node),
                ),
              ),
            );
    return fc.oneof(
      {
        weight: 2,
        arbitrary: fc.constant<{ action: "keep" } | { action: "remove" } | { action: "set"; node: unknown }>({
          action: "keep",
        }),
      },
      { weight: 1, arbitrary: fc.constant({ action: "remove" as const }) },
      { weight: 2, arbitrary: value.map((node) => ({ action: "set" as const, node })) },
    );
  });
  return fc.tuple(...choices).map((actions) => {
    actions.forEach((a, i) => {
      const item = list[i]!;
      const target = section(doc, item.section);
      if (a.action === "remove") delete target[item.symbol];
      else if (a.action === "set") setOwn(target, item.symbol, a.node);
    });
    return doc;
  });
}

const positive = (n: Exact | undefined) => n?.gt(0);

/** A solar PV module of the family without default factors: the connection case is one of `cases`, or absent. */
function solarWithoutDefaults(cases: readonly string[]): Adjuster {
  return (doc) =>
    fc.constantFrom<string | undefined>(undefined, "keep", ...cases).map((connection) => {
      const fixed = section(doc, "fixed");
      if (connection === undefined || cases.length === 0) delete fixed.connection;
      else if (connection !== "keep") fixed.connection = connection;
      return doc;
    });
}

/**
 * A chiller module of the family: rated temperatures in order; EF_elec sometimes a grid lookup where
 * the module has a table; TD_cooling and TD_chilled given whenever equation (4) is used and the
 * module has no default for them.
 */
function chillerAdjuster(options: { gridTable: boolean; tdDefault: boolean }): Adjuster {
  return (doc, _period, model) => {
    const fixed = section(doc, "fixed");
    const chillers = fixed.chillers;
    const T = param(model, "T_cooling-out,i").spec;
    if (Array.isArray(chillers)) {
      for (const c of chillers) {
        if (!isObject(c)) continue;
        const cooling = canonicalValue(c["T_cooling-out,i"], T);
        const chilled = canonicalValue(c["T_chilled-out,i"], T);
        if (cooling === undefined || chilled === undefined) continue;
        if (chilled.gt(cooling)) {
          const tmp = c["T_cooling-out,i"];
          c["T_cooling-out,i"] = c["T_chilled-out,i"];
          c["T_chilled-out,i"] = tmp;
        } else if (chilled.eq(cooling)) c["T_cooling-out,i"] = canonical(cooling.plus(1));
      }
    }
    return fc
      .record({
        lookup: options.gridTable
          ? rarely(fc.record({ grid: fc.constantFrom(...GRID_NAMES), case: fc.constantFrom(1, 2) }), 4)
          : fc.constant(undefined),
      })
      .chain(({ lookup }) => {
        if (lookup) fixed.EF_elec = lookup;
        return freeOptionals(model, doc, [
          { section: "fixed", symbol: "TD_cooling" },
          { section: "fixed", symbol: "TD_chilled" },
          { section: "monitored", symbol: "EI_grid,p" },
        ]);
      })
      .map((d) => {
        const f = section(d, "fixed");
        const rated =
          Array.isArray(f.chillers) && f.chillers.some((c) => isObject(c) && c["COP_PJ,tc,i"] === undefined);
        if (rated && !options.tdDefault) {
          if (f.TD_cooling === undefined) f.TD_cooling = "1.5";
          if (f.TD_chilled === undefined) f.TD_chilled = "0.5";
        }
        return d;
      });
  };
}

export const ADJUSTERS: Record<string, Adjuster> = {
  JCM_MN_AM003: (doc, _period, model) =>
    fc
      .record({
        connection: fc.constantFrom(undefined, "keep", "national-grid", "grid-and-captive", "off-grid"),
        ef: fc.oneof(
          fc.constant<"keep" | "remove">("keep"),
          fc.constant<"keep" | "remove">("remove"),
          leafArb(param(model, "EF_RE"), { bareAllowed: true }, undefined, 0).map((v) => v.node),
        ),
      })
      .map(({ connection, ef }) => {
        const fixed = section(doc, "fixed");
        if (connection === undefined) delete fixed.connection;
        else if (connection !== "keep") fixed.connection = connection;
        if (ef === "remove") delete fixed.EF_RE;
        else if (ef !== "keep") setOwn(fixed, "EF_RE", ef);
        if (fixed.connection === undefined && fixed.EF_RE === undefined) fixed.connection = "off-grid";
        return doc;
      }),

  JCM_MN_AM002: (doc, period, model) => {
    // t_op,i,p ≤ 24 h × days of the period.
    const t = param(model, "t_op,i,p").spec;
    const monitored = section(doc, "monitored");
    const maxHours = new Exact(24).times(period.days);
    const entries = monitored["t_op,i,p"];
    if (Array.isArray(entries)) {
      entries.forEach((entry, i) => {
        const v = canonicalValue(entry, t);
        if (isObject(entry) && v?.gt(maxHours))
          entries[i] = { ...entry, value: canonical(maxHours.times(i % 2 === 0 ? "0.5" : "1")), unit: "h" };
      });
    }
    // EF_grid (required when a boiler consumes electricity) and the efficiencies come from the example.
    return freeOptionals(model, doc, [{ section: "fixed", symbol: "EF_grid" }]).map((d) => {
      const fixed = section(d, "fixed");
      if (fixed.EF_grid === undefined) fixed.EF_grid = "1.1501";
      return d;
    });
  },

  JCM_ID_AM002: chillerAdjuster({ gridTable: true, tdDefault: true }),
  JCM_TH_AM005: chillerAdjuster({ gridTable: false, tdDefault: false }),
  // Summary-level solar PV modules: EF_RE is always given; the connection case is one they name, or absent.
  JCM_MV_AM001: solarWithoutDefaults([]),
  JCM_KE_AM002: solarWithoutDefaults([]),
  JCM_TH_AM001: solarWithoutDefaults(["national-grid", "grid-and-captive", "off-grid"]),
  JCM_VN_AM007: solarWithoutDefaults(["national-grid", "off-grid"]),
  // Refrigerators: the joins are the generator's; no other cross-field rule.
  JCM_MM_AM002: (doc) => fc.constant(doc),

  DRAFT_KH_RICE_HUSK_STIRLING: (doc, _period, model) =>
    fc
      .record({
        net: rarely(
          leafArb(param(model, "EG_net,p"), { bareAllowed: true }, undefined, 0).map((v) => v.node),
          3,
        ),
        justification: textArb.filter((s) => s.length > 0),
      })
      .chain(({ net, justification }) =>
        freeOptionals(model, doc, [
          { section: "fixed", symbol: "EF_RE" },
          { section: "fixed", symbol: "EF_grid" },
          { section: "monitored", symbol: "EC_grid,p" },
          { section: "monitored", symbol: "BC_p" },
        ]).map((d) => {
          const fixed = section(d, "fixed");
          const monitored = section(d, "monitored");
          if (net !== undefined) {
            delete monitored["EG_gross,p"];
            delete monitored["EC_aux,p"];
            setOwn(monitored, "EG_net,p", net);
          }
          // EC_aux,p ≤ EG_gross,p
          const gross = canonicalValue(monitored["EG_gross,p"], param(model, "EG_gross,p").spec);
          const aux = canonicalValue(monitored["EC_aux,p"], param(model, "EC_aux,p").spec);
          if (gross && aux?.gt(gross)) {
            const tmp = monitored["EG_gross,p"];
            monitored["EG_gross,p"] = monitored["EC_aux,p"];
            monitored["EC_aux,p"] = tmp;
          }
          // EF_RE ≠ 0.533 exactly when a justification is given.
          const ef =
            fixed.EF_RE === undefined ? new Exact("0.533") : canonicalValue(fixed.EF_RE, param(model, "EF_RE").spec);
          if (ef !== undefined && !ef.eq("0.533")) fixed.EF_RE_justification = justification;
          else delete fixed.EF_RE_justification;
          // EF_grid is required when EC_grid,p > 0.
          if (
            positive(canonicalValue(monitored["EC_grid,p"], param(model, "EC_grid,p").spec)) &&
            fixed.EF_grid === undefined
          )
            fixed.EF_grid = "0.67";
          return d;
        }),
      ),

  DRAFT_BD_UNFIRED_BRICK: (doc, _period, model) =>
    freeOptionals(model, doc, [
      { section: "fixed", symbol: "NCV_coal" },
      { section: "fixed", symbol: "EF_coal" },
      { section: "fixed", symbol: "EF_clinker" },
      { section: "fixed", symbol: "EF_grid" },
      { section: "fixed", symbol: "minStrength" },
      { section: "monitored", symbol: "EC_p" },
      { section: "monitored", symbol: "strength", idKey: "sample" },
    ]).map((d) => {
      const fixed = section(d, "fixed");
      const monitored = section(d, "monitored");
      if (positive(canonicalValue(monitored.EC_p ?? "0", param(model, "EC_p").spec)) && fixed.EF_grid === undefined)
        fixed.EF_grid = "0.67";
      return d;
    }),
};

// ---------------------------------------------------------------------------------------------
// Valid documents

export interface GeneratedDoc {
  example: string;
  doc: JsonObject;
  /** Pass the document as JSON text instead of parsed data. */
  asText: boolean;
  /** Exact totals of the series this generator built. */
  series: SeriesExpectation[];
}

export interface ValidOptions {
  /** Most readings in one generated series. */
  maxReadings?: number;
}

/**
 * Free-form project metadata (strings), with keys that shadow Object.prototype members (but not
 * `constructor` and `prototype`, refused everywhere: the proto-key mutation puts them in).
 */
const projectArb: fc.Arbitrary<JsonObject | undefined> = fc.dictionary(
  fc.oneof(
    fc.constantFrom("reference", "title", "hostCountry", "toString", "名前", "hasOwnProperty", "valueOf"),
    fc.string({ maxLength: 6 }),
  ),
  textArb,
  { maxKeys: 5 },
);

/** A reported figure: a plain decimal string, `^-?[0-9]+(\.[0-9]+)?$`. */
const reportedFigureArb: fc.Arbitrary<string> = fc
  .tuple(fc.boolean(), fc.nat({ max: 999_999 }), fc.integer({ min: 0, max: 3 }))
  .map(
    ([negative, n, places]) =>
      `${negative && n > 0 ? "-" : ""}${places === 0 ? String(n) : (n / 10 ** places).toFixed(places)}`,
  );

/** Valid documents of one module, from its shared examples. */
export function validDocumentArb(model: ModuleModel, options: ValidOptions = {}): fc.Arbitrary<GeneratedDoc> {
  const maxReadings = options.maxReadings ?? 120;
  if (model.examples.length === 0)
    throw new Error(`${model.module.id} ${model.module.version}: no shared example to fuzz from`);
  return fc.constantFrom(...model.examples).chain((example) => {
    const base = example.doc;
    const groups = [...model.groupKeys]
      .map((k) => groupArb(model, base, k))
      .filter((g): g is fc.Arbitrary<GroupPlan> => g !== undefined);
    const seriesCapable = findLeaves(model, base).some((l) => l.info.spec.series);
    return fc
      .record({
        // Keep the example's own period (and any series in it) sometimes; else a new period:
        // short when series are generated, up to ~4 years otherwise.
        periodMode: fc.constantFrom<"keep" | "short" | "long">(
          "keep",
          ...(seriesCapable ? (["short", "short", "short"] as const) : []),
          "long",
          "long",
        ),
        shortPeriod: periodArb(3),
        longPeriod: periodArb(1500),
        groups: fc.tuple(...groups),
        project: fc.oneof(
          fc.constant<JsonObject | undefined>(isObject(base.project) ? clone(base.project) : undefined),
          fc.constant<JsonObject | undefined>(undefined),
          projectArb,
        ),
        options: fc.constantFrom<JsonObject | undefined>(undefined, { rounding: "floor" }, {}),
        reported: rarely(
          fc
            .subarray([...model.module.reportable])
            .chain((symbols) => fc.tuple(...symbols.map((s) => fc.tuple(fc.constant(s), reportedFigureArb)))),
          5,
        ),
        asText: fc.boolean(),
      })
      .chain((plan) => {
        const doc = clone(base);
        for (const g of plan.groups) applyGroup(model, doc, g);
        const period =
          plan.periodMode === "keep"
            ? periodFromDocument(base.period as JsonObject)
            : plan.periodMode === "short"
              ? plan.shortPeriod
              : plan.longPeriod;
        doc.period = plan.periodMode === "keep" ? clone(base.period) : periodJson(period);
        if (plan.project === undefined) delete doc.project;
        else setOwn(doc, "project", plan.project);
        if (plan.options === undefined) delete doc.options;
        else doc.options = plan.options;
        if (plan.reported === undefined) delete doc.reported;
        else {
          const reported: JsonObject = {};
          for (const [s, v] of plan.reported) setOwn(reported, s, v);
          doc.reported = reported;
        }
        const leaves = findLeaves(model, doc);
        const seriesPeriod = plan.periodMode === "short" ? period : undefined;
        const leafArbs = leaves.map((leaf) => {
          const isSeries = isObject(leaf.original) && ("readings" in leaf.original || "kind" in leaf.original);
          const fresh = leafArb(
            leaf.info,
            {
              ...(leaf.idKey !== undefined && { idKey: leaf.idKey }),
              ...(leaf.id !== undefined && { id: leaf.id }),
              bareAllowed: leaf.idKey === undefined,
            },
            seriesPeriod,
            maxReadings,
          );
          // In the example's own period its series stay valid: keep them sometimes.
          return plan.periodMode === "keep" && isSeries
            ? fc.oneof(fc.constant<LeafValue>({ node: leaf.original }), fresh)
            : fresh;
        });
        return fc.tuple(...leafArbs).chain((values) => {
          const series: SeriesExpectation[] = [];
          values.forEach((v, i) => {
            const leaf = leaves[i]!;
            setAt(doc, leaf.path, v.node);
            if (v.series)
              series.push({
                path: formatPath(leaf.path),
                unit: v.series.unit,
                total: canonical(v.series.total),
                node: v.node,
              });
          });
          const adjust = ADJUSTERS[model.module.id];
          const adjusted = adjust ? adjust(doc, period, model) : fc.constant(doc);
          return adjusted.map(
            (d): GeneratedDoc => ({
              example: example.name,
              doc: d,
              asText: plan.asText,
              series: series.filter((s) => getAtPath(d, s.path, leaves) === s.node),
            }),
          );
        });
      });
  });
}

function getAtPath(doc: JsonObject, path: string, leaves: Leaf[]): unknown {
  const leaf = leaves.find((l) => formatPath(l.path) === path);
  return leaf ? getAt(doc, leaf.path) : undefined;
}

/** The input `calculate` receives: the document itself or its JSON text. */
export function inputOf(g: { doc: unknown; asText: boolean }): unknown {
  return g.asText ? JSON.stringify(g.doc, null, 1) : g.doc;
}

// ---------------------------------------------------------------------------------------------
// Corrupted documents

export type MutationKind =
  | "wrong-type"
  | "delete-key"
  | "extra-key"
  | "misspell-key"
  | "bad-decimal"
  | "deep-nesting"
  | "long-array"
  | "proto-key"
  | "array-object-swap"
  | "null-everywhere"
  | "null-here"
  | "odd-id"
  | "duplicate-id"
  | "bad-period"
  | "bad-methodology"
  | "series-break"
  | "non-json"
  | "hostile-text"
  | "lone-surrogate"
  | "wide-object";

export interface Mutation {
  kind: MutationKind;
  pick: number;
  variant: number;
}

const MUTATION_WEIGHTS: [MutationKind, number][] = [
  ["wrong-type", 18],
  ["delete-key", 15],
  ["extra-key", 9],
  ["misspell-key", 9],
  ["bad-decimal", 24],
  ["deep-nesting", 6],
  ["long-array", 1],
  ["proto-key", 9],
  ["array-object-swap", 9],
  ["null-everywhere", 3],
  ["null-here", 9],
  ["odd-id", 9],
  ["duplicate-id", 6],
  ["bad-period", 9],
  ["bad-methodology", 3],
  ["series-break", 9],
  ["non-json", 6],
  ["hostile-text", 9],
  ["lone-surrogate", 4],
  ["wide-object", 1],
];

export const mutationArb: fc.Arbitrary<Mutation> = fc.record({
  kind: fc.oneof(...MUTATION_WEIGHTS.map(([kind, weight]) => ({ weight, arbitrary: fc.constant(kind) }))),
  pick: fc.nat(),
  variant: fc.nat(),
});

/** Decimal spellings the document format rejects (and a few extreme ones it accepts). */
export const BAD_DECIMALS: readonly unknown[] = [
  "NaN",
  "Infinity",
  "-Infinity",
  "12,5",
  " 1",
  "1 ",
  "+1",
  ".5",
  "1.",
  "1e",
  "e5",
  "0x1F",
  "1_000",
  "١٢",
  "１２",
  "1e1001",
  "1e-1001",
  "-1e1001",
  "1e+1001",
  "1E1000",
  "1e30",
  "-1e30",
  "1e29",
  "9".repeat(31),
  "9".repeat(30),
  `0.${"0".repeat(999)}1`,
  "1e-1000",
  `1${"0".repeat(40)}`,
  "1e99999999999999999999",
  `1.${"1".repeat(100)}`,
  `1.${"0".repeat(200)}`,
  `0.${"0".repeat(1000)}1`,
  "0.1e-1000",
  "",
  "-",
  "--1",
  "1..2",
  "1e5.5",
  "Infinity",
  1e30,
  1e300,
  -1e300,
  Number.MAX_VALUE,
  5e-324,
  -0,
  "-1",
  "-0.0001",
  "1e-7",
  true,
  null,
  [],
  {},
  ["1"],
  { value: "1" },
];

const WRONG_TYPES: readonly unknown[] = [
  null,
  true,
  false,
  0,
  -1,
  1.5,
  "",
  "x",
  "1",
  [],
  {},
  [1, 2],
  { value: null },
  [{}],
  "null",
  1e308,
];

const PROTO_KEYS = ["__proto__", "constructor", "prototype"];

const ODD_IDS: readonly unknown[] = [
  "",
  " ",
  "\u0000",
  "\ud800",
  "\udfff",
  "😀".repeat(2000),
  "ボイラー-1",
  "\u202eevil",
  0,
  null,
  true,
  [],
  {},
  "a\nb",
];

const BAD_PERIODS: readonly [string, unknown][] = [
  ["start", "2019-02-30"],
  ["start", "2019-13-01"],
  ["start", "20190101"],
  ["start", "1999-12-31"],
  ["start", "0000-01-01"],
  ["start", "2019-1-1"],
  ["end", "1900-01-01"],
  ["end", "2023-02-29"],
  ["end", "9999-12-31"],
  ["end", "2200-01-01"],
  ["end", 20191231],
  ["timeZone", "+24:00"],
  ["timeZone", "+05:60"],
  ["timeZone", "Z"],
  ["timeZone", "Asia/Ulanbaatar"],
  ["timeZone", "Mars/Olympus_Mons"],
  ["timeZone", "+0800"],
  ["timeZone", "-00:00"],
  ["timeZone", null],
  ["start", null],
  ["start", "２０１９-01-01"],
];

interface Slot {
  container: JsonObject | unknown[];
  key: string | number;
  path: PathSegment[];
  value: unknown;
}

function slots(root: JsonObject): Slot[] {
  const out: Slot[] = [];
  const seen = new Set<unknown>();
  const visit = (node: unknown, path: PathSegment[]) => {
    if (typeof node === "object" && node !== null) {
      // Stop at cycles (a previous non-json mutation) and at extreme depth.
      if (seen.has(node) || path.length > 80) return;
      seen.add(node);
    }
    if (Array.isArray(node)) {
      node.forEach((v, i) => {
        out.push({ container: node, key: i, path: [...path, i], value: v });
        visit(v, [...path, i]);
      });
    } else if (isObject(node)) {
      for (const key of Object.keys(node)) {
        out.push({ container: node, key, path: [...path, key], value: node[key] });
        visit(node[key], [...path, key]);
      }
    }
  };
  visit(root, []);
  return out;
}

function put(slot: Slot, value: unknown): void {
  if (Array.isArray(slot.container)) slot.container[slot.key as number] = value;
  else setOwn(slot.container, slot.key as string, value);
}

function nested(depth: number, variant: number): unknown {
  let node: unknown = variant % 3 === 0 ? "leaf" : variant % 3 === 1 ? [] : {};
  for (let i = 0; i < depth; i++) node = (variant + i) % 2 === 0 ? { deeper: node } : [node];
  return node;
}

/** Characters of a value as JSON text (1 when it has none or cannot be written: a cycle, a BigInt). */
function jsonSize(value: unknown): number {
  try {
    return Math.max(1, JSON.stringify(value)?.length ?? 1);
  } catch {
    return 1;
  }
}

function pickFrom<T>(items: readonly T[], n: number): T | undefined {
  return items.length === 0 ? undefined : items[n % items.length];
}

/** What a mutation did, and whether the document is certainly invalid afterwards. */
export interface Applied {
  description: string;
  /** True when the mutation makes any document invalid (the library must refuse it). */
  mustReject: boolean;
}

/** Spellings in BAD_DECIMALS that are valid decimals (extreme but in range). */
const VALID_EXTREMES = new Set<unknown>([
  "1e29",
  "9".repeat(30),
  `0.${"0".repeat(999)}1`,
  "1e-1000",
  "1e-7",
  "-1",
  "-0.0001",
  -0,
  5e-324,
]);

/** Keys whose values are decimals in any module; a module adds its parameter symbols. */
const NUMERIC_KEYS: ReadonlySet<string> = new Set(["value", "rolloverAt", "oldFinal", "newInitial"]);

/** Applies one mutation in place; says what it did for the counterexample report. */
export function applyMutation(doc: JsonObject, m: Mutation, numericKeys: ReadonlySet<string> = NUMERIC_KEYS): Applied {
  try {
    return mutate(doc, m, numericKeys);
  } catch (error) {
    // A frozen object from an earlier non-json mutation cannot take the next one.
    if (error instanceof TypeError) return { description: `${m.kind}: skipped (${error.message})`, mustReject: false };
    throw error;
  }
}

const inProject = (path: readonly PathSegment[]) => path[0] === "project";
const done = (description: string, mustReject: boolean): Applied => ({ description, mustReject });

function mutate(doc: JsonObject, m: Mutation, numericKeys: ReadonlySet<string>): Applied {
  const all = slots(doc);
  switch (m.kind) {
    case "wrong-type": {
      const s = pickFrom(all, m.pick);
      if (!s) return done("wrong-type: nothing", false);
      const v = WRONG_TYPES[m.variant % WRONG_TYPES.length];
      put(s, clone(v));
      return done(`wrong-type ${formatPath(s.path)} = ${JSON.stringify(v)}`, v === null);
    }
    case "delete-key": {
      const s = pickFrom(
        all.filter((x) => !Array.isArray(x.container)),
        m.pick,
      );
      if (!s) {
        const key = pickFrom(Object.keys(doc), m.pick);
        if (key !== undefined) delete doc[key];
        return done(`delete ${String(key)}`, key === "methodology" || key === "period");
      }
      delete (s.container as JsonObject)[s.key as string];
      return done(`delete ${formatPath(s.path)}`, false);
    }
    case "extra-key":
    case "misspell-key": {
      const objects: { object: JsonObject; path: PathSegment[] }[] = [
        { object: doc, path: [] },
        ...all.filter((s) => isObject(s.value)).map((s) => ({ object: s.value as JsonObject, path: s.path })),
      ];
      const target = pickFrom(objects, m.pick)!;
      const keys = Object.keys(target.object);
      const key = pickFrom(keys, m.variant);
      if (m.kind === "misspell-key" && key !== undefined) {
        const spellings = [
          key.toLowerCase(),
          key.toUpperCase(),
          `${key} `,
          `${key}_`,
          key.replace(/E/g, "Е"),
          key.slice(0, -1),
          `\u200b${key}`,
        ];
        const newKey = spellings[m.variant % spellings.length]!;
        // A key that is itself a misspelling is left alone: misspelling "start " as "start" would undo it.
        const made = misspelt.get(target.object) ?? new Set<string>();
        if (newKey === key || Object.hasOwn(target.object, newKey) || made.has(key))
          return done(`misspell ${JSON.stringify(key)}: no change`, false);
        made.add(newKey);
        misspelt.set(target.object, made);
        const value = target.object[key];
        delete target.object[key];
        setOwn(target.object, newKey, value);
        // Every object but `project` is strict; `reported` accepts only the module's symbols.
        return done(
          `misspell ${formatPath([...target.path, key])} → ${JSON.stringify(newKey)}`,
          !inProject(target.path),
        );
      }
      const extra = ["extra", "EF_re", "value2", "unit ", "Value", "options", "x".repeat(500), "名前", "1"][
        m.variant % 9
      ]!;
      const existed = Object.hasOwn(target.object, extra);
      const value = ["1", 1, null, {}, "x"][m.pick % 5];
      setOwn(target.object, extra, value);
      const validOptions = target.path.length === 0 && extra === "options" && isObject(value);
      return done(
        `extra key ${formatPath([...target.path, extra])} = ${JSON.stringify(value)}`,
        !existed &&
          !validOptions &&
          (!inProject(target.path) || (target.path.length === 1 && typeof value !== "string")),
      );
    }
    case "bad-decimal": {
      // A decimal where the document holds one: a `value`, or a bare parameter value.
      const numeric = all.filter(
        (s) =>
          !inProject(s.path) &&
          numericKeys.has(String(s.key)) &&
          (typeof s.value === "number" ||
            (typeof s.value === "string" && /^-?[0-9.]+([eE][-+]?[0-9]+)?$/.test(s.value))),
      );
      const s = pickFrom(numeric, m.pick);
      if (!s) return done("bad-decimal: nothing", false);
      const v = BAD_DECIMALS[m.variant % BAD_DECIMALS.length];
      put(s, clone(v));
      return done(
        `bad-decimal ${formatPath(s.path)} = ${JSON.stringify(v)?.slice(0, 40)}`,
        !VALID_EXTREMES.has(v) && !isObject(v) && s.path[0] !== "reported",
      );
    }
    case "deep-nesting": {
      const depth = [30, 62, 63, 64, 65, 100, 200][m.variant % 7]!;
      const where = (["project", "fixed", "monitored", "options"] as const)[m.pick % 4]!;
      const target = isObject(doc[where]) ? (doc[where] as JsonObject) : doc;
      setOwn(target, "deep", nested(depth, m.variant));
      return done(`deep-nesting ${depth} in ${target === doc ? "the root" : where}`, true);
    }
    case "long-array": {
      const arrays = all.filter((s) => Array.isArray(s.value));
      const s = pickFrom(arrays, m.pick);
      const n = 10_000 + (m.variant % 500);
      if (!s) {
        setOwn(
          doc,
          "long",
          Array.from({ length: n }, (_, i) => i),
        );
        return done(`long-array ${n} at root`, true);
      }
      const items = s.value as unknown[];
      const first = items[0];
      const style = m.variant % 3;
      // Copies of a large first entry (one made long by hostile-text: a megabyte string, shared by
      // every copy in memory) would make the document gigabytes as JSON text: the property's own
      // JSON.stringify then ran the fork out of heap. At most ~20 MB of copies.
      const count = style === 0 && isObject(first) ? Math.max(1, Math.min(n, Math.floor(2e7 / jsonSize(first)))) : n;
      const made = Array.from({ length: count }, (_, i) => {
        if (style === 0 && isObject(first)) {
          const copy = clone(first);
          for (const k of ["equipment", "product", "sample"])
            if (typeof copy[k] === "string") copy[k] = `${String(copy[k])}#${i}`;
          if (typeof copy.at === "string")
            copy.at = new Date(Date.parse("2000-01-01T00:00:00Z") + i * 60_000).toISOString();
          return copy;
        }
        return style === 1 ? null : i;
      });
      put(s, made);
      return done(`long-array ${count} (${style}) at ${formatPath(s.path)}`, style === 1);
    }
    case "proto-key": {
      const objects: { object: JsonObject; path: PathSegment[] }[] = [
        { object: doc, path: [] },
        ...all.filter((s) => isObject(s.value)).map((s) => ({ object: s.value as JsonObject, path: s.path })),
      ];
      const target = pickFrom(objects, m.pick)!;
      const key = PROTO_KEYS[m.variant % 3]!;
      const payloads = [
        { polluted: "yes" },
        { prototype: { polluted: "yes" } },
        "polluted",
        { value: "1", polluted: true },
        [{ polluted: 1 }],
      ];
      const payload = clone(payloads[m.pick % payloads.length]);
      const existed = Object.hasOwn(target.object, key);
      setOwn(target.object, key, payload);
      // `__proto__`, `constructor` and `prototype` are refused anywhere, project included (trust.md §4).
      return done(`proto-key ${formatPath([...target.path, key])}${existed ? " (replaced)" : ""}`, true);
    }
    case "array-object-swap": {
      const containers = all.filter((s) => typeof s.value === "object" && s.value !== null);
      const s = pickFrom(containers, m.pick);
      if (!s) return done("swap: nothing", false);
      put(s, Array.isArray(s.value) ? { ...s.value } : [s.value]);
      return done(`array-object-swap ${formatPath(s.path)}`, true);
    }
    case "null-everywhere": {
      for (const s of all) if (typeof s.value !== "object" || s.value === null || m.variant % 2 === 0) put(s, null);
      return done("null-everywhere", true);
    }
    case "null-here": {
      const s = pickFrom(all, m.pick);
      if (s) put(s, null);
      // null is not "absent": no member of a document may be null.
      return done(`null ${s ? formatPath(s.path) : ""}`, s !== undefined);
    }
    case "odd-id": {
      const ids = all.filter((s) => ["equipment", "product", "fuel", "sample"].includes(String(s.key)));
      const s = pickFrom(ids, m.pick);
      if (!s) return done("odd-id: none", false);
      const v = ODD_IDS[m.variant % ODD_IDS.length];
      put(s, clone(v));
      return done(
        `odd-id ${formatPath(s.path)} = ${JSON.stringify(v)?.slice(0, 20)}`,
        typeof v !== "string" || v === "" || !wellFormed(v),
      );
    }
    case "duplicate-id": {
      const arrays = all.filter(
        (s) => Array.isArray(s.value) && (s.value as unknown[]).length > 0 && isObject((s.value as unknown[])[0]),
      );
      const s = pickFrom(arrays, m.pick);
      if (!s) return done("duplicate-id: none", false);
      const items = s.value as unknown[];
      const copy = clone(items[m.variant % items.length]);
      items.push(copy);
      // Readings may repeat identically (kept once); every keyed list must not.
      return done(
        `duplicate entry in ${formatPath(s.path)}`,
        s.key !== "readings" && !inProject(s.path) && isObject(copy),
      );
    }
    case "bad-period": {
      const [field, value] = BAD_PERIODS[m.variant % BAD_PERIODS.length]!;
      if (!isObject(doc.period)) doc.period = {};
      setOwn(doc.period as JsonObject, field, value);
      const maybeValid = (field === "end" && (value === "1900-01-01" || value === "9999-12-31")) || value === "-00:00";
      return done(`period.${field} = ${JSON.stringify(value)}`, !maybeValid);
    }
    case "bad-methodology": {
      const variants: unknown[] = [
        { id: "JCM_XX_AM999", version: "01.0" },
        { id: (doc.methodology as JsonObject)?.id, version: "99.9" },
        "JCM_MN_AM003",
        null,
        { id: "", version: "" },
        { id: 1, version: 2 },
        [],
      ];
      doc.methodology = clone(variants[m.variant % variants.length]);
      return done(`methodology = ${JSON.stringify(doc.methodology)}`, true);
    }
    case "series-break": {
      const series = all.filter((s) => isObject(s.value) && Array.isArray((s.value as JsonObject).readings));
      const s = pickFrom(series, m.pick);
      if (!s) return done("series-break: no series", false);
      const node = s.value as JsonObject;
      const readings = node.readings as unknown[];
      const r = readings[m.pick % Math.max(1, readings.length)];
      const reading = isObject(r) ? r : undefined;
      const where = formatPath(s.path);
      switch (m.variant % 10) {
        case 0:
          if (readings.length > 1) readings.reverse();
          return done(`${where}: readings reversed`, false);
        case 1:
          if (reading && typeof reading.at === "string" && /(Z|[+-]\d{2}:\d{2})$/.test(reading.at)) {
            reading.at = reading.at.replace(/(Z|[+-]\d{2}:\d{2})$/, "");
            return done(`${where}: offset removed from reading ${m.pick % readings.length}`, true);
          }
          return done(`${where}: no offset to remove`, false);
        case 2:
          if (reading) reading.at = "2024-06-01T24:00:00Z";
          return done(`${where}: impossible time`, reading !== undefined);
        case 3:
          if (reading) reading.value = "-5";
          return done(`${where}: negative value`, reading !== undefined && node.kind === "interval");
        case 4:
          if (reading && readings.length > 1 && reading.value !== "123456.789") {
            readings.push({ at: reading.at, value: "123456.789" });
            return done(`${where}: conflicting duplicate of reading ${m.pick % readings.length}`, true);
          }
          return done(`${where}: no duplicate`, false);
        case 5: {
          const value = ["0", "-1", "abc", 5][m.pick % 4];
          node.rolloverAt = value;
          return done(`${where}: rolloverAt = ${JSON.stringify(value)}`, value !== 5 || node.kind !== "cumulative");
        }
        case 6:
          node.replacements = [{ at: "1900-01-01T00:00:00Z", oldFinal: "1", newInitial: "0" }];
          return done(`${where}: replacement outside the period`, true);
        case 7: {
          const value = ["PT0H", "P1M", "PT1.5H", "1H", 60][m.pick % 5];
          node.interval = value;
          return done(`${where}: interval = ${JSON.stringify(value)}`, true);
        }
        case 8: {
          const value = ["Interval", "cumulative", "sum", null][m.pick % 4];
          const was = node.kind;
          node.kind = value;
          return done(
            `${where}: kind = ${JSON.stringify(value)}`,
            value !== "cumulative" || (was === "interval" && node.interval !== undefined),
          );
        }
        default:
          node.csv = "readings.csv";
          return done(`${where}: csv without loader`, true);
      }
    }
    case "hostile-text": {
      // Valid or not depending on where it lands; never a crash, never raw on output.
      const strings = all.filter((x) => typeof x.value === "string");
      const s = pickFrom(strings, m.pick);
      const v = HOSTILE_TEXTS[m.variant % HOSTILE_TEXTS.length]!;
      if (s) put(s, `${String(s.value)}${v}`);
      else setOwn(doc, "hostile", v);
      return done(
        `hostile-text ${s ? formatPath(s.path) : "root"} += ${JSON.stringify(v.slice(0, 12))}`,
        s === undefined,
      );
    }
    case "lone-surrogate": {
      const strings = all.filter((x) => typeof x.value === "string");
      const s = pickFrom(strings, m.pick);
      const lone = ["\ud800", "\udfff", "a\udbffz"][m.variant % 3]!;
      if (s && m.variant % 2 === 0) {
        put(s, `${String(s.value)}${lone}`);
        return done(`lone-surrogate in ${formatPath(s.path)}`, true);
      }
      const objects = all.filter((x) => isObject(x.value)).map((x) => x.value as JsonObject);
      const target = pickFrom(objects, m.pick) ?? doc;
      setOwn(target, `k${lone}`, "1");
      return done("lone-surrogate in a key", true);
    }
    case "wide-object": {
      const objects = all.filter((x) => isObject(x.value)).map((x) => x);
      const s = pickFrom(objects, m.pick);
      const target = (s?.value as JsonObject | undefined) ?? doc;
      for (let i = 0; i < 20_000; i++) setOwn(target, `wide${i}`, i);
      return done(`wide-object ${s ? formatPath(s.path) : "root"} (20,000 keys)`, true);
    }
    case "non-json": {
      const s = pickFrom(all, m.pick);
      const cyclic: JsonObject = {};
      cyclic.self = cyclic;
      const nullProto = Object.assign(Object.create(null) as JsonObject, isObject(s?.value) ? s.value : { value: "1" });
      class Reading {
        at = "2024-01-01T00:00:00Z";
        value = "1";
      }
      const values: unknown[] = [
        undefined,
        NaN,
        Infinity,
        -Infinity,
        () => 1,
        Symbol("x"),
        10n,
        new Date(0),
        new Map(),
        new Reading(),
        new Number(1),
        new String("1"),
        [undefined, 1],
        cyclic,
        nullProto,
        Object.freeze({ value: "1" }),
      ];
      const index = m.variant % values.length;
      const v = values[index];
      if (s) put(s, v);
      else setOwn(doc, "x", v);
      // Certainly refused as data (not after JSON.stringify): not-json values, non-plain objects, cycles.
      const refused = index >= 1 && index <= 13 && index !== 12;
      return done(
        `non-json ${s ? formatPath(s.path) : "root"} = ${String(typeof v === "symbol" ? "symbol" : Object.prototype.toString.call(v))}`,
        refused && s !== undefined,
      );
    }
  }
}

const JSON_CHARS = ["{", "}", "[", "]", ",", ":", '"', "\\", "-", "e", "0", "x", " ", "\u0000", "\ud800"];

/** Text-level corruptions of the JSON form; `rejects` when the result is certainly invalid (if the text changed). */
export const TEXT_MUTATIONS: readonly {
  name: string;
  apply: (text: string, n: number) => string;
  rejects: boolean;
  neutral?: boolean;
}[] = [
  { name: "truncated", apply: (t, n) => t.slice(0, n % Math.max(1, t.length)), rejects: true },
  { name: "duplicate key", apply: (t) => t.replace(/^\{/, '{"period":{},'), rejects: true },
  { name: "1e400", apply: (t) => t.replace(/"value":"[^"]*"/, '"value":1e400'), rejects: true },
  { name: "-1e-400", apply: (t) => t.replace(/"value":"[^"]*"/, '"value":-1e-400'), rejects: true },
  { name: "-0 literal", apply: (t) => t.replace(/"value":"[^"]*"/, '"value":-0'), rejects: false },
  { name: "BOM", apply: (t) => `\ufeff${t}`, rejects: false, neutral: true },
  { name: "trailing comma", apply: (t) => t.replace(/\}$/, ",}"), rejects: true },
  { name: "comment", apply: (t) => `${t} // comment`, rejects: true },
  {
    name: "100k brackets",
    // Its own key: "deep" (the deep-nesting mutation's) made a duplicate key that the reader refuses
    // at the brackets while JSON.parse, the oracle's view, keeps the later value (seed 1613573514).
    apply: (t) => t.replace(/"project":\{/, `"project":{"brackets":${"[".repeat(100_000)}${"]".repeat(100_000)},`),
    rejects: true,
  },
  { name: "duplicate in fixed", apply: (t) => t.replace(/"fixed":\{/, '"fixed":{"a":1,"a":2,'), rejects: true },
  { name: "single quote", apply: (t) => t.replace(/"/, "'"), rejects: true },
  {
    name: "escaped key",
    apply: (t) => t.replace(/"methodology"/, '"\\u006dethodology"'),
    rejects: false,
    neutral: true,
  },
  {
    name: "escaped __proto__",
    apply: (t) => t.replace(/"fixed":\{/, '"fixed":{"\\u005f_proto__":{"polluted":"yes"},'),
    rejects: true,
  },
  {
    name: "lone surrogate",
    apply: (t) => t.replace(/"project":\{/, '"project":{"x":"\\ud800",'),
    rejects: true,
  },
  { name: "NUL after", apply: (t) => `${t}\u0000`, rejects: true },
  { name: "nbsp", apply: (t) => t.replace(/:/, ":\u00a0"), rejects: true },
  {
    name: "flipped character",
    apply: (t, n) => {
      const i = n % t.length;
      const c = JSON_CHARS[n % JSON_CHARS.length]!;
      return t.slice(0, i) + c + t.slice(i + 1);
    },
    rejects: false,
  },
  {
    name: "inserted character",
    apply: (t, n) => {
      const i = n % (t.length + 1);
      const c = JSON_CHARS[(n >> 4) % JSON_CHARS.length]!;
      return t.slice(0, i) + c + t.slice(i);
    },
    rejects: false,
  },
];

export interface CorruptedDoc {
  example: string;
  mutations: string[];
  /** The library must refuse this input (the last mutation certainly invalidates it). */
  mustReject: boolean;
  input: unknown;
  mode: "object" | "text";
}

export function corruptedDocumentArb(model: ModuleModel, options: ValidOptions = {}): fc.Arbitrary<CorruptedDoc> {
  const numericKeys = new Set([...NUMERIC_KEYS, ...model.params.keys()]);
  return fc
    .record({
      base: validDocumentArb(model, { maxReadings: options.maxReadings ?? 48 }),
      mutations: fc.array(mutationArb, { minLength: 1, maxLength: 3 }),
      mode: fc.constantFrom<"object" | "text">("object", "object", "text"),
      text: rarely(fc.tuple(fc.nat({ max: TEXT_MUTATIONS.length - 1 }), fc.nat()), 4),
    })
    .map(({ base, mutations, mode, text }): CorruptedDoc => {
      const doc = clone(base.doc);
      const applied = mutations.map((m) => applyMutation(doc, m, numericKeys));
      const described = applied.map((a) => a.description);
      let mustReject = applied[applied.length - 1]!.mustReject;
      let input: unknown = doc;
      let usedMode = mode;
      if (mode === "text" || text !== undefined) {
        let json: string | undefined;
        try {
          json = JSON.stringify(doc);
        } catch {
          json = undefined; // bigint or a cycle: stays an object
        }
        if (json !== undefined) {
          usedMode = "text";
          // JSON.stringify turns non-JSON values into null or drops them: no longer certain.
          if (applied.some((a) => a.description.startsWith("non-json"))) mustReject = false;
          input = json;
          if (text !== undefined) {
            const t = TEXT_MUTATIONS[text[0]]!;
            input = t.apply(json, text[1]);
            described.push(`text: ${t.name}`);
            // A non-neutral rewrite may also repair what the mutations broke.
            if (input !== json) mustReject = t.rejects || (mustReject && t.neutral === true);
          }
        } else usedMode = "object";
      }
      return { example: base.example, mutations: described, mustReject, input, mode: usedMode };
    });
}
