/**
 * Attack: documents that are cheap to write and expensive to read (trust.md §3) — more equipment
 * than a per-equipment array may hold, the most it may hold (where a quadratic join took 90 s for
 * 128,000 boilers), and a ten-year period with a one-row one-minute series whose grid has five
 * million slots. The bounds are generous hang and blow-up checks; the figures belong to the benchmark.
 */
import { describe, expect, it } from "vitest";
import { calculate, renderReport, safeCalculate } from "../../src/entries/index.js";
import { renderText } from "../../src/report/text.js";
import {
  boilers,
  builtCli,
  chillers,
  type Doc,
  expectCleanExit,
  expectSafeIssues,
  products,
  put,
  refusal,
  scratch,
  solar,
  timed,
} from "./attack.js";

/** Seconds any single case may take here: minutes mean a quadratic step, seconds do not. */
const GENEROUS = 60;

describe("more entries than one per-equipment array may hold (too-many-entries)", () => {
  it.each([
    ["boilers", () => boilers(128_000)],
    ["chillers", () => chillers(128_000)],
    ["products", () => products(128_000)],
  ])("128,000 %s: one issue naming the array, before any entry is read", (_, make) => {
    const { value: error, seconds } = timed(() => refusal(() => calculate(make())));
    expect(seconds).toBeLessThan(GENEROUS);
    expectSafeIssues(error.issues);
    const codes = new Set(error.issues.map((i) => i.code));
    expect(codes).toEqual(new Set(["too-many-entries"]));
    expect(error.issues[0]).toMatchObject({ expected: "at most 100000 entries", found: "128000" });
  });

  it("100,001 entries is one too many; readings arrays are limited by their own total instead", () => {
    const doc = solar();
    doc.monitored["EG_i,p"] = Array.from({ length: 100_001 }, (_, i) => ({ equipment: `PV-${i}`, value: "1" }));
    const error = refusal(() => calculate(doc));
    expect(error.issues).toEqual([
      expect.objectContaining({ path: 'monitored["EG_i,p"]', symbol: "EG_i,p", code: "too-many-entries" }),
    ]);
  });

  it("128,000 fuels: refused as one array too many, not joined", () => {
    const error = refusal(() => calculate(products(1, 128_000)));
    expect(error.issues.map((i) => i.code)).toEqual(["too-many-entries", "too-many-entries"]);
  });

  it("100,000 duplicated fuel entries: duplicate ids capped at 1,000 issues and counted, in seconds", () => {
    const { value: error, seconds } = timed(() => refusal(() => calculate(products(1, 100_000))));
    expect(seconds).toBeLessThan(GENEROUS);
    expectSafeIssues(error.issues);
    expect(error.issues).toHaveLength(1001);
    expect(error.issues[1000]!.code).toBe("too-many-issues");
  });

  it("CLI: 128,000 boilers exit 2 with too-many-entries, no stack, in seconds", () => {
    const run = builtCli(["calculate", put(scratch(), "boilers.json", JSON.stringify(boilers(128_000)))]);
    expectCleanExit(run, 2);
    expect(run.stderr).toContain("more than 100000 entries in one array");
    expect(run.seconds).toBeLessThan(GENEROUS);
  });
});

describe("the most entries an array may hold: joins by map, near-linear", () => {
  it.each<[string, () => Doc]>([
    ["boilers", () => boilers(100_000)],
    ["chillers", () => chillers(100_000)],
    ["products", () => products(100_000)],
  ])("100,000 %s calculate in seconds, not minutes", (_, make) => {
    const doc = make();
    const { value: result, seconds } = timed(() => safeCalculate(doc));
    expect(result.success).toBe(true);
    expect(seconds).toBeLessThan(GENEROUS);
    if (result.success) {
      // No message or reason lists more than 20 ids (trust.md §3).
      for (const c of result.data.eligibility)
        expect((c.reason.match(/\b[BCP]\d+: /g) ?? []).length).toBeLessThanOrEqual(20);
    }
  });

  it("100,000 boilers with one unknown monitored id each: 1,000 issues and a count, expected lists ≤ 20 ids", () => {
    const doc = boilers(100_000) as { monitored: Record<string, { equipment: string }[]> };
    for (const entry of doc.monitored["EC_PJ,i,p"]!) entry.equipment = `X${entry.equipment}`;
    const { value: error, seconds } = timed(() => refusal(() => calculate(doc)));
    expect(seconds).toBeLessThan(GENEROUS);
    expectSafeIssues(error.issues);
    expect(error.issues).toHaveLength(1001);
    expect(error.issues[0]!.expected).toMatch(/… and 99980 more$/);
    expect(error.issues[1000]).toMatchObject({ code: "too-many-issues", found: "99000" });
  });

  it("CLI verify: 100,000 boilers, exit 0, the verdict last", () => {
    const doc = { ...boilers(100_000), reported: { HG_p: "1000000" } };
    const run = builtCli(["verify", put(scratch(), "boilers.json", JSON.stringify(doc))]);
    expectCleanExit(run, 0);
    expect(run.seconds).toBeLessThan(2 * GENEROUS);
    expect(run.stdout.trimEnd().split("\n").pop()).toBe("All 1 reported figures match.");
  });
});

describe("one id a megabyte long among 20,000 entries", () => {
  const doc = () => {
    const d = solar();
    d.monitored["EG_i,p"] = Array.from({ length: 20_000 }, (_, i) => ({
      equipment: i === 0 ? `${"x".repeat(1_000_000)} y` : `PV-${i}`,
      value: "1",
      unit: "MWh",
    }));
    delete (d as { reported?: unknown }).reported;
    return d;
  };

  it("text, Markdown and HTML output follow the input's size: no column padded to it, no regular expression built of it", () => {
    const result = calculate(doc());
    for (const render of [
      () => renderText(result),
      () => renderReport(doc(), { format: "md" }),
      () => renderReport(doc(), { format: "html" }),
    ]) {
      const { value: output, seconds } = timed(render);
      expect(seconds).toBeLessThan(GENEROUS);
      expect(output.length).toBeLessThan(20_000_000); // padded to the long id, text alone was 20 GB
    }
  });

  it("CLI calculate: exit 0, output of a few megabytes", () => {
    const run = builtCli(["calculate", put(scratch(), "long-id.json", JSON.stringify(doc()))]);
    expectCleanExit(run, 0);
    expect(run.stdout.length).toBeLessThan(20_000_000);
  });
});

describe("a ten-year period with a one-row one-minute series", () => {
  const longPeriod = () => {
    const doc = solar();
    doc.period = { start: "2000-01-01", end: "2010-01-07", timeZone: "+08:00" };
    doc.monitored["EG_i,p"] = [
      {
        equipment: "PV-1",
        unit: "kWh",
        kind: "interval",
        interval: "PT1M",
        readings: [{ at: "2000-01-01T00:00:00+08:00", value: "1" }],
      },
    ];
    delete (doc as { reported?: unknown }).reported;
    return doc;
  };

  it("gap warning counts 5.3 million missing minutes without walking them", () => {
    const { value: result, seconds } = timed(() => calculate(longPeriod()));
    expect(seconds).toBeLessThan(10);
    const gap = result.warnings.find((w) => w.code === "gaps")!;
    expect(gap.message).toMatch(
      /^EG_i,p\[PV-1\]: 5270399 intervals of PT1M without a reading; first missing at 2000-01-01T00:01:00\+08:00/,
    );
  });

  it("HTML and Markdown reports: small output, no stack overflow", () => {
    for (const format of ["html", "md"] as const) {
      const { value: report, seconds } = timed(() => renderReport(longPeriod(), { format }));
      expect(seconds).toBeLessThan(10);
      expect(report.length).toBeLessThan(100_000);
    }
  });

  it("CLI report: exit 0, small file", () => {
    const run = builtCli(["report", put(scratch(), "long.json", JSON.stringify(longPeriod()))]);
    expectCleanExit(run, 0);
    expect(run.stdout.length).toBeLessThan(100_000);
  });
});
