import stringWidth from "string-width";
import type { CalculationResult } from "../calculate.js";
import { escapeForDisplay, listIds } from "../core/display.js";
import { timeZoneLabel } from "../core/period.js";
import type { ProjectCalculation } from "../project.js";
import type { Verification } from "../verify.js";
import { substitute } from "./substitute.js";

/** Widest a column is padded to (a document's id may be a megabyte long). */
const MAX_PADDED_WIDTH = 160;

/** Units of a cell measured before the rest: a cell this wide already fills its column. */
const MEASURED_FIRST = 4096;

/**
 * Text whose every character string-width counts as one column and that no neighbour can join into a
 * wider or narrower cluster: printable ASCII and Latin-1 (not the soft hyphen), Greek, general
 * punctuation, arrows and mathematical operators — what symbols (`η_RE,i`, `Σ`, `−`) and figures are
 * written in. Its width is its length, without grapheme segmentation (~5 µs a cell); the property
 * test in test/report/text-width.test.ts holds this equal to string-width.
 */
export const ONE_COLUMN_EACH =
  /^[\x20-\x7e\u00a0-\u00ac\u00ae-\u00ff\u0370-\u03ff\u2010-\u2027\u2030-\u205e\u2190-\u22ff]*$/;

/**
 * Columns a cell takes on a terminal (string-width: East Asian wide characters and emoji count 2,
 * combining marks 0), capped at {@link MAX_PADDED_WIDTH}: a long cell is measured by its start first.
 */
export function displayWidth(cell: string): number {
  if (cell.length <= MAX_PADDED_WIDTH && ONE_COLUMN_EACH.test(cell)) return cell.length;
  if (cell.length > MEASURED_FIRST) {
    const start = stringWidth(cell.slice(0, MEASURED_FIRST));
    if (start >= MAX_PADDED_WIDTH) return MAX_PADDED_WIDTH;
  }
  return Math.min(MAX_PADDED_WIDTH, stringWidth(cell));
}

/**
 * A plain-text table: columns padded to their widest cell, in terminal columns (so `太陽光発電所-1`
 * takes 14, not 8). Every cell is escaped for a terminal (trust.md §4): a cell cannot move the
 * cursor, recolour, hide or reorder the table.
 */
export function table(header: readonly string[], unsafeRows: readonly (readonly string[])[]): string {
  const rows = unsafeRows.map((r) => r.map(escapeForDisplay));
  const measured = rows.map((r) => r.map(displayWidth));
  // A loop, not Math.max(...rows): a table may have hundreds of thousands of rows. Columns pad to
  // at most MAX_PADDED_WIDTH: one long cell lengthens its own line, not every line of the table.
  const widths = header.map((h, i) => measured.reduce((w, r) => Math.max(r[i] ?? 0, w), displayWidth(h)));
  const line = (cells: readonly string[], cellWidths: readonly number[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c + " ".repeat(Math.max(0, widths[i]! - cellWidths[i]!))))
      .join("  ")
      .trimEnd();
  return [
    line(header, header.map(displayWidth)),
    line(
      widths.map((w) => "-".repeat(w)),
      widths,
    ),
    ...rows.map((r, i) => line(r, measured[i]!)),
  ].join("\n");
}

function heading(title: string): string {
  return `\n${title}\n${"=".repeat(title.length)}`;
}

/**
 * The readable form of a result: inputs with units and sources, equations with values, RE/PE/ER.
 * Every line that carries text from the document is escaped for a terminal (trust.md §4).
 */
export function renderText(result: CalculationResult): string {
  const m = result.methodology;
  const out: string[] = [];
  const line = escapeForDisplay;
  out.push(
    `${m.id} ${m.version} — ${m.title}${m.status === "draft" ? "  [DRAFT: not an approved JCM methodology]" : "  [approved]"}${m.basis ? `  [basis: ${m.basis}]` : ""}`,
  );
  if (result.project)
    out.push(
      line(
        `Project: ${Object.entries(result.project)
          .map(([k, v]) => `${k}: ${v}`)
          .join(" · ")}`,
      ),
    );
  out.push(
    `Period: ${result.period.start} … ${result.period.end} (${timeZoneLabel(result.period.timeZone)}: ${result.period.startInstant} to ${result.period.endInstant}), ${result.period.days} day${result.period.days === 1 ? "" : "s"}`,
  );

  out.push(heading("Inputs"));
  out.push(
    table(
      ["symbol", "value", "unit", "given", "option", "source (status)"],
      result.parameters.map((p) => [
        p.symbol,
        p.value,
        p.unit,
        p.given ? `${p.given.value} ${p.given.unit}` : "",
        p.option ?? "",
        p.source ? `${p.source}${p.status ? ` (${p.status})` : ""}` : (p.status ?? "document"),
      ]),
    ),
  );

  out.push(heading("Equations"));
  for (const step of result.trace) {
    const substituted = substitute(step);
    const parts = [`${step.equation} ${step.symbol} = ${step.expression}`];
    if (substituted !== step.expression) parts.push(substituted);
    if (substituted !== step.value) parts.push(step.value);
    out.push(line(`${parts.join(" = ")} ${step.unit}`.trimEnd()));
  }

  out.push(heading("Result"));
  out.push(
    table(
      ["figure", "value", "unit"],
      [
        ["RE_p", result.referenceEmissions, "tCO2"],
        ["PE_p", result.projectEmissions, "tCO2"],
        ["ER_p unrounded", result.emissionReductionsUnrounded, "tCO2"],
        [`ER_p (${result.rounding.policy})`, result.emissionReductions, "tCO2"],
        ...Object.entries(result.figures).map(([s, f]) => [s, f.value, f.unit]),
      ],
    ),
  );

  out.push(heading("Eligibility"));
  out.push(
    result.eligibility.length === 0
      ? "(none)"
      : table(
          ["#", "result", "criterion", "reason"],
          result.eligibility.map((c) => [c.id, c.result, c.text, c.reason]),
        ),
  );

  out.push(heading("Warnings"));
  out.push(
    result.warnings.length === 0 ? "(none)" : result.warnings.map((w) => line(`- [${w.code}] ${w.message}`)).join("\n"),
  );
  out.push("");
  out.push(`Input digest: ${result.inputDigest}`);
  out.push(`Engine: ${result.engine.name} ${result.engine.version}`);
  return `${out.join("\n")}\n`;
}

/**
 * A project run in text: the project, one row per period (its document, days, RE_p, PE_p and ER_p,
 * in period order) and the totals; then each period's warnings. `sources` names each period's
 * document (as given on the command line). Every string from input is escaped (trust.md §4).
 */
export function renderProjectText(project: ProjectCalculation, sources: readonly string[]): string {
  const m = project.methodology;
  const line = escapeForDisplay;
  const out: string[] = [];
  const periods = project.periods;
  out.push(
    `${m.id} ${m.version} — ${m.title}${m.status === "draft" ? "  [DRAFT: not an approved JCM methodology]" : "  [approved]"}${m.basis ? `  [basis: ${m.basis}]` : ""}`,
  );
  if (project.project)
    out.push(
      line(
        `Project: ${Object.entries(project.project)
          .map(([k, v]) => `${k}: ${v}`)
          .join(" · ")}`,
      ),
    );
  const first = periods[0]!.period;
  const last = periods[periods.length - 1]!.period;
  out.push(`Periods: ${periods.length}, ${first.start} … ${last.end}, none overlapping`);
  out.push(heading("Periods"));
  out.push(
    table(
      ["#", "period", "days", "RE_p", "PE_p", "ER_p unrounded", `ER_p (${periods[0]!.rounding.policy})`, "document"],
      [
        ...periods.map((r, i) => [
          String(i + 1),
          `${r.period.start} … ${r.period.end}`,
          String(r.period.days),
          r.referenceEmissions,
          r.projectEmissions,
          r.emissionReductionsUnrounded,
          r.emissionReductions,
          sources[i] === "-" ? "(stdin)" : (sources[i] ?? ""),
        ]),
        [
          "",
          "total",
          String(periods.reduce((days, r) => days + r.period.days, 0)),
          project.totals.referenceEmissions,
          project.totals.projectEmissions,
          project.totals.emissionReductionsUnrounded,
          project.totals.emissionReductions,
          "",
        ],
      ],
    ),
  );
  out.push("");
  out.push(
    `Credited: ${project.totals.emissionReductions} tCO2, the sum of each period's ER_p after rounding (the unrounded sum is ${project.totals.emissionReductionsUnrounded} tCO2).`,
  );
  out.push(heading("Warnings"));
  // The same warning of many periods (a module's standing warning) is one line naming the periods.
  const warnings = new Map<string, number[]>();
  periods.forEach((r, i) => {
    for (const w of r.warnings) {
      const key = `[${w.code}] ${w.message}`;
      const list = warnings.get(key);
      if (list) list.push(i + 1);
      else warnings.set(key, [i + 1]);
    }
  });
  out.push(
    warnings.size === 0
      ? "(none)"
      : [...warnings]
          .map(
            ([text, at]) =>
              `- ${line(text)} (period${at.length === 1 ? "" : "s"} ${at.length === periods.length && at.length > 1 ? "all" : listIds(at.map(String), ", ", (n) => n)})`,
          )
          .join("\n"),
  );
  out.push("");
  out.push(`Engine: ${periods[0]!.engine.name} ${periods[0]!.engine.version}`);
  return `${out.join("\n")}\n`;
}

/**
 * The verification table a verifier can paste into a report. Every string from the document is
 * escaped (trust.md §4), and the verdict — decided by the numbers alone — is the last line, after
 * every input string, so nothing a document writes can stand in for it or hide it.
 */
export function renderVerification(
  v: Omit<Verification, "result"> & {
    result: Pick<CalculationResult, "methodology" | "project" | "period" | "inputDigest" | "engine">;
  },
): string {
  const m = v.result.methodology;
  const mismatches = v.checks.filter((c) => c.status === "mismatch").length;
  const lines = [
    escapeForDisplay(
      `Verification of ${m.id} ${m.version}${m.status === "draft" ? " (DRAFT methodology)" : ""} — ${v.result.project?.reference ?? "project"} — period ${v.result.period.start} … ${v.result.period.end}`,
    ),
    "",
    table(
      ["symbol", "reported", "recomputed", "status", "difference (reported − recomputed)"],
      v.checks.map((c) => [
        c.symbol,
        c.reported,
        c.recomputed,
        c.status === "match" ? "match" : "MISMATCH",
        c.difference,
      ]),
    ),
    "",
    "Matching rule: the recomputed value rounded half away from zero to the decimal places reported; ER_p exactly, after flooring.",
    `Input digest: ${v.result.inputDigest} · ${v.result.engine.name} ${v.result.engine.version}`,
    mismatches === 0
      ? `All ${v.checks.length} reported figures match.`
      : `${mismatches} of ${v.checks.length} reported figures do not match.`,
  ];
  return `${lines.join("\n")}\n`;
}
