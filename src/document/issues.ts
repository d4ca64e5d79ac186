import type * as z from "zod";
import { quote } from "../core/display.js";
import { countOfTooMany, describeFound, type Issue, MAX_ISSUES, tooManyIssues } from "../core/errors.js";
import { formatPath, type PathSegment } from "../core/path.js";

type ZodIssue = z.core.$ZodIssue;

interface MrvParams {
  code: string;
  message: string;
  symbol?: string;
  expected?: string;
  found?: string;
}

/** The official symbol a path is about: the innermost key that is a known symbol. */
export function symbolAt(path: readonly PathSegment[], symbols: ReadonlySet<string>): string | undefined {
  for (let i = path.length - 1; i >= 0; i--) {
    const segment = path[i];
    if (typeof segment === "string" && symbols.has(segment)) return segment;
  }
  return undefined;
}

/** A known symbol that differs from `key` only in case: the likely intended key. */
function likelySymbol(key: string, known: ReadonlySet<string>): string | undefined {
  const lower = key.toLowerCase();
  for (const candidate of known) if (candidate.toLowerCase() === lower) return candidate;
  return undefined;
}

/**
 * Turns zod issues into the library's issues: JSON path, symbol, expected and found. Issues raised
 * by parameter parsers carry their own code and texts in `params.mrv`. At most 1,000 are made; the
 * rest are counted in one `too-many-issues` issue (trust.md §3).
 */
export function zodIssuesToIssues(
  issues: readonly ZodIssue[],
  base: readonly PathSegment[],
  hints: Readonly<Record<string, string>> = {},
  symbols: ReadonlySet<string> = new Set(),
): Issue[] {
  const out: Issue[] = [];
  let more = 0;
  for (const issue of issues) {
    const params = (issue as { params?: { mrv?: MrvParams } }).params?.mrv;
    if (params?.code === "too-many-issues") {
      more += countOfTooMany({ path: "", code: params.code, message: "", found: params.found ?? "0" });
      continue;
    }
    if (out.length >= MAX_ISSUES) {
      more += issue.code === "unrecognized_keys" ? issue.keys.length : 1;
      continue;
    }
    const path = [...base, ...(issue.path as PathSegment[])];
    const symbol = symbolAt(path, symbols);
    const withSymbol = (i: Issue): Issue => (symbol !== undefined && i.symbol === undefined ? { ...i, symbol } : i);
    if (params) {
      out.push(
        withSymbol({
          path: formatPath(path),
          code: params.code,
          message: params.message,
          ...(params.symbol !== undefined && { symbol: params.symbol }),
          ...(params.expected !== undefined && { expected: params.expected }),
          ...(params.found !== undefined && { found: params.found }),
        }),
      );
      continue;
    }
    const last = path[path.length - 1];
    // Own keys only: a document key such as "valueOf" must not find Object.prototype members.
    const hint = typeof last === "string" && Object.hasOwn(hints, last) ? hints[last] : undefined;
    switch (issue.code) {
      case "unrecognized_keys":
        for (const [k, key] of issue.keys.entries()) {
          if (out.length >= MAX_ISSUES) {
            more += issue.keys.length - k;
            break;
          }
          const keyPath = [...path, key];
          const intended = likelySymbol(key, symbols);
          const s = intended ?? symbolAt(path, symbols);
          out.push({
            path: formatPath(keyPath),
            ...(s !== undefined && { symbol: s }),
            code: "unknown-key",
            message: `unknown key ${quote(key)}${intended ? ` (did you mean "${intended}"?)` : ""}: keys that the schema does not define are errors, never ignored`,
            found: quote(key),
          });
        }
        break;
      case "invalid_type": {
        const missing = issue.input === undefined;
        out.push(
          withSymbol({
            path: formatPath(path),
            code: missing ? "missing" : "invalid-type",
            message: missing ? `required ${typeof last === "string" ? `"${last}"` : "value"} is missing` : "wrong type", // what was expected follows in `expected` (printed right after)
            expected: hint ?? String(issue.expected),
            found: missing ? "nothing" : describeFound(issue.input),
          }),
        );
        break;
      }
      case "invalid_value":
        out.push(
          withSymbol({
            path: formatPath(path),
            code: "invalid-value",
            // The allowed values are listed once, in `expected`.
            message: `${describeFound(issue.input)} is not one of the allowed values`,
            expected: issue.values.map((v) => JSON.stringify(v)).join(", "),
            found: describeFound(issue.input),
          }),
        );
        break;
      case "invalid_format":
        out.push(
          withSymbol({
            path: formatPath(path),
            code: "invalid-format",
            message: issue.message,
            expected: "pattern" in issue && issue.pattern ? `text matching ${issue.pattern}` : issue.format,
            found: describeFound(issue.input),
          }),
        );
        break;
      case "too_small":
        out.push(
          withSymbol({
            path: formatPath(path),
            code: issue.origin === "array" ? "empty" : "too-small",
            message: issue.origin === "array" ? "needs at least one entry" : issue.message,
            expected: `${issue.origin === "array" || issue.origin === "string" ? "length " : ""}≥ ${String(issue.minimum)}`,
            found: describeFound(issue.input),
          }),
        );
        break;
      default:
        out.push(
          withSymbol({
            path: formatPath(path),
            code: issue.code.replace(/_/g, "-"),
            message: issue.message,
            ...(issue.input !== undefined && { found: describeFound(issue.input) }),
          }),
        );
    }
  }
  if (more > 0) out.push(tooManyIssues(more));
  return out;
}
