import { describe, expect, it } from "vitest";
import { modules, registry } from "../../methodologies/index.js";
import { calculate, verify } from "../../src/entries/index.js";
import {
  calculateWorkbook,
  readWorkbook,
  resultWorkbook,
  verifyWorkbook,
  workbookTemplate,
  writeWorkbook,
} from "../../src/entries/xlsx.js";
import { workbookModel } from "../../src/xlsx/model.js";
import { expectMatches } from "../helpers/examples.js";
import { edit, examples, figures, hasInlineSeries, issuesOf, rowOf, workbookExamples } from "./helpers.js";

describe("every module's examples round-trip through a workbook", () => {
  it("covers every bundled module", () => {
    const covered = new Set(workbookExamples.map((e) => JSON.parse(e.text).methodology.id));
    expect([...covered].sort()).toEqual(modules.map((m) => m.id).sort());
  });

  it.each(workbookExamples.map((e) => [e.name, e] as const))(
    "%s: document → workbook → document gives the same figures; workbook → document → workbook the same bytes",
    async (_name, example) => {
      const document = JSON.parse(example.text);
      const first = await writeWorkbook(document);
      const read = await readWorkbook(first, { file: `${example.name}.xlsx` });
      expect(read.warnings).toEqual([]);
      const original = calculate(document);
      const again = calculate(read.document);
      expect(figures(again)).toEqual(figures(original));
      expectMatches(again, example.expected);
      // The examples use no form a workbook cannot tell apart, so even the digest is the same.
      expect(again.inputDigest).toBe(original.inputDigest);

      const second = await writeWorkbook(read.document);
      expect(Buffer.from(second).equals(Buffer.from(first))).toBe(true);
      expect((await readWorkbook(second)).document).toEqual(read.document);
    },
  );

  it("any text travels exactly: line ends, control characters, a literal _x000D_, spaces, notes in any form", async () => {
    const document = JSON.parse(workbookExamples.find((e) => e.name === "mn-am003-grid-plant")!.text);
    const texts = [
      "a\r\nb\rc",
      "\u0001\u001b[31m\u007f",
      "x_x000D_y _X0041_",
      "  spaced  ",
      "Other comments: x",
      "é😀\u2028",
    ];
    document.project = Object.fromEntries(texts.map((t, i) => [`field${i}`, t]));
    document.monitored["EG_i,p"] = texts.map((note, i) => ({ equipment: `PCS-${i}`, value: "1", unit: "MWh", note }));
    const read = await readWorkbook(await writeWorkbook(document));
    expect(read.document.project).toEqual(document.project);
    expect(read.document.monitored).toEqual(document.monitored);
  });

  it("a document with inline readings is refused, naming the series", async () => {
    const inline = examples.find((e) => hasInlineSeries(JSON.parse(e.text)))!;
    const issues = await issuesOf(writeWorkbook(JSON.parse(inline.text)));
    expect(issues[0]).toMatchObject({ code: "inline-series-not-writable", path: 'monitored["EG_i,p"][0].readings' });
  });

  it("calculateWorkbook records the workbook (file, sha256) and keeps the document's digest", async () => {
    const example = workbookExamples.find((e) => e.name === "mn-am003-grid-plant")!;
    const bytes = await writeWorkbook(JSON.parse(example.text));
    const result = await calculateWorkbook(bytes, { file: "grid.xlsx" });
    const { createHash } = await import("node:crypto");
    expect(result.source).toEqual({ file: "grid.xlsx", sha256: createHash("sha256").update(bytes).digest("hex") });
    expect(result.inputDigest).toBe(calculate(JSON.parse(example.text)).inputDigest);
    const v = await verifyWorkbook(bytes);
    expect(v.ok).toBe(true);
    expect(v.result.source.file).toBe("workbook.xlsx");
    expect(v.checks).toEqual(verify(JSON.parse(example.text)).checks);
  });
});

describe("templates", () => {
  it.each(modules.map((m) => [m.id, m] as const))(
    "%s: generated from metadata, every parameter has a row",
    async (_id, module) => {
      const bytes = await workbookTemplate(module);
      expect(Buffer.from(await workbookTemplate(module)).equals(Buffer.from(bytes))).toBe(true);
      const ExcelJS = (await import("exceljs")).default;
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(bytes as unknown as ArrayBuffer);
      expect(wb.worksheets.map((w) => w.name)).toEqual(
        expect.arrayContaining(["Readme", "Project", "Table 1", "Lists"]),
      );
      const table1 = wb.getWorksheet("Table 1")!;
      expect((table1.getRow(3).values as unknown[]).slice(1, 12).map((v) => String(v).slice(0, 3))).toEqual([
        "(a)",
        "(b)",
        "(c)",
        "(d)",
        "(e)",
        "(f)",
        "(g)",
        "(h)",
        "(i)",
        "(j)",
        "(k)",
      ]);
      const model = workbookModel(module);
      const labels = new Set<string>();
      for (const sheet of [wb.getWorksheet("Project")!, table1])
        sheet.eachRow((row) => {
          const c = row.getCell(sheet === table1 ? 3 : 1).value;
          if (typeof c === "string") labels.add(c);
        });
      for (const slot of [...model.fixed, ...model.monitored]) expect(labels, slot.label).toContain(slot.label);
      // Value cells are text, and the unit and option cells carry lists.
      const r = 4;
      expect(table1.getCell(r, 5).numFmt).toBe("@");
      expect(table1.getCell(r, 7).dataValidation).toMatchObject({ type: "list" });
      // Defaults are shown with their source and status.
      const project = wb.getWorksheet("Project")!;
      for (const slot of model.fixed.filter((s) => s.default)) {
        const row = rowOf(project, 1, slot.label, 10);
        expect(project.getCell(row, 9).value).toBe(slot.default!.value);
        expect(project.getCell(row, 11).value).toBe(slot.default!.status);
      }
    },
  );

  it("template → fill in as a person would → calculate gives the example's figures", async () => {
    const module = registry.get("JCM_MN_AM003");
    const filled = await edit(await workbookTemplate(module), (wb) => {
      const project = wb.getWorksheet("Project")!;
      const set = (label: string, value: string) => {
        project.getCell(rowOf(project, 1, label), 2).value = value;
      };
      set("project.reference", "EXAMPLE-MN-A");
      set("project.title", "Grid-connected 10 MW PV plant (worked example A)");
      set("period.start", "2019-01-01");
      set("period.end", "2019-12-31");
      set("period.timeZone", "+08:00");
      set("reported.RE_p", "11303.054");
      set("reported.PE_p", "0");
      set("reported.ER_p", "11303");
      const fixedRow = rowOf(project, 1, "connection", 10);
      project.getCell(fixedRow, 4).value = "national-grid";
      project.getCell(rowOf(project, 1, "declarations.modulesCertified", 10), 4).value = "TRUE";
      const table1 = wb.getWorksheet("Table 1")!;
      const r = rowOf(table1, 3, "EG_i,p");
      table1.getCell(r, 2).value = "PCS-main";
      table1.getCell(r, 5).value = "14182";
      table1.getCell(r, 7).value = "C";
      table1.getCell(r, 8).value = "Electricity meter at the PCS (export)";
      table1.getCell(r, 10).value = "Continuous, read monthly";
    });
    const example = examples.find((e) => e.name === "mn-am003-grid-plant")!;
    const read = await readWorkbook(filled);
    expect(read.warnings).toEqual([]);
    expect(figures(calculate(read.document))).toEqual(figures(calculate(JSON.parse(example.text))));
    const entry = (read.document.monitored as Record<string, Record<string, unknown>[]>)["EG_i,p"]![0]!;
    expect(entry).toEqual({
      equipment: "PCS-main",
      value: "14182",
      unit: "MWh",
      option: "C",
      note: "Source of data: Electricity meter at the PCS (export)\nMonitoring frequency: Continuous, read monthly",
    });
    expect((await verifyWorkbook(filled)).ok).toBe(true);
  });
});

describe("result workbooks", () => {
  it("figures, parameters, trace, eligibility, warnings and the comparison, every number a text cell", async () => {
    const example = examples.find((e) => e.name === "id-am002-one-chiller")!;
    const v = verify(example.text);
    const bytes = await resultWorkbook(v);
    expect(Buffer.from(await resultWorkbook(v)).equals(Buffer.from(bytes))).toBe(true);
    const ExcelJS = (await import("exceljs")).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      "Result",
      "Verification",
      "Parameters",
      "Trace",
      "Eligibility",
      "Warnings",
    ]);
    let numbers = 0;
    for (const sheet of wb.worksheets)
      sheet.eachRow((row) => row.eachCell((c) => void (typeof c.value === "number" && numbers++)));
    expect(numbers).toBe(0);
    const result = wb.getWorksheet("Result")!;
    expect(result.getCell(rowOf(result, 1, "ER_p"), 2).value).toBe(v.result.emissionReductions);
    const trace = wb.getWorksheet("Trace")!;
    expect(trace.rowCount - 3).toBe(v.result.trace.length);
    expect(trace.getCell(4, 6).value).toBe(v.result.trace[0]!.value);
    const check = wb.getWorksheet("Verification")!;
    expect(check.getCell(4, 1).value).toBe("RE_p");
    expect(check.getCell(4, 4).value).toBe("match");
    const params = wb.getWorksheet("Parameters")!;
    expect(params.rowCount - 3).toBe(v.result.parameters.length);
  });
});
