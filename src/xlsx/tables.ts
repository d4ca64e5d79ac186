import type { Issue } from "../core/errors.js";
import { type CellContent, cellContent, cellRef, quoteCell, rangeRef, sheetLabel } from "./cells.js";
import {
  type ColumnSpec,
  columnKey,
  normaliseLabel,
  TABLE_COLUMNS,
  TABLE_NAMES,
  type TableKind,
  tableKindOf,
} from "./labels.js";

/**
 * A workbook as the reader sees it: each sheet a sparse grid of cell contents, and the tables found
 * in it by their header rows. A table runs from its header row down to the next header row of the
 * same sheet, or the sheet's end.
 */

export interface CellInfo {
  content: CellContent;
  /** Address of the merged range's first cell, when the cell is part of one. */
  merged?: string;
}

export interface Grid {
  name: string;
  rows: Map<number, Map<number, CellInfo>>;
}

export interface Table {
  kind: TableKind;
  grid: Grid;
  header: number;
  /** Column key → column number. */
  columns: Map<string, number>;
  /** Data rows (with at least one cell), in order. */
  rows: number[];
  first: number;
  last: number;
}

/** Minimal view of an exceljs worksheet (only what is read). */
export interface WorksheetLike {
  name: string;
  eachRow(
    options: { includeEmpty: boolean },
    callback: (
      row: {
        eachCell(
          options: { includeEmpty: boolean },
          callback: (cell: { value: unknown; isMerged: boolean; master: { address: string } }, column: number) => void,
        ): void;
      },
      rowNumber: number,
    ) => void,
  ): void;
}

export function gridOf(sheet: WorksheetLike): Grid {
  const rows = new Map<number, Map<number, CellInfo>>();
  sheet.eachRow({ includeEmpty: false }, (row, r) => {
    const cells = new Map<number, CellInfo>();
    row.eachCell({ includeEmpty: false }, (cell, c) => {
      const content = cellContent(cell.value);
      const merged = cell.isMerged ? cell.master.address : undefined;
      if (content.kind !== "empty" || merged !== undefined)
        cells.set(c, { content, ...(merged !== undefined && { merged }) });
    });
    if (cells.size > 0) rows.set(r, cells);
  });
  return { name: sheet.name, rows: new Map([...rows].sort(([a], [b]) => a - b)) };
}

function headerLabels(cells: Map<number, CellInfo>): Set<string> {
  const labels = new Set<string>();
  for (const { content } of cells.values()) if (content.kind === "text") labels.add(normaliseLabel(content.text));
  return labels;
}

export interface FoundTables {
  tables: Map<TableKind, Table>;
  issues: Issue[];
  warnings: { code: string; message: string; path: string }[];
}

/** Finds every table by its header row; checks columns, duplicates and merged cells. */
export function findTables(grids: readonly Grid[]): FoundTables {
  const issues: Issue[] = [];
  const warnings: FoundTables["warnings"] = [];
  const tables = new Map<TableKind, Table>();
  for (const grid of grids) {
    const headers: { row: number; kind: TableKind }[] = [];
    for (const [r, cells] of grid.rows) {
      const kind = tableKindOf(headerLabels(cells));
      if (kind) headers.push({ row: r, kind });
    }
    // Rows are sorted; each table takes the rows between its header and the next (linear overall).
    const rowNumbers = [...grid.rows.keys()];
    const index = new Map(rowNumbers.map((r, i) => [r, i]));
    headers.forEach((h, i) => {
      const next = headers[i + 1]?.row;
      const from = index.get(h.row)! + 1;
      const to = next === undefined ? rowNumbers.length : index.get(next)!;
      const cells = grid.rows.get(h.row)!;
      const columns = new Map<string, number>();
      const unknown: number[] = [];
      for (const [c, { content }] of cells) {
        if (content.kind !== "text") continue;
        const key = columnKey(h.kind, content.text);
        if (key === undefined) {
          unknown.push(c);
          continue;
        }
        const before = columns.get(key);
        if (before !== undefined) {
          issues.push({
            path: cellRef(grid.name, h.row, c),
            code: "duplicate-column",
            message: `the column ${quoteCell(content.text)} appears twice in ${TABLE_NAMES[h.kind]} (also ${cellRef(grid.name, h.row, before)})`,
          });
          continue;
        }
        columns.set(key, c);
      }
      const numbers = [...columns.values(), ...unknown];
      const table: Table = {
        kind: h.kind,
        grid,
        header: h.row,
        columns,
        rows: rowNumbers.slice(from, to),
        first: Math.min(...numbers),
        last: Math.max(...numbers),
      };
      const previous = tables.get(h.kind);
      if (previous) {
        issues.push({
          path: cellRef(grid.name, h.row, table.first),
          code: "duplicate-table",
          message: `${TABLE_NAMES[h.kind]} appears twice: here and at ${cellRef(previous.grid.name, previous.header, previous.first)}; keep one`,
        });
        return;
      }
      tables.set(h.kind, table);
      const missing = TABLE_COLUMNS[h.kind].filter((c) => c.required && !columns.has(c.key));
      if (missing.length > 0)
        issues.push({
          path: rangeRef(grid.name, h.row, table.first, table.last),
          code: "missing-column",
          message: `${TABLE_NAMES[h.kind]} lacks the column${missing.length === 1 ? "" : "s"} ${missing.map((c) => `"${c.label}"`).join(", ")}`,
          expected: TABLE_COLUMNS[h.kind]
            .filter((c) => c.required)
            .map((c) => c.label)
            .join(", "),
        });
      checkMerged(table, issues);
      ignoredColumns(table, unknown, warnings);
    });
  }
  return { tables, issues, warnings };
}

function checkMerged(table: Table, issues: Issue[]): void {
  const seen = new Set<string>();
  for (const r of [table.header, ...table.rows]) {
    for (const [c, info] of table.grid.rows.get(r)!) {
      if (info.merged === undefined || c < table.first || c > table.last || seen.has(info.merged)) continue;
      seen.add(info.merged);
      issues.push({
        path: cellRef(table.grid.name, r, c),
        code: "merged-cells",
        message: `merged cells (from ${sheetLabel(table.grid.name)}!${info.merged}) in ${TABLE_NAMES[table.kind]}: unmerge them, one value per cell`,
      });
    }
  }
}

/** Data under a header the reader does not know is not read: one warning per such column. */
function ignoredColumns(table: Table, unknown: number[], warnings: FoundTables["warnings"]): void {
  const known = new Set(table.columns.values());
  const counts = new Map<number, { count: number; first: number }>();
  for (const r of table.rows) {
    for (const [c, info] of table.grid.rows.get(r)!) {
      if (known.has(c) || info.content.kind === "empty") continue;
      const entry = counts.get(c) ?? { count: 0, first: r };
      entry.count++;
      counts.set(c, entry);
    }
  }
  for (const [c, { count, first }] of [...counts].sort(([a], [b]) => a - b)) {
    const named = unknown.includes(c);
    warnings.push({
      code: "column-not-read",
      path: cellRef(table.grid.name, named ? table.header : first, c),
      message: `${count} cell${count === 1 ? "" : "s"} of ${TABLE_NAMES[table.kind]} ${named ? "under a header jcm-mrv does not know" : "without a column header"} ${count === 1 ? "is" : "are"} not read (from ${cellRef(table.grid.name, first, c)})`,
    });
  }
}

/** The column spec of a key in a table kind. */
export function specOf(kind: TableKind, key: string): ColumnSpec | undefined {
  return TABLE_COLUMNS[kind].find((c) => c.key === key);
}
