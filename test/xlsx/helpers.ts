import ExcelJS from "exceljs";
import type { CalculationResult } from "../../src/calculate.js";
import { MrvValidationError } from "../../src/core/errors.js";
import { type Example, loadExamples } from "../helpers/examples.js";

/** Whether a document carries a series with inline readings (a workbook names CSV files instead). */
export function hasInlineSeries(document: unknown): boolean {
  const monitored = (document as { monitored?: Record<string, unknown> }).monitored ?? {};
  return Object.values(monitored).some((value) =>
    (Array.isArray(value) ? value : [value]).some((v) => typeof v === "object" && v !== null && "readings" in v),
  );
}

export const examples: Example[] = loadExamples();
export const workbookExamples = examples.filter((e) => !hasInlineSeries(JSON.parse(e.text)));

/** The figures a round trip must keep. */
export function figures(result: CalculationResult) {
  return {
    methodology: result.methodology,
    project: result.project,
    period: result.period,
    referenceEmissions: result.referenceEmissions,
    projectEmissions: result.projectEmissions,
    emissionReductionsUnrounded: result.emissionReductionsUnrounded,
    emissionReductions: result.emissionReductions,
    figures: result.figures,
    eligibility: result.eligibility,
    parameters: result.parameters.map((p) => ({ symbol: p.symbol, path: p.path, value: p.value, unit: p.unit })),
    trace: result.trace,
  };
}

/** Opens a workbook with exceljs, lets `change` edit it, writes it back. */
export async function edit(bytes: Uint8Array, change: (wb: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  change(wb);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** The issues of a rejected promise (fails the test when it resolves or throws something else). */
export async function issuesOf(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    if (error instanceof MrvValidationError) return error.issues;
    throw error;
  }
  throw new Error("expected a MrvValidationError");
}

/** Row number of the first row of a sheet whose column `column` holds `text`. */
export function rowOf(sheet: ExcelJS.Worksheet, column: number, text: string, from = 1): number {
  for (let r = from; r <= sheet.rowCount; r++) if (sheet.getCell(r, column).value === text) return r;
  throw new Error(`no row with ${text} in column ${column} of ${sheet.name}`);
}

// ── Zip archives by hand (for bombs and limits) ──────────────────────────────────────────────

export interface RawEntry {
  name: string;
  /** Bytes as stored (already deflated when method is 8). */
  data: Uint8Array;
  method: 0 | 8;
  /** Uncompressed size the archive declares. */
  size: number;
}

/** A zip archive whose headers say exactly what the test wants (sizes may lie; CRCs are zero). */
export function rawZip(entries: readonly RawEntry[]): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, "utf8");
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(e.method, 8);
    local.writeUInt32LE(e.data.length, 18);
    local.writeUInt32LE(e.size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(e.method, 10);
    central.writeUInt32LE(e.data.length, 20);
    central.writeUInt32LE(e.size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, Buffer.from(e.data));
    centrals.push(central, name);
    offset += local.length + name.length + e.data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, directory, end]));
}
