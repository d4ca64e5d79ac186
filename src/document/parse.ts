import * as z from "zod";
import { PLAIN_DECIMAL_PATTERN } from "../core/decimal.js";
import { type Issue, MrvValidationError } from "../core/errors.js";
import { readJsonText } from "../core/json-text.js";
import { formatPath, type PathSegment } from "../core/path.js";
import { createPeriod, type MonitoringPeriod } from "../core/period.js";
import { ROUNDING_POLICIES } from "../core/rounding.js";
import { type CsvFileContent, csvReferenceIssues } from "../methodology/csv-files.js";
import { zodIssuesToIssues } from "./issues.js";

/** Limits of `monitoring-document.md`: beyond one, the error names it. */
export const DOCUMENT_LIMITS = Object.freeze({
  maxTextLength: 256 * 1024 * 1024,
  maxDepth: 64,
  maxInlineReadings: 2_000_000,
});

const FORBIDDEN_KEYS = new Set(["__proto__"]);

/** The envelope; `fixed` and `monitored` are checked by the module's own schemas. */
export const envelopeSchema = z.strictObject({
  methodology: z.strictObject({
    id: z.string().min(1).meta({ description: "Methodology id, e.g. JCM_MN_AM003" }),
    version: z.string().min(1).meta({ description: "Methodology version, e.g. 02.0" }),
  }),
  project: z
    .record(z.string(), z.string())
    .optional()
    .meta({ description: "Free-form project metadata (strings), carried into results unchanged" }),
  period: z.strictObject({
    start: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/)
      .meta({ description: "First day, inclusive (YYYY-MM-DD)" }),
    end: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/)
      .meta({ description: "Last day, inclusive (YYYY-MM-DD)" }),
    timeZone: z
      .string()
      .regex(/^[+-]\d{2}:\d{2}$/)
      .optional()
      .meta({ description: "UTC offset ±hh:mm placing the period's midnights; default +00:00" }),
  }),
  fixed: z.record(z.string(), z.unknown()).optional(),
  monitored: z.record(z.string(), z.unknown()).optional(),
  reported: z
    .record(
      z.string(),
      z.string().regex(PLAIN_DECIMAL_PATTERN, 'a plain decimal string without exponent, e.g. "11303.05"'),
    )
    .optional()
    .meta({
      description: "The participant's own figures as strings: RE_p, PE_p, ER_p and the module's reportable symbols",
    }),
  options: z
    .strictObject({ rounding: z.enum(Object.keys(ROUNDING_POLICIES) as [string, ...string[]]).optional() })
    .optional(),
});

export type MonitoringDocument = z.output<typeof envelopeSchema> & {
  fixed?: Record<string, unknown>;
  monitored?: Record<string, unknown>;
};

/** A parsed document with its period resolved. */
export interface ParsedDocument {
  document: MonitoringDocument;
  period: MonitoringPeriod;
  /** The JSON data the document was read from (digest input). */
  raw: unknown;
}

/**
 * Walks untrusted data once: depth, forbidden keys, values JSON cannot carry, and the
 * inline-readings limit. Recursion stops at the depth limit, so a nesting bomb cannot overflow the
 * stack; the path is one mutable array, formatted only for an issue.
 */
function structuralIssues(root: unknown): Issue[] {
  const issues: Issue[] = [];
  const path: PathSegment[] = [];
  let readings = 0;
  let tooDeep = false;
  const visit = (value: unknown, depth: number): void => {
    if (tooDeep) return;
    if (typeof value !== "object" || value === null) {
      if (
        typeof value === "function" ||
        typeof value === "symbol" ||
        typeof value === "bigint" ||
        (typeof value === "number" && !Number.isFinite(value))
      ) {
        issues.push({
          path: formatPath(path),
          code: "not-json",
          message: "value is not JSON data",
          expected: "a string, finite number, boolean, null, object or array",
          found: typeof value === "number" ? String(value) : typeof value,
        });
      }
      return;
    }
    if (depth + 1 > DOCUMENT_LIMITS.maxDepth) {
      issues.push({
        path: formatPath(path),
        code: "too-deep",
        message: `nesting deeper than ${DOCUMENT_LIMITS.maxDepth} levels`,
        expected: `depth ≤ ${DOCUMENT_LIMITS.maxDepth}`,
      });
      tooDeep = true;
      return;
    }
    if (Array.isArray(value)) {
      if (path[path.length - 1] === "readings") readings += value.length;
      for (let i = 0; i < value.length; i++) {
        path.push(i);
        visit(value[i], depth + 1);
        path.pop();
      }
      return;
    }
    const proto = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) {
      issues.push({
        path: formatPath(path),
        code: "not-json",
        message: "value is not a plain JSON object",
        found: Object.prototype.toString.call(value),
      });
      return;
    }
    for (const key in value) {
      if (!Object.hasOwn(value, key)) continue;
      path.push(key);
      if (FORBIDDEN_KEYS.has(key))
        issues.push({
          path: formatPath(path),
          code: "forbidden-key",
          message: `the key "${key}" is not allowed anywhere in a document`,
          found: JSON.stringify(key),
        });
      else visit((value as Record<string, unknown>)[key], depth + 1);
      path.pop();
    }
  };
  visit(root, 0);
  if (readings > DOCUMENT_LIMITS.maxInlineReadings) {
    issues.push({
      path: "monitored",
      code: "too-many-readings",
      message: `more than ${DOCUMENT_LIMITS.maxInlineReadings} inline readings; put large series in CSV files (jcm-mrv/node)`,
      expected: `≤ ${DOCUMENT_LIMITS.maxInlineReadings} readings`,
      found: String(readings),
    });
  }
  return issues;
}

/**
 * Validates a monitoring document's envelope. From a string it also rejects duplicate keys,
 * excessive nesting and oversized text. The CSV paths of its series must obey the path rules
 * (`path-not-allowed`) and, when `options.files` is given, be keys of it (`csv-not-provided`); their
 * content is read by the verbs, which know each series' header. Throws {@link MrvValidationError}
 * listing every problem.
 */
export function parseMonitoringDocument(input: string | unknown, options: ParseOptions = {}): MonitoringDocument {
  const { document } = parseDocument(input, options);
  // CSV paths: the path rules always; with `files`, that each named file is there.
  const issues = csvReferenceIssues(document.monitored, options.files);
  if (issues.length > 0) throw new MrvValidationError(issues);
  return document;
}

/** What parsing takes besides the document: the CSV contents and time-zone data it may need. */
export interface ParseOptions {
  /** Contents of the CSV files the document names, keyed by the path as the document writes it. */
  files?: Readonly<Record<string, CsvFileContent>>;
  /** Version of the time-zone database to record for named zones. */
  tzdata?: string;
}

export function parseDocument(input: unknown, _options: ParseOptions = {}): ParsedDocument {
  let raw: unknown = input;
  if (typeof input === "string") {
    const read = readJsonText(input, { maxBytes: DOCUMENT_LIMITS.maxTextLength, maxDepth: DOCUMENT_LIMITS.maxDepth });
    if (!read.ok) {
      throw new MrvValidationError(
        read.problems.map((p) => ({
          path: p.path,
          code: p.code,
          message: `${p.message} (line ${p.line}, column ${p.column})`,
          ...(p.code === "too-large" && { expected: `at most ${DOCUMENT_LIMITS.maxTextLength} characters` }),
          ...(p.code === "too-deep" && { expected: `depth ≤ ${DOCUMENT_LIMITS.maxDepth}` }),
        })),
      );
    }
    raw = read.value;
  }
  const structural = structuralIssues(raw);
  if (structural.length > 0) throw new MrvValidationError(structural);
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    throw new MrvValidationError([
      {
        path: "",
        code: "invalid-type",
        message: "a monitoring document is a JSON object",
        expected: "an object with methodology, period, fixed, monitored",
        found: Array.isArray(raw) ? "an array" : typeof raw,
      },
    ]);
  }
  const parsed = envelopeSchema.safeParse(raw, { reportInput: true });
  const issues: Issue[] = parsed.success ? [] : zodIssuesToIssues(parsed.error.issues, [], ENVELOPE_HINTS);
  let period: MonitoringPeriod | undefined;
  if (parsed.success) {
    const p = parsed.data.period;
    const made = createPeriod(p.start, p.end, p.timeZone ?? "+00:00");
    if (made.ok) period = made.period;
    else {
      for (const problem of made.problems) {
        if (problem.problem === "invalid-date")
          issues.push({
            path: `period.${problem.field}`,
            code: "invalid-date",
            message: `period ${problem.field} is not a real calendar date`,
            expected: "an existing date YYYY-MM-DD",
            found: JSON.stringify(problem.found),
          });
        else if (problem.problem === "invalid-offset")
          issues.push({
            path: "period.timeZone",
            code: "invalid-offset",
            message: "time zone must be a UTC offset",
            expected: "±hh:mm with hh ≤ 23 and mm ≤ 59",
            found: JSON.stringify(problem.found),
          });
        else
          issues.push({
            path: "period.end",
            code: "end-before-start",
            message: "period end is before its start",
            expected: `a date on or after ${p.start}`,
            found: JSON.stringify(problem.found),
          });
      }
    }
    if (Number(p.start.slice(0, 4)) < 1900)
      issues.push({
        path: "period.start",
        code: "out-of-range",
        message: "period start is implausibly early",
        expected: "a year from 1900",
        found: JSON.stringify(p.start),
      });
  }
  if (issues.length > 0 || !parsed.success || !period) throw new MrvValidationError(issues);
  return { document: parsed.data as MonitoringDocument, period, raw };
}

const ENVELOPE_HINTS: Record<string, string> = {
  methodology: '{ "id": "JCM_MN_AM003", "version": "02.0" }',
  period: '{ "start": "YYYY-MM-DD", "end": "YYYY-MM-DD", "timeZone": "±hh:mm" }',
};
