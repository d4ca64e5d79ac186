import { DECIMAL_PROBLEM_TEXT, decimalProblem } from "../core/decimal.js";
import { type Issue, MrvError, MrvValidationError } from "../core/errors.js";
import { formatPath, type PathSegment } from "../core/path.js";
import { sha256Hex } from "../core/sha256.js";
import { isKnownUnit } from "../core/units.js";
import type { Registry } from "../methodology/registry.js";
import type { AnyMethodology } from "../methodology/types.js";
import { cellRef, describeCell, quoteCell } from "./cells.js";
import { loadExcelJs } from "./exceljs.js";
import type { TableKind } from "./labels.js";
import { MAX_ISSUES } from "./limits.js";
import {
  describeSlot,
  type LeafNode,
  type QuantityNode,
  type Slot,
  type WorkbookModel,
  workbookModel,
} from "./model.js";
import { ALL_PARTS, FIXED_PARTS, joinNote, type NoteParts } from "./note.js";
import { findTables, type Grid, gridOf, type Table, type WorksheetLike } from "./tables.js";
import { checkWorkbookZip } from "./zip.js";

/** Where a document read from a workbook came from. */
export interface WorkbookSource {
  /** The file name given (`options.file`), else `workbook.xlsx`. */
  file: string;
  /** Lower-case hex SHA-256 of the workbook's bytes. */
  sha256: string;
}

/** A warning about one cell (`path` is the cell, e.g. `Table 1!E7`). */
export interface WorkbookWarning {
  code: string;
  message: string;
  path: string;
  symbol?: string;
}

export interface WorkbookRead {
  /** A plain monitoring document (JSON data), ready for `calculate`, `verify` and `renderReport`. */
  document: Record<string, unknown>;
  warnings: WorkbookWarning[];
  source: WorkbookSource;
  /** JSON path in the document (`monitored["EG_i,p"][0].value`) → the cell it came from. */
  cells: Record<string, string>;
}

export interface ReadWorkbookOptions {
  /** The workbook's file name, recorded in `source` and named by workbook-wide errors. */
  file?: string;
  /** Read the workbook for this module (the project table must name it). */
  module?: AnyMethodology;
  /** Where the project table's methodology is looked up (`jcm-mrv/xlsx` defaults to the bundled registry). */
  registry?: Registry;
}

const CSV_PATH_RULES =
  "a relative path: forward slashes, no empty, '.' or '..' segment, no drive letter, backslash or control character (trust.md §1)";

/** Why a CSV path breaks the rules of trust.md §1, if it does. */
export function csvPathProblem(path: string): string | undefined {
  if (path === "") return "it is empty";
  if (/[\u0000-\u001f\u007f-\u009f]/.test(path)) return "it holds a control character";
  if (path.includes("\\")) return "it holds a backslash";
  if (path.startsWith("/")) return "it is absolute";
  if (/^[A-Za-z]:/.test(path)) return "it starts with a drive letter";
  for (const segment of path.split("/")) {
    if (segment === "") return "it has an empty segment";
    if (segment === "." || segment === "..") return `it has a "${segment}" segment`;
  }
  return undefined;
}

type Cells = Map<string, string>;

interface Entry {
  object: Record<string, unknown>;
  index: number;
  ref: string;
}

/** A series row, for the meter replacement table to attach to. */
interface SeriesRow {
  object: Record<string, unknown>;
  path: PathSegment[];
}

const DATE_FIELDS = new Set(["period.start", "period.end"]);
const FIXED_FIELDS: Record<string, string[]> = {
  "methodology.id": ["methodology", "id"],
  "methodology.version": ["methodology", "version"],
  "period.start": ["period", "start"],
  "period.end": ["period", "end"],
  "period.timezone": ["period", "timeZone"],
  "options.rounding": ["options", "rounding"],
};

class WorkbookReader {
  readonly issues: Issue[] = [];
  readonly warnings: WorkbookWarning[] = [];
  readonly cells: Cells = new Map();
  readonly series = new Map<string, SeriesRow>();

  constructor(readonly tables: Map<TableKind, Table>) {}

  error(path: string, code: string, message: string, extra: Omit<Issue, "path" | "code" | "message"> = {}): null {
    this.issues.push({ path, code, message, ...extra });
    return null;
  }

  map(path: readonly PathSegment[], ref: string): void {
    const key = formatPath(path);
    if (!this.cells.has(key)) this.cells.set(key, ref);
  }

  ref(table: Table, r: number, key: string): string {
    return cellRef(table.grid.name, r, table.columns.get(key) ?? table.first);
  }

  /**
   * The text of a cell, told apart by how the workbook stored it: text as is; a number (the shortest
   * round trip of the double Excel stored, `String(n)`) with a warning naming the cell; a date only
   * where a date is asked for; a formula or an error value is an error (null).
   */
  text(
    table: Table,
    r: number,
    key: string,
    options: { date?: boolean; boolean?: boolean } = {},
  ): string | undefined | null {
    const c = table.columns.get(key);
    if (c === undefined) return undefined;
    const info = table.grid.rows.get(r)?.get(c);
    if (!info) return undefined;
    const content = info.content;
    const ref = cellRef(table.grid.name, r, c);
    switch (content.kind) {
      case "empty":
        return undefined;
      case "text":
        if (content.hyperlink !== undefined && content.hyperlink !== content.text)
          this.warnings.push({
            path: ref,
            code: "hyperlink-not-read",
            message: `the cell's hyperlink (${quoteCell(content.hyperlink)}) is not read; its text is`,
          });
        return content.text;
      case "number": {
        const text = String(content.value);
        this.warnings.push({
          path: ref,
          code: "number-cell",
          message: `the cell holds a number Excel stored in binary, read as ${text} (its shortest decimal); check it, and format value cells as Text so that what you type is what is read`,
        });
        return text;
      }
      case "boolean":
        if (options.boolean) return content.value ? "TRUE" : "FALSE";
        return this.error(ref, "invalid-cell", "a TRUE/FALSE cell where text is expected", {
          expected: "text",
          found: describeCell(content),
        });
      case "date": {
        const d = content.value;
        const ms = d.getTime();
        if (options.date && !Number.isNaN(ms) && ms % 86_400_000 === 0) {
          const text = d.toISOString().slice(0, 10);
          this.warnings.push({
            path: ref,
            code: "date-cell",
            message: `the cell holds a date Excel stored as a day number, read as ${text}; format it as Text and type YYYY-MM-DD`,
          });
          return text;
        }
        return this.error(
          ref,
          "invalid-cell",
          "a date cell where text is expected: format the cell as Text and type the value",
          {
            expected: "text",
            found: describeCell(content),
          },
        );
      }
      case "formula":
        return this.error(ref, "formula-not-allowed", "a formula is not read: type the value itself (as text)", {
          expected: "a value",
          found: describeCell(content),
        });
      case "error":
        return this.error(ref, "invalid-cell", "the cell holds an error value", {
          expected: "a value",
          found: describeCell(content),
        });
    }
  }

  // ── The project table ─────────────────────────────────────────────────────────────────────

  readDocument(table: Table): Record<string, unknown> {
    const out: Record<string, Record<string, string>> = {};
    const seen = new Map<string, string>();
    const empty = new Map<string, string>(); // rows with a field and no value: where a missing one goes
    for (const r of table.rows) {
      const label = this.text(table, r, "field");
      const value = this.text(table, r, "value", {
        date: typeof label === "string" && DATE_FIELDS.has(label.trim().toLowerCase()),
      });
      if (label === null || value === null) continue;
      const valueRef = this.ref(table, r, "value");
      if (value === undefined) {
        if (label !== undefined) empty.set(label.trim().toLowerCase(), valueRef);
        continue;
      }
      if (label === undefined) {
        this.error(valueRef, "missing-field", "a value without a field name beside it", { found: quoteCell(value) });
        continue;
      }
      const name = label.trim();
      const lower = name.toLowerCase();
      let path: string[] | undefined = FIXED_FIELDS[lower];
      if (!path && lower.startsWith("project.") && name.length > 8) path = ["project", name.slice(8)];
      if (!path && lower.startsWith("reported.") && name.length > 9) path = ["reported", name.slice(9)];
      if (!path) {
        this.error(this.ref(table, r, "field"), "unknown-field", "unknown field in the project table", {
          expected: `one of ${Object.values(FIXED_FIELDS)
            .map((p) => p.join("."))
            .join(", ")}, project.<name>, reported.<symbol>`,
          found: quoteCell(label),
        });
        continue;
      }
      const key = path.join("\u0000");
      const before = seen.get(key);
      if (before) {
        this.error(valueRef, "duplicate-field", `${path.join(".")} is given twice (also ${before})`, {
          found: quoteCell(value),
        });
        continue;
      }
      seen.set(key, valueRef);
      out[path[0]!] ??= {};
      out[path[0]!]![path[1]!] = value;
      this.map(path, valueRef);
      this.map([path[0]!], valueRef);
    }
    const header = cellRef(table.grid.name, table.header, table.first);
    for (const required of [
      ["methodology", "id"],
      ["methodology", "version"],
      ["period", "start"],
      ["period", "end"],
    ] as const)
      if (out[required[0]]?.[required[1]] === undefined)
        this.error(
          empty.get(required.join(".")) ?? header,
          "missing-field",
          `the project table has no ${required.join(".")}`,
          {
            expected: `a row ${required.join(".")} with its value`,
          },
        );
    this.map([], header);
    return out;
  }

  // ── The parameter tables ──────────────────────────────────────────────────────────────────

  readParameters(
    table: Table,
    slots: readonly Slot[],
    section: "fixed" | "monitored",
    period: string | undefined,
  ): Record<string, unknown> {
    const withPoint = new Map<string, Slot>();
    const withoutPoint = new Map<string, Slot>();
    for (const s of slots) {
      (s.list ? withPoint : withoutPoint).set(s.label, s);
      if (s.list && s.path.length > 0 && !s.label.startsWith(`${s.list.key}.`))
        withPoint.set(`${s.list.key}.${s.label}`, s);
    }
    const parts = section === "fixed" ? FIXED_PARTS : ALL_PARTS;
    const values = new Map<string, unknown>(); // top → value
    const forms = new Map<string, { form: "whole" | "fields"; ref: string }>(); // a quantity, or fields of an object
    const given = new Map<string, string>(); // slot + point → first cell
    const lists = new Map<string, Map<string, Entry>>();
    const base: PathSegment[] = [section];
    this.map(base, cellRef(table.grid.name, table.header, table.first));

    const entry = (slot: Slot, id: string, ref: string): Entry => {
      const list = slot.list!;
      let entries = lists.get(list.key);
      if (!entries) {
        entries = new Map();
        lists.set(list.key, entries);
      }
      let e = entries.get(id);
      if (!e) {
        e = { object: { [list.idKey]: id }, index: entries.size, ref };
        entries.set(id, e);
        this.map([...base, list.key], ref);
        this.map([...base, list.key, e.index], ref);
      }
      return e;
    };

    for (const r of table.rows) {
      const cell = (key: string) => this.text(table, r, key, { boolean: key === "value" });
      const read = {
        parameter: cell("parameter"),
        point: cell("point"),
        value: cell("value"),
        unit: cell("unit"),
        option: cell("option"),
        source: cell("source"),
        method: parts.includes("method") ? cell("method") : undefined,
        frequency: parts.includes("frequency") ? cell("frequency") : undefined,
        comments: cell("comments"),
        csv: cell("csv"),
        kind: cell("kind"),
        interval: cell("interval"),
        rolloverAt: cell("rolloverAt"),
        period: cell("period"),
      };
      if (Object.values(read).includes(null)) continue;
      const v = read as { [K in keyof typeof read]: string | undefined };
      const ref = (key: string) => this.ref(table, r, key);
      const noteParts: NoteParts = {
        ...(v.source !== undefined && { source: v.source }),
        ...(v.method !== undefined && { method: v.method }),
        ...(v.frequency !== undefined && { frequency: v.frequency }),
        ...(v.comments !== undefined && { comments: v.comments }),
      };
      const note = joinNote(noteParts, parts);
      const seriesCells = (["csv", "kind", "interval", "rolloverAt"] as const).filter((k) => v[k] !== undefined);
      const beyondPoint =
        v.value !== undefined || v.option !== undefined || note !== undefined || seriesCells.length > 0;
      const label = v.parameter?.trim();

      if (!beyondPoint && v.point === undefined) {
        // An empty template row: remember where the parameter is, for errors about it.
        const slot = label === undefined ? undefined : withoutPoint.get(label);
        if (slot) this.map([...base, slot.top, ...slot.path], ref("value"));
        else if (label !== undefined && withPoint.get(label)?.list)
          this.map([...base, withPoint.get(label)!.list!.key], ref("parameter"));
        continue;
      }
      if (label === undefined || label === "") {
        this.error(ref("parameter"), "missing-parameter", "a row with values but no parameter", {
          expected: "the parameter's symbol",
        });
        continue;
      }
      if (v.period !== undefined && period !== undefined && !samePeriod(v.period, period)) {
        this.error(ref("period"), "period-mismatch", "(a) Monitoring period differs from the project table's period", {
          expected: `empty, or ${period}`,
          found: quoteCell(v.period),
        });
        continue;
      }
      const slot = (v.point !== undefined ? withPoint : withoutPoint).get(label);
      if (!slot) {
        const other = (v.point !== undefined ? withoutPoint : withPoint).get(label);
        if (other && v.point !== undefined)
          this.error(
            ref("point"),
            "point-not-allowed",
            `${label} is one value for the project: leave the monitoring point empty`,
            {
              symbol: label,
              found: quoteCell(v.point),
            },
          );
        else if (other)
          this.error(
            ref("point"),
            "missing-point",
            `${label} is given per ${other.list!.idKey}: put the ${other.list!.idKey} id in the monitoring-point column`,
            {
              symbol: label,
              expected: `the ${other.list!.idKey} id`,
            },
          );
        else this.unknownParameter(ref("parameter"), label, slots, section);
        continue;
      }
      const symbol = slot.node?.kind === "quantity" ? slot.node.symbol : slot.label;
      const pointRef = ref("point");
      if (slot.list && v.point !== undefined && slot.list.id.enum && !slot.list.id.enum.map(String).includes(v.point)) {
        this.error(pointRef, "unknown-id", `unknown ${slot.list.idKey} for ${slot.list.key}`, {
          symbol,
          expected: `one of ${slot.list.id.enum.join(", ")}`,
          found: quoteCell(v.point),
        });
        continue;
      }
      const key = `${slot.section}\u0000${slot.label}\u0000${v.point ?? ""}`;
      const first = given.get(key);

      // A list's own row: only the id.
      if (!slot.node) {
        const extra = (
          ["value", "unit", "option", "source", "method", "frequency", "comments", ...seriesCells] as const
        ).find((k) => v[k as keyof typeof v] !== undefined && !(k === "unit"));
        if (extra) {
          this.error(
            ref(extra),
            "not-allowed",
            `the ${slot.list!.key} row takes only the ${slot.list!.idKey} id; its fields have rows of their own`,
            {
              symbol: slot.label,
            },
          );
          continue;
        }
        if (first) {
          this.error(
            pointRef,
            "duplicate-id",
            `${slot.list!.idKey} ${quoteCell(v.point!)} of ${slot.list!.key} is listed twice (also ${first})`,
            {
              symbol: slot.label,
              found: quoteCell(v.point!),
            },
          );
          continue;
        }
        given.set(key, pointRef);
        const e = entry(slot, v.point!, ref("parameter"));
        this.map([...base, slot.list!.key, e.index, slot.list!.idKey], pointRef);
        continue;
      }

      if (!beyondPoint) {
        if (slot.list?.entries === "quantities")
          this.warnings.push({
            path: ref("value"),
            code: "row-without-value",
            message: `${describeSlot(slot)} of ${quoteCell(v.point!)} has no value: the row is left out`,
            symbol,
          });
        continue;
      }
      if (first) {
        this.error(
          ref("parameter"),
          "duplicate-parameter",
          `${describeSlot(slot)}${v.point !== undefined ? ` of ${quoteCell(v.point)}` : ""} is given twice (also ${first})`,
          {
            symbol,
          },
        );
        continue;
      }
      given.set(key, ref("parameter"));

      // Where the value goes in the document.
      let path: PathSegment[];
      /** Puts the value in the document; returns the object that holds it there (for series). */
      let target: { set(value: unknown): unknown };
      if (slot.list) {
        const e = entry(slot, v.point!, ref("parameter"));
        if (slot.list.entries === "quantities") {
          path = [...base, slot.list.key, e.index];
          target = { set: (value) => Object.assign(e.object, value as object) };
        } else {
          path = [...base, slot.list.key, e.index, ...slot.path];
          target = {
            set: (value) => {
              setAt(e.object, slot.path, value);
              return value;
            },
          };
        }
        this.map([...base, slot.list.key, e.index, slot.list.idKey], pointRef);
      } else {
        path = [...base, slot.top, ...slot.path];
        const form = slot.path.length === 0 ? "whole" : "fields";
        const before = forms.get(slot.top);
        if (before !== undefined && (before.form !== form || form === "whole")) {
          this.error(
            ref("value"),
            "conflicting-forms",
            `${slot.top} is given in two forms (also ${before.ref}): keep one`,
            {
              symbol,
            },
          );
          continue;
        }
        forms.set(slot.top, before ?? { form, ref: ref("value") });
        target = {
          set: (value) => {
            if (slot.path.length === 0) values.set(slot.top, value);
            else {
              const object = (values.get(slot.top) as Record<string, unknown> | undefined) ?? {};
              setAt(object, slot.path, value);
              values.set(slot.top, object);
            }
            return value;
          },
        };
      }

      if (slot.node.kind === "leaf") {
        const extra = (["unit", "option", "source", "method", "frequency", "comments", ...seriesCells] as const).find(
          (k) => v[k as keyof typeof v] !== undefined && !(k === "unit" && v.value === undefined),
        );
        if (extra && extra !== "unit") {
          this.error(ref(extra), "not-allowed", `${describeSlot(slot)} takes only a value`, { symbol });
          continue;
        }
        if (v.value === undefined) {
          this.error(ref("value"), "missing-value", `${describeSlot(slot)} has no value`, { symbol });
          continue;
        }
        const leaf = this.leaf(slot.node, v.value, ref("value"), symbol);
        if (leaf === null) continue;
        target.set(leaf);
        this.map(path, ref("value"));
        continue;
      }

      const q = this.quantity(slot, slot.node, v, note, ref, symbol);
      if (q === null) continue;
      const stored = target.set(q.value) as Record<string, unknown>;
      for (const [k, at] of q.cells) this.map([...path, ...k], at);
      this.map(path, q.main);
      if (q.series) this.series.set(`${slot.label}\u0000${v.point ?? ""}`, { object: stored, path });
    }

    const out: Record<string, unknown> = {};
    for (const top of new Set(slots.map((s) => s.top))) {
      const entries = lists.get(top);
      if (entries) out[top] = [...entries.values()].map((e) => e.object);
      else if (values.has(top)) out[top] = values.get(top);
    }
    return out;
  }

  private unknownParameter(ref: string, label: string, slots: readonly Slot[], section: string): void {
    const labels = [...new Set(slots.map((s) => s.label))];
    const hint = labels.find((l) => l.toLowerCase() === label.toLowerCase());
    this.error(
      ref,
      "unknown-parameter",
      `unknown parameter${hint ? ` (did you mean "${hint}"?)` : ""} in the ${section === "fixed" ? "fixed-parameter table" : "Table 1"}`,
      {
        expected: `one of ${labels.slice(0, 20).join(", ")}${labels.length > 20 ? ` and ${labels.length - 20} more` : ""}`,
        found: quoteCell(label),
      },
    );
  }

  private leaf(node: LeafNode, text: string, ref: string, symbol: string): unknown {
    if (node.enum) {
      const match = node.enum.find((e) => String(e) === text);
      if (match !== undefined) return match;
      return this.error(ref, "invalid-value", `not a value ${symbol} takes`, {
        symbol,
        expected: `one of ${node.enum.slice(0, 20).map(String).join(", ")}${node.enum.length > 20 ? ` and ${node.enum.length - 20} more` : ""}`,
        found: quoteCell(text),
      });
    }
    if (node.type === "boolean") {
      const lower = text.trim().toLowerCase();
      if (lower === "true") return true;
      if (lower === "false") return false;
      return this.error(ref, "invalid-value", `${symbol} is TRUE or FALSE`, {
        symbol,
        expected: "TRUE or FALSE",
        found: quoteCell(text),
      });
    }
    if (node.type === "integer") {
      if (/^-?[0-9]{1,15}$/.test(text)) return Number(text);
      return this.error(ref, "invalid-value", `${symbol} is a whole number`, {
        symbol,
        expected: "a whole number",
        found: quoteCell(text),
      });
    }
    return text;
  }

  private quantity(
    slot: Slot,
    node: QuantityNode,
    v: Record<string, string | undefined>,
    note: string | undefined,
    ref: (key: string) => string,
    symbol: string,
  ): { value: unknown; cells: [PathSegment[], string][]; main: string; series?: Record<string, unknown> } | null {
    const cells: [PathSegment[], string][] = [];
    const ok = this.issues.length;
    const unit = v.unit;
    if (unit !== undefined) {
      if (!isKnownUnit(unit))
        this.error(ref("unit"), "unknown-unit", `unknown unit for ${symbol}`, {
          symbol,
          expected: node.units.join(", "),
          found: quoteCell(unit),
        });
      else if (!node.units.includes(unit))
        this.error(ref("unit"), "wrong-unit-dimension", `${symbol} is not measured in this unit`, {
          symbol,
          expected: node.units.join(", "),
          found: quoteCell(unit),
        });
      cells.push([["unit"], ref("unit")]);
    }
    if (v.option !== undefined) {
      if (!["A", "B", "C"].includes(v.option))
        this.error(ref("option"), "invalid-option", `monitoring option of ${symbol} must be A, B or C`, {
          symbol,
          expected: "A, B or C (jcm-rules §3)",
          found: quoteCell(v.option),
        });
      cells.push([["option"], ref("option")]);
    }
    const noteRef = ["source", "method", "frequency", "comments"]
      .map((k) => (v[k] !== undefined ? ref(k) : undefined))
      .find(Boolean);
    if (note !== undefined && noteRef) cells.push([["note"], noteRef]);
    const idKey = slot.list?.entries === "quantities" ? slot.list.idKey : undefined;

    if (v.csv !== undefined) {
      if (!node.series)
        this.error(ref("csv"), "series-not-accepted", `${symbol} does not accept a series of readings`, { symbol });
      if (v.value !== undefined)
        this.error(ref("value"), "value-and-series", `${symbol}: give a value or a readings file, not both`, {
          symbol,
        });
      const problem = csvPathProblem(v.csv);
      if (problem)
        this.error(ref("csv"), "path-not-allowed", `the readings file's path is not allowed: ${problem}`, {
          symbol,
          expected: CSV_PATH_RULES,
          found: quoteCell(v.csv),
        });
      if (unit === undefined)
        this.error(ref("unit"), "missing", `a series of ${symbol} must state its unit`, {
          symbol,
          expected: node.units.join(", "),
        });
      if (v.kind === undefined)
        this.error(ref("kind"), "missing", `a series of ${symbol} needs its kind`, {
          symbol,
          expected: "interval or cumulative",
        });
      else if (v.kind !== "interval" && v.kind !== "cumulative")
        this.error(ref("kind"), "invalid-value", `a series of ${symbol} is interval or cumulative`, {
          symbol,
          expected: "interval or cumulative",
          found: quoteCell(v.kind),
        });
      if (v.rolloverAt !== undefined) this.decimal(v.rolloverAt, ref("rolloverAt"), symbol);
      if (this.issues.length > ok) return null;
      const series: Record<string, unknown> = {
        ...(idKey && { [idKey]: v.point }),
        unit,
        kind: v.kind,
        ...(v.interval !== undefined && { interval: v.interval }),
        ...(v.rolloverAt !== undefined && { rolloverAt: v.rolloverAt }),
        ...(v.option !== undefined && { option: v.option }),
        ...(note !== undefined && { note }),
        csv: v.csv,
      };
      for (const k of ["csv", "kind", "interval", "rolloverAt"]) if (v[k] !== undefined) cells.push([[k], ref(k)]);
      return { value: series, cells, main: ref("csv"), series };
    }
    const stray = (["kind", "interval", "rolloverAt"] as const).find((k) => v[k] !== undefined);
    if (stray) this.error(ref(stray), "not-allowed", `${symbol}: the series columns need a readings file`, { symbol });
    if (v.value === undefined) {
      this.error(ref("value"), "missing-value", `${describeSlot(slot)} has no value`, {
        symbol,
        expected: `a decimal in ${node.canonical}`,
      });
      return null;
    }
    this.decimal(v.value, ref("value"), symbol);
    if (this.issues.length > ok) return null;
    cells.push([["value"], ref("value")]);
    const bare = unit === undefined && v.option === undefined && note === undefined && idKey === undefined;
    const value = bare
      ? v.value
      : {
          ...(idKey && { [idKey]: v.point }),
          value: v.value,
          ...(unit !== undefined && { unit }),
          ...(v.option !== undefined && { option: v.option }),
          ...(note !== undefined && { note }),
        };
    return { value, cells, main: ref("value") };
  }

  private decimal(text: string, ref: string, symbol?: string): boolean {
    const problem = decimalProblem(text);
    if (!problem) return true;
    this.error(ref, problem === "not-a-decimal" ? "invalid-decimal" : "out-of-range", "not an acceptable decimal", {
      ...(symbol !== undefined && { symbol }),
      expected: DECIMAL_PROBLEM_TEXT[problem],
      found: quoteCell(text),
    });
    return false;
  }

  // ── Meter replacements ────────────────────────────────────────────────────────────────────

  readReplacements(table: Table): void {
    for (const r of table.rows) {
      const cell = (key: string) => this.text(table, r, key);
      const v = {
        parameter: cell("parameter"),
        point: cell("point"),
        at: cell("at"),
        oldFinal: cell("oldFinal"),
        newInitial: cell("newInitial"),
      };
      if (Object.values(v).includes(null)) continue;
      if (Object.values(v).every((x) => x === undefined)) continue;
      const ref = (key: string) => this.ref(table, r, key);
      const label = (v.parameter ?? "").trim();
      const series = this.series.get(`${label}\u0000${v.point ?? ""}`);
      if (!series) {
        this.error(ref("parameter"), "no-such-series", "a meter replacement names no CSV-backed series of Table 1", {
          expected: "the parameter and monitoring point of a row with a readings file",
          found: quoteCell(`${label} ${v.point ?? ""}`.trim()),
        });
        continue;
      }
      const missing = (["at", "oldFinal", "newInitial"] as const).find((k) => v[k] === undefined);
      if (missing) {
        this.error(ref(missing), "missing", "a meter replacement needs the instant and both readings");
        continue;
      }
      const ok = this.decimal(v.oldFinal!, ref("oldFinal")) && this.decimal(v.newInitial!, ref("newInitial"));
      if (!ok) continue;
      const list = (series.object.replacements as unknown[] | undefined) ?? [];
      const index = list.length;
      list.push({ at: v.at, oldFinal: v.oldFinal, newInitial: v.newInitial });
      // Keep csv last, as the writer does (key order never matters to the digest).
      const { csv, ...rest } = series.object;
      for (const k of Object.keys(series.object)) delete series.object[k];
      Object.assign(series.object, rest, { replacements: list, csv });
      for (const k of ["at", "oldFinal", "newInitial"]) this.map([...series.path, "replacements", index, k], ref(k));
      this.map([...series.path, "replacements", index], ref("at"));
    }
  }
}

function samePeriod(text: string, period: string): boolean {
  const dates = text.match(/\d{4}[-/]\d{2}[-/]\d{2}/g);
  const expected = period.match(/\d{4}-\d{2}-\d{2}/g);
  if (dates?.length !== 2 || !expected) return false;
  const rest = text.replace(/\d{4}[-/]\d{2}[-/]\d{2}/g, "").trim();
  if (!/^(?:–|—|-|~|to|〜)?$/i.test(rest)) return false;
  return dates[0]!.replace(/\//g, "-") === expected[0] && dates[1]!.replace(/\//g, "-") === expected[1];
}

function setAt(object: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let o = object;
  for (const key of path.slice(0, -1)) {
    const next = o[key];
    if (typeof next !== "object" || next === null) o[key] = {};
    o = o[key] as Record<string, unknown>;
  }
  o[path.at(-1)!] = value;
}

/** At most MAX_ISSUES warnings too, then one that counts the rest (a million number cells stay bounded). */
function cappedWarnings(warnings: WorkbookWarning[]): WorkbookWarning[] {
  if (warnings.length <= MAX_ISSUES) return warnings;
  return [
    ...warnings.slice(0, MAX_ISSUES),
    {
      path: warnings[MAX_ISSUES]!.path,
      code: "too-many-warnings",
      message: `${warnings.length - MAX_ISSUES} more warnings (from this cell on) are not listed`,
    },
  ];
}

function capped(issues: Issue[]): Issue[] {
  if (issues.length <= MAX_ISSUES) return issues;
  return [
    ...issues.slice(0, MAX_ISSUES),
    {
      path: "",
      code: "too-many-issues",
      message: `${issues.length - MAX_ISSUES} more problems were found and are not listed`,
    },
  ];
}

/**
 * Reads a workbook into a monitoring document. The workbook passes the size checks of trust.md §1
 * first; then its tables are found by their header rows and every cell is read as what it is.
 * @throws {MrvValidationError} every problem at once, each naming its sheet and cell.
 */
export async function readWorkbookWith(
  input: Uint8Array | ArrayBuffer,
  options: ReadWorkbookOptions & { registry: Registry },
): Promise<WorkbookRead> {
  const bytes = input instanceof Uint8Array ? input : new Uint8Array(input);
  const file = options.file ?? "workbook.xlsx";
  const checked = checkWorkbookZip(bytes, file);
  if (!checked.ok) throw new MrvValidationError([checked.issue]);
  const sha256 = sha256Hex(bytes);
  const lib = await loadExcelJs();
  const wb = new lib.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (error) {
    if (error instanceof MrvError) throw error;
    throw new MrvValidationError([
      {
        path: file,
        code: "unreadable-workbook",
        message: `the workbook cannot be read (${error instanceof Error ? error.message.slice(0, 120) : "unknown error"})`,
        expected: "an .xlsx workbook",
      },
    ]);
  }
  const grids: Grid[] = wb.worksheets.map((ws) => gridOf(ws as unknown as WorksheetLike));
  const found = findTables(grids);
  const reader = new WorkbookReader(found.tables);
  reader.issues.push(...found.issues);
  reader.warnings.push(...found.warnings);

  const missing = (what: string) =>
    reader.error(file, "missing-table", `no sheet has ${what}`, { expected: `a header row with ${what}` });
  const documentTable = found.tables.get("document");
  const table1 = found.tables.get("table1");
  if (!documentTable) missing("the project table (Field, Value)");
  if (!table1) missing("Table 1 ((a) Monitoring period … (k) Other comments)");
  if (!documentTable || found.issues.length > 0) throw new MrvValidationError(capped(reader.issues));

  const envelope = reader.readDocument(documentTable);
  const methodology = envelope.methodology as Record<string, string> | undefined;
  if (reader.issues.length > 0 || !methodology) throw new MrvValidationError(capped(reader.issues));
  let module: AnyMethodology;
  try {
    module = options.module ?? options.registry.get(methodology.id!, methodology.version);
  } catch (error) {
    if (!(error instanceof MrvValidationError)) throw error;
    throw new MrvValidationError(locateIssues(error.issues, reader.cells));
  }
  const model: WorkbookModel = workbookModel(module);
  const fixedTable = found.tables.get("fixed");
  if (!fixedTable && model.fixed.length > 0) missing("the table of parameters fixed ex ante (Parameter, Value, …)");
  if (reader.issues.length > 0 || !table1) throw new MrvValidationError(capped(reader.issues));

  const p = envelope.period as Record<string, string>;
  const period = `${p.start} – ${p.end}`;
  const fixed = fixedTable ? reader.readParameters(fixedTable, model.fixed, "fixed", undefined) : {};
  const monitored = reader.readParameters(table1, model.monitored, "monitored", period);
  const replacements = found.tables.get("replacements");
  if (replacements) reader.readReplacements(replacements);
  if (reader.issues.length > 0) throw new MrvValidationError(capped(reader.issues));

  const document: Record<string, unknown> = { methodology: envelope.methodology };
  if (envelope.project) document.project = envelope.project;
  document.period = envelope.period;
  document.fixed = fixed;
  document.monitored = monitored;
  if (envelope.reported) document.reported = envelope.reported;
  if (envelope.options) document.options = envelope.options;
  return {
    document,
    warnings: cappedWarnings(reader.warnings),
    source: { file, sha256 },
    cells: Object.fromEntries(reader.cells),
  };
}

/**
 * Issues about a document read from a workbook, with each `path` replaced by the cell the value
 * came from (the nearest one recorded: a missing parameter names its table's header). The
 * document path stays in the message.
 */
export function locateIssues(issues: readonly Issue[], cells: Readonly<Record<string, string>> | Cells): Issue[] {
  const lookup = (path: string) =>
    cells instanceof Map ? cells.get(path) : Object.hasOwn(cells, path) ? cells[path] : undefined;
  return issues.map((issue) => {
    let path = issue.path;
    let cell = lookup(path);
    while (cell === undefined && path !== "") {
      path = parentPath(path);
      cell = lookup(path);
    }
    if (cell === undefined) return { ...issue };
    return { ...issue, path: cell, message: `${issue.message} (${issue.path === "" ? "document" : issue.path})` };
  });
}

/** `monitored["EG_i,p"][0].value` → `monitored["EG_i,p"][0]` → `monitored["EG_i,p"]` → `monitored` → "". */
function parentPath(path: string): string {
  if (path.endsWith("]")) {
    // Either [n] or ["key"]: find the matching "[" outside a quoted key.
    let i = path.length - 2;
    if (path[i] === '"') {
      i--;
      while (i > 0 && !(path[i] === '"' && path[i - 1] === "[" && path[i - 2] !== "\\")) i--;
      return path.slice(0, i - 1);
    }
    return path.slice(0, path.lastIndexOf("["));
  }
  const dot = path.lastIndexOf(".");
  const bracket = path.lastIndexOf("]");
  if (dot > bracket) return path.slice(0, dot);
  if (bracket >= 0) return path.slice(0, bracket + 1);
  return "";
}
