/**
 * Cells as the reader sees them: what a cell holds (text, a number Excel stored, a formula, …),
 * where it is (`Table 1!E7`), and how an issue quotes it (trust.md §2: at most the offending cell,
 * at most 80 characters of it, escaped).
 */
import { escapeForDisplay, quote } from "../core/display.js";

/** What one cell holds, told apart by how the workbook stored it. */
export type CellContent =
  | { kind: "empty" }
  | { kind: "text"; text: string; hyperlink?: string }
  | { kind: "number"; value: number }
  | { kind: "boolean"; value: boolean }
  | { kind: "date"; value: Date }
  | { kind: "formula"; formula: string }
  | { kind: "error"; text: string };

/** Reads the value exceljs parsed for a cell (untrusted: every shape is checked). */
export function cellContent(value: unknown): CellContent {
  if (value === null || value === undefined || value === "") return { kind: "empty" };
  if (typeof value === "string") return { kind: "text", text: value };
  if (typeof value === "number") return { kind: "number", value };
  if (typeof value === "boolean") return { kind: "boolean", value };
  if (value instanceof Date) return { kind: "date", value };
  if (typeof value === "object") {
    const v = value as Record<string, unknown>;
    if ("formula" in v || "sharedFormula" in v) {
      const formula =
        typeof v.formula === "string" ? v.formula : typeof v.sharedFormula === "string" ? v.sharedFormula : "";
      return { kind: "formula", formula };
    }
    if (Array.isArray(v.richText)) {
      const text = v.richText
        .map((run) =>
          run && typeof (run as { text?: unknown }).text === "string" ? (run as { text: string }).text : "",
        )
        .join("");
      return text === "" ? { kind: "empty" } : { kind: "text", text };
    }
    if (typeof v.error === "string") return { kind: "error", text: v.error };
    if (typeof v.text === "string" || (v.text && typeof v.text === "object")) {
      const inner = cellContent(v.text);
      if (inner.kind !== "text") return inner;
      return typeof v.hyperlink === "string" ? { kind: "text", text: inner.text, hyperlink: v.hyperlink } : inner;
    }
  }
  return { kind: "error", text: "an unreadable cell" };
}

/** Visible escapes for control, bidirectional and invisible characters (trust.md §4): the library's one escaping. */
export const escapeText = escapeForDisplay;

/** An issue's `found` for a cell's text: quoted, at most 80 characters of it, escaped, `…` when cut. */
export const quoteCell = (text: string): string => quote(text);

/** What an issue shows of a cell, whatever it holds. */
export function describeCell(content: CellContent): string {
  switch (content.kind) {
    case "empty":
      return "an empty cell";
    case "text":
      return quoteCell(content.text);
    case "number":
      return `the number ${String(content.value)}`;
    case "boolean":
      return content.value ? "TRUE" : "FALSE";
    case "date":
      return `a date (${Number.isNaN(content.value.getTime()) ? "invalid" : content.value.toISOString()})`;
    case "formula":
      return `the formula ${quoteCell(`=${content.formula}`)}`;
    case "error":
      return `the error value ${quoteCell(content.text)}`;
  }
}

/** A sheet name as references print it: escaped, at most 31 characters (Excel's own limit). */
export function sheetLabel(name: string): string {
  const chars = Array.from(name);
  return escapeText(chars.length > 31 ? `${chars.slice(0, 31).join("")}…` : name);
}

/** Column number (1-based) → letters: 1 → A, 27 → AA. */
export function columnLetters(column: number): string {
  let n = column;
  let out = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = (n - 1 - r) / 26;
  }
  return out;
}

/** `Table 1!E7`. */
export function cellRef(sheet: string, row: number, column: number): string {
  return `${sheetLabel(sheet)}!${columnLetters(column)}${row}`;
}

/** `Table 1!A3:K3`. */
export function rangeRef(sheet: string, row: number, first: number, last: number, lastRow = row): string {
  return `${sheetLabel(sheet)}!${columnLetters(first)}${row}:${columnLetters(last)}${lastRow}`;
}
