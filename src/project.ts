import { type CalculationResult, calculateParsed, type DecimalString } from "./calculate.js";
import { append } from "./core/append.js";
import { Decimal, sumExact, toCanonicalString } from "./core/decimal.js";
import { type Issue, MrvValidationError } from "./core/errors.js";
import { periodsOverlap } from "./core/period.js";
import { type ParsedDocument, parseDocument } from "./document/parse.js";
import type { AnyMethodology } from "./methodology/types.js";

export interface ProjectCalculation {
  methodology: CalculationResult["methodology"];
  project?: Record<string, string>;
  /** One result per monitoring period, in period order. */
  periods: CalculationResult[];
  totals: {
    referenceEmissions: DecimalString;
    projectEmissions: DecimalString;
    /** Σ of each period's unrounded ER. */
    emissionReductionsUnrounded: DecimalString;
    /** Σ of each period's floored (and clamped) ER: what is credited. */
    emissionReductions: DecimalString;
    unit: "tCO2";
  };
}

/**
 * Several monitoring periods of one project and methodology. Periods must not overlap. The total
 * credited is the sum of each period's floored ER (jcm-rules §2), shown beside the unrounded sum:
 * flooring per period can only lose fractions, and clamping a negative period at 0 can make the
 * credited total exceed the unrounded one — the report shows both rather than hide it. The module
 * is chosen by `moduleOf` from the first document.
 */
export function projectCalculation(
  documents: readonly unknown[],
  moduleOf: (first: ParsedDocument) => AnyMethodology,
  parse: (document: unknown) => ParsedDocument = parseDocument,
  options: { files?: unknown } = {},
): ProjectCalculation {
  if (!Array.isArray(documents) || documents.length === 0) {
    throw new MrvValidationError([
      {
        path: "",
        code: "empty",
        message: "calculateProject needs at least one monitoring document",
        expected: "an array of documents",
        found: "nothing",
      },
    ]);
  }
  const issues: Issue[] = [];
  const parsed: ParsedDocument[] = [];
  documents.forEach((doc, i) => {
    try {
      parsed.push(parse(doc));
    } catch (error) {
      if (!(error instanceof MrvValidationError)) throw error;
      append(
        issues,
        error.issues.map((issue) => ({ ...issue, path: `documents[${i}]${issue.path ? `.${issue.path}` : ""}` })),
      );
    }
  });
  if (issues.length > 0) throw new MrvValidationError(issues);
  const first = parsed[0]!.document;
  parsed.forEach((p, i) => {
    const d = p.document;
    if (d.methodology.id !== first.methodology.id || d.methodology.version !== first.methodology.version) {
      issues.push({
        path: `documents[${i}].methodology`,
        code: "different-methodology",
        message: `document ${i} uses ${d.methodology.id} ${d.methodology.version}, document 0 uses ${first.methodology.id} ${first.methodology.version}`,
        expected: `${first.methodology.id} ${first.methodology.version}`,
        found: `${d.methodology.id} ${d.methodology.version}`,
      });
    }
    if (d.project?.reference !== first.project?.reference) {
      issues.push({
        path: `documents[${i}].project.reference`,
        code: "different-project",
        message: `document ${i} is for project ${JSON.stringify(d.project?.reference)}, document 0 for ${JSON.stringify(first.project?.reference)}`,
        expected: String(first.project?.reference),
        found: String(d.project?.reference),
      });
    }
  });
  for (let i = 0; i < parsed.length; i++) {
    for (let j = i + 1; j < parsed.length; j++) {
      const a = parsed[i]!.period;
      const b = parsed[j]!.period;
      if (periodsOverlap(a, b)) {
        issues.push({
          path: `documents[${j}].period`,
          code: "overlapping-periods",
          message: `the period of document ${j} (${b.start}…${b.end}) overlaps the period of document ${i} (${a.start}…${a.end})`,
          expected: "periods that do not overlap",
          found: `${b.start}…${b.end}`,
        });
      }
    }
  }
  if (issues.length > 0) throw new MrvValidationError(issues);
  const module = moduleOf(parsed[0]!);
  const periods = [...parsed]
    .sort((a, b) => a.period.startInstant - b.period.startInstant)
    .map((p) => calculateParsed(module, p, options).result);
  const total = (pick: (r: CalculationResult) => string) =>
    toCanonicalString(sumExact(periods.map((r) => new Decimal(pick(r)))));
  return {
    methodology: periods[0]!.methodology,
    ...(first.project && { project: { ...first.project } }),
    periods,
    totals: {
      referenceEmissions: total((r) => r.referenceEmissions),
      projectEmissions: total((r) => r.projectEmissions),
      emissionReductionsUnrounded: total((r) => r.emissionReductionsUnrounded),
      emissionReductions: total((r) => r.emissionReductions),
      unit: "tCO2",
    },
  };
}
