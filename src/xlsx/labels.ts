/**
 * The tables of a workbook and their header labels. The reader finds each table by its header row,
 * wherever it is (any sheet, any row, any column order), comparing labels loosely: case, spacing,
 * punctuation, plurals and the (a)–(k) letters do not matter ("(E) Monitored values" is "monitored
 * value").
 */

export type TableKind = "document" | "fixed" | "table1" | "replacements";

export interface ColumnSpec {
  /** Key the reader uses. */
  key: string;
  /** Header label the writer prints. */
  label: string;
  /** Other labels accepted for it. */
  aliases?: readonly string[];
  required: boolean;
  /** Written from the module's metadata and never read back (descriptions, defaults). */
  informational?: boolean;
  width: number;
}

const column = (
  key: string,
  label: string,
  width: number,
  extra: Partial<Pick<ColumnSpec, "aliases" | "required" | "informational">> = {},
): ColumnSpec => ({ key, label, width, required: extra.required ?? true, ...extra });

/** The eleven columns of the JCM Monitoring Report Sheet's "Table 1: Parameters monitored ex post". */
export const TABLE1_COLUMNS: readonly ColumnSpec[] = [
  column("period", "(a) Monitoring period", 24),
  column("point", "(b) Monitoring point No.", 18, { aliases: ["monitoring point number", "monitoring point"] }),
  column("parameter", "(c) Parameter", 16),
  column("description", "(d) Description", 48, { aliases: ["description of data"], informational: true }),
  column("value", "(e) Monitored value", 16, { aliases: ["measured value", "monitored values"] }),
  column("unit", "(f) Unit", 10),
  column("option", "(g) Monitoring option", 12),
  column("source", "(h) Source of data", 28),
  column("method", "(i) Measurement methods and procedures", 32),
  column("frequency", "(j) Monitoring frequency", 18),
  column("comments", "(k) Other comments", 32),
  // jcm-mrv's own columns, right of (k): a CSV-backed series of readings instead of a value.
  column("csv", "Readings file (CSV)", 24, { required: false }),
  column("kind", "Series kind", 12, { required: false }),
  column("interval", "Interval", 10, { required: false }),
  column("rolloverAt", "Rollover at", 12, { required: false }),
];

/** Parameters fixed ex ante (on the Project sheet). */
export const FIXED_COLUMNS: readonly ColumnSpec[] = [
  column("parameter", "Parameter", 22),
  column("point", "Monitoring point No.", 18, { aliases: ["monitoring point number", "monitoring point"] }),
  column("description", "Description", 48, { informational: true, required: false }),
  column("value", "Value", 16),
  column("unit", "Unit", 10),
  column("option", "Monitoring option", 12),
  column("source", "Source of data", 28),
  column("comments", "Other comments", 32),
  column("defaultValue", "Default value", 14, { informational: true, required: false }),
  column("defaultSource", "Default source", 40, { informational: true, required: false }),
  column("defaultStatus", "Default status", 12, { informational: true, required: false }),
];

/** Methodology, project, period, options and reported figures (on the Project sheet). */
export const DOCUMENT_COLUMNS: readonly ColumnSpec[] = [
  column("field", "Field", 24),
  column("value", "Value", 40),
  column("description", "Description", 70, { informational: true, required: false }),
];

/** Meter replacements of CSV-backed cumulative series. */
export const REPLACEMENT_COLUMNS: readonly ColumnSpec[] = [
  column("parameter", "Parameter", 16),
  column("point", "Monitoring point No.", 18, { aliases: ["monitoring point number", "monitoring point"] }),
  column("at", "At", 28),
  column("oldFinal", "Old meter final reading", 22),
  column("newInitial", "New meter initial reading", 22),
];

export const TABLE_COLUMNS: Readonly<Record<TableKind, readonly ColumnSpec[]>> = {
  document: DOCUMENT_COLUMNS,
  fixed: FIXED_COLUMNS,
  table1: TABLE1_COLUMNS,
  replacements: REPLACEMENT_COLUMNS,
};

export const TABLE_NAMES: Readonly<Record<TableKind, string>> = {
  document: "the project table (Field, Value)",
  fixed: "the table of parameters fixed ex ante (Parameter, Monitoring point No., Value, …)",
  table1: "Table 1: Parameters monitored ex post ((a) Monitoring period … (k) Other comments)",
  replacements: "the meter replacement table",
};

/** Loose form of a header label: lower case, no (a)–(k) letter, no punctuation, singular words. */
export function normaliseLabel(text: string): string {
  return text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/^\s*\(?[a-z]\)\s*/, "")
    .replace(/[().:,;\-–—_/]+/g, " ")
    .split(/\s+/)
    .filter(Boolean)
    .map((word) => (word.length > 3 && word.endsWith("s") && !word.endsWith("ss") ? word.slice(0, -1) : word))
    .join(" ");
}

const lookup = new Map<TableKind, Map<string, string>>();
for (const [kind, columns] of Object.entries(TABLE_COLUMNS) as [TableKind, readonly ColumnSpec[]][]) {
  const map = new Map<string, string>();
  for (const c of columns) for (const label of [c.label, ...(c.aliases ?? [])]) map.set(normaliseLabel(label), c.key);
  lookup.set(kind, map);
}

/** The column key a header cell names in a table of that kind, if any. */
export function columnKey(kind: TableKind, text: string): string | undefined {
  return lookup.get(kind)!.get(normaliseLabel(text));
}

/**
 * Which table a row of header labels starts, if any: Table 1 has labels no other table has ((a),
 * (e), (i), (j)); the replacement table has the meter readings; the fixed table has Parameter and
 * Value; the project table has Field and Value.
 */
export function tableKindOf(labels: ReadonlySet<string>): TableKind | undefined {
  const has = (label: string) => labels.has(normaliseLabel(label));
  if (
    has("monitoring period") ||
    has("monitored value") ||
    has("measurement methods and procedures") ||
    has("monitoring frequency")
  )
    return "table1";
  if (has("old meter final reading") || has("new meter initial reading")) return "replacements";
  if (has("parameter") && has("value")) return "fixed";
  if (has("field") && has("value")) return "document";
  return undefined;
}
