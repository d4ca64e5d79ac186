import { eachOf } from "../core/deferred-array.js";
import { timeZoneLabel } from "../core/period.js";
import { comparisonBarChart, dailyBarChart, escapeXml as esc } from "./chart.js";
import type { StreamedReportModel } from "./model.js";
import { printedPart } from "./substitute.js";

/**
 * One self-contained HTML5 file: inline CSS, inline SVG, no script, no external asset, so it
 * opens offline, archives as is, and prints. Every text from the document is entity-escaped, with
 * control, bidi and invisible characters shown as `\u` escapes, and a Content-Security-Policy
 * forbids scripts.
 */

const CSS = `
:root { --ink: #1a202c; --muted: #5a6472; --line: #d8dde3; --soft: #f4f6f8; --blue: #2b6cb0; --ok: #22753a; --ok-bg: #e6f4ea; --bad: #b42318; --bad-bg: #fdecea; --warn: #8a5a00; --warn-bg: #fff4d6; }
* { box-sizing: border-box; }
html { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif; font-size: 15px; line-height: 1.45; color: var(--ink); background: #fff; }
body { margin: 0; }
main { max-width: 1000px; margin: 0 auto; padding: 24px 28px 40px; }
h1 { font-size: 1.6rem; line-height: 1.25; margin: 0.1rem 0 0.8rem; overflow-wrap: anywhere; }
h2 { font-size: 1.15rem; margin: 2rem 0 0.6rem; padding-bottom: 0.25rem; border-bottom: 2px solid var(--line); break-after: avoid; }
h3 { font-size: 0.95rem; margin: 0 0 0.3rem; font-weight: 600; }
h3.sub { margin-top: 1rem; }
p { margin: 0.4rem 0; }
code, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "DejaVu Sans Mono", monospace; font-size: 0.92em; }
.kicker { text-transform: uppercase; letter-spacing: 0.08em; font-size: 0.75rem; color: var(--muted); margin: 0; }
.draft-banner { border: 3px solid var(--bad); background: var(--bad-bg); color: var(--bad); font-weight: 700; font-size: 1.1rem; padding: 12px 16px; margin: 0 0 18px; border-radius: 6px; }
.meta { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; margin: 0; }
.meta dt { color: var(--muted); }
.meta dd { margin: 0; overflow-wrap: anywhere; }
.badge { display: inline-block; padding: 1px 8px; border-radius: 999px; font-size: 0.8rem; font-weight: 600; white-space: nowrap; border: 1px solid currentColor; }
.badge.ok, .badge.met, .badge.match, .badge.approved, .badge.verified { color: var(--ok); background: var(--ok-bg); }
.badge.bad, .badge.not-met, .badge.mismatch, .badge.draft, .badge.unverified { color: var(--bad); background: var(--bad-bg); }
.badge.not-assessed, .badge.derived { color: var(--warn); background: var(--warn-bg); }
.cards { display: grid; grid-template-columns: repeat(3, 1fr); gap: 12px; }
.card { border: 1px solid var(--line); border-radius: 8px; padding: 12px 14px; background: var(--soft); break-inside: avoid; }
.card.er { border-color: var(--blue); background: #ebf4ff; }
.card .value { font-size: 1.45rem; font-weight: 700; margin: 0.2rem 0; overflow-wrap: anywhere; font-variant-numeric: tabular-nums; }
.card .value.long { font-size: 1.05rem; }
.card .value .unit { font-size: 0.9rem; font-weight: 500; color: var(--muted); }
.note { font-size: 0.82rem; color: var(--muted); }
.card .display { font-size: 0.9rem; margin-top: 0.5rem; }
table { width: 100%; border-collapse: collapse; margin: 0.5rem 0; font-size: 0.9rem; }
th, td { text-align: left; vertical-align: top; padding: 5px 8px; border-bottom: 1px solid var(--line); }
th { background: var(--soft); font-weight: 600; }
tbody tr:nth-child(even) td { background: #fafbfc; }
td.num { font-variant-numeric: tabular-nums; overflow-wrap: break-word; font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "DejaVu Sans Mono", monospace; font-size: 0.86rem; }
td.src { font-size: 0.82rem; color: var(--muted); max-width: 22rem; }
.verdict { padding: 10px 14px; border-radius: 6px; font-weight: 700; margin: 0.4rem 0; }
.verdict.ok { background: var(--ok-bg); color: var(--ok); border: 2px solid var(--ok); }
.verdict.bad { background: var(--bad-bg); color: var(--bad); border: 2px solid var(--bad); }
.warnings { padding-left: 1.2rem; }
.warnings li { margin: 0.25rem 0; }
.empty { color: var(--muted); font-style: italic; }
.eq .formula { overflow-wrap: anywhere; }
.eq .formula div + div { color: var(--muted); }
figure { margin: 1rem 0; break-inside: avoid; }
figcaption { font-size: 0.85rem; color: var(--muted); margin-top: 0.3rem; }
svg.chart { display: block; width: 100%; max-width: 760px; height: auto; }
footer { margin-top: 2.5rem; padding-top: 0.6rem; border-top: 1px solid var(--line); font-size: 0.8rem; color: var(--muted); overflow-wrap: anywhere; }
@media (max-width: 700px) { .cards { grid-template-columns: 1fr; } }
@page { size: A4; margin: 14mm 12mm; }
@media print {
  html { font-size: 10pt; }
  main { max-width: none; padding: 0; }
  .draft-banner, .badge, .verdict, .card, th { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  h2 { margin-top: 1.2rem; }
  thead { display: table-header-group; }
  tr, figure, .card, .verdict, .draft-banner { break-inside: avoid; page-break-inside: avoid; }
  svg.chart { max-width: 100%; }
}
`;

function table(head: readonly string[], rows: readonly string[][], className = ""): string {
  return `${tableStart(head, className)}${rows.map(tableRow).join("")}${TABLE_END}`;
}

const tableStart = (head: readonly string[], className = "") =>
  `<table${className ? ` class="${className}"` : ""}><thead><tr>${head.map((h) => `<th scope="col">${h}</th>`).join("")}</tr></thead><tbody>`;
const tableRow = (cells: readonly string[]) => `<tr>${cells.join("")}</tr>`;
const TABLE_END = "</tbody></table>";

const td = (html: string, className?: string) => `<td${className ? ` class="${className}"` : ""}>${html}</td>`;
const badge = (text: string, kind: string) => `<span class="badge ${esc(kind)}">${esc(text)}</span>`;
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
/** Inline charts are HTML's SVG: the namespace is implied (and the file names no URL at all). */
const inline = (svg: string) => svg.replace(' xmlns="http://www.w3.org/2000/svg"', "");

function header(model: StreamedReportModel): string {
  const m = model.methodology;
  const p = model.period;
  const rows: [string, string][] = [
    [
      "Methodology",
      `<code>${esc(m.id)}</code> version ${esc(m.version)} — ${esc(m.title)} ${badge(m.status, m.status)}`,
    ],
    ["Host country · scope", `${esc(m.hostCountry)} · ${esc(m.sectoralScope)}`],
    [
      "Monitoring period",
      `${esc(p.start)} to ${esc(p.end)} inclusive (${esc(timeZoneLabel(p.timeZone))}: ${esc(p.startInstant)} to ${esc(p.endInstant)}), ${plural(p.days, "day")}`,
    ],
    ...model.project
      .filter((f) => f.key !== "title")
      .map((f): [string, string] => [`Project ${esc(f.key)}`, esc(f.value)]),
  ];
  return (
    (m.draftBanner ? `<div class="draft-banner" role="alert">${esc(m.draftBanner)}</div>` : "") +
    `<header><p class="kicker">JCM emission-reduction calculation report</p><h1>${esc(model.title)}</h1>` +
    `<dl class="meta">${rows.map(([k, v]) => `<dt>${k}</dt><dd>${v}</dd>`).join("")}</dl></header>`
  );
}

function results(model: StreamedReportModel): string {
  const r = model.results;
  const u = esc(r.unit);
  const display = (rounded: string) =>
    `<p class="display">≈ ${esc(rounded)} ${u} <span class="note">rounded to whole tonnes for display only</span></p>`;
  const card = (id: string, heading: string, value: string, notes: string, className = "card") =>
    `<div class="${className}"><h3>${heading}</h3><p class="value${value.length > 16 ? " long" : ""}"><span id="${id}">${esc(value)}</span> <span class="unit">${u}</span></p>${notes}</div>`;
  const cards =
    `<div class="cards">` +
    card(
      "re-value",
      "Reference emissions RE<sub>p</sub>",
      r.referenceEmissions,
      `<p class="note">unrounded, as calculated</p>${display(r.referenceEmissionsDisplay)}`,
    ) +
    card(
      "pe-value",
      "Project emissions PE<sub>p</sub>",
      r.projectEmissions,
      `<p class="note">unrounded, as calculated</p>${display(r.projectEmissionsDisplay)}`,
    ) +
    card(
      "er-value",
      "Emission reductions ER<sub>p</sub>",
      r.emissionReductions,
      `<p class="note">${esc(r.rounding.policy)}: ${esc(r.rounding.description)}</p>` +
        `<p class="display">unrounded RE<sub>p</sub> − PE<sub>p</sub> = <span id="er-unrounded-value" class="mono">${esc(r.emissionReductionsUnrounded)}</span> ${u}</p>` +
        (r.negative
          ? `<p class="note"><strong>Project emissions exceeded reference emissions: ER<sub>p</sub> is 0.</strong></p>`
          : ""),
      "card er",
    ) +
    `</div>`;
  const figures =
    model.figures.length === 0
      ? ""
      : `<h3 class="sub">Other figures</h3>` +
        table(
          ["Symbol", "Value", "Unit"],
          model.figures.map((f) => [td(`<code>${esc(f.symbol)}</code>`), td(esc(f.value), "num"), td(esc(f.unit))]),
        );
  const chart = `<figure>${inline(comparisonBarChart({ referenceEmissions: r.referenceEmissions, projectEmissions: r.projectEmissions, unit: r.unit }))}<figcaption>Reference emissions RE<sub>p</sub> against project emissions PE<sub>p</sub>, unrounded.</figcaption></figure>`;
  return `<section id="results"><h2>Result</h2>${cards}${chart}${figures}</section>`;
}

function verification(model: StreamedReportModel): string {
  const v = model.verification;
  if (!v) return "";
  const bad = v.checks.filter((c) => c.status === "mismatch").length;
  const verdict = v.ok
    ? `<p class="verdict ok" id="verdict">Verified: all ${plural(v.checks.length, "reported figure")} match the recomputation.</p>`
    : `<p class="verdict bad" id="verdict">Discrepancies: ${bad} of ${plural(v.checks.length, "reported figure")} do not match the recomputation.</p>`;
  const rows = v.checks.map((c) => [
    td(`<code>${esc(c.symbol)}</code>`),
    td(esc(c.reported), "num"),
    td(esc(c.recomputed), "num"),
    td(badge(c.status, c.status)),
    td(esc(c.difference), "num"),
  ]);
  return (
    `<section id="verification"><h2>Verification of reported figures</h2>${verdict}` +
    table(["Symbol", "Reported", "Recomputed", "Status", "Difference (reported − recomputed)"], rows) +
    `<p class="note">A reported figure matches when the recomputed value, rounded half away from zero to the decimal places it shows, equals it; ER<sub>p</sub> is compared exactly after the rounding policy.</p></section>`
  );
}

function warnings(model: StreamedReportModel): string {
  const body =
    model.warnings.length === 0
      ? `<p class="empty">No warnings.</p>`
      : `<ul class="warnings">${model.warnings.map((w) => `<li><code>${esc(w.code)}</code> ${esc(w.message)}${w.path ? ` <span class="note">(<code>${esc(w.path)}</code>)</span>` : ""}</li>`).join("")}</ul>`;
  return `<section id="warnings"><h2>Warnings</h2>${body}</section>`;
}

function eligibility(model: StreamedReportModel): string {
  const body =
    model.eligibility.length === 0
      ? `<p class="empty">The methodology lists no eligibility criteria.</p>`
      : table(
          ["#", "Criterion", "Result", "Reason"],
          model.eligibility.map((c) => [
            td(esc(c.id)),
            td(esc(c.text)),
            td(badge(c.result, c.result)),
            td(esc(c.reason)),
          ]),
        );
  return `<section id="eligibility"><h2>Eligibility</h2>${body}</section>`;
}

/** The parameters table, a row at a time: a report of 100,000 boilers is never one string. */
function writeParameters(model: StreamedReportModel, write: (piece: string) => void): void {
  write(
    `<section id="parameters"><h2>Parameters</h2>${tableStart(["Symbol", "Value", "Unit", "As given", "Monitoring option", "Source", "Status"])}`,
  );
  eachOf(model.parameters, (p) =>
    write(
      tableRow([
        td(`<code>${esc(p.symbol)}</code><br><span class="note">${esc(p.kind)}</span>`),
        td(esc(p.value), "num"),
        td(esc(p.unit)),
        td(p.given ? `${esc(p.given.value)} ${esc(p.given.unit)}` : "", "num"),
        td(esc(p.optionText)),
        td(esc(p.source), "src"),
        td(p.status ? badge(p.status, p.status) : ""),
      ]),
    ),
  );
  write(`${TABLE_END}</section>`);
}

/** The equations table, a row at a time. */
function writeEquations(model: StreamedReportModel, write: (piece: string) => void): void {
  write(
    `<section id="equations"><h2>Equations with values</h2>${tableStart(["Step", "Eq.", "Calculation", "Result"], "eq")}`,
  );
  eachOf(model.equations, (e) => {
    write(
      `<tr>${td(String(e.step))}${td(esc(e.equation))}` +
        `<td><div class="formula"><div><code>${esc(e.symbol)} = ${esc(e.expression)}</code></div>`,
    );
    if (e.substituted !== undefined) {
      // Piece by piece: a substitution over 100,000 values is not made one string.
      write("<div><code>= ");
      for (const piece of e.substituted) write(esc(printedPart(piece)));
      write("</code></div>");
    }
    write(`</div></td>${td(`${esc(e.value)} ${esc(e.unit)}`, "num")}</tr>`);
  });
  write(`${TABLE_END}</section>`);
}

function series(model: StreamedReportModel): string {
  const p = model.period;
  const body =
    model.series.length === 0
      ? `<p class="empty">No monitored series with readings: the monitored quantities were given as totals.</p>`
      : model.series
          .map(
            (s) =>
              `<figure>${inline(dailyBarChart({ title: s.label, unit: s.unit, days: s.days, periodStart: p.start, periodEnd: p.end }))}` +
              `<figcaption><code>${esc(s.label)}</code> (${esc(s.kind)} series, ${esc(s.origin)}): ${esc(s.note)}. ` +
              `Total of the daily figures ${esc(s.total)} ${esc(s.unit)}.</figcaption></figure>`,
          )
          .join("");
  return `<section id="series"><h2>Monitored series</h2>${body}</section>`;
}

/**
 * What the report may load: nothing but its own inline styles and data: images. No script runs
 * even if some text escaped the entity escaping (trust.md §4); the meta comes before any text.
 */
export const CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

/** The calculation report as one self-contained HTML5 document. */
export function renderHtml(model: StreamedReportModel): string {
  const pieces: string[] = [];
  writeHtml(model, (piece) => pieces.push(piece));
  return pieces.join("");
}

/** {@link renderHtml}'s document handed to `write` in pieces: the sections, and the long tables a row at a time. */
export function writeHtml(model: StreamedReportModel, write: (piece: string) => void): void {
  const title = `${model.title} — ${model.methodology.id} ${model.methodology.version} calculation report`;
  write(
    `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}"><meta name="viewport" content="width=device-width, initial-scale=1">` +
      `<meta name="generator" content="${esc(model.engine)}"><title>${esc(title)}</title><style>${CSS}</style></head>\n<body><main>` +
      header(model) +
      results(model) +
      verification(model) +
      warnings(model) +
      eligibility(model),
  );
  writeParameters(model, write);
  write(series(model));
  writeEquations(model, write);
  write(
    `<footer>Input digest <code>${esc(model.inputDigest)}</code> · computed by ${esc(model.engine)} with exact decimal arithmetic.</footer>` +
      `</main></body></html>\n`,
  );
}
