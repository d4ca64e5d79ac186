import type { CalculationResult } from "../calculate.js";
import { escapeForDisplay } from "../core/display.js";
import { timeZoneLabel } from "../core/period.js";
import { substitute } from "./substitute.js";

/** Widest a column is padded to (a document's id may be a megabyte long). */
const MAX_PADDED_WIDTH = 160;

/**
 * A plain-text table: columns padded to their widest cell. Every cell is escaped for a terminal
 * (trust.md §4): a cell cannot move the cursor, recolour, hide or reorder the table.
 */
export function table(header: readonly string[], unsafeRows: readonly (readonly string[])[]): string {
  const rows = unsafeRows.map((r) => r.map(escapeForDisplay));
  // A loop, not Math.max(...rows): a table may have hundreds of thousands of rows. Columns pad to
  // at most MAX_PADDED_WIDTH: one long cell lengthens its own line, not every line of the table.
  const widths = header.map((h, i) =>
    Math.min(
      MAX_PADDED_WIDTH,
      rows.reduce((w, r) => Math.max((r[i] ?? "").length, w), h.length),
    ),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!)))
      .join("  ")
      .trimEnd();
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
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
