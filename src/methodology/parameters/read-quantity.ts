import { Exact } from "../../core/exact.js";
import type { PathSegment } from "../../core/path.js";
import { convert } from "../../core/units.js";
import {
  type Ctx,
  checkRange,
  checkUnit,
  found,
  isPlainObject,
  QUANTITY_KEYS,
  raise,
  readDecimal,
  readNote,
  readOption,
  unknownKeys,
} from "./leaf.js";
import { makeQuantity, type PendingSeries, type Quantity, type QuantitySpec } from "./quantity.js";
import { parseSeriesInput } from "./read-series.js";

/** One document value of a numeric parameter: a decimal, a quantity object, or a series handed to read-series. */
export function parseQuantityInput(
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
    const value = Exact.from(read.text);
    if (!checkRange(ctx, input, value, spec, base, read.text)) return undefined;
    return makeQuantity({
      symbol: spec.symbol,
      value,
      unit: spec.unit,
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

  let ok = unknownKeys(ctx, input, input, allowedKeys(idKey), spec, base);
  // Paths are made only for members that are present: 50,000 entries would otherwise make 250,000
  // arrays that no issue ever uses.
  const option =
    input.option === undefined ? undefined : readOption(ctx, input, input.option, spec, [...base, "option"]);
  const note = input.note === undefined ? undefined : readNote(ctx, input, input.note, spec, [...base, "note"]);
  const unit =
    input.unit === undefined || input.unit === spec.unit
      ? spec.unit
      : checkUnit(ctx, input, input.unit, spec, [...base, "unit"]);
  const valuePath = [...base, "value"];
  const read = readDecimal(ctx, input, input.value, spec, valuePath);
  if (!ok || option === false || note === false || unit === undefined || !read) return undefined;
  const given = Exact.from(read.text);
  const value = convert(given, unit, spec.unit);
  const shown = unit === spec.unit ? read.text : `${read.text} ${unit} (= ${value.toString()} ${spec.unit})`;
  ok = checkRange(ctx, input, value, spec, valuePath, shown);
  if (!ok) return undefined;
  return makeQuantity({
    symbol: spec.symbol,
    ...(id !== undefined && { id }),
    value,
    unit: spec.unit,
    ...(unit !== spec.unit && { given: { value: given.toString(), unit } }),
    ...(option !== undefined && { option }),
    ...(note !== undefined && { note }),
    fromJsonNumber: read.fromNumber,
  });
}

/** The keys a quantity object may have, with its id key first: one list per id key, made once. */
const ALLOWED_KEYS = new Map<string | undefined, readonly string[]>();
function allowedKeys(idKey: string | undefined): readonly string[] {
  let keys = ALLOWED_KEYS.get(idKey);
  if (keys === undefined) {
    keys = idKey ? [idKey, ...QUANTITY_KEYS] : [...QUANTITY_KEYS];
    ALLOWED_KEYS.set(idKey, keys);
  }
  return keys;
}
