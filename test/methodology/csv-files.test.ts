import { describe, expect, it } from "vitest";
import { mnAm003SolarPv } from "../../methodologies/mn-am003-solar-pv/index.js";
import { MrvValidationError } from "../../src/core/errors.js";
import { createPeriod, type MonitoringPeriod } from "../../src/core/period.js";
import type { SeriesHeader } from "../../src/core/series.js";
import { calculate } from "../../src/entries/core.js";
import { csvSeriesKey } from "../../src/methodology/csv-files.js";

/** One cumulative CSV-backed series per inverter, each with its own file; `replacements` per inverter. */
function documentWith(replacements: (unknown[] | undefined)[]) {
  return {
    methodology: { id: "JCM_MN_AM003", version: "02.0" },
    period: { start: "2024-06-01", end: "2024-06-02", timeZone: "+08:00" },
    fixed: { connection: "national-grid" },
    monitored: {
      "EG_i,p": replacements.map((r, i) => ({
        equipment: `inv-${i + 1}`,
        unit: "kWh",
        kind: "cumulative",
        csv: `inv-${i + 1}.csv`,
        ...(r && { replacements: r }),
      })),
    },
  };
}

const files = Object.fromEntries(
  [1, 2, 3, 4].map((i) => [`inv-${i}.csv`, "at,value\n2024-06-01T00:00:00+08:00,100\n2024-06-03T00:00:00+08:00,180\n"]),
);

function issuesOf(document: unknown) {
  try {
    calculate(document, { module: mnAm003SolarPv, files });
  } catch (error) {
    expect(error).toBeInstanceOf(MrvValidationError);
    return (error as MrvValidationError).issues;
  }
  throw new Error("expected the document to be refused");
}

describe("CSV-backed series: header checks before any file is read", () => {
  it("each series with a bad header gets its own issue at its own path, however many share the header", () => {
    const outside = [{ at: "2024-07-01T00:00:00+08:00", oldFinal: "150", newInitial: "0" }];
    const inside = [{ at: "2024-06-02T00:00:00+08:00", oldFinal: "150", newInitial: "0" }];
    const issues = issuesOf(documentWith([outside, undefined, outside, inside]));
    expect(issues.map((i) => [i.path, i.code])).toEqual([
      ['monitored["EG_i,p"][0].replacements[0].at', "out-of-period"],
      ['monitored["EG_i,p"][2].replacements[0].at', "out-of-period"],
    ]);
    expect(issues.every((i) => i.symbol === "EG_i,p")).toBe(true);
  });

  it("series sharing a good header are all read", () => {
    const r = calculate(documentWith([undefined, undefined, undefined]), { module: mnAm003SolarPv, files });
    expect(r.parameters.filter((p) => p.symbol.startsWith("EG_i,p[")).map((p) => p.value)).toEqual([
      "0.08",
      "0.08",
      "0.08",
    ]);
  });
});

describe("csvSeriesKey", () => {
  it("gives each header and period its own key, whatever came before (consecutive equal ones share one string)", () => {
    const period = (end: string) => {
      const made = createPeriod("2024-06-01", end, "+08:00");
      if (!made.ok) throw new Error("period");
      return made.period;
    };
    const cumulative: SeriesHeader = { unit: "kWh", kind: "cumulative" };
    const interval: SeriesHeader = { unit: "kWh", kind: "interval", interval: "PT1H" };
    const cases: [SeriesHeader, MonitoringPeriod][] = [
      [cumulative, period("2024-06-02")],
      [cumulative, period("2024-06-02")],
      [interval, period("2024-06-02")],
      [cumulative, period("2024-06-02")],
      [cumulative, period("2024-06-03")],
      [cumulative, period("2024-06-03")],
    ];
    const keys = cases.map(([header, p]) => csvSeriesKey(header, p));
    const expected = cases.map(([header, p]) =>
      JSON.stringify([
        header.kind,
        header.interval ?? null,
        null,
        null,
        p.start,
        p.end,
        p.timeZone,
        p.startInstant,
        p.endInstant,
      ]),
    );
    expect(keys).toEqual(expected);
    expect(new Set(keys).size).toBe(3);
  });
});
