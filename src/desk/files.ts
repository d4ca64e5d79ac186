/**
 * The desk's intake, without the DOM: what each given file is, the size limits checked before a byte
 * is read (trust.md §1), and which given file stands for each CSV path a document names.
 *
 * A file is known by its `path`: the path below the folder it was dropped or chosen with
 * (`webkitRelativePath`, or a dropped folder's entry path), or just its name. Matching a CSV path the
 * document writes (`readings/inv-1.csv`):
 * 1. the file whose path is the document's folder joined with that path (a folder dropped whole);
 * 2. else the one file whose name is the path's last segment (`inv-1.csv`) — only when exactly one
 *    given file has that name and the document names no other path ending in that name;
 * anything else is an error naming the path: missing, or ambiguous (the candidates listed).
 */

import { CSV_LIMITS } from "../core/csv.js";
import { DOCUMENT_LIMITS } from "../document/parse.js";
import { WORKBOOK_LIMITS } from "../xlsx/limits.js";

/** What the desk does with a file, told by its extension. */
export type FileRole = "document" | "workbook" | "csv" | "other";

/** The largest file of each role, in bytes (trust.md §1): checked against `File.size` before reading. */
export const SIZE_LIMITS: Readonly<Record<Exclude<FileRole, "other">, number>> = Object.freeze({
  document: DOCUMENT_LIMITS.maxTextLength,
  workbook: WORKBOOK_LIMITS.maxFileBytes,
  csv: CSV_LIMITS.maxFileBytes,
});

/** The limits as a person reads them. */
export const SIZE_LIMIT_LABELS: Readonly<Record<Exclude<FileRole, "other">, string>> = Object.freeze({
  document: "256 MB",
  workbook: "64 MB",
  csv: "4 GiB",
});

export function roleOf(name: string): FileRole {
  const lower = name.toLowerCase();
  if (lower.endsWith(".json")) return "document";
  if (lower.endsWith(".xlsx")) return "workbook";
  if (lower.endsWith(".csv")) return "csv";
  return "other";
}

/** A given file as the matcher sees it. */
export interface Given {
  /** The path below the folder it came with (`project/readings/inv-1.csv`), or its name. */
  path: string;
  /** Its name: the last segment of `path`. */
  name: string;
  size: number;
}

/** Most files one drop may bring (a dropped folder is walked no further). */
export const MAX_GIVEN_FILES = 10_000;
/** Deepest folder walked in a dropped folder. */
export const MAX_FOLDER_DEPTH = 64;
/** Most candidates an error lists; the rest are counted (trust.md §3). */
const MAX_LISTED = 20;

/**
 * The path a dropped or chosen file is known by: its relative path with any leading slash removed,
 * else its name. Backslashes (which no browser puts there) become slashes so a path stays one path.
 */
export function givenPath(name: string, relative?: string): string {
  const path = (relative ?? "").replace(/\\/g, "/").replace(/^\/+/, "");
  return path === "" ? name : path;
}

/** The folder part of a path (`""` for a bare name). */
export function folderOf(path: string): string {
  const slash = path.lastIndexOf("/");
  return slash < 0 ? "" : path.slice(0, slash);
}

export const nameOf = (path: string): string => path.slice(path.lastIndexOf("/") + 1);

/** A file over its role's limit: the message (about `subject`), else undefined. */
export function sizeProblem(given: Given, role: FileRole, subject = "the file"): string | undefined {
  if (role === "other") return undefined;
  const max = SIZE_LIMITS[role];
  if (given.size <= max) return undefined;
  return `${subject} has ${given.size} bytes; at most ${max} (${SIZE_LIMIT_LABELS[role]}) are read`;
}

export type CsvMatch<T extends Given> =
  | { ok: true; file: T; by: "path" | "name" }
  | { ok: false; code: "csv-missing" | "csv-ambiguous"; message: string; expected: string };

function listed(paths: readonly string[]): string {
  const shown = paths.slice(0, MAX_LISTED).join(", ");
  return paths.length > MAX_LISTED ? `${shown} and ${paths.length - MAX_LISTED} more` : shown;
}

/**
 * For each CSV path a document names, the given file that stands for it, or why none does.
 * `documentPath` is the path of the document (or workbook) among the given files.
 */
export function matchCsvFiles<T extends Given>(
  csvPaths: readonly string[],
  documentPath: string,
  given: readonly T[],
): Map<string, CsvMatch<T>> {
  const folder = folderOf(documentPath);
  const byPath = new Map<string, T>();
  const byName = new Map<string, T[]>();
  for (const file of given) {
    byPath.set(file.path, file);
    const same = byName.get(file.name);
    if (same) same.push(file);
    else byName.set(file.name, [file]);
  }
  // How many different paths of the document end in each name: one file cannot stand for two.
  const wanted = new Map<string, number>();
  for (const path of new Set(csvPaths)) wanted.set(nameOf(path), (wanted.get(nameOf(path)) ?? 0) + 1);

  const matches = new Map<string, CsvMatch<T>>();
  for (const path of csvPaths) {
    if (matches.has(path)) continue;
    const exact = byPath.get(folder === "" ? path : `${folder}/${path}`);
    if (exact) {
      matches.set(path, { ok: true, file: exact, by: "path" });
      continue;
    }
    const name = nameOf(path);
    const candidates = byName.get(name) ?? [];
    const expected = `one file named ${name}, or the folder holding the document and ${path}`;
    if (candidates.length === 0)
      matches.set(path, {
        ok: false,
        code: "csv-missing",
        message: `no file given is named ${name}: add the file (or drop the folder that holds the document and its CSV files)`,
        expected,
      });
    else if (candidates.length > 1)
      matches.set(path, {
        ok: false,
        code: "csv-ambiguous",
        message: `${candidates.length} files given are named ${name} (${listed(candidates.map((c) => c.path))}): the name does not tell which one; drop the folder that holds the document, or remove the others`,
        expected,
      });
    else if ((wanted.get(name) ?? 0) > 1)
      matches.set(path, {
        ok: false,
        code: "csv-ambiguous",
        message: `the document names ${wanted.get(name)} different paths ending in ${name}; one file named ${name} cannot stand for them all: drop the folder that holds the document and its CSV files`,
        expected,
      });
    else matches.set(path, { ok: true, file: candidates[0]!, by: "name" });
  }
  return matches;
}
