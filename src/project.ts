import { type CalculationResult, calculateParsed, type DecimalString, type ExactFigures } from "./calculate.js";
import { quote } from "./core/display.js";
import { type Issue, issueList, MrvValidationError, TOO_MANY_ISSUES } from "./core/errors.js";
import { Exact } from "./core/exact.js";
import { type MonitoringPeriod, periodsOverlap } from "./core/period.js";
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

/** Most documents one project calculation takes. */
const MAX_DOCUMENTS = 100_000;

/**
 * The caller's array of documents, read once (its length and each element, through descriptors):
 * a Proxy or a sparse array with a length of four billion is refused as data, not walked.
 */
function documentList(documents: unknown): unknown[] {
  const refuse = (code: string, message: string, found: string): never => {
    throw new MrvValidationError([{ path: "", code, message, expected: "an array of documents", found }]);
  };
  try {
    if (!Array.isArray(documents))
      return refuse("invalid-type", "calculateProject takes an array of documents", typeof documents);
    const length = Reflect.getOwnPropertyDescriptor(documents, "length")?.value;
    if (typeof length !== "number" || length === 0)
      return refuse("empty", "calculateProject needs at least one monitoring document", "nothing");
    if (length > MAX_DOCUMENTS)
      return refuse("too-many-entries", `more than ${MAX_DOCUMENTS} documents in one project`, String(length));
    return Array.from({ length }, (_, i) => {
      const descriptor = Reflect.getOwnPropertyDescriptor(documents, i);
      return descriptor && "value" in descriptor ? descriptor.value : undefined;
    });
  } catch (error) {
    if (error instanceof MrvValidationError) throw error;
    return refuse("not-json", "reading the array of documents threw an exception", "an exception");
  }
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
  const list = documentList(documents);
  // Keeps 1,000 issues and counts the rest, whatever the number of documents (trust.md §3 and §6).
  const issues: Issue[] = issueList();
  const parsed: ParsedDocument[] = [];
  for (let i = 0; i < list.length; i++) {
    try {
      parsed.push(parse(list[i]));
    } catch (error) {
      if (!(error instanceof MrvValidationError)) throw error;
      for (const issue of error.issues)
        issues.push(
          issue.code === TOO_MANY_ISSUES
            ? issue
            : { ...issue, path: `documents[${i}]${issue.path ? `.${issue.path}` : ""}` },
        );
    }
  }
  if (issues.length > 0) throw new MrvValidationError(issues);
  const checks = projectIssues(parsed);
  if (checks.length > 0) throw new MrvValidationError(checks);
  const module = moduleOf(parsed[0]!);
  const detailed = [...parsed]
    .sort((a, b) => a.period.startInstant - b.period.startInstant)
    .map((p) => calculateParsed(module, p, options));
  const first = parsed[0]!.document;
  return projectOf(
    detailed.map((d) => d.result),
    detailed.map((d) => d.exact),
    first.project,
  );
}

/** What the project checks read of each document: methodology, project reference and period. */
export interface ProjectEntry {
  document: { methodology: { id: string; version: string }; project?: { reference?: string } | undefined };
  period: Pick<MonitoringPeriod, "start" | "end" | "startInstant" | "endInstant">;
}

/**
 * The problems of several documents taken as periods of one project, in document order: another
 * methodology or project than document 0's, and periods that overlap (found in O(n log n), trust.md
 * §6). At most 1,000 issues and a count.
 */
export function projectIssues(parsed: readonly ProjectEntry[]): Issue[] {
  const issues: Issue[] = issueList();
  const first = parsed[0]!.document;
  parsed.forEach((p, i) => {
    const d = p.document;
    if (d.methodology.id !== first.methodology.id || d.methodology.version !== first.methodology.version) {
      issues.push({
        path: `documents[${i}].methodology`,
        code: "different-methodology",
        message: `document ${i} uses ${quote(d.methodology.id)} ${quote(d.methodology.version)}, document 0 uses ${quote(first.methodology.id)} ${quote(first.methodology.version)}`,
        expected: `${first.methodology.id} ${first.methodology.version}`,
        found: `${d.methodology.id} ${d.methodology.version}`,
      });
    }
    if (d.project?.reference !== first.project?.reference) {
      const reference = (r: string | undefined) => (r === undefined ? "none" : quote(r));
      issues.push({
        path: `documents[${i}].project.reference`,
        code: "different-project",
        message: `document ${i} is for project ${reference(d.project?.reference)}, document 0 for ${reference(first.project?.reference)}`,
        expected: reference(first.project?.reference),
        found: reference(d.project?.reference),
      });
    }
  });
  // Overlaps in O(n log n): in order of start, each period is compared with the one reaching
  // furthest among those before it — if any earlier period overlaps it, that one does.
  const order = parsed
    .map((_, i) => i)
    .sort((a, b) => parsed[a]!.period.startInstant - parsed[b]!.period.startInstant || a - b);
  let furthest: number | undefined;
  for (const k of order) {
    if (furthest !== undefined && periodsOverlap(parsed[furthest]!.period, parsed[k]!.period)) {
      const [i, j] = furthest < k ? [furthest, k] : [k, furthest];
      const a = parsed[i]!.period;
      const b = parsed[j]!.period;
      issues.push({
        path: `documents[${j}].period`,
        code: "overlapping-periods",
        message: `the period of document ${j} (${b.start}…${b.end}) overlaps the period of document ${i} (${a.start}…${a.end})`,
        expected: "periods that do not overlap",
        found: `${b.start}…${b.end}`,
      });
    }
    if (furthest === undefined || parsed[k]!.period.endInstant > parsed[furthest]!.period.endInstant) furthest = k;
  }
  return issues;
}

/**
 * The project calculation of per-period results (in period order) and their exact figures: the
 * totals are sums of the exact values, printed once (a sum of printed 34-digit figures could differ).
 */
export function projectOf(
  periods: CalculationResult[],
  exact: readonly Pick<ExactFigures, "RE_p" | "PE_p" | "unrounded" | "ER_p">[],
  project: Record<string, string> | undefined,
): ProjectCalculation {
  const total = (pick: (e: Pick<ExactFigures, "RE_p" | "PE_p" | "unrounded" | "ER_p">) => Exact) =>
    Exact.sum(exact.map(pick)).toString();
  return {
    methodology: periods[0]!.methodology,
    ...(project && { project: { ...project } }),
    periods,
    totals: {
      referenceEmissions: total((e) => e.RE_p),
      projectEmissions: total((e) => e.PE_p),
      emissionReductionsUnrounded: total((e) => e.unrounded),
      emissionReductions: total((e) => e.ER_p),
      unit: "tCO2",
    },
  };
}
