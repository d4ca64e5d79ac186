import { droppedFrom } from "../core/capped-list.js";
import { type Decimal, toCanonicalString } from "../core/decimal.js";
import { type Issue, MAX_ISSUES, tooManyIssues } from "../core/errors.js";
import { Exact, isExact } from "../core/exact.js";
import { formatPath, type PathSegment } from "../core/path.js";
import type { MonitoringPeriod } from "../core/period.js";
import { createSeriesAccumulator } from "../core/series.js";
import { convert } from "../core/units.js";
import { type CsvSource, csvFromFiles, csvSeriesKey } from "./csv-files.js";
import {
  givenMayDiffer,
  isPendingSeries,
  isQuantity,
  makeQuantity,
  type PendingSeries,
  type PrecomputedSeries,
  type Quantity,
} from "./parameters/index.js";
import type { UsedParameter, Warning } from "./types.js";

export interface ResolvedInputs {
  /** The new tree; {@link forEachParameter} lists its parameters. */
  value: unknown;
  warnings: Warning[];
  issues: Issue[];
  /** Per series path: the series as reduced, for reports and charts. */
  series: SeriesRecord[];
}

export interface SeriesRecord {
  path: string;
  symbol: string;
  id?: string;
  pending: PendingSeries;
  /** A CSV-backed series: what its file reduced to. */
  csv?: PrecomputedSeries;
}

const ID_KEYS = ["equipment", "product", "fuel"] as const;

/**
 * Walks a module's parsed `fixed` or `monitored` value: reduces every pending series over the
 * period into a Quantity and warns of values given as JSON numbers and unverified defaults. Returns
 * a new tree (the parsed one is not changed) whose parameters {@link forEachParameter} lists.
 */
export function resolveInputs(
  value: unknown,
  kind: "fixed" | "monitored",
  period: MonitoringPeriod,
  csv: CsvSource = csvFromFiles(undefined),
): ResolvedInputs {
  const out: ResolvedInputs & { more: number } = {
    value: undefined,
    warnings: [],
    issues: [],
    series: [],
    more: 0,
  };
  // One path stack for the whole walk (pushed and popped, not copied per node); a pending series
  // keeps a copy, since its issues may name the path later.
  const path: PathSegment[] = [kind];
  const visit = (node: unknown, id: string | undefined): unknown => {
    if (isPendingSeries(node)) {
      const where = path.slice();
      const series: SeriesRecord = {
        path: formatPath(where),
        symbol: node.spec.symbol,
        ...(node.id !== undefined && { id: node.id }),
        pending: node,
      };
      out.series.push(series);
      return reduce(node, where, period, out, csv, series);
    }
    if (isQuantity(node)) {
      warnAbout(node, path, id, out);
      return node;
    }
    if (Array.isArray(node)) {
      const items = new Array<unknown>(node.length);
      for (let i = 0; i < node.length; i++) {
        path.push(i);
        items[i] = visit(node[i], id);
        path.pop();
      }
      return items;
    }
    if (typeof node === "object" && node !== null && !isExact(node)) {
      const fields = node as Record<string, unknown>;
      const record: Record<string, unknown> = {};
      const own = entryId(fields, id);
      for (const key of Object.keys(fields)) {
        path.push(key);
        record[key] = visit(fields[key], own);
        path.pop();
      }
      return record;
    }
    return node;
  };
  out.value = visit(value, undefined);
  // Every series of a document shares one list: past 1,000 issues the rest are counted (trust.md §3).
  if (out.more > 0) out.issues.push(tooManyIssues(out.more));
  const { more: _, ...resolved } = out;
  return resolved;
}

/** The equipment, product or fuel id an entry gives its quantities, else the one it inherits. */
function entryId(fields: Record<string, unknown>, inherited: string | undefined): string | undefined {
  for (const k of ID_KEYS) if (typeof fields[k] === "string") return fields[k];
  return inherited;
}

function labelled(symbol: string, id: string | undefined): string {
  return id === undefined ? symbol : `${symbol}[${id}]`;
}

/**
 * Hands every parameter of a resolved tree (resolveInputs' value) to `use`, as a result lists it, in
 * document order. A walk, not a list kept beside the tree: 100,000 boilers have 500,000 parameters,
 * and their paths are formatted only when they are written.
 */
export function forEachParameter(value: unknown, kind: "fixed" | "monitored", use: (p: UsedParameter) => void): void {
  const path: PathSegment[] = [kind];
  const visit = (node: unknown, id: string | undefined): void => {
    if (isQuantity(node)) use(usedParameter(node, path, kind, id));
    else if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) {
        path.push(i);
        visit(node[i], id);
        path.pop();
      }
    } else if (typeof node === "object" && node !== null && !isExact(node)) {
      const fields = node as Record<string, unknown>;
      const own = entryId(fields, id);
      for (const key of Object.keys(fields)) {
        path.push(key);
        visit(fields[key], own);
        path.pop();
      }
    }
  };
  visit(value, undefined);
}

function usedParameter(q: Quantity, path: PathSegment[], kind: "fixed" | "monitored", entry: string | undefined) {
  // Assigned member by member, not spread: 50,000 parameters made four throw-away objects each.
  const used: UsedParameter = {
    symbol: labelled(q.symbol, q.id ?? entry),
    path: formatPath(path),
    value: q.value,
    unit: q.unit,
    kind,
  };
  if (q.source !== undefined) used.source = q.source;
  if (q.status !== undefined) used.status = q.status;
  if (q.option !== undefined) used.option = q.option;
  // Copied: a result is plain data, whatever object the quantity's `given` is. Not asked for when it
  // is the value itself (it would be printed for nothing).
  if (givenMayDiffer(q)) {
    const given = q.given;
    if (given.unit !== q.unit || q.series) used.given = { value: given.value, unit: given.unit };
  }
  return used;
}

/** Warnings a document's quantity carries: a JSON number, an unverified default. */
function warnAbout(q: Quantity, path: PathSegment[], entry: string | undefined, out: ResolvedInputs): void {
  if (q.fromJsonNumber) {
    out.warnings.push({
      code: "json-number",
      message: `${labelled(q.symbol, q.id ?? entry)} was given as a JSON number and read as ${q.given.value}; measured values should travel as decimal strings`,
      symbol: q.symbol,
      path: formatPath(path),
    });
  }
  if (q.origin === "default" && q.status === "unverified") {
    out.warnings.push({
      code: "unverified-default",
      message: `default ${q.symbol} = ${q.value.toString()} ${q.unit} is unverified (${q.source ?? "no source"}); supply the value from the registered PDD to override it`,
      symbol: q.symbol,
      path: formatPath(path),
    });
  }
}

function reduce(
  s: PendingSeries,
  path: PathSegment[],
  period: MonitoringPeriod,
  out: ResolvedInputs & { more: number },
  csv: CsvSource,
  record: SeriesRecord,
): Quantity | undefined {
  const p = formatPath(path);
  const label = labelled(s.spec.symbol, s.id);
  let total: Decimal;
  let used: number;
  let outside: number;
  let missing: number;
  let duplicates: number;
  let numbers: number;
  let readings: number;
  let notices: readonly { code: string; message: string }[];
  if (s.csv !== undefined) {
    const read = csv.read(
      {
        file: s.csv,
        header: s.header,
        period,
        key: csvSeriesKey(s.header, period),
        where: path,
        symbol: s.spec.symbol,
      },
      out.issues,
    );
    if (read === undefined || read === "deferred") return undefined;
    record.csv = read;
    ({ total, used, outside, missing, duplicates, numbers, notices } = read);
    readings = read.rows;
  } else {
    const checked = s.readings!;
    const acc = createSeriesAccumulator(s.header, period);
    for (let i = 0; i < checked.instants.length; i++)
      acc.add(checked.instants[i]!, checked.values[i]!, checked.indices[i]!);
    const outcome = acc.finish();
    out.more += droppedFrom(outcome.problems);
    for (const problem of outcome.problems) {
      if (out.issues.length >= MAX_ISSUES) {
        out.more += 1;
        continue;
      }
      const at =
        problem.index === undefined
          ? [...path, ...(problem.field ? [problem.field] : [])]
          : [...path, "readings", problem.index, ...(problem.field ? [problem.field] : [])];
      out.issues.push({
        path: problem.field?.startsWith("replacements") ? `${p}.${problem.field}` : formatPath(at),
        symbol: s.spec.symbol,
        code: problem.code,
        message: problem.message,
        ...(problem.expected !== undefined && { expected: problem.expected }),
        ...(problem.found !== undefined && { found: problem.found }),
      });
    }
    if (outcome.problems.length > 0) return undefined;
    ({ total, used, outside, missing, notices } = outcome);
    duplicates = checked.duplicates;
    numbers = checked.numbers;
    readings = checked.count;
  }
  for (const notice of notices)
    out.warnings.push({ code: notice.code, message: `${label}: ${notice.message}`, symbol: s.spec.symbol, path: p });
  if (duplicates > 0)
    out.warnings.push({
      code: "duplicate-readings",
      message: `${label}: ${duplicates} identical duplicate reading${duplicates === 1 ? "" : "s"} kept once`,
      symbol: s.spec.symbol,
      path: p,
    });
  if (numbers > 0)
    out.warnings.push({
      code: "json-number",
      message: `${label}: ${numbers} reading value${numbers === 1 ? " was" : "s were"} JSON numbers; measured values should travel as decimal strings`,
      symbol: s.spec.symbol,
      path: p,
    });
  if (s.headerNumbers !== undefined)
    out.warnings.push({
      code: "json-number",
      message: `${label}: ${s.headerNumbers} value${s.headerNumbers === 1 ? "" : "s"} of rolloverAt or replacements given as JSON number${s.headerNumbers === 1 ? "" : "s"}; register values should travel as decimal strings`,
      symbol: s.spec.symbol,
      path: p,
    });
  // The series total (exact scaled-integer sums, a decimal) becomes an Exact once, here.
  const given = toCanonicalString(total);
  const value = convert(Exact.from(given), s.header.unit, s.spec.unit);
  if (s.spec.min !== undefined && value.lt(s.spec.min)) {
    out.issues.push({
      path: p,
      symbol: s.spec.symbol,
      code: "out-of-range",
      message: `${label} series total is out of range`,
      expected: `≥ ${s.spec.min}`,
      found: value.toString(),
    });
    return undefined;
  }
  return makeQuantity({
    symbol: s.spec.symbol,
    ...(s.id !== undefined && { id: s.id }),
    value,
    unit: s.spec.unit,
    given: { value: given, unit: s.header.unit },
    ...(s.option !== undefined && { option: s.option }),
    ...(s.note !== undefined && { note: s.note }),
    series: {
      kind: s.header.kind,
      readings,
      used,
      outside,
      duplicates,
      missing,
      ...(s.header.interval !== undefined && { interval: s.header.interval }),
    },
  });
}
