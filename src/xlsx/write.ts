import { type Issue, MrvValidationError } from "../core/errors.js";
import { formatPath, type PathSegment } from "../core/path.js";
import { parseDocument } from "../document/parse.js";
import { describeRange, isPlainObject, QUANTITY_KEYS, SERIES_KEYS } from "../methodology/parameters/index.js";
import type { Registry } from "../methodology/registry.js";
import type { AnyMethodology } from "../methodology/types.js";
import { type ExcelJsLib, newWorkbook } from "./exceljs.js";
import { type ColumnSpec, DOCUMENT_COLUMNS, FIXED_COLUMNS, REPLACEMENT_COLUMNS, TABLE1_COLUMNS } from "./labels.js";
import { WORKBOOK_LIMITS } from "./limits.js";
import { type LeafNode, type Slot, type WorkbookModel, workbookModel } from "./model.js";
import { ALL_PARTS, FIXED_PARTS, type NoteParts, splitNote } from "./note.js";
import { clearZipTimes } from "./zip.js";

/** One row of the fixed-parameter table or of Table 1. */
export interface ParameterRow {
  slot: Slot;
  point?: string;
  value?: string;
  unit?: string;
  option?: string;
  note?: NoteParts;
  csv?: string;
  kind?: string;
  interval?: string;
  rolloverAt?: string;
}

export interface ReplacementRow {
  parameter: string;
  point: string;
  at: string;
  oldFinal: string;
  newInitial: string;
}

export interface DocumentRow {
  label: string;
  value?: string;
  description: string;
  enum?: readonly string[];
}

export interface WorkbookRows {
  document: DocumentRow[];
  fixed: ParameterRow[];
  table1: ParameterRow[];
  replacements: ReplacementRow[];
  /** `(a)` of every Table 1 row: the period, when the document has one. */
  period?: string;
}

// ── Rows of an empty template ─────────────────────────────────────────────────────────────────

function placeholder(slot: Slot): ParameterRow {
  const unit = slot.node?.kind === "quantity" && slot.node.canonical !== "1" ? slot.node.canonical : undefined;
  return { slot, ...(unit !== undefined && { unit }) };
}

function templateRows(model: WorkbookModel): WorkbookRows {
  return {
    document: model.document.map((d) => ({
      label: d.label,
      ...(d.label === "methodology.id" && { value: model.module.id }),
      ...(d.label === "methodology.version" && { value: model.module.version }),
      ...(d.label === "project.hostCountry" && { value: model.module.hostCountry }),
      description: d.description,
      ...(d.enum && { enum: d.enum }),
    })),
    fixed: model.fixed.map(placeholder),
    table1: model.monitored.map(placeholder),
    replacements: [],
  };
}

// ── Rows of a document ────────────────────────────────────────────────────────────────────────

const QUANTITY_KEY_LIST: readonly string[] = QUANTITY_KEYS;
// A workbook names a series' CSV file; inline readings stay in JSON documents.
const WORKBOOK_SERIES_KEYS: readonly string[] = SERIES_KEYS.filter((k) => k !== "readings");

class DocumentWriter {
  readonly issues: Issue[] = [];
  readonly replacements: ReplacementRow[] = [];
  private problem(path: PathSegment[], code: string, message: string, found?: string): void {
    this.issues.push({ path: formatPath(path), code, message, ...(found !== undefined && { found }) });
  }

  /** A decimal as the workbook writes it: the string, or a JSON number's shortest round trip. */
  private decimal(value: unknown, path: PathSegment[]): string | undefined {
    if (typeof value === "string") return value;
    if (typeof value === "number" && Number.isFinite(value)) return String(value);
    this.problem(path, "not-writable", "a workbook cell holds a decimal string here", typeof value);
    return undefined;
  }

  private text(value: unknown, path: PathSegment[]): string | undefined {
    if (value === undefined) return undefined;
    if (typeof value === "string") return value;
    this.problem(path, "not-writable", "a workbook cell holds text here", typeof value);
    return undefined;
  }

  private unknownKeys(object: Record<string, unknown>, allowed: readonly string[], path: PathSegment[]): void {
    for (const key of Object.keys(object))
      if (!allowed.includes(key))
        this.problem([...path, key], "not-writable", `"${key}" has no place in the workbook (nor in a valid document)`);
  }

  /** The cells of a quantity: a decimal, a quantity object or a CSV-backed series. */
  quantity(slot: Slot, value: unknown, path: PathSegment[], idKey?: string, point = ""): ParameterRow | undefined {
    const row: ParameterRow = { slot };
    const parts = slot.section === "fixed" ? FIXED_PARTS : ALL_PARTS;
    if (typeof value === "string" || typeof value === "number") {
      const text = this.decimal(value, path);
      return text === undefined ? undefined : { slot, value: text };
    }
    if (!isPlainObject(value)) {
      this.problem(path, "not-writable", `${slot.label} must be a decimal or a quantity object`, typeof value);
      return undefined;
    }
    const before = this.issues.length;
    if ("readings" in value) {
      this.problem(
        [...path, "readings"],
        "inline-series-not-writable",
        "a series with inline readings cannot be written to a workbook: keep the readings in a CSV file and name it",
      );
      return undefined;
    }
    const series = "csv" in value || "kind" in value;
    this.unknownKeys(value, [...(idKey ? [idKey] : []), ...(series ? WORKBOOK_SERIES_KEYS : QUANTITY_KEY_LIST)], path);
    if (series) {
      const csv = this.text(value.csv, [...path, "csv"]);
      if (csv !== undefined) row.csv = csv;
      const kind = this.text(value.kind, [...path, "kind"]);
      if (kind !== undefined) row.kind = kind;
      const interval = this.text(value.interval, [...path, "interval"]);
      if (interval !== undefined) row.interval = interval;
      if (value.rolloverAt !== undefined) {
        const r = this.decimal(value.rolloverAt, [...path, "rolloverAt"]);
        if (r !== undefined) row.rolloverAt = r;
      }
      if (value.replacements !== undefined) {
        if (!Array.isArray(value.replacements))
          this.problem([...path, "replacements"], "not-writable", "replacements must be an array");
        else
          value.replacements.forEach((r: unknown, i: number) => {
            const at = [...path, "replacements", i];
            if (!isPlainObject(r)) {
              this.problem(at, "not-writable", "a replacement must be an object");
              return;
            }
            this.unknownKeys(r, ["at", "oldFinal", "newInitial"], at);
            const instant = this.text(r.at, [...at, "at"]);
            const oldFinal = this.decimal(r.oldFinal, [...at, "oldFinal"]);
            const newInitial = this.decimal(r.newInitial, [...at, "newInitial"]);
            if (instant !== undefined && oldFinal !== undefined && newInitial !== undefined)
              this.replacements.push({ parameter: slot.label, point, at: instant, oldFinal, newInitial });
          });
      }
    } else {
      const v = this.decimal(value.value, [...path, "value"]);
      if (v !== undefined) row.value = v;
    }
    const unit = this.text(value.unit, [...path, "unit"]);
    if (unit !== undefined) row.unit = unit;
    const option = this.text(value.option, [...path, "option"]);
    if (option !== undefined) row.option = option;
    const note = this.text(value.note, [...path, "note"]);
    if (note !== undefined && note !== "") row.note = splitNote(note, parts);
    return this.issues.length > before ? undefined : row;
  }

  leaf(slot: Slot, value: unknown, path: PathSegment[]): ParameterRow | undefined {
    if (typeof value === "string") return { slot, value };
    if (typeof value === "boolean") return { slot, value: value ? "TRUE" : "FALSE" };
    if (typeof value === "number" && Number.isSafeInteger(value)) return { slot, value: String(value) };
    this.problem(path, "not-writable", `${slot.label} cannot be written to a workbook cell`, typeof value);
    return undefined;
  }

  /** Rows of one top-level key of `fixed` / `monitored`. */
  top(top: string, slots: Slot[], value: unknown, base: PathSegment[]): ParameterRow[] {
    if (value === undefined) return slots.map(placeholder);
    const list = slots[0]!.list;
    if (list) return this.list(slots, value, [...base, top]);
    const rows: ParameterRow[] = [];
    const quantity = slots.find((s) => s.path.length === 0 && s.node?.kind === "quantity");
    const alternativeForm =
      quantity &&
      isPlainObject(value) &&
      !Object.keys(value).some((k) => QUANTITY_KEY_LIST.includes(k) || WORKBOOK_SERIES_KEYS.includes(k));
    if (quantity && !alternativeForm) {
      const row = this.quantity(quantity, value, [...base, top]);
      if (row) rows.push(row);
      for (const s of slots) if (s !== quantity) rows.push(placeholder(s));
      return rows;
    }
    const fields = slots.filter((s) => s !== quantity);
    if (fields.length === 1 && fields[0]!.path.length === 0) {
      const row = this.leaf(fields[0]!, value, [...base, top]);
      return row ? [row] : [];
    }
    if (quantity) rows.push(placeholder(quantity));
    rows.push(...this.fields(fields, value, [...base, top], 0));
    return rows;
  }

  /** Rows of the fields of an object (`declarations`, an entity, `EF_elec`'s other form). */
  fields(slots: Slot[], value: unknown, path: PathSegment[], depth: number, point?: string): ParameterRow[] {
    if (!isPlainObject(value)) {
      this.problem(
        path,
        "not-writable",
        "an object is expected here",
        Array.isArray(value) ? "an array" : typeof value,
      );
      return [];
    }
    const covered = new Set(slots.map((s) => s.path[depth]));
    const idKey = slots[0]?.list?.idKey;
    this.unknownKeys(value, [...covered, ...(idKey && depth === 0 ? [idKey] : [])] as string[], path);
    const rows: ParameterRow[] = [];
    for (const slot of slots) {
      let v: unknown = value;
      for (const key of slot.path.slice(depth)) v = isPlainObject(v) ? v[key] : undefined;
      const at = [...path, ...slot.path.slice(depth)];
      const row =
        v === undefined
          ? placeholder(slot)
          : slot.node?.kind === "quantity"
            ? this.quantity(slot, v, at)
            : this.leaf(slot, v, at);
      if (row) rows.push(point === undefined ? row : { ...row, point });
    }
    return rows;
  }

  list(slots: Slot[], value: unknown, path: PathSegment[]): ParameterRow[] {
    const list = slots[0]!.list!;
    if (!Array.isArray(value)) {
      this.problem(path, "not-writable", `${list.key} must be an array`, typeof value);
      return [];
    }
    const rows: ParameterRow[] = [];
    value.forEach((entry: unknown, i: number) => {
      const at = [...path, i];
      const id = isPlainObject(entry) ? entry[list.idKey] : undefined;
      if (typeof id !== "string" || id === "") {
        this.problem([...at, list.idKey], "not-writable", `each ${list.key} entry needs a non-empty "${list.idKey}"`);
        return;
      }
      if (list.entries === "quantities") {
        const row = this.quantity(slots[0]!, entry, at, list.idKey, id);
        if (row) rows.push({ ...row, point: id });
        return;
      }
      rows.push({ slot: slots[0]!, point: id });
      rows.push(...this.fields(slots.slice(1), entry, at, 0, id));
    });
    return rows;
  }

  section(slots: readonly Slot[], value: unknown, name: "fixed" | "monitored"): ParameterRow[] {
    const object = value === undefined ? {} : value;
    if (!isPlainObject(object)) {
      this.problem([name], "not-writable", `${name} must be an object`);
      return [];
    }
    const tops = [...new Set(slots.map((s) => s.top))];
    this.unknownKeys(object, tops, [name]);
    return tops.flatMap((top) =>
      this.top(
        top,
        slots.filter((s) => s.top === top),
        object[top],
        [name],
      ),
    );
  }
}

function documentRowsOf(model: WorkbookModel, input: unknown): WorkbookRows {
  const parsed = parseDocument(input);
  const doc = parsed.document;
  const raw = parsed.raw as Record<string, unknown>;
  const writer = new DocumentWriter();
  const fixed = writer.section(model.fixed, raw.fixed, "fixed");
  const table1 = writer.section(model.monitored, raw.monitored, "monitored");
  const issues = writer.issues;
  const document: DocumentRow[] = [];
  const projectKeys = new Set(Object.keys(doc.project ?? {}));
  for (const d of model.document) {
    const [head, key] = [d.path[0]!, d.path.slice(1).join(".")];
    let value: string | undefined;
    if (head === "methodology") value = doc.methodology[key as "id" | "version"];
    else if (head === "period") value = (doc.period as Record<string, string | undefined>)[key];
    else if (head === "options") value = doc.options?.rounding;
    else if (head === "reported") value = doc.reported?.[key];
    else if (head === "project") {
      value = doc.project?.[key];
      projectKeys.delete(key);
    }
    document.push({
      label: d.label,
      ...(value !== undefined && { value }),
      description: d.description,
      ...(d.enum && { enum: d.enum }),
    });
    // Further project fields right after the template's own.
    if (d.label === "project.hostCountry")
      for (const extra of projectKeys)
        document.push({ label: `project.${extra}`, value: doc.project![extra]!, description: "Project field" });
  }
  for (const symbol of Object.keys(doc.reported ?? {}))
    if (!model.module.reportable.includes(symbol))
      issues.push({
        path: formatPath(["reported", symbol]),
        code: "not-reportable",
        message: `${model.module.id} does not report "${symbol}"`,
        expected: `one of ${model.module.reportable.join(", ")}`,
      });
  if (issues.length > 0) throw new MrvValidationError(issues);
  return {
    document,
    fixed,
    table1,
    replacements: writer.replacements,
    period: `${doc.period.start} – ${doc.period.end}`,
  };
}

// ── Cells ─────────────────────────────────────────────────────────────────────────────────────

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * Text as an .xlsx cell stores it (ECMA-376 `ST_Xstring`): a carriage return, a control character,
 * DEL and U+FFFE/U+FFFF become `_xHHHH_`, and a literal `_xHHHH_` is protected as `_x005F_xHHHH_`, so
 * every string reads back exactly. Throws for text a workbook cannot hold.
 */
export function encodeCellText(text: string, where: string): string {
  if (text.length > WORKBOOK_LIMITS.maxCellText)
    throw new MrvValidationError([
      {
        path: where,
        code: "cell-text-too-long",
        message: "a workbook cell holds at most 32,767 characters",
        expected: "at most 32767 characters",
        found: `${text.length} characters`,
      },
    ]);
  if (LONE_SURROGATE.test(text))
    throw new MrvValidationError([
      { path: where, code: "lone-surrogate", message: "a lone surrogate cannot be written to a workbook" },
    ]);
  return text
    .replace(/_(x[0-9A-Fa-f]{4}_)/g, "_x005F_$1")
    .replace(
      /[\u0000-\u0008\u000b\u000c\u000d\u000e-\u001f\u007f\ufffe\uffff]/g,
      (c) => `_x${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}_`,
    );
}

type Sheet = ReturnType<InstanceType<ExcelJsLib["Workbook"]>["addWorksheet"]>;
type Lists = { formula(values: readonly string[]): string };

const HEADER_FILL = { type: "pattern", pattern: "solid", fgColor: { argb: "FFD9E1F2" } } as const;
const INFO_FONT = { color: { argb: "FF595959" } } as const;
const INPUT_KEYS = new Set([
  "point",
  "value",
  "unit",
  "option",
  "source",
  "method",
  "frequency",
  "comments",
  "csv",
  "kind",
  "interval",
  "rolloverAt",
  "field",
  "parameter",
  "at",
  "oldFinal",
  "newInitial",
]);

function header(sheet: Sheet, row: number, columns: readonly ColumnSpec[]): void {
  columns.forEach((c, i) => {
    const cell = sheet.getCell(row, i + 1);
    cell.value = c.label;
    cell.font = { bold: true };
    cell.fill = HEADER_FILL;
    cell.alignment = { wrapText: true, vertical: "top" };
    const column = sheet.getColumn(i + 1);
    column.width = c.width;
    // Cells typed later in an input column are text too: Excel keeps "0.50" and "2016-01-01" as typed.
    if (INPUT_KEYS.has(c.key)) column.numFmt = "@";
  });
}

function put(sheet: Sheet, row: number, column: number, text: string | undefined, where: string, info = false): void {
  const cell = sheet.getCell(row, column);
  cell.numFmt = "@";
  if (text !== undefined && text !== "") cell.value = encodeCellText(text, where);
  if (info) {
    cell.font = INFO_FONT;
    cell.alignment = { wrapText: true, vertical: "top" };
  }
}

function validate(sheet: Sheet, row: number, column: number, formula: string, prompt: string): void {
  sheet.getCell(row, column).dataValidation = {
    type: "list",
    allowBlank: true,
    formulae: [formula],
    showErrorMessage: true,
    errorStyle: "stop",
    errorTitle: "jcm-mrv",
    error: prompt,
  };
}

function slotDescription(slot: Slot): string {
  const node = slot.node;
  if (!node)
    return `${slot.list!.description} — one row per ${slot.list!.idKey}, its id in the monitoring-point column`;
  const parts = [node.description];
  if (node.kind === "quantity") {
    const spec = node.spec;
    if (node.canonical !== "1")
      parts.push(`in ${node.canonical}${node.units.length > 1 ? ` (or ${node.units.slice(1).join(", ")})` : ""}`);
    const range = spec ? describeRange(spec) : undefined;
    if (range) parts.push(`range ${range}`);
    if (spec?.expectedOption) parts.push(`expected monitoring option ${spec.expectedOption}`);
    if (node.series) parts.push("a value, or a CSV file of readings (columns at,value)");
    parts.push(spec?.requirement ?? (slot.required ? "required" : "optional"));
  } else {
    if (node.enum) parts.push(node.enum.length <= 12 ? `one of: ${node.enum.join(", ")}` : "one of the listed values");
    else if (node.type === "boolean") parts.push("TRUE or FALSE");
    else if (node.type === "integer") parts.push("a whole number");
  }
  if (slot.list && slot.path.length > 0) parts.push(`per ${slot.list.idKey} of ${slot.list.key}`);
  else if (slot.list) parts.push(`one row per ${slot.list.idKey}`);
  return parts.filter(Boolean).join("; ");
}

function leafValues(node: LeafNode): readonly string[] | undefined {
  if (node.enum) return node.enum.map(String);
  if (node.type === "boolean") return ["TRUE", "FALSE"];
  return undefined;
}

function parameterRow(
  sheet: Sheet,
  r: number,
  columns: readonly ColumnSpec[],
  row: ParameterRow,
  lists: Lists,
  period: string | undefined,
): void {
  const where = `${sheet.name}!row ${r}`;
  const node = row.slot.node;
  const values: Record<string, string | undefined> = {
    period,
    point: row.point,
    parameter: row.slot.label,
    description: slotDescription(row.slot),
    value: row.value,
    unit: row.unit,
    option: row.option,
    source: row.note?.source,
    method: row.note?.method,
    frequency: row.note?.frequency,
    comments: row.note?.comments,
    csv: row.csv,
    kind: row.kind,
    interval: row.interval,
    rolloverAt: row.rolloverAt,
    defaultValue: row.slot.default?.value,
    defaultSource: row.slot.default?.source,
    defaultStatus: row.slot.default?.status,
  };
  columns.forEach((c, i) => {
    if (c.key === "period" && period === undefined) return;
    put(sheet, r, i + 1, values[c.key], where, c.informational);
    const column = i + 1;
    if (c.key === "unit" && node?.kind === "quantity")
      validate(sheet, r, column, lists.formula(node.units), `a unit of ${row.slot.label}`);
    if (c.key === "option" && node?.kind === "quantity")
      validate(sheet, r, column, lists.formula(["A", "B", "C"]), "monitoring option A, B or C");
    if (c.key === "kind" && node?.kind === "quantity" && node.series)
      validate(sheet, r, column, lists.formula(["interval", "cumulative"]), "series kind: interval or cumulative");
    if (c.key === "value" && node?.kind === "leaf") {
      const allowed = leafValues(node);
      if (allowed) validate(sheet, r, column, lists.formula(allowed), `a value of ${row.slot.label}`);
    }
    if (c.key === "point" && row.slot.list?.id.enum)
      validate(
        sheet,
        r,
        column,
        lists.formula(row.slot.list.id.enum.map(String)),
        `a ${row.slot.list.idKey} of ${row.slot.list.key}`,
      );
  });
}

function title(sheet: Sheet, row: number, text: string, size = 13): void {
  const cell = sheet.getCell(row, 1);
  cell.value = text;
  cell.font = { bold: true, size };
}

function note(sheet: Sheet, row: number, text: string): void {
  const cell = sheet.getCell(row, 1);
  cell.value = text;
  cell.font = INFO_FONT;
}

const README_HEADINGS = new Set(["How to fill it", "Numbers", "Notes", "Series of readings", "Limits"]);

function readmeLines(model: WorkbookModel): string[] {
  const m = model.module;
  return [
    `jcm-mrv monitoring workbook — ${m.id} ver ${m.version}${m.status === "draft" ? " (DRAFT methodology, not approved)" : ""}`,
    m.title,
    "",
    "How to fill it",
    "1. Project sheet, first table: the project, the monitoring period and (for verify) the figures you report.",
    "2. Project sheet, second table: the parameters fixed ex ante. Per-equipment values go on rows of their own, the equipment id in 'Monitoring point No.'; copy a row to add equipment.",
    "3. Table 1: the parameters monitored ex post, one row per parameter and monitoring point, as in the JCM Monitoring Report Sheet.",
    "4. Leave a value empty to use the default shown (with its source and status) or to leave an optional parameter out.",
    "5. Check it: jcm-mrv calculate <this file>.xlsx   (or verify, report).",
    "",
    "Numbers",
    "Every value cell is formatted as Text: type 0.50 and it stays 0.50, exactly. A value stored as a number (a cell formatted otherwise) is accepted with a warning naming the cell, read as the shortest decimal that Excel's binary number stands for — check it. A formula in a value cell is an error: type the value.",
    "",
    "Notes",
    "(h) Source of data, (i) Measurement methods and procedures, (j) Monitoring frequency and (k) Other comments travel in the quantity's note of the JSON document and come back to the same cells: with only (k) filled the note is (k); otherwise one line per filled column, 'Source of data: …', continuation lines indented by two spaces.",
    "",
    "Series of readings",
    `A monitored energy may come from a CSV file of readings (header at,value): leave (e) empty and fill 'Readings file (CSV)' (a relative path: forward slashes, no '..'), 'Series kind' (interval or cumulative), the unit (f), and if needed 'Interval' (PT15M, PT1H, P1D) and 'Rollover at'.${model.series ? " Meter replacements of cumulative series go on the 'Meter replacements' sheet." : ""}`,
    "",
    "Limits",
    "At most 64 MB on disk, 256 MB decompressed, 100 sheets and 1,000,000 non-empty cells. Tables are found by their header rows: sheets may be renamed and columns moved; merged cells inside a table are an error.",
    "",
    "Guide: docs/workbooks.md of the jcm-mrv package.",
  ];
}

async function render(model: WorkbookModel, rows: WorkbookRows): Promise<Uint8Array> {
  const wb = await newWorkbook();
  const m = model.module;

  const readme = wb.addWorksheet("Readme");
  readme.getColumn(1).width = 140;
  readmeLines(model).forEach((line, i) => {
    const cell = readme.getCell(i + 1, 1);
    cell.value = line;
    cell.alignment = { wrapText: true, vertical: "top" };
    if (i === 0) cell.font = { bold: true, size: 14 };
    else if (README_HEADINGS.has(line)) cell.font = { bold: true };
  });

  const project = wb.addWorksheet("Project");
  const table1 = wb.addWorksheet("Table 1");
  const replacements = model.series ? wb.addWorksheet("Meter replacements") : undefined;
  const listSheet = wb.addWorksheet("Lists", { state: "hidden" });
  const known = new Map<string, string>();
  const lists: Lists = {
    formula(values) {
      const key = values.join("\u0000");
      const existing = known.get(key);
      if (existing) return existing;
      const column = known.size + 1;
      values.forEach((v, i) => {
        const cell = listSheet.getCell(i + 1, column);
        cell.numFmt = "@";
        cell.value = v;
      });
      const letters = listSheet.getColumn(column).letter;
      const formula = `Lists!$${letters}$1:$${letters}$${values.length}`;
      known.set(key, formula);
      return formula;
    },
  };

  title(project, 1, `Project and parameters fixed ex ante — ${m.id} ver ${m.version}`);
  note(project, 2, `${m.title}. Values are text; leave a value empty to use its default or leave it out.`);
  header(project, 4, DOCUMENT_COLUMNS);
  let r = 5;
  for (const d of rows.document) {
    put(project, r, 1, d.label, `Project!A${r}`);
    put(project, r, 2, d.value, `Project!B${r}`);
    put(project, r, 3, d.description, `Project!C${r}`, true);
    if (d.enum) validate(project, r, 2, lists.formula(d.enum), `one of ${d.enum.join(", ")}`);
    r++;
  }
  r++;
  title(project, r, "Parameters fixed ex ante", 12);
  r++;
  header(project, r, FIXED_COLUMNS);
  r++;
  for (const row of rows.fixed) parameterRow(project, r++, FIXED_COLUMNS, row, lists, undefined);

  title(table1, 1, "Table 1: Parameters monitored ex post");
  note(
    table1,
    2,
    `${m.id} ver ${m.version}. (b) the equipment id for per-equipment parameters; (e) values are text; (h)–(k) travel in the value's note.`,
  );
  const columns = model.series ? TABLE1_COLUMNS : TABLE1_COLUMNS.filter((c) => c.required || c.informational);
  header(table1, 3, columns);
  table1.views = [{ state: "frozen", ySplit: 3 }];
  r = 4;
  for (const row of rows.table1) parameterRow(table1, r++, columns, row, lists, rows.period);

  if (replacements) {
    title(replacements, 1, "Meter replacements of CSV-backed cumulative series");
    note(
      replacements,
      2,
      "One row per meter swap: parameter and monitoring point of the series, the instant (with its offset), the old meter's final and the new meter's initial reading.",
    );
    header(replacements, 3, REPLACEMENT_COLUMNS);
    r = 4;
    for (const rep of rows.replacements) {
      const values = [rep.parameter, rep.point, rep.at, rep.oldFinal, rep.newInitial];
      values.forEach((v, i) => {
        put(replacements, r, i + 1, v, `Meter replacements!row ${r}`);
      });
      r++;
    }
  }
  const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
  return clearZipTimes(bytes);
}

/** Options of the functions that find a document's module. */
export interface WorkbookModuleOptions {
  /** The module; by default the document's methodology is looked up in `registry`. */
  module?: AnyMethodology;
  /** Where to look the methodology up (default: the bundled registry). */
  registry?: Registry;
}

/**
 * An empty monitoring workbook for a module: the Project sheet (project, period, reported figures
 * and the parameters fixed ex ante, with defaults, their source and status), Table 1 with the eleven
 * columns of the JCM Monitoring Report Sheet, lists for units and monitoring options, and a Readme.
 * Generated from the module's parameter metadata.
 */
export async function workbookTemplate(module: AnyMethodology): Promise<Uint8Array> {
  const model = workbookModel(module);
  return render(model, templateRows(model));
}

/**
 * A monitoring document as a workbook, which {@link readWorkbook} reads back to a document with
 * the same figures. Inline series of readings cannot be written (keep them in CSV files).
 * @throws {MrvValidationError} naming what a workbook cannot hold.
 */
export async function writeWorkbookFor(module: AnyMethodology, document: unknown): Promise<Uint8Array> {
  const model = workbookModel(module);
  return render(model, documentRowsOf(model, document));
}
