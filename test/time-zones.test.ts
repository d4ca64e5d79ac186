/**
 * Named time zones end to end (monitoring-document.md, Time zones): Mongolia kept summer time
 * (+09:00) in 2015 and 2016; its 2016 changes were on 2016-03-26 at 02:00 (to +09:00) and at the
 * end of 2016-09-23 (24:00 +09:00 = 23:00 +08:00, so 2016-09-23 lasted 25 hours).
 */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { registry } from "../methodologies/index.js";
import { calculateDetailed } from "../src/api/calculate.js";
import { formatInstant, MS_PER_DAY } from "../src/core/period.js";
import { calculate, MrvValidationError, renderReport, safeCalculate } from "../src/entries/index.js";
import { buildReportModel } from "../src/report/model.js";

const H = 3_600_000;
/** Offset of Asia/Ulaanbaatar at a UTC instant in 2015–2016 (from the published rules, not from Intl). */
function ulaanbaatarOffset(utcMs: number): number {
  const summer2016 = utcMs >= Date.UTC(2016, 2, 25, 18) && utcMs < Date.UTC(2016, 8, 23, 15);
  const summer2015 = utcMs >= Date.UTC(2015, 2, 27, 18) && utcMs < Date.UTC(2015, 8, 25, 15);
  return summer2016 || summer2015 ? 540 : 480;
}
/** The instant of local midnight of a date in Ulaanbaatar, 2015–2016 (no midnight is skipped there). */
function ulaanbaatarMidnight(year: number, month: number, day: number): number {
  const wall = Date.UTC(year, month - 1, day);
  return ulaanbaatarOffset(wall - 9 * H) === 540 ? wall - 9 * H : wall - 8 * H;
}
const localText = (utcMs: number) => formatInstant(utcMs, ulaanbaatarOffset(utcMs));

/** A register read at every local midnight from `start` to the day after `end` (`perDay` MWh a day). */
function midnightReadings(start: [number, number, number], days: number, perDay: number, first = 1000) {
  const readings: { at: string; value: string }[] = [];
  for (let d = 0; d <= days; d++) {
    const t = ulaanbaatarMidnight(start[0], start[1], start[2] + d);
    readings.push({ at: localText(t), value: String(first + d * perDay) });
  }
  return readings;
}

function solarDocument(period: object, series: object) {
  return {
    methodology: { id: "JCM_MN_AM003", version: "02.0" },
    project: { reference: "TZ-TEST", hostCountry: "MN" },
    period,
    fixed: { connection: "national-grid" },
    monitored: { "EG_i,p": [{ equipment: "m-1", unit: "MWh", option: "C", ...series }] },
  };
}

describe("named time zones, end to end", () => {
  it("a cumulative meter read at local midnights calculates across both Mongolian changes of 2016", () => {
    const readings = midnightReadings([2016, 1, 1], 366, 2);
    // Around the changes the text carries the offset of that midnight: +08:00, then +09:00, then +08:00.
    expect(readings.slice(84, 87).map((r) => r.at.slice(10))).toEqual([
      "T00:00:00+08:00",
      "T00:00:00+08:00",
      "T00:00:00+09:00",
    ]);
    expect(readings.slice(266, 269).map((r) => r.at.slice(10))).toEqual([
      "T00:00:00+09:00",
      "T00:00:00+08:00",
      "T00:00:00+08:00",
    ]);
    const document = solarDocument(
      { start: "2016-01-01", end: "2016-12-31", timeZone: "Asia/Ulaanbaatar" },
      { kind: "cumulative", readings },
    );
    const result = calculate(document, { tzdata: "2099z" });
    expect(result.figures.EG_p?.value).toBe("732");
    expect(result.period).toEqual({
      start: "2016-01-01",
      end: "2016-12-31",
      timeZone: "Asia/Ulaanbaatar",
      days: 366,
      startInstant: "2016-01-01T00:00:00+08:00",
      endInstant: "2017-01-01T00:00:00+08:00",
      tzdata: "2099z",
    });
    expect(result.warnings).toEqual([]);
  });

  it("a summer period in Asia/Ulaanbaatar runs from +09:00 to +08:00 midnights; with +08:00 the same meter fails", () => {
    const readings = midnightReadings([2016, 4, 1], 183, 3);
    const named = calculate(
      solarDocument(
        { start: "2016-04-01", end: "2016-09-30", timeZone: "Asia/Ulaanbaatar" },
        { kind: "cumulative", readings },
      ),
    );
    expect(named.period.startInstant).toBe("2016-04-01T00:00:00+09:00");
    expect(named.period.endInstant).toBe("2016-10-01T00:00:00+08:00");
    expect(named.period.tzdata).toBeUndefined();
    expect(named.figures.EG_p?.value).toBe("549");
    const fixed = safeCalculate(
      solarDocument({ start: "2016-04-01", end: "2016-09-30", timeZone: "+08:00" }, { kind: "cumulative", readings }),
    );
    expect(fixed.success).toBe(false);
    if (!fixed.success) expect(fixed.error.issues.map((i) => i.code)).toContain("missing-boundary-reading");
  });

  it("P1D steps local days (23 and 25 hours); a +09:00 midnight after the change is off the grid", () => {
    const days = 10;
    const readings = [];
    for (let d = 0; d < days; d++) readings.push({ at: localText(ulaanbaatarMidnight(2016, 9, 20 + d)), value: "10" });
    const period = { start: "2016-09-20", end: "2016-09-29", timeZone: "Asia/Ulaanbaatar" };
    const ok = calculate(solarDocument(period, { kind: "interval", interval: "P1D", readings }));
    expect(ok.referenceEmissions).toBe("79.7");
    expect(ok.warnings).toEqual([]);
    const shifted = readings.map((r, i) => (i === 5 ? { ...r, at: "2016-09-25T00:00:00+09:00" } : r));
    const bad = safeCalculate(solarDocument(period, { kind: "interval", interval: "P1D", readings: shifted }));
    expect(bad.success).toBe(false);
    if (!bad.success) {
      expect(bad.error.issues).toHaveLength(1);
      expect(bad.error.issues[0]).toMatchObject({ code: "off-grid", found: "2016-09-24T23:00:00+08:00" });
      expect(bad.error.issues[0]!.expected).toContain("2016-09-24T00:00:00+08:00");
    }
    // A missing day is a gap named by its local midnight.
    const gap = calculate(
      solarDocument(period, { kind: "interval", interval: "P1D", readings: readings.filter((_, i) => i !== 4) }),
    );
    expect(gap.warnings.map((w) => w.message).join(" ")).toContain("first missing at 2016-09-24T00:00:00+08:00");
  });

  it("PT1H steps elapsed time from the start instant: 24 + 25 + 24 hourly readings, no gap, none off the grid", () => {
    const start = ulaanbaatarMidnight(2016, 9, 22);
    const end = ulaanbaatarMidnight(2016, 9, 25);
    expect((end - start) / H).toBe(73);
    const readings = [];
    for (let t = start; t < end; t += H) readings.push({ at: localText(t), value: "1" });
    const result = calculate(
      solarDocument(
        { start: "2016-09-22", end: "2016-09-24", timeZone: "Asia/Ulaanbaatar" },
        { kind: "interval", interval: "PT1H", readings },
      ),
    );
    expect(result.figures.EG_p?.value).toBe("73");
    expect(result.warnings).toEqual([]);
  });

  it("the report's daily buckets are civil days: 2016-09-23 holds 25 hourly readings", () => {
    const start = ulaanbaatarMidnight(2016, 9, 22);
    const end = ulaanbaatarMidnight(2016, 9, 25);
    const readings = [];
    for (let t = start; t < end; t += H) readings.push({ at: localText(t), value: "1" });
    const document = solarDocument(
      { start: "2016-09-22", end: "2016-09-24", timeZone: "Asia/Ulaanbaatar" },
      { kind: "interval", interval: "PT1H", readings },
    );
    const md = renderReport(document, { format: "md" });
    expect(md).toContain("Asia/Ulaanbaatar: 2016-09-22T00:00:00+09:00 to 2016-09-25T00:00:00+08:00");
    const model = buildReportModel(calculateDetailed(document, { registry }));
    expect(model.series[0]!.days).toEqual([
      { date: "2016-09-22", value: "24" },
      { date: "2016-09-23", value: "25" },
      { date: "2016-09-24", value: "24" },
    ]);
  });

  it("operating hours are checked against the real length of the period (HOB, summer 2016: 4,393 h)", () => {
    const hob = (hours: string) => ({
      methodology: { id: "JCM_MN_AM002", version: "01.0" },
      period: { start: "2016-04-01", end: "2016-09-30", timeZone: "Asia/Ulaanbaatar" },
      fixed: {
        EF_coal: "0.099",
        EF_grid: "1.1501",
        boilers: [{ equipment: "HOB-1", "η_RE,i": "0.50", "η_PJ,i": "0.70", "P_aux,i": { value: "3", unit: "kW" } }],
      },
      monitored: {
        "HG_PJ,i,p": [{ equipment: "HOB-1", value: "100", unit: "GJ" }],
        "t_op,i,p": [{ equipment: "HOB-1", value: hours, unit: "h" }],
      },
    });
    // 183 days × 24 h + the hour given back at the end of summer time.
    expect(calculate(hob("4393")).period.endInstant).toBe("2016-10-01T00:00:00+08:00");
    const over = safeCalculate(hob("4393.001"));
    expect(over.success).toBe(false);
    if (!over.success) expect(over.error.issues[0]).toMatchObject({ code: "out-of-range", symbol: "t_op,i,p" });
    expect(over.success || over.error.issues[0]!.expected).toContain("≤ 4393 h");
  });

  it("an unknown zone is an error suggesting close names; tzdata is recorded only for named zones", () => {
    const document = solarDocument(
      { start: "2016-01-01", end: "2016-01-31", timeZone: "Asia/Ulanbaatar" },
      { value: "10", unit: "MWh" },
    );
    try {
      calculate(document);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(MrvValidationError);
      const issue = (error as MrvValidationError).issues[0]!;
      expect(issue).toMatchObject({ path: "period.timeZone", code: "unknown-time-zone", found: '"Asia/Ulanbaatar"' });
      expect(issue.message).toContain("Asia/Ulaanbaatar");
    }
    const offset = calculate(
      solarDocument({ start: "2016-01-01", end: "2016-01-31", timeZone: "+08:00" }, { value: "10" }),
      {
        tzdata: "2025c",
      },
    );
    expect(offset.period).toEqual({
      start: "2016-01-01",
      end: "2016-01-31",
      timeZone: "+08:00",
      days: 31,
      startInstant: "2016-01-01T00:00:00+08:00",
      endInstant: "2016-02-01T00:00:00+08:00",
    });
    const utc = calculate(solarDocument({ start: "2016-01-01", end: "2016-01-31" }, { value: "10" }));
    expect([utc.period.startInstant, utc.period.endInstant]).toEqual([
      "2016-01-01T00:00:00+00:00",
      "2016-02-01T00:00:00+00:00",
    ]);
  });

  it("periods outside 2000–2199 or longer than 3,660 days are period-out-of-range", () => {
    for (const period of [
      { start: "1999-12-31", end: "2000-01-31" },
      { start: "2199-12-31", end: "2200-01-01" },
      { start: "2016-01-01", end: "2026-01-31", timeZone: "Asia/Ulaanbaatar" },
    ]) {
      const outcome = safeCalculate(solarDocument(period, { value: "10" }));
      expect(outcome.success).toBe(false);
      if (!outcome.success) expect(outcome.error.issues.map((i) => i.code)).toEqual(["period-out-of-range"]);
    }
  });

  it("results do not depend on the host's time zone (the same documents under TZ=America/Santiago and Asia/Kathmandu)", () => {
    const script = fileURLToPath(new URL("./helpers/time-zone-results.ts", import.meta.url));
    const here = spawnSync(process.execPath, ["--import", "tsx", script], {
      encoding: "utf8",
      env: { ...process.env, TZ: "UTC" },
    });
    expect(here.stderr).toBe("");
    for (const tz of ["America/Santiago", "Asia/Kathmandu"]) {
      const there = spawnSync(process.execPath, ["--import", "tsx", script], {
        encoding: "utf8",
        env: { ...process.env, TZ: tz },
      });
      expect(there.stderr).toBe("");
      const parsed = JSON.parse(there.stdout) as { hostOffset: number; results: unknown };
      expect(parsed.hostOffset).not.toBe(0); // the child really ran elsewhere
      expect(parsed.results).toEqual((JSON.parse(here.stdout) as { results: unknown }).results);
    }
  });

  it("the helper's Ulaanbaatar midnights are a day apart except across the changes", () => {
    expect(ulaanbaatarMidnight(2016, 3, 27) - ulaanbaatarMidnight(2016, 3, 26)).toBe(MS_PER_DAY - H);
    expect(ulaanbaatarMidnight(2016, 9, 24) - ulaanbaatarMidnight(2016, 9, 23)).toBe(MS_PER_DAY + H);
  });
});
