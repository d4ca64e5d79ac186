import { calculateParsed } from "../calculate.js";
import { parseDocument } from "../document/parse.js";
import type { Registry } from "../methodology/registry.js";
import { verifyCalculation } from "../verify.js";
import { renderHtml } from "./html.js";
import { renderMarkdown } from "./markdown.js";
import { buildReportModel } from "./model.js";

export interface ReportOptions {
  /** `html` (default): one self-contained file with SVG charts; `md`: GitHub-flavoured Markdown. */
  format?: "html" | "md";
}

/**
 * The calculation report of a document: header, period, eligibility, parameters, equations with
 * substituted values, RE/PE/ER, warnings, charts of the monitored series, and — when the document
 * carries `reported` figures — the verification table.
 */
export function renderReportWith(registry: Registry, document: unknown, options: ReportOptions = {}): string {
  const parsed = parseDocument(document);
  const module = registry.get(parsed.document.methodology.id, parsed.document.methodology.version);
  const detailed = calculateParsed(module, parsed);
  const verification =
    parsed.document.reported && Object.keys(parsed.document.reported).length > 0
      ? verifyCalculation(detailed)
      : undefined;
  const model = buildReportModel(detailed, verification);
  return options.format === "md" ? renderMarkdown(model) : renderHtml(model);
}
