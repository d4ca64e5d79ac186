/**
 * Period properties (jcm-rules §2, architecture §5): for every module with a monitored parameter
 * that accepts a series, documents whose monitored energy is an hourly interval series over 2–6
 * days are split at a random day boundary into two consecutive periods. Then
 * - the series totals of the parts add up to the whole's exactly (sums are exact);
 * - RE_p, PE_p and the unrounded ER_p of the parts add up to the whole's exactly (the exact values
 *   the trace carries, read back as independent BigInt fractions);
 * - the unclamped floors ⌊RE − PE⌋ of the parts add up to at most the whole's.
 * Other per-equipment parameters (boilers, chillers) stay as in the module's example; only the
 * monitored energy becomes a series. Optional monitored parameters that are period totals but not
 * series (t_op,i,p, EI_grid,p) are left out: they cannot be split.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { registry } from "../../methodologies/index.js";
import type { CalculationResult } from "../../src/calculate.js";
import { formatPath } from "../../src/core/path.js";
import { dimensionOf, unitsOf } from "../../src/core/units.js";
import { calculate } from "../../src/entries/core.js";
import { collectParameterMeta, type ParameterMeta } from "../../src/methodology/parameters/index.js";
import { exactOf } from "../helpers/exact-result.js";
import { add, eq, type Frac, floor, print } from "../helpers/fraction.js";
import {
  canonical,
  clone,
  Exact,
  instantText,
  isObject,
  type JsonObject,
  MS_PER_DAY,
  makePeriod,
  modelOf,
  offsetArb,
  type PeriodInfo,
  periodJson,
  setOwn,
} from "./arbitraries.js";

const RUNS = Math.max(500, Number(process.env.JCM_FUZZ_PERIOD_RUNS ?? 0) || 0);
const HOUR = 3_600_000;

type QuantityMeta = Extract<ParameterMeta, { kind: "quantity" }>;

interface SeriesPlan {
  /** Key in `monitored`, and the entry index for per-equipment arrays. */
  symbol: string;
  index?: number;
  unit: string;
  /** Hourly readings: instant and value. */
  readings: { ms: number; value: string | number }[];
}

interface SplitCase {
  example: string;
  doc: JsonObject;
  period: PeriodInfo;
  /** Days in the first part (1 … days − 1). */
  firstDays: number;
  series: SeriesPlan[];
}

const hourlyValueArb: fc.Arbitrary<string | number> = fc.oneof(
  {
    weight: 8,
    arbitrary: fc
      .tuple(fc.nat({ max: 1_000_000 }), fc.integer({ min: 0, max: 3 }))
      .map(([n, places]) => (places === 0 ? String(n) : (n / 10 ** places).toFixed(places))),
  },
  { weight: 1, arbitrary: fc.nat({ max: 100_000 }).map((n) => n / 8) },
  { weight: 1, arbitrary: fc.constantFrom("0", "1e-6", "2.5E2", "0.000001") },
);

function hourlySeriesArb(
  period: PeriodInfo,
  canonicalUnit: string,
): fc.Arbitrary<{ unit: string; readings: { ms: number; value: string | number }[] }> {
  const hours = period.days * 24;
  return fc
    .record({
      unit: fc.constantFrom(...unitsOf(dimensionOf(canonicalUnit)!)),
      values: fc.array(hourlyValueArb, { minLength: hours, maxLength: hours }),
      gaps: fc.uniqueArray(fc.nat({ max: hours - 1 }), { maxLength: 4 }),
    })
    .map(({ unit, values, gaps }) => ({
      unit,
      readings: values.flatMap((value, h) => (gaps.includes(h) ? [] : [{ ms: period.startMs + h * HOUR, value }])),
    }));
}

function quantityMetas(schema: Parameters<typeof collectParameterMeta>[0]): QuantityMeta[] {
  return [...collectParameterMeta(schema).values()].filter((m): m is QuantityMeta => m.kind === "quantity");
}

function splitCaseArb(module: (typeof registry.modules)[number]): fc.Arbitrary<SplitCase> {
  const model = modelOf(module);
  const monitoredMetas = quantityMetas(module.monitoredSchema);
  const seriesMetas = monitoredMetas.filter((m) => m.spec.series);
  return fc
    .record({
      example: fc.constantFrom(...model.examples),
      startDay: fc.integer({ min: Date.UTC(2000, 0, 1) / MS_PER_DAY, max: Date.UTC(2060, 0, 1) / MS_PER_DAY }),
      days: fc.integer({ min: 2, max: 6 }),
      offset: offsetArb,
      writeTimeZone: fc.boolean(),
      split: fc.nat(),
      stampStyle: fc.nat({ max: 29 }),
    })
    .chain(({ example, startDay, days, offset, writeTimeZone, split, stampStyle }) => {
      const period = makePeriod(startDay, days, offset, writeTimeZone);
      const doc = clone(example.doc);
      doc.period = periodJson(period);
      delete doc.reported;
      const monitored = isObject(doc.monitored) ? doc.monitored : {};
      doc.monitored = monitored;
      // Optional period totals that are not series cannot be split: leave them out.
      for (const m of monitoredMetas) if (!m.spec.series && m.optional) delete monitored[m.spec.symbol];

      // Every series-capable parameter becomes hourly series: one per equipment for arrays.
      const fixed = isObject(doc.fixed) ? doc.fixed : {};
      const targets: { symbol: string; idKey?: string; id?: string; unit: string }[] = [];
      for (const m of seriesMetas) {
        const symbol = m.spec.symbol;
        if (m.idKey === undefined) {
          if (m.optional && monitored[symbol] === undefined) continue;
          targets.push({ symbol, unit: m.spec.unit });
          continue;
        }
        const idKey = m.idKey;
        const ids = new Set<string>();
        for (const [list, key] of model.fixedLists) {
          if (key !== idKey || !Array.isArray(fixed[list])) continue;
          for (const e of fixed[list] as unknown[])
            if (isObject(e) && typeof e[idKey] === "string") ids.add(e[idKey] as string);
        }
        if (ids.size === 0 && Array.isArray(monitored[symbol])) {
          for (const e of monitored[symbol] as unknown[])
            if (isObject(e) && typeof e[idKey] === "string") ids.add(e[idKey] as string);
        }
        for (const id of ids) targets.push({ symbol, idKey, id, unit: m.spec.unit });
      }
      return fc.tuple(...targets.map((t) => hourlySeriesArb(period, t.unit))).map((built): SplitCase => {
        const series: SeriesPlan[] = [];
        const arrays = new Map<string, JsonObject[]>();
        built.forEach((b, k) => {
          const t = targets[k]!;
          const readings = b.readings.map((r, i) => ({
            at: instantText(r.ms, i % 7 === 3 ? 0 : period.offsetMinutes, stampStyle + i),
            value: r.value,
          }));
          const node: JsonObject = {
            ...(t.idKey !== undefined && { [t.idKey]: t.id }),
            unit: b.unit,
            kind: "interval",
            interval: "PT1H",
            readings,
          };
          if (t.idKey === undefined) {
            setOwn(monitored, t.symbol, node);
            series.push({ symbol: t.symbol, unit: b.unit, readings: b.readings });
          } else {
            const list = arrays.get(t.symbol) ?? [];
            series.push({ symbol: t.symbol, index: list.length, unit: b.unit, readings: b.readings });
            list.push(node);
            arrays.set(t.symbol, list);
          }
        });
        for (const [symbol, list] of arrays) setOwn(monitored, symbol, list);
        return { example: example.name, doc, period, firstDays: 1 + (split % (days - 1)), series };
      });
    });
}

/** The two consecutive halves of a case's document. */
function halves(c: SplitCase): [JsonObject, JsonObject] {
  const p = c.period;
  const startDay = (p.startMs + p.offsetMinutes * 60_000) / MS_PER_DAY;
  const first = makePeriod(startDay, c.firstDays, p.offsetMinutes, p.timeZone !== undefined);
  const second = makePeriod(startDay + c.firstDays, p.days - c.firstDays, p.offsetMinutes, p.timeZone !== undefined);
  const a = clone(c.doc);
  const b = clone(c.doc);
  a.period = periodJson(first);
  b.period = periodJson(second);
  return [a, b];
}

function seriesTotal(result: CalculationResult, s: SeriesPlan): { value: Exact; unit: string } {
  const path = formatPath(s.index === undefined ? ["monitored", s.symbol] : ["monitored", s.symbol, s.index]);
  const p = result.parameters.find((x) => x.path === path);
  if (!p?.given) throw new Error(`no series total at ${path}`);
  return { value: new Exact(p.given.value), unit: p.given.unit };
}

/** Exactly equal. */
function expectExactlyEqual(parts: Frac, whole: Frac, what: string): void {
  expect(eq(parts, whole), `${what}: parts ${print(parts)} ≠ whole ${print(whole)}`).toBe(true);
}

const withSeries = registry.modules.filter((m) => quantityMetas(m.monitoredSchema).some((q) => q.spec.series));

describe("period splitting", () => {
  it("some modules take monitored series", () => {
    expect(withSeries.map((m) => m.id).length).toBeGreaterThan(0);
  });

  for (const module of withSeries) {
    it(`${module.id} ${module.version} (${RUNS} runs): series, RE, ER add up; floors never gain`, () => {
      fc.assert(
        fc.property(splitCaseArb(module), (c) => {
          const [a, b] = halves(c);
          const whole = calculate(module, c.doc);
          const first = calculate(module, a);
          const second = calculate(module, b);

          // Series totals: exact, and equal to the readings' own sum.
          for (const s of c.series) {
            const w = seriesTotal(whole, s);
            const x = seriesTotal(first, s);
            const y = seriesTotal(second, s);
            expect(w.unit).toBe(s.unit);
            const expected = s.readings.reduce(
              (sum, r) => sum.plus(typeof r.value === "number" ? String(r.value) : r.value),
              new Exact(0),
            );
            expect(canonical(w.value), `whole total of ${s.symbol}[${s.index ?? ""}]`).toBe(canonical(expected));
            expect(canonical(x.value.plus(y.value)), `parts of ${s.symbol}[${s.index ?? ""}] add up exactly`).toBe(
              canonical(w.value),
            );
          }

          const [w, x, y] = [exactOf(whole), exactOf(first), exactOf(second)];
          for (const f of ["RE", "PE", "ER"] as const) expectExactlyEqual(add(x[f], y[f]), w[f], f);
          // jcm-rules §2: flooring each part can only lose fractions (unclamped floors of the exact values).
          const parts = floor(x.ER) + floor(y.ER);
          expect(parts <= floor(w.ER), `⌊ER₁⌋ + ⌊ER₂⌋ = ${parts} > ⌊ER⌋ = ${floor(w.ER)}`).toBe(true);
        }),
        { numRuns: RUNS },
      );
    }, 120_000);
  }
});
