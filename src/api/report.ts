import { type Checkpoint, calculateParsedDetailedForWriting, guard } from "../calculate.js";
import { type ParsedDocument, parseDocument } from "../document/parse.js";
import type { Registry } from "../methodology/registry.js";
import { renderHtml, writeHtml } from "../report/html.js";
import { renderMarkdown, writeMarkdown } from "../report/markdown.js";
import { buildReportModel } from "../report/model.js";
import { verifyCalculation } from "../verify.js";
import { calculateDetailed } from "./calculate.js";
import { moduleFor, type ReportOptions } from "./options.js";
import { registryOrOptions } from "./verify.js";

/**
 * The calculation report of a document: header, period, eligibility, parameters, equations with
 * substituted values, RE/PE/ER, warnings, charts of the monitored series and — when the document
 * carries `reported` figures — the verification table. HTML (default, one self-contained file) or
 * Markdown (`format: "md"`).
 *
 * @throws {MrvValidationError} for an invalid document.
 */
export function renderReport(document: unknown, options?: ReportOptions): string;
/** @deprecated Use `renderReport(document, { registry, format })`; this form goes in the next minor version. */
export function renderReport(document: unknown, registry: Registry, options?: ReportOptions): string;
export function renderReport(document: unknown, second?: ReportOptions | Registry, third?: ReportOptions): string {
  const options: ReportOptions = { ...third, ...registryOrOptions(second) };
  return guard(() => {
    const detailed = calculateDetailed(document, options);
    const verification = hasReported(detailed.parsed) ? verifyCalculation(detailed) : undefined;
    const model = buildReportModel(detailed, verification);
    return options.format === "md" ? renderMarkdown(model) : renderHtml(model);
  });
}

/**
 * Internal (the CLI's `report` and `calculate --format md|html`): {@link renderReport}'s text, handed
 * to `write` in pieces as it is made. The document is calculated and checked now (an invalid one
 * throws here, before any output); the parameters and equations are made while written, so the report
 * of 100,000 boilers never exists whole — neither its rows nor its text. `checkpoint` is called
 * between the calculation's phases (the CLI checks its memory there).
 */
export function reportForWriting(
  document: unknown,
  options: ReportOptions,
  checkpoint?: Checkpoint,
): (write: (piece: string) => void) => void {
  return guard(() => {
    const parsed = parseDocument(document, options);
    const detailed = calculateParsedDetailedForWriting(moduleFor(parsed, options), parsed, options, checkpoint);
    const verification = hasReported(parsed) ? verifyCalculation(detailed) : undefined;
    const model = buildReportModel(detailed, verification);
    return (write) => guard(() => (options.format === "md" ? writeMarkdown(model, write) : writeHtml(model, write)));
  });
}

/** Whether the document reports figures: then the report carries their verification. */
function hasReported(parsed: ParsedDocument): boolean {
  const reported = parsed.document.reported;
  return reported !== undefined && Object.keys(reported).length > 0;
}
