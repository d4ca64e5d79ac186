import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { draftKhRiceHuskStirling } from "../../methodologies/draft-kh-rice-husk-stirling/index.js";
import { registry } from "../../methodologies/index.js";
import { calculateParsed } from "../../src/calculate.js";
import { parseDocument } from "../../src/document/parse.js";
import { verifyWith } from "../../src/entries/core.js";
import { renderMarkdown } from "../../src/report/markdown.js";
import { buildReportModel, DRAFT_BANNER, type ReportModel } from "../../src/report/model.js";

const example = (name: string) => readFileSync(new URL(`../../examples/${name}.json`, import.meta.url), "utf8");

function modelOf(text: string): ReportModel {
  const parsed = parseDocument(text);
  const id = parsed.document.methodology.id;
  const module =
    id === draftKhRiceHuskStirling.id ? draftKhRiceHuskStirling : registry.get(id, parsed.document.methodology.version);
  return buildReportModel(
    calculateParsed(module, parsed),
    parsed.document.reported ? verifyWith(registry, text) : undefined,
  );
}

/** Rows of the GFM table whose header row starts with `header`, split into cells. */
function tableAfter(md: string, header: string): string[][] {
  const lines = md.split("\n");
  const start = lines.findIndex((l) => l.startsWith(header));
  expect(start, `no table starting ${header}`).toBeGreaterThanOrEqual(0);
  expect(lines[start + 1]).toMatch(/^\|( --- \|)+$/);
  const rows: string[][] = [];
  for (let i = start + 2; i < lines.length && lines[i]!.startsWith("|"); i++) {
    rows.push(lines[i]!.slice(2, -2).split(/(?<!\\) \| /));
  }
  return rows;
}

describe("renderMarkdown", () => {
  it("has the result, verification, eligibility, parameter and equation tables", () => {
    const md = renderMarkdown(modelOf(example("mn-am003-grid-plant")));
    expect(md.startsWith("# Grid-connected 10 MW PV plant (worked example A)\n")).toBe(true);
    expect(tableAfter(md, "| Figure | Value |")).toEqual([
      ["RE_p reference emissions (unrounded)", "11303.054", "≈ 11303", "tCO2"],
      ["PE_p project emissions (unrounded)", "0", "≈ 0", "tCO2"],
      ["ER_p unrounded (RE_p − PE_p)", "11303.054", " ", "tCO2"],
      ["**ER_p emission reductions (floor)**", "**11303**", " ", "tCO2"],
    ]);
    expect(md).toContain("**Verified: all 3 reported figures match the recomputation.**");
    expect(tableAfter(md, "| Symbol | Reported |")).toEqual([
      ["`RE_p`", "11303.054", "11303.054", "match", "0"],
      ["`PE_p`", "0", "0", "match", "0"],
      ["`ER_p`", "11303", "11303", "match", "0"],
    ]);
    expect(tableAfter(md, "| # | Criterion |")).toHaveLength(3);
    expect(tableAfter(md, "| Symbol | Kind |")[0]).toEqual([
      "`EG_i,p[PCS-main]`",
      "monitored",
      "14182",
      "MWh",
      " ",
      "C — own measurement with calibrated equipment",
      "monitoring document",
      " ",
    ]);
    expect(tableAfter(md, "| Step | Eq. |")[1]).toEqual([
      "2",
      "(1)",
      "`RE_p = EG_p × EF_RE = 14182 × 0.797`",
      "11303.054 tCO2",
    ]);
    expect(md).toContain("No monitored series with readings");
    expect(md).not.toMatch(/<svg|<script/);
  });

  it("summarises series and says charts are only in the HTML report", () => {
    const md = renderMarkdown(modelOf(example("mn-am003-interval-readings")));
    expect(md).toContain("Charts of the daily totals are not available in Markdown");
    expect(tableAfter(md, "| Series |")).toEqual([
      ["`EG_i,p [inv-A]`", "interval", "inline readings", "1", "740.25", "740.25 on 2024-06-01", "kWh"],
    ]);
    expect(md).toContain("- `gaps` EG\\_i,p\\[inv-A\\]: 1 interval of PT1H without a reading");
  });

  it("opens a draft module's report with the draft banner", () => {
    const md = renderMarkdown(modelOf(example("draft-kh-rice-husk-stirling")));
    expect(md.startsWith(`> **${DRAFT_BANNER}**\n\n# `)).toBe(true);
    expect(renderMarkdown(modelOf(example("mn-am003-grid-plant")))).not.toContain("DRAFT");
  });

  it("escapes free text: no raw HTML, no broken tables, no injected emphasis or links", () => {
    const doc = JSON.parse(example("mn-am003-grid-plant")) as { project: Record<string, string> };
    doc.project.title = "<script>alert(1)</script> *bold* [link](javascript:x)";
    doc.project.reference = "A | B\nC";
    const md = renderMarkdown(modelOf(JSON.stringify(doc)));
    expect(md).not.toMatch(/<script/);
    expect(md).toContain("# &lt;script&gt;alert(1)&lt;/script&gt; \\*bold\\* \\[link\\](javascript:x)");
    expect(tableAfter(md, "| Field | Value |")).toContainEqual(["Project reference", "A \\| B C"]);
  });
});
