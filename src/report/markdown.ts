import { Decimal } from "../core/decimal.js";
import { escapeForDisplay } from "../core/display.js";
import { timeZoneLabel } from "../core/period.js";
import type { ReportModel } from "./model.js";

/** The calculation report as GitHub-flavoured Markdown: the HTML report's content, without charts. */

/**
 * Free text from the document or the module: inline-safe on one line (trust.md §4). Control, bidi
 * and invisible characters become visible escapes; line breaks become spaces (nothing can start a
 * heading, list or block); `&`, `<`, `>` become entities (no raw HTML, no `<https://…>` autolink);
 * Markdown punctuation is backslash-escaped (no emphasis, link, image, code span or table break);
 * and the GFM bare autolinks are broken up (`https\://`, `www\.`, `\@`).
 */
function text(value: string): string {
  return escapeForDisplay(value.replace(/\r\n|\r|\n/g, " "))
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/[\\`*_[\]|~!#]/g, (c) => `\\${c}`)
    .replace(/:(?=\/\/)/g, "\\:")
    .replace(/(w{3})\./gi, "$1\\.")
    .replace(/@/g, "\\@");
}

/**
 * A code span that no content can end early: the fence is one backtick longer than the longest
 * run of backticks inside, with a space either side when the content starts or ends with one.
 * GFM splits table cells on `|` even inside code, so it is escaped there too.
 */
function code(value: string): string {
  const body = escapeForDisplay(value.replace(/\r\n|\r|\n/g, " ")).replace(/\|/g, "\\|");
  if (body === "") return "` `"; // "``" would be an opening fence, not an empty span
  let longest = 0;
  for (const run of body.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  const fence = "`".repeat(longest + 1);
  const pad = longest > 0 ? " " : "";
  return `${fence}${pad}${body}${pad}${fence}`;
}

function table(head: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.map((c) => (c === "" ? " " : c)).join(" | ")} |`;
  return [line(head), line(head.map(() => "---")), ...rows.map(line)].join("\n");
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

function peak(days: readonly { date: string; value: string }[]): string {
  let best: { date: string; value: string } | undefined;
  for (const d of days) if (!best || new Decimal(d.value).gt(best.value)) best = d;
  return best ? `${best.value} on ${best.date}` : "";
}

/** The calculation report as Markdown (tables; the charts are only in the HTML report). */
export function renderMarkdown(model: ReportModel): string {
  const m = model.methodology;
  const r = model.results;
  const p = model.period;
  const out: string[] = [];
  if (m.draftBanner) out.push(`> **${text(m.draftBanner)}**`);
  out.push(`# ${text(model.title)}`, "JCM emission-reduction calculation report");
  out.push(
    table(
      ["Field", "Value"],
      [
        ["Methodology", `${code(m.id)} version ${text(m.version)} — ${text(m.title)} (**${text(m.status)}**)`],
        ["Host country · scope", `${text(m.hostCountry)} · ${text(m.sectoralScope)}`],
        [
          "Monitoring period",
          `${text(p.start)} to ${text(p.end)} inclusive (${text(timeZoneLabel(p.timeZone))}: ${text(p.startInstant)} to ${text(p.endInstant)}), ${plural(p.days, "day")}`,
        ],
        ...model.project.filter((f) => f.key !== "title").map((f) => [`Project ${text(f.key)}`, text(f.value)]),
      ],
    ),
  );

  out.push("## Result");
  out.push(
    table(
      ["Figure", "Value", "Rounded for display only", "Unit"],
      [
        ["RE_p reference emissions (unrounded)", r.referenceEmissions, `≈ ${r.referenceEmissionsDisplay}`, r.unit],
        ["PE_p project emissions (unrounded)", r.projectEmissions, `≈ ${r.projectEmissionsDisplay}`, r.unit],
        ["ER_p unrounded (RE_p − PE_p)", r.emissionReductionsUnrounded, "", r.unit],
        [`**ER_p emission reductions (${text(r.rounding.policy)})**`, `**${r.emissionReductions}**`, "", r.unit],
      ],
    ),
  );
  out.push(
    `Rounding: ${text(r.rounding.description)}.${r.negative ? " **Project emissions exceeded reference emissions: ER_p is 0.**" : ""}`,
  );
  if (model.figures.length > 0) {
    out.push(
      "### Other figures",
      table(
        ["Symbol", "Value", "Unit"],
        model.figures.map((f) => [code(f.symbol), f.value, text(f.unit)]),
      ),
    );
  }

  const v = model.verification;
  if (v) {
    const bad = v.checks.filter((c) => c.status === "mismatch").length;
    out.push("## Verification of reported figures");
    out.push(
      v.ok
        ? `**Verified: all ${plural(v.checks.length, "reported figure")} match the recomputation.**`
        : `**Discrepancies: ${bad} of ${plural(v.checks.length, "reported figure")} do not match the recomputation.**`,
    );
    out.push(
      table(
        ["Symbol", "Reported", "Recomputed", "Status", "Difference (reported − recomputed)"],
        v.checks.map((c) => [
          code(c.symbol),
          c.reported,
          c.recomputed,
          c.status === "match" ? "match" : "**mismatch**",
          c.difference,
        ]),
      ),
    );
  }

  out.push("## Warnings");
  out.push(
    model.warnings.length === 0
      ? "No warnings."
      : model.warnings
          .map((w) => `- ${code(w.code)} ${text(w.message)}${w.path ? ` (${code(w.path)})` : ""}`)
          .join("\n"),
  );

  out.push("## Eligibility");
  out.push(
    model.eligibility.length === 0
      ? "The methodology lists no eligibility criteria."
      : table(
          ["#", "Criterion", "Result", "Reason"],
          model.eligibility.map((c) => [
            text(c.id),
            text(c.text),
            c.result === "met" ? "met" : `**${c.result}**`,
            text(c.reason),
          ]),
        ),
  );

  out.push("## Parameters");
  out.push(
    table(
      ["Symbol", "Kind", "Value", "Unit", "As given", "Monitoring option", "Source", "Status"],
      model.parameters.map((q) => [
        code(q.symbol),
        q.kind,
        q.value,
        text(q.unit),
        q.given ? `${q.given.value} ${text(q.given.unit)}` : "",
        text(q.optionText),
        text(q.source),
        q.status ?? "",
      ]),
    ),
  );

  out.push("## Monitored series");
  if (model.series.length === 0)
    out.push("No monitored series with readings: the monitored quantities were given as totals.");
  else {
    out.push("Charts of the daily totals are not available in Markdown; the HTML report draws them.");
    out.push(
      table(
        ["Series", "Kind", "Readings", "Days", "Total of daily figures", "Highest day", "Unit"],
        model.series.map((s) => [
          code(s.label),
          s.kind,
          text(s.origin),
          String(s.days.length),
          s.total,
          peak(s.days),
          text(s.unit),
        ]),
      ),
    );
    out.push(
      model.series.some((s) => s.kind === "cumulative")
        ? "Cumulative series: each register advance is counted on the day of the earlier reading."
        : "Interval series: each day sums the readings that start on it.",
    );
  }

  out.push("## Equations with values");
  out.push(
    table(
      ["Step", "Eq.", "Calculation", "Result"],
      model.equations.map((e) => [
        String(e.step),
        text(e.equation),
        code(`${e.symbol} = ${e.expression}${e.substituted !== undefined ? ` = ${e.substituted}` : ""}`),
        `${e.value} ${text(e.unit)}`,
      ]),
    ),
  );

  out.push(
    "---",
    `Input digest ${code(model.inputDigest)} · computed by ${text(model.engine)} with exact decimal arithmetic.`,
  );
  return `${out.join("\n\n")}\n`;
}
