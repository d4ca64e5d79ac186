import * as z from "zod";
import { DECIMAL_PROBLEM_TEXT, decimalProblem, PLAIN_DECIMAL_PATTERN } from "../core/decimal.js";
import { describeFound, type Issue, MrvValidationError, tooManyIssues } from "../core/errors.js";
import { readJsonText } from "../core/json-text.js";
import { createPeriod, type MonitoringPeriod, PERIOD_LIMITS } from "../core/period.js";
import { ROUNDING_POLICIES } from "../core/rounding.js";
import { decodeUtf8 } from "../core/utf8.js";
import { type CsvFileContent, csvReferenceIssues } from "../methodology/csv-files.js";
import { HandedOverDocument } from "./handed-over-document.js";
import { zodIssuesToIssues } from "./issues.js";
import { snapshotDocument } from "./snapshot.js";

/** Limits of `monitoring-document.md`: beyond one, the error names it. */
export const DOCUMENT_LIMITS = Object.freeze({
  maxTextLength: 256 * 1024 * 1024,
  maxDepth: 64,
  maxInlineReadings: 2_000_000,
  /** Entries in one array other than `readings` (a per-equipment array): trust.md §3. */
  maxEntries: 100_000,
});

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
    timeZone: z.string().min(1).optional().meta({
      description:
        "Where the dates are local dates: a UTC offset ±hh:mm, or an IANA time-zone name such as Asia/Ulaanbaatar (each boundary at the offset in force at that local midnight); default +00:00",
    }),
  }),
  fixed: z.record(z.string(), z.unknown()).optional(),
  monitored: z.record(z.string(), z.unknown()).optional(),
  reported: z
    .record(
      z.string(),
      z
        .string()
        .regex(PLAIN_DECIMAL_PATTERN, 'a plain decimal string without exponent, e.g. "11303.05"')
        .superRefine((value, ctx) => {
          // A digit bomb in a reported figure would cost the comparison what it costs a reading.
          const problem = decimalProblem(value);
          if (problem && problem !== "not-a-decimal") {
            const expected = DECIMAL_PROBLEM_TEXT[problem];
            ctx.addIssue({
              code: "custom",
              message: expected,
              params: {
                mrv: {
                  code: "out-of-range",
                  message: "reported figure out of range",
                  expected,
                  found: describeFound(value),
                },
              },
            });
          }
        }),
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
  /** Version of the time-zone database the caller reported (`options.tzdata`). */
  tzdata?: string;
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
  /** Version of the time-zone database (Node: `process.versions.tz`), recorded in results of named-zone periods. */
  tzdata?: string;
}

/**
 * Reads a document given as JSON text, UTF-8 bytes or data: strict UTF-8 (bytes), the strict JSON
 * reader (text), then one walk that checks the data — and, for a caller's object, takes the one
 * snapshot everything after it reads (trust.md §5) — then the envelope and the period.
 */
export function parseDocument(input: unknown, options: ParseOptions = {}): ParsedDocument {
  // Out of the CLI's box: only this frame holds the document while it is read.
  if (HandedOverDocument.is(input)) input = input.take();
  let text: string | undefined = typeof input === "string" ? input : undefined;
  let raw: unknown = input;
  // ArrayBuffer.isView reads an internal slot: no Proxy trap runs before the snapshot.
  if (ArrayBuffer.isView(input) && input instanceof Uint8Array) {
    if (input.length > DOCUMENT_LIMITS.maxTextLength) {
      throw new MrvValidationError([
        {
          path: "",
          code: "too-large",
          message: `the document is ${input.length} bytes; the limit is ${DOCUMENT_LIMITS.maxTextLength}`,
          expected: `at most ${DOCUMENT_LIMITS.maxTextLength} bytes`,
          found: String(input.length),
        },
      ]);
    }
    const decoded = decodeUtf8(input);
    if (!decoded.ok) {
      throw new MrvValidationError([
        {
          path: "",
          code: "invalid-utf8",
          message: `the document is not valid UTF-8: invalid byte sequence at byte offset ${decoded.offset}`,
          expected: "UTF-8 text",
          found: decoded.found,
        },
      ]);
    }
    text = decoded.text;
  }
  if (text !== undefined) {
    const read = readJsonText(text, { maxBytes: DOCUMENT_LIMITS.maxTextLength, maxDepth: DOCUMENT_LIMITS.maxDepth });
    if (!read.ok) {
      const issues: Issue[] = read.problems.map((p) => ({
        path: p.path,
        code: p.code,
        message: `${p.message} (line ${p.line}, column ${p.column})`,
        ...(p.code === "too-large" && { expected: `at most ${DOCUMENT_LIMITS.maxTextLength} characters` }),
        ...(p.code === "too-deep" && { expected: `depth ≤ ${DOCUMENT_LIMITS.maxDepth}` }),
      }));
      if (read.more) issues.push(tooManyIssues(read.more));
      throw new MrvValidationError(issues);
    }
    raw = read.value;
  }
  const snapshot = snapshotDocument(raw, text === undefined, DOCUMENT_LIMITS);
  if (!snapshot.ok) throw new MrvValidationError(snapshot.issues);
  raw = snapshot.value;
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    throw new MrvValidationError([
      {
        path: "",
        code: "invalid-type",
        message: "a monitoring document is a JSON object",
        expected: "an object with methodology, period, fixed, monitored",
        found: Array.isArray(raw) ? "an array" : raw === null ? "null" : typeof raw,
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
            message: "time zone must be a UTC offset ±hh:mm or an IANA time-zone name",
            expected: "±hh:mm with hh ≤ 23 and mm ≤ 59, or a name such as Asia/Ulaanbaatar",
            found: quoteShort(problem.found),
          });
        else if (problem.problem === "unknown-time-zone")
          issues.push({
            path: "period.timeZone",
            code: "unknown-time-zone",
            message:
              problem.suggestions.length > 0
                ? `unknown time zone; did you mean ${problem.suggestions.join(", ")}?`
                : "unknown time zone: not a name this runtime's time-zone database knows",
            expected:
              problem.suggestions.length > 0
                ? `one of ${problem.suggestions.join(", ")}, or another IANA name or ±hh:mm`
                : "an IANA time-zone name such as Asia/Ulaanbaatar, or a UTC offset ±hh:mm",
            found: quoteShort(problem.found),
          });
        else if (problem.problem === "out-of-range")
          issues.push({
            path: `period.${problem.field}`,
            code: "period-out-of-range",
            message: `period ${problem.field} is outside the limits: between ${PERIOD_LIMITS.first} and ${PERIOD_LIMITS.last}, at most ${PERIOD_LIMITS.maxDays} days`,
            expected: problem.expected,
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
  }
  if (issues.length > 0 || !parsed.success || !period) throw new MrvValidationError(issues);
  return {
    document: parsed.data as MonitoringDocument,
    period,
    raw,
    ...(typeof options.tzdata === "string" && { tzdata: options.tzdata }),
  };
}

/** A document's string in an issue: JSON-quoted, at most 64 characters of it. */
function quoteShort(text: string): string {
  return text.length > 64 ? `${JSON.stringify(text.slice(0, 64))}…` : JSON.stringify(text);
}

const ENVELOPE_HINTS: Record<string, string> = {
  methodology: '{ "id": "JCM_MN_AM003", "version": "02.0" }',
  period: '{ "start": "YYYY-MM-DD", "end": "YYYY-MM-DD", "timeZone": "±hh:mm or an IANA name" }',
};
