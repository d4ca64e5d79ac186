import { Inflate } from "fflate";
import type { Issue } from "../core/errors.js";
import { WORKBOOK_LIMITS } from "./limits.js";

/**
 * The zip check every workbook passes before a workbook library reads it (trust.md §1): the
 * central directory is read by hand, the declared sizes are summed, then every entry is inflated
 * with fflate's streaming inflater in small steps, its output counted and dropped at once — so a
 * zip bomb (small declared sizes, huge real ones) stops within a few MB of the limit, with memory
 * bounded by one step. Worksheets are scanned on the fly for the cells they hold.
 *
 * The library that reads the file afterwards (exceljs, through JSZip) takes each entry's compressed
 * bytes from the same central-directory offsets and sizes, so it inflates exactly what was counted.
 */

export interface ZipCheck {
  /** Worksheet entries (`xl/worksheets/*.xml`). */
  sheets: number;
  /** Cells that hold something, over every worksheet. */
  cells: number;
  /** Bytes of every entry inflated. */
  inflatedBytes: number;
}

interface Entry {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  size: number;
  localOffset: number;
  centralOffset: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
/** Compressed bytes handed to the inflater at once: ≤ 16 KiB in → at most ~17 MB out per step. */
const STEP = 16 * 1024;

class ZipProblem extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly expected?: string,
    readonly found?: string,
  ) {
    super(message);
  }
}

const u16 = (b: Uint8Array, at: number) => b[at]! | (b[at + 1]! << 8);
const u32 = (b: Uint8Array, at: number) => (b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16) | (b[at + 3]! << 24)) >>> 0;

function notAZip(why: string): ZipProblem {
  return new ZipProblem("not-a-workbook", `not an .xlsx workbook: ${why}`, "an .xlsx file (a zip archive)");
}

function endOfCentralDirectory(bytes: Uint8Array): number {
  const last = bytes.length - 22;
  const first = Math.max(0, last - 0xffff);
  for (let at = last; at >= first; at--) if (u32(bytes, at) === EOCD) return at;
  throw notAZip("no zip directory found");
}

function readEntries(bytes: Uint8Array): Entry[] {
  if (bytes.length < 22) throw notAZip("the file is too short");
  const eocd = endOfCentralDirectory(bytes);
  const count = u16(bytes, eocd + 10);
  const size = u32(bytes, eocd + 12);
  const offset = u32(bytes, eocd + 16);
  if (count === 0xffff || size === 0xffffffff || offset === 0xffffffff)
    throw new ZipProblem("zip64-not-supported", "ZIP64 archives are not read (no workbook under 64 MB needs one)");
  if (u16(bytes, eocd + 4) !== 0 || u16(bytes, eocd + 6) !== 0) throw notAZip("multi-volume archives are not read");
  if (count > WORKBOOK_LIMITS.maxZipEntries)
    throw new ZipProblem(
      "too-many-zip-entries",
      `the workbook's zip archive has ${count} entries`,
      `at most ${WORKBOOK_LIMITS.maxZipEntries}`,
      String(count),
    );
  if (offset + size > eocd) throw notAZip("the zip directory lies outside the file");
  const entries: Entry[] = [];
  let at = offset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > eocd || u32(bytes, at) !== CENTRAL) throw notAZip("a damaged zip directory");
    const nameLength = u16(bytes, at + 28);
    const next = at + 46 + nameLength + u16(bytes, at + 30) + u16(bytes, at + 32);
    if (next > eocd) throw notAZip("a damaged zip directory");
    const name = new TextDecoder("utf-8", { fatal: false }).decode(bytes.subarray(at + 46, at + 46 + nameLength));
    entries.push({
      name: name.startsWith("/") ? name.slice(1) : name,
      flags: u16(bytes, at + 8),
      method: u16(bytes, at + 10),
      compressedSize: u32(bytes, at + 20),
      size: u32(bytes, at + 24),
      localOffset: u32(bytes, at + 42),
      centralOffset: at,
    });
    at = next;
  }
  return entries;
}

/** Counts `</c>` (or `</x:c>`, any prefix) in a worksheet's XML as it streams past: a cell with content. */
function createCellCounter(): { feed(chunk: Uint8Array): void; count(): number } {
  let count = 0;
  let state = 0; // 0 text, 1 after "<", 2 reading a closing tag's name
  let name = "";
  return {
    feed(chunk) {
      for (let i = 0; i < chunk.length; i++) {
        const c = chunk[i]!;
        if (state === 0) {
          if (c === 0x3c) state = 1;
        } else if (state === 1) {
          if (c === 0x2f) {
            state = 2;
            name = "";
          } else state = c === 0x3c ? 1 : 0;
        } else if (c === 0x3e) {
          if (name === "c" || name.endsWith(":c")) count++;
          state = 0;
        } else if (c === 0x3c) state = 1;
        else if (name.length < 40) name += String.fromCharCode(c);
        else state = 0;
      }
    },
    count: () => count,
  };
}

const WORKSHEET = /^xl\/worksheets\/[^/]+\.xml$/i;

/**
 * Checks a workbook's bytes against {@link WORKBOOK_LIMITS} without keeping anything inflated.
 * Returns what it counted, or the issue that stopped it (path: `where`, e.g. the file name).
 */
export function checkWorkbookZip(
  bytes: Uint8Array,
  where: string,
): { ok: true; check: ZipCheck } | { ok: false; issue: Issue } {
  try {
    return { ok: true, check: check(bytes) };
  } catch (error) {
    if (!(error instanceof ZipProblem)) throw error;
    return {
      ok: false,
      issue: {
        path: where,
        code: error.code,
        message: error.message,
        ...(error.expected !== undefined && { expected: error.expected }),
        ...(error.found !== undefined && { found: error.found }),
      },
    };
  }
}

function check(bytes: Uint8Array): ZipCheck {
  const limits = WORKBOOK_LIMITS;
  if (bytes.length > limits.maxFileBytes)
    throw new ZipProblem(
      "file-too-large",
      `the workbook is ${bytes.length} bytes`,
      `at most ${limits.maxFileBytes} bytes (64 MB)`,
      String(bytes.length),
    );
  const entries = readEntries(bytes);
  let declared = 0;
  let sheets = 0;
  for (const e of entries) {
    declared += e.size;
    if (WORKSHEET.test(e.name)) sheets++;
    if (e.flags & 1) throw new ZipProblem("encrypted-workbook", `zip entry ${quoteName(e.name)} is encrypted`);
    if (e.method !== 0 && e.method !== 8)
      throw new ZipProblem(
        "unsupported-compression",
        `zip entry ${quoteName(e.name)} uses compression method ${e.method}`,
        "stored (0) or deflate (8)",
        String(e.method),
      );
  }
  if (sheets > limits.maxSheets)
    throw new ZipProblem(
      "too-many-sheets",
      `the workbook has ${sheets} worksheets`,
      `at most ${limits.maxSheets}`,
      String(sheets),
    );
  if (declared > limits.maxInflatedBytes)
    throw new ZipProblem(
      "workbook-too-large-inflated",
      `the workbook's entries declare ${declared} bytes once decompressed`,
      `at most ${limits.maxInflatedBytes} bytes (256 MB)`,
      String(declared),
    );

  let inflated = 0;
  let cells = 0;
  for (const e of entries) {
    const at = e.localOffset;
    if (at + 30 > bytes.length || u32(bytes, at) !== LOCAL)
      throw notAZip(`entry ${quoteName(e.name)} has no local header`);
    const start = at + 30 + u16(bytes, at + 26) + u16(bytes, at + 28);
    const end = start + e.compressedSize;
    if (end > bytes.length) throw notAZip(`entry ${quoteName(e.name)} runs past the end of the file`);
    const counter = WORKSHEET.test(e.name) ? createCellCounter() : undefined;
    let produced = 0;
    const take = (chunk: Uint8Array) => {
      produced += chunk.length;
      inflated += chunk.length;
      if (produced > e.size)
        throw new ZipProblem(
          "zip-size-mismatch",
          `zip entry ${quoteName(e.name)} inflates beyond the ${e.size} bytes it declares (a zip bomb?)`,
          `${e.size} bytes`,
          `more than ${produced - chunk.length} bytes`,
        );
      if (inflated > limits.maxInflatedBytes)
        throw new ZipProblem(
          "workbook-too-large-inflated",
          "the workbook inflates beyond the limit",
          `at most ${limits.maxInflatedBytes} bytes (256 MB) once decompressed`,
          `more than ${limits.maxInflatedBytes} bytes`,
        );
      counter?.feed(chunk);
    };
    const data = bytes.subarray(start, end);
    if (e.method === 0) take(data);
    else {
      const inflater = new Inflate((chunk) => take(chunk));
      try {
        if (data.length === 0) inflater.push(new Uint8Array(0), true);
        for (let offset = 0; offset < data.length; offset += STEP)
          inflater.push(data.subarray(offset, Math.min(offset + STEP, data.length)), offset + STEP >= data.length);
      } catch (error) {
        if (error instanceof ZipProblem) throw error;
        throw notAZip(
          `entry ${quoteName(e.name)} is damaged (${error instanceof Error ? error.message : "inflate failed"})`,
        );
      }
    }
    if (produced !== e.size)
      throw new ZipProblem(
        "zip-size-mismatch",
        `zip entry ${quoteName(e.name)} inflates to ${produced} bytes but declares ${e.size}`,
        `${e.size} bytes`,
        `${produced} bytes`,
      );
    if (counter) {
      cells += counter.count();
      if (cells > limits.maxCells)
        throw new ZipProblem(
          "too-many-cells",
          `the workbook holds more than ${limits.maxCells} non-empty cells`,
          `at most ${limits.maxCells}`,
          `more than ${limits.maxCells}`,
        );
    }
  }
  return { sheets, cells, inflatedBytes: inflated };
}

function quoteName(name: string): string {
  const short = name.length > 80 ? `${name.slice(0, 80)}…` : name;
  return JSON.stringify(short).replace(
    /[\u007f-\u009f\u200b-\u200d\u2060\u202a-\u202e\u2066-\u2069\ufeff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

/**
 * Sets every entry's modification time to 1980-01-01 00:00 (the zip epoch), in place, so a workbook
 * written twice from the same data is the same bytes (no clock in results, architecture §5).
 */
export function clearZipTimes(bytes: Uint8Array): Uint8Array {
  for (const e of readEntries(bytes)) {
    for (const [header, at] of [
      [e.centralOffset, 12],
      [e.localOffset, 10],
    ] as const) {
      bytes[header + at] = 0;
      bytes[header + at + 1] = 0;
      bytes[header + at + 2] = 0x21;
      bytes[header + at + 3] = 0;
    }
  }
  return bytes;
}
