import { deflateRawSync, constants as zlib } from "node:zlib";
import type ExcelJS from "exceljs";
import { zipSync } from "fflate";
import { beforeAll, describe, expect, it } from "vitest";
import { calculateWorkbook, readWorkbook, WORKBOOK_LIMITS, writeWorkbook } from "../../src/entries/xlsx.js";
import { edit, examples, issuesOf, rowOf } from "./helpers.js";

const grid = JSON.parse(examples.find((e) => e.name === "mn-am003-grid-plant")!.text);
const boilers = JSON.parse(examples.find((e) => e.name === "mn-am002-two-boilers")!.text);
let good: Uint8Array;
let goodBoilers: Uint8Array;

beforeAll(async () => {
  good = await writeWorkbook(grid);
  goodBoilers = await writeWorkbook(boilers);
});

/** Edits Table 1 of the grid-plant workbook; `r` is the row of EG_i,p. */
const table1 = (change: (sheet: ExcelJS.Worksheet, r: number) => void) =>
  edit(good, (wb) => {
    const sheet = wb.getWorksheet("Table 1")!;
    change(sheet, rowOf(sheet, 3, "EG_i,p"));
  });

describe("bad workbooks: every error names its sheet and cell", () => {
  it("a missing sheet (Table 1)", async () => {
    const bytes = await edit(good, (wb) => wb.removeWorksheet(wb.getWorksheet("Table 1")!.id));
    const issues = await issuesOf(readWorkbook(bytes, { file: "plant.xlsx" }));
    expect(issues).toEqual([expect.objectContaining({ path: "plant.xlsx", code: "missing-table" })]);
    expect(issues[0]!.message).toContain("Table 1");
  });

  it("a missing column names the header row", async () => {
    const bytes = await table1((sheet) => {
      sheet.getCell(3, 6).value = null; // (f) Unit
    });
    const issues = await issuesOf(readWorkbook(bytes));
    expect(issues[0]).toMatchObject({ code: "missing-column", path: "Table 1!A3:O3" });
    expect(issues[0]!.message).toContain("(f) Unit");
  });

  it("headers are found by their labels: case, spacing, letters, order and sheet names do not matter", async () => {
    const bytes = await edit(good, (wb) => {
      const sheet = wb.getWorksheet("Table 1")!;
      sheet.name = "Monitoring";
      sheet.getCell(3, 5).value = "(E)  MONITORED   values";
      sheet.getCell(3, 3).value = "Parameters";
      sheet.getCell(3, 1).value = "monitoring period:";
      sheet.spliceColumns(2, 0, []); // a column the reader does not know
      sheet.getCell(3, 2).value = "Remark";
      sheet.getCell(4, 2).value = "typed by hand";
    });
    const read = await readWorkbook(bytes);
    expect(read.warnings).toEqual([expect.objectContaining({ code: "column-not-read", path: "Monitoring!B3" })]);
    expect(read.warnings[0]!.message).toContain("1 cell");
    expect(read.document.monitored).toEqual(grid.monitored);
  });

  it("merged cells inside a table", async () => {
    const bytes = await table1((sheet, r) => sheet.mergeCells(r, 5, r, 6));
    const issues = await issuesOf(readWorkbook(bytes));
    expect(issues.map((i) => i.code)).toContain("merged-cells");
    expect(issues.find((i) => i.code === "merged-cells")!.path).toBe("Table 1!E4");
  });

  it("a formula in a value cell", async () => {
    const bytes = await table1((sheet, r) => {
      sheet.getCell(r, 5).value = { formula: "14000+182", result: 14182 } as ExcelJS.CellFormulaValue;
    });
    const issues = await issuesOf(readWorkbook(bytes));
    expect(issues).toEqual([
      expect.objectContaining({ path: "Table 1!E4", code: "formula-not-allowed", found: 'the formula "=14000+182"' }),
    ]);
  });

  it("a value Excel stored as a number: a warning naming the cell, read as the double's shortest decimal", async () => {
    const bytes = await table1((sheet, r) => {
      sheet.getCell(r, 5).value = 0.1 + 0.2;
      sheet.getCell(r, 5).numFmt = "General";
    });
    const read = await readWorkbook(bytes);
    expect(read.warnings).toEqual([expect.objectContaining({ path: "Table 1!E4", code: "number-cell" })]);
    expect(read.warnings[0]!.message).toContain("0.30000000000000004");
    expect((read.document.monitored as Record<string, { value: string }[]>)["EG_i,p"]![0]!.value).toBe(
      "0.30000000000000004",
    );
    const result = await calculateWorkbook(bytes);
    expect(result.warnings[0]).toMatchObject({ path: "Table 1!E4", code: "number-cell" });
  });

  it("an unknown parameter, an unknown unit and a unit of the wrong dimension", async () => {
    const bytes = await table1((sheet, r) => {
      sheet.getCell(r, 6).value = "MWhh";
      sheet.getCell(r + 1, 3).value = "EG_p";
      sheet.getCell(r + 1, 5).value = "1";
      sheet.getCell(r + 2, 2).value = "PCS-2";
      sheet.getCell(r + 2, 3).value = "EG_i,p";
      sheet.getCell(r + 2, 5).value = "1";
      sheet.getCell(r + 2, 6).value = "t";
    });
    const issues = await issuesOf(readWorkbook(bytes));
    expect(issues).toEqual([
      expect.objectContaining({ path: "Table 1!F4", code: "unknown-unit", found: '"MWhh"' }),
      expect.objectContaining({ path: "Table 1!C5", code: "unknown-parameter", found: '"EG_p"' }),
      expect.objectContaining({ path: "Table 1!F6", code: "wrong-unit-dimension", found: '"t"' }),
    ]);
  });

  it("a value that is not a decimal, quoted at most 80 characters, escaped", async () => {
    // _x001B_ is how a workbook stores an escape character (ECMA-376 ST_Xstring).
    const long = `1,234_x001B_[31m${"9".repeat(200)}`;
    const bytes = await table1((sheet, r) => {
      sheet.getCell(r, 5).value = long;
    });
    const [issue] = await issuesOf(readWorkbook(bytes));
    expect(issue).toMatchObject({ path: "Table 1!E4", code: "invalid-decimal" });
    expect(issue!.found!.endsWith('…"')).toBe(true); // the library's one quote: cut inside the quotes
    expect(issue!.found).toContain("\\u001b");
    expect(issue!.found!.length).toBeLessThan(100);
  });

  it("problems the engine finds are mapped back to cells (range, joins, missing parameters)", async () => {
    const negative = await table1((sheet, r) => {
      sheet.getCell(r, 5).value = "-5";
    });
    expect(await issuesOf(calculateWorkbook(negative))).toEqual([
      expect.objectContaining({ path: "Table 1!E4", code: "out-of-range" }),
    ]);
    const strangerBoiler = await edit(goodBoilers, (wb) => {
      const sheet = wb.getWorksheet("Table 1")!;
      sheet.getCell(rowOf(sheet, 3, "t_op,i,p"), 2).value = "HOB-9";
    });
    const [join] = await issuesOf(calculateWorkbook(strangerBoiler));
    expect(join!.path).toBe("Table 1!B7");
    expect(join!.message).toContain('monitored["t_op,i,p"][0]');
    const noEnergy = await table1((sheet, r) => {
      for (const c of [2, 5, 7]) sheet.getCell(r, c).value = null;
    });
    const [missing] = await issuesOf(calculateWorkbook(noEnergy));
    expect(missing!.path).toBe("Table 1!C4");
  });

  it("a monitoring point on a parameter of the project, and none on a per-equipment one", async () => {
    let row = 0;
    const bytes = await edit(goodBoilers, (wb) => {
      const project = wb.getWorksheet("Project")!;
      row = rowOf(project, 1, "EF_coal", 10);
      project.getCell(row, 2).value = "HOB-1";
      const sheet = wb.getWorksheet("Table 1")!;
      sheet.getCell(rowOf(sheet, 3, "t_op,i,p"), 2).value = null;
    });
    const issues = await issuesOf(readWorkbook(bytes));
    expect(issues.map((i) => [i.code, i.path])).toEqual([
      ["point-not-allowed", `Project!B${row}`],
      ["missing-point", "Table 1!B7"],
    ]);
  });

  it("a parameter given twice; (a) naming another period; a CSV path breaking the rules", async () => {
    const bytes = await table1((sheet, r) => {
      sheet.getCell(r + 1, 1).value = "2018-01-01 – 2018-12-31";
      for (const c of [2, 3, 5]) sheet.getCell(r + 1, c).value = sheet.getCell(r, c).value;
      sheet.getCell(r + 2, 2).value = "PCS-3";
      sheet.getCell(r + 2, 3).value = "EG_i,p";
      sheet.getCell(r + 2, 6).value = "kWh";
      sheet.getCell(r + 2, 12).value = "../outside.csv";
      sheet.getCell(r + 2, 13).value = "interval";
      sheet.getCell(r + 3, 2).value = "PCS-main";
      sheet.getCell(r + 3, 3).value = "EG_i,p";
      sheet.getCell(r + 3, 5).value = "1";
    });
    const issues = await issuesOf(readWorkbook(bytes));
    expect(issues.map((i) => [i.code, i.path])).toEqual([
      ["period-mismatch", "Table 1!A5"],
      ["path-not-allowed", "Table 1!L6"],
      ["duplicate-parameter", "Table 1!C7"],
    ]);
  });

  it("dates typed where Excel makes them dates: accepted with a warning for the period, an error elsewhere", async () => {
    const bytes = await edit(good, (wb) => {
      const project = wb.getWorksheet("Project")!;
      const cell = project.getCell(rowOf(project, 1, "period.start"), 2);
      cell.value = new Date(Date.UTC(2019, 0, 1));
      cell.numFmt = "yyyy-mm-dd";
    });
    const read = await readWorkbook(bytes);
    expect(read.warnings).toEqual([expect.objectContaining({ code: "date-cell", path: "Project!B10" })]);
    expect((read.document.period as { start: string }).start).toBe("2019-01-01");
  });

  it("an unknown methodology names its cell", async () => {
    const bytes = await edit(good, (wb) => {
      const project = wb.getWorksheet("Project")!;
      project.getCell(rowOf(project, 1, "methodology.id"), 2).value = "JCM_XX_AM999";
    });
    const [issue] = await issuesOf(readWorkbook(bytes));
    expect(issue).toMatchObject({ path: "Project!B5", code: "unknown-methodology" });
  });
});

describe("workbook limits (trust.md §1)", () => {
  it("more than 64 MB on disk: refused before anything is read", async () => {
    const issues = await issuesOf(readWorkbook(new Uint8Array(WORKBOOK_LIMITS.maxFileBytes + 1), { file: "big.xlsx" }));
    expect(issues).toEqual([expect.objectContaining({ path: "big.xlsx", code: "file-too-large" })]);
  });

  it("not a zip archive", async () => {
    const issues = await issuesOf(readWorkbook(new TextEncoder().encode('{ "json": true }'.repeat(4))));
    expect(issues[0]!.code).toBe("not-a-workbook");
  });

  it("a zip bomb (declares 1 KB, inflates to 1 GB) stops at once with bounded memory", async () => {
    // 16 MiB of zeros, fully flushed (byte-aligned, no back-references across segments), repeated
    // 64 times, then an empty final block: 1 GiB of zeros from about 1 MB.
    const segment = deflateRawSync(Buffer.alloc(16 * 1024 * 1024), { finishFlush: zlib.Z_FULL_FLUSH });
    const deflated = Buffer.concat([...Array.from({ length: 64 }, () => segment), Buffer.from([0x03, 0x00])]);
    const bomb = [{ name: "xl/worksheets/sheet1.xml", data: new Uint8Array(deflated), method: 8 as const, size: 1024 }];
    const { rawZip } = await import("./helpers.js");
    const bytes = rawZip(bomb);
    expect(bytes.length).toBeLessThan(2_000_000);
    const rss = process.memoryUsage().rss;
    const started = performance.now();
    const issues = await issuesOf(readWorkbook(bytes));
    expect(performance.now() - started).toBeLessThan(2000);
    expect(process.memoryUsage().rss - rss).toBeLessThan(100 * 1024 * 1024);
    expect(issues).toEqual([expect.objectContaining({ code: "zip-size-mismatch" })]);
    // Declared honestly, it is refused on its declared size without inflating anything.
    const honest = rawZip([{ ...bomb[0]!, size: 0xffffff00 }]);
    expect((await issuesOf(readWorkbook(honest)))[0]!.code).toBe("workbook-too-large-inflated");
  });

  it("more than 100 sheets", async () => {
    const bytes = await edit(good, (wb) => {
      for (let i = 0; i < 100; i++) wb.addWorksheet(`extra ${i}`).getCell(1, 1).value = "x";
    });
    expect(await issuesOf(readWorkbook(bytes))).toEqual([expect.objectContaining({ code: "too-many-sheets" })]);
  });

  it("more than 1,000,000 non-empty cells", async () => {
    const cells = `<c r="A1" t="n"><v>1</v></c>`.repeat(WORKBOOK_LIMITS.maxCells + 1);
    const sheet = `<?xml version="1.0"?><worksheet><sheetData><row r="1">${cells}</row></sheetData></worksheet>`;
    const bytes = zipSync({ "xl/worksheets/sheet1.xml": new TextEncoder().encode(sheet) }, { level: 1 });
    expect(await issuesOf(readWorkbook(bytes))).toEqual([expect.objectContaining({ code: "too-many-cells" })]);
  });
});
