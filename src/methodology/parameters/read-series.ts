import { droppedFrom } from "../../core/capped-list.js";
import { MAX_QUOTED, quote, truncate } from "../../core/display.js";
import type { PathSegment } from "../../core/path.js";
import {
  checkReadings,
  INTERVAL_EXPECTED,
  intervalMilliseconds,
  type MeterReplacement,
  type SeriesHeader,
} from "../../core/series.js";
import { csvPathIssue } from "../csv-files.js";
import {
  type Ctx,
  checkUnit,
  countMore,
  found,
  isPlainObject,
  raise,
  readDecimal,
  readNote,
  readOption,
  SERIES_KEYS,
  unitExpectation,
  unknownKeys,
} from "./leaf.js";
import { makePending, type PendingSeries, type QuantitySpec } from "./quantity.js";

/** A series object (inline readings or a CSV file): every check that does not depend on the period. */
export function parseSeriesInput(
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
  // rolloverAt, oldFinal and newInitial given as JSON numbers: warned of like readings.
  let headerNumbers = 0;
  const decimalField = (key: string, value: unknown, path: PathSegment[]): string | undefined => {
    const read = readDecimal(ctx, object, value, { ...spec, symbol: `${spec.symbol} ${key}` }, path);
    if (!read) ok = false;
    else if (read.fromNumber) headerNumbers += 1;
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
              message: `unknown key ${quote(key)} in a meter replacement`,
              symbol: spec.symbol,
              expected: "at, oldFinal, newInitial",
              found: quote(key),
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
        const oldFinal = decimalField("oldFinal", r.oldFinal, [...path, "oldFinal"]);
        const newInitial = decimalField("newInitial", r.newInitial, [...path, "newInitial"]);
        if (typeof r.at === "string" && oldFinal !== undefined && newInitial !== undefined)
          list.push({ at: r.at, oldFinal, newInitial });
      });
      header.replacements = list;
    }
  }

  if (object.csv !== undefined) {
    if (object.readings !== undefined) {
      raise(ctx, object, {
        path: [...base, "csv"],
        code: "conflicting-keys",
        message: "a series takes inline `readings` or a `csv` file, not both",
        symbol: spec.symbol,
      });
      return undefined;
    }
    if (typeof object.csv !== "string") {
      raise(ctx, object, {
        path: [...base, "csv"],
        code: "invalid-type",
        message: `the csv of a series of ${spec.symbol} is the path of its CSV file`,
        symbol: spec.symbol,
        expected: 'a relative path, e.g. "readings/inv-1.csv"',
        found: found(object.csv),
      });
      return undefined;
    }
    // The path rules (trust.md §1) are checked here, with the rest of the document: a path that
    // breaks them is never opened, whoever reads the files.
    const pathIssue = csvPathIssue(object.csv, [], spec.symbol);
    if (pathIssue) {
      raise(ctx, object, {
        path: [...base, "csv"],
        code: pathIssue.code,
        message: pathIssue.message,
        symbol: spec.symbol,
        ...(pathIssue.expected !== undefined && { expected: pathIssue.expected }),
        ...(pathIssue.found !== undefined && { found: pathIssue.found }),
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
      ...(headerNumbers > 0 && { headerNumbers }),
      csv: object.csv,
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
          message: `unknown key ${quote(key)} in a reading`,
          symbol: spec.symbol,
          expected: "at, value",
          found: quote(key),
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
      ...(p.found !== undefined && { found: truncate(p.found, MAX_QUOTED + 3) }),
    });
  }
  countMore(ctx, droppedFrom(checked.problems));
  if (!ok || unit === undefined || checked.problems.length > 0) return undefined;
  return makePending({
    spec,
    ...(id !== undefined && { id }),
    header,
    ...(option !== undefined && { option }),
    ...(note !== undefined && { note }),
    ...(headerNumbers > 0 && { headerNumbers }),
    readings: { ...checked, count: readings.length },
  });
}
