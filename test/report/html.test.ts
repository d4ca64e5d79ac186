import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { draftBdUnfiredBrick } from "../../methodologies/draft-bd-unfired-brick/index.js";
import { draftKhRiceHuskStirling } from "../../methodologies/draft-kh-rice-husk-stirling/index.js";
import { registry } from "../../methodologies/index.js";
import { calculateParsed } from "../../src/calculate.js";
import { parseDocument } from "../../src/document/parse.js";
import { verifyWith } from "../../src/entries/core.js";
import { createRegistry } from "../../src/methodology/registry.js";
import { renderHtml } from "../../src/report/html.js";
import { buildReportModel, DRAFT_BANNER, type ReportModel } from "../../src/report/model.js";

const EXAMPLES = new URL("../../examples/", import.meta.url);
// The drafts may or may not be in the bundled registry: add them once.
const all = createRegistry([
  ...registry.modules,
  ...[draftKhRiceHuskStirling, draftBdUnfiredBrick].filter((d) => !registry.modules.includes(d)),
]);
const names = readdirSync(EXAMPLES)
  .filter((f) => f.endsWith(".json") && !f.endsWith(".expected.json"))
  .map((f) => f.slice(0, -5));

function modelOf(text: string): ReportModel {
  const parsed = parseDocument(text);
  const module = all.get(parsed.document.methodology.id, parsed.document.methodology.version);
  return buildReportModel(
    calculateParsed(module, parsed),
    parsed.document.reported ? verifyWith(all, text) : undefined,
  );
}
const example = (name: string) => readFileSync(new URL(`${name}.json`, EXAMPLES), "utf8");

/** What would make the file load anything from elsewhere or run code. */
function externalReferences(html: string): string[] {
  const found: string[] = [];
  for (const [what, pattern] of [
    ["script", /<script/i],
    ["URL", /https?:\/\//i],
    ["protocol-relative URL", /["'(]\/\//],
    ["src attribute", /\ssrc\s*=/i],
    ["href attribute", /\shref\s*=/i],
    ["link element", /<link/i],
    ["CSS url()", /url\s*\(/i],
    ["CSS @import", /@import/i],
    ["event handler", /\son[a-z]+\s*=/i],
    ["iframe/object/embed/img", /<(iframe|object|embed|img)\b/i],
  ] as const) {
    if (pattern.test(html)) found.push(what);
  }
  return found;
}

describe("renderHtml", () => {
  it.each(names)("%s: one self-contained HTML5 file, no script, no external reference", (name) => {
    const html = renderHtml(modelOf(example(name)));
    expect(html.startsWith('<!doctype html>\n<html lang="en">')).toBe(true);
    expect(html.trimEnd().endsWith("</html>")).toBe(true);
    expect(externalReferences(html)).toEqual([]);
    expect(html).toMatch(/<style>[^<]*@media print[^<]*<\/style>/);
    for (const id of ["re-value", "pe-value", "er-value", "er-unrounded-value"])
      expect(html.split(`id="${id}"`).length - 1, id).toBe(1);
    // Every chart is an inline SVG with class "chart".
    const svgs = html.match(/<svg\b[^>]*>/g) ?? [];
    expect(svgs.length).toBeGreaterThanOrEqual(1);
    for (const svg of svgs) expect(svg).toContain('class="chart"');
  });

  it("shows the figures: RE/PE unrounded with display rounding beside them, ER credited and unrounded", () => {
    const html = renderHtml(modelOf(example("mn-am003-interval-readings")));
    expect(html).toContain('<span id="re-value">0.58997925</span>');
    expect(html).toContain('<span id="pe-value">0</span>');
    expect(html).toContain('<span id="er-value">0</span>');
    expect(html).toContain('<span id="er-unrounded-value" class="mono">0.58997925</span>');
    expect(html).toContain('≈ 1 tCO2 <span class="note">rounded to whole tonnes for display only</span>');
    expect(html).toMatch(/<svg class="chart"[^>]*aria-label="EG_i,p \[inv-A\]: daily totals in kWh/);
    expect(html).toContain("Total of the daily figures 740.25 kWh");
  });

  it("includes eligibility, parameters, equations with values and warnings", () => {
    const html = renderHtml(modelOf(example("mn-am003-interval-readings")));
    for (const id of ["eligibility", "parameters", "equations", "warnings", "series", "results"])
      expect(html).toContain(`<section id="${id}">`);
    expect(html).toContain("<code>RE_p = EG_p × EF_RE</code></div><div><code>= 0.74025 × 0.797</code>");
    expect(html).toContain("740.25 kWh"); // the series total as given
    expect(html).toContain("C — own measurement with calibrated equipment");
    expect(html).toContain("<code>gaps</code>");
  });

  it("shows the verification table with an overall verdict", () => {
    const ok = renderHtml(modelOf(example("mn-am003-grid-plant")));
    expect(ok).toContain(
      '<p class="verdict ok" id="verdict">Verified: all 3 reported figures match the recomputation.</p>',
    );
    expect(ok).toContain('<th scope="col">Difference (reported − recomputed)</th>');
    const doc = JSON.parse(example("mn-am003-grid-plant")) as { reported: Record<string, string> };
    doc.reported.RE_p = "11303.06";
    doc.reported.ER_p = "11304";
    const bad = renderHtml(modelOf(JSON.stringify(doc)));
    expect(bad).toContain("Discrepancies: 2 of 3 reported figures do not match the recomputation.");
    expect(bad).toContain('<span class="badge mismatch">mismatch</span>');
    expect(bad).toContain(">0.006</td>");
    const none = renderHtml(modelOf(example("mn-am003-interval-readings")));
    expect(none).not.toContain('id="verification"');
  });

  it("puts the draft banner on a draft module's report, and only there", () => {
    const draft = renderHtml(modelOf(example("draft-kh-rice-husk-stirling")));
    expect(draft).toContain(`<div class="draft-banner" role="alert">${DRAFT_BANNER}</div>`);
    expect(draft.indexOf('draft-banner" role')).toBeLessThan(draft.indexOf("<h1>"));
    const approved = modelOf(example("mn-am003-grid-plant"));
    expect(renderHtml(approved)).not.toContain('draft-banner" role');
    // The banner follows the model, whatever produced it.
    expect(
      renderHtml({ ...approved, methodology: { ...approved.methodology, status: "draft", draftBanner: DRAFT_BANNER } }),
    ).toContain(DRAFT_BANNER);
  });

  it("escapes free text: a malicious project title cannot inject markup", () => {
    const doc = JSON.parse(example("mn-am003-interval-readings")) as { project: Record<string, string> };
    doc.project.title = `<script>alert("x")</script><img src=x onerror=alert(1)> & "quotes"`;
    doc.project["<b>key</b>"] = "</td></tr></table><script>bad()</script>";
    const html = renderHtml(modelOf(JSON.stringify(doc)));
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toContain("<img");
    expect(html).not.toContain("<b>");
    expect(html).toContain(
      "<h1>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt; &amp; &quot;quotes&quot;</h1>",
    );
    expect(html).toContain("<title>&lt;script&gt;");
  });

  it("says so when project emissions exceed reference emissions", () => {
    const model = modelOf(example("mn-am003-grid-plant"));
    const negative = {
      ...model,
      results: { ...model.results, emissionReductionsUnrounded: "-3.5", emissionReductions: "0", negative: true },
    };
    expect(renderHtml(negative)).toContain("Project emissions exceeded reference emissions");
  });

  it("is deterministic", () => {
    expect(renderHtml(modelOf(example("mn-am003-cumulative-meter")))).toBe(
      renderHtml(modelOf(example("mn-am003-cumulative-meter"))),
    );
  });
});
