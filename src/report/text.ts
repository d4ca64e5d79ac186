import stringWidth from "string-width";
import type { CalculationResult, ResultParameter } from "../calculate.js";
import { eachOf, type ListOf } from "../core/deferred-array.js";
import { escapeForDisplay, listIds } from "../core/display.js";
import type { Exact } from "../core/exact.js";
import { timeZoneLabel } from "../core/period.js";
import type { TraceStep, WrittenTraceStep } from "../core/trace.js";
import type { ProjectCalculation } from "../project.js";
import type { Verification } from "../verify.js";
import { substitute, substitutedPieces } from "./substitute.js";

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
  const lines: string[] = [];
  writeTable(
    header,
    (emit) => {
      for (const row of unsafeRows) emit(row);
    },
    (line) => lines.push(line),
  );
  return lines.join("\n");
}

/**
 * {@link table}'s lines, each handed to `writeLine` (without its newline). The rows are walked twice
 * — widths first, then the lines — and never kept: a table of 500,000 parameters made while written.
 */
function writeTable(
  header: readonly string[],
  forEachRow: (emit: (row: readonly string[]) => void) => void,
  writeLine: (line: string) => void,
): void {
  // Columns pad to at most MAX_PADDED_WIDTH: one long cell lengthens its own line, not every line.
  const widths = header.map(displayWidth);
  forEachRow((row) => {
    for (let i = 0; i < widths.length; i++)
      widths[i] = Math.max(widths[i]!, displayWidth(escapeForDisplay(row[i] ?? "")));
  });
  const line = (cells: readonly string[], cellWidths: readonly number[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c + " ".repeat(Math.max(0, widths[i]! - cellWidths[i]!))))
      .join("  ")
      .trimEnd();
  writeLine(line(header, header.map(displayWidth)));
  writeLine(
    line(
      widths.map((w) => "-".repeat(w)),
      widths,
    ),
  );
  forEachRow((unsafe) => {
    const row = unsafe.map(escapeForDisplay);
    writeLine(line(row, row.map(displayWidth)));
  });
}

function heading(title: string): string {
  return `\n${title}\n${"=".repeat(title.length)}`;
}

/**
 * The readable form of a result: inputs with units and sources, equations with values, RE/PE/ER.
 * Every line that carries text from the document is escaped for a terminal (trust.md §4).
 */
export function renderText(result: CalculationResult): string {
  const pieces: string[] = [];
  writeText(result, (piece) => pieces.push(piece));
  return pieces.join("");
}

type TextStep = Pick<TraceStep, "equation" | "symbol" | "expression" | "value" | "unit"> & {
  inputs: Record<string, string | Exact>;
};

/** A step as one escaped line: `(1) RE_p = EG_p × EF_RE = 14182 × 0.797 = 11303.054 tCO2`. */
export function stepLine(step: TextStep): string {
  const substituted = substitute(step);
  const parts = [`${step.equation} ${step.symbol} = ${step.expression}`];
  if (substituted !== step.expression) parts.push(substituted);
  if (substituted !== step.value) parts.push(step.value);
  return escapeForDisplay(`${parts.join(" = ")} ${step.unit}`.trimEnd());
}

/** Characters of substituted expression above which a step's line is written in pieces. */
const LONG_LINE = 1 << 16;

/**
 * {@link stepLine} and its newline, handed to `write` in pieces when the substituted expression is
 * long (a total over 100,000 readings of 1e-1000 is 100 MB of it): the same characters, never one
 * string of them all. The pieces are slices at symbol boundaries and values, so no surrogate pair is
 * split and each escapes as the whole line would.
 */
export function writeStepLine(step: TextStep, write: (piece: string) => void): void {
  const pieces = substitutedPieces(step);
  let length = 0;
  for (const piece of pieces) length += piece.length;
  if (length <= LONG_LINE) {
    write(`${stepLine(step)}\n`);
    return;
  }
  const equals = (text: string) => length === text.length && pieces.join("") === text;
  const segments = [`${step.equation} ${step.symbol} = ${step.expression}`];
  if (!equals(step.expression)) {
    // A loop, not push(...pieces): 200,000 pieces as arguments overflow the stack.
    segments.push(" = ");
    for (const piece of pieces) segments.push(piece);
  }
  if (!equals(step.value)) segments.push(" = ", step.value);
  segments.push(" ", step.unit);
  // trimEnd of the joined line: trailing blank segments dropped, the last one trimmed.
  while (segments.length > 0 && segments[segments.length - 1]!.trimEnd() === "") segments.pop();
  if (segments.length > 0) segments[segments.length - 1] = segments[segments.length - 1]!.trimEnd();
  for (const segment of segments) write(escapeForDisplay(segment));
  write("\n");
}

/** A result whose parameters and trace may be made while they are written (the CLI's). */
export type TextResult = Omit<CalculationResult, "parameters" | "trace"> & {
  parameters: ListOf<ResultParameter>;
  trace: ListOf<TraceStep | WrittenTraceStep>;
};

/** {@link renderText}'s text, handed to `write` a line (a table row, a step) at a time. */
export function writeText(result: TextResult, write: (piece: string) => void): void {
  const m = result.methodology;
  const out = (text: string) => write(`${text}\n`);
  const line = escapeForDisplay;
  out(
    `${m.id} ${m.version} — ${m.title}${m.status === "draft" ? "  [DRAFT: not an approved JCM methodology]" : "  [approved]"}${m.basis ? `  [basis: ${m.basis}]` : ""}`,
  );
  if (result.project)
    out(
      line(
        `Project: ${Object.entries(result.project)
          .map(([k, v]) => `${k}: ${v}`)
          .join(" · ")}`,
      ),
    );
  out(
    `Period: ${result.period.start} … ${result.period.end} (${timeZoneLabel(result.period.timeZone)}: ${result.period.startInstant} to ${result.period.endInstant}), ${result.period.days} day${result.period.days === 1 ? "" : "s"}`,
  );

  out(heading("Inputs"));
  writeTable(
    ["symbol", "value", "unit", "given", "option", "source (status)"],
    (emit) =>
      eachOf(result.parameters, (p) =>
        emit([
          p.symbol,
          p.value,
          p.unit,
          p.given ? `${p.given.value} ${p.given.unit}` : "",
          p.option ?? "",
          p.source ? `${p.source}${p.status ? ` (${p.status})` : ""}` : (p.status ?? "document"),
        ]),
      ),
    out,
  );

  out(heading("Equations"));
  eachOf(result.trace, (step) => writeStepLine(step, write));

  out(heading("Result"));
  out(
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

  out(heading("Eligibility"));
  out(
    result.eligibility.length === 0
      ? "(none)"
      : table(
          ["#", "result", "criterion", "reason"],
          result.eligibility.map((c) => [c.id, c.result, c.text, c.reason]),
        ),
  );

  out(heading("Warnings"));
  out(
    result.warnings.length === 0 ? "(none)" : result.warnings.map((w) => line(`- [${w.code}] ${w.message}`)).join("\n"),
  );
  out("");
  out(`Input digest: ${result.inputDigest}`);
  out(`Engine: ${result.engine.name} ${result.engine.version}`);
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
