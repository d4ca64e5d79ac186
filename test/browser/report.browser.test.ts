import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registry } from "../../methodologies/index.js";
import { type CalculationResult, calculateParsed } from "../../src/calculate.js";
import { parseDocument } from "../../src/document/parse.js";
import { verifyWith } from "../../src/entries/core.js";
import { comparisonBarChart, dailyBarChart } from "../../src/report/chart.js";
import { renderHtml } from "../../src/report/html.js";
import { buildReportModel } from "../../src/report/model.js";
import { chromiumMissing, launchChromium } from "../helpers/chromium.js";

/**
 * Opens the HTML reports in Debian's Chromium (never a downloaded browser): they must render
 * without errors, show their charts and figures, and request nothing but the file itself.
 * Screenshots land in test-artifacts/ for people to look at.
 */

/** Skipped, saying why, where Chromium is missing — except in CI, where that fails (helpers/chromium.ts). */
const SKIP = chromiumMissing() !== undefined;

// Browser globals used inside page.evaluate; declared for this file only (tsconfig has no DOM lib).
declare const document: {
  querySelectorAll(selector: string): ArrayLike<{ getBoundingClientRect(): { right: number } }>;
  documentElement: { clientWidth: number };
};
declare const DOMParser: new () => {
  parseFromString(text: string, type: string): { getElementsByTagName(name: string): { length: number } };
};
const ARTIFACTS = fileURLToPath(new URL("../../test-artifacts/", import.meta.url));
const example = (name: string) => readFileSync(new URL(`../../examples/${name}.json`, import.meta.url), "utf8");

let context: BrowserContext | undefined;
let work: string;

beforeAll(async () => {
  if (SKIP) return;
  work = mkdtempSync(join(tmpdir(), "jcm-mrv-report-"));
  mkdirSync(ARTIFACTS, { recursive: true });
  context = await launchChromium(work);
}, 60_000);

afterAll(async () => {
  await context?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

interface Opened {
  page: Page;
  errors: string[];
  offsite: string[];
}

/** Opens a file with every request but the file itself refused and recorded. */
async function open(file: string): Promise<Opened> {
  const url = pathToFileURL(file).href;
  const page = await context!.newPage();
  const errors: string[] = [];
  const offsite: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(`console: ${m.text()}`);
  });
  page.on("pageerror", (e) => errors.push(`page: ${e.message}`));
  await page.route("**/*", (route) => {
    if (route.request().url() === url) return route.continue();
    offsite.push(route.request().url());
    return route.abort();
  });
  await page.goto(url, { waitUntil: "load" });
  return { page, errors, offsite };
}

function report(name: string, withVerification: boolean): { html: string; result: CalculationResult } {
  const text = example(name);
  const parsed = parseDocument(text);
  const detailed = calculateParsed(
    registry.get(parsed.document.methodology.id, parsed.document.methodology.version),
    parsed,
  );
  return {
    html: renderHtml(buildReportModel(detailed, withVerification ? verifyWith(registry, text) : undefined)),
    result: detailed.result,
  };
}

describe.skipIf(SKIP)("HTML report in Chromium", () => {
  it.each([
    ["mn-am003-grid-plant", true, 1],
    ["mn-am003-interval-readings", false, 2],
  ] as const)(
    "%s renders cleanly, offline, with visible figures and charts",
    async (name, withVerification, charts) => {
      const { html, result } = report(name, withVerification);
      const file = join(work, `${name}.html`);
      writeFileSync(file, html);
      const { page, errors, offsite } = await open(file);

      const boxes = await page
        .locator("svg.chart")
        .evaluateAll((svgs) =>
          svgs.map((s) => s.getBoundingClientRect()).map((r) => ({ width: r.width, height: r.height })),
        );
      expect(boxes).toHaveLength(charts);
      for (const box of boxes) {
        expect(box.width).toBeGreaterThan(0);
        expect(box.height).toBeGreaterThan(0);
      }
      for (const [id, value] of [
        ["re-value", result.referenceEmissions],
        ["pe-value", result.projectEmissions],
        ["er-value", result.emissionReductions],
        ["er-unrounded-value", result.emissionReductionsUnrounded],
      ] as const) {
        const figure = page.locator(`#${id}`);
        await expect.poll(() => figure.isVisible(), { message: `#${id} visible` }).toBe(true);
        expect(await figure.textContent()).toBe(value);
      }
      if (withVerification)
        expect(await page.locator("#verdict").textContent()).toMatch(/^Verified: all 3 reported figures match/);
      await page.screenshot({ path: join(ARTIFACTS, `report-${name}.png`), fullPage: true });

      // Print layout: the charts still fit the page width.
      await page.emulateMedia({ media: "print" });
      await page.setViewportSize({ width: 794, height: 1123 }); // A4 at 96 dpi
      const overflow = await page.evaluate(() =>
        Array.from(document.querySelectorAll("svg.chart")).some(
          (s) => s.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5,
        ),
      );
      expect(overflow).toBe(false);
      await page.screenshot({ path: join(ARTIFACTS, `report-${name}-print.png`), fullPage: true });

      expect(errors).toEqual([]);
      expect(offsite).toEqual([]);
      await page.close();
    },
  );

  it("edge-case charts parse as XML and draw with a size", async () => {
    const days = (n: number, value: (i: number) => string) =>
      Array.from({ length: n }, (_, i) => ({
        date: new Date(Date.UTC(2024, 0, 1 + i)).toISOString().slice(0, 10),
        value: value(i),
      }));
    const charts = [
      dailyBarChart({
        title: "366 days (leap year)",
        unit: "kWh",
        days: days(366, (i) => String(100 + ((i * 37) % 90))),
        periodStart: "2024-01-01",
        periodEnd: "2024-12-31",
      }),
      dailyBarChart({
        title: "all zeros",
        unit: "MWh",
        days: days(31, () => "0"),
        periodStart: "2024-01-01",
        periodEnd: "2024-01-31",
      }),
      dailyBarChart({
        title: "one day",
        unit: "kWh",
        days: days(1, () => "740.25"),
        periodStart: "2024-01-01",
        periodEnd: "2024-01-01",
      }),
      dailyBarChart({
        title: "huge",
        unit: "GJ",
        days: days(3, (i) => ["999999999999999999999999999999.5", "5", "400000000000000000000000000000"][i]!),
        periodStart: "2024-01-01",
        periodEnd: "2024-01-03",
      }),
      dailyBarChart({
        title: "tiny",
        unit: "t",
        days: days(7, (i) => `0.00000000000000000000${i + 1}`),
        periodStart: "2024-01-01",
        periodEnd: "2024-01-07",
      }),
      dailyBarChart({
        title: `<script>alert("x")</script> & ]]>`,
        unit: "<u>",
        days: days(5, (i) => String(i)),
        periodStart: "2024-01-02",
        periodEnd: "2024-01-04",
      }),
      comparisonBarChart({
        referenceEmissions: "321.10513516295025728987993138936536",
        projectEmissions: "289.5063",
        unit: "tCO2",
      }),
      comparisonBarChart({ referenceEmissions: "0", projectEmissions: "0", unit: "tCO2" }),
    ];
    const file = join(work, "charts.html");
    writeFileSync(
      file,
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>charts</title><style>svg{display:block;margin:8px 0;border:1px solid #ddd}</style></head><body>${charts.join("")}</body></html>`,
    );
    const { page, errors, offsite } = await open(file);
    const parseErrors = await page.evaluate(
      (svgs) =>
        svgs.map((s) => new DOMParser().parseFromString(s, "image/svg+xml").getElementsByTagName("parsererror").length),
      charts,
    );
    expect(parseErrors).toEqual(charts.map(() => 0));
    const boxes = await page
      .locator("svg.chart")
      .evaluateAll((svgs) => svgs.map((s) => s.getBoundingClientRect().width * s.getBoundingClientRect().height));
    expect(boxes.every((area) => area > 0)).toBe(true);
    expect(await page.evaluate(() => document.querySelectorAll("script").length)).toBe(0);
    await page.screenshot({ path: join(ARTIFACTS, "report-chart-edge-cases.png"), fullPage: true });
    expect(errors).toEqual([]);
    expect(offsite).toEqual([]);
    await page.close();
  });
});
