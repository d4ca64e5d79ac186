import { createHash } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { type CliIo, run } from "../../src/cli/run.js";
import { calculate } from "../../src/entries/index.js";
import { readWorkbook, writeWorkbook } from "../../src/entries/xlsx.js";
import { edit, examples, figures, rowOf } from "./helpers.js";

const work = mkdtempSync(join(tmpdir(), "jcm-mrv-cli-xlsx-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

async function cli(argv: string[]) {
  const out = { stdout: "", stderr: "", code: -1 };
  const io: CliIo = {
    stdout: (t) => {
      out.stdout += t;
    },
    stderr: (t) => {
      out.stderr += t;
    },
    loadDocument: async (p) => readFileSync(p, "utf8"),
    writeFile: (p, t) => writeFileSync(p, t),
    writeBytes: (p, b) => writeFileSync(p, b),
  };
  out.code = await run(argv, io);
  return out;
}

const example = (name: string) => JSON.parse(examples.find((e) => e.name === name)!.text);
const at = (name: string) => join(work, name);

describe("jcm-mrv CLI with workbooks", () => {
  it("template <ID> [--version V] -o sheet.xlsx writes a workbook; without -o it is a usage error", async () => {
    const ok = await cli(["template", "JCM_MN_AM003", "--version", "02.0", "-o", at("t.xlsx")]);
    expect(ok.code).toBe(0);
    expect(ok.stderr).toContain("JCM_MN_AM003 ver 02.0");
    expect(readFileSync(at("t.xlsx")).subarray(0, 2).toString()).toBe("PK");
    expect((await cli(["template", "JCM_MN_AM003"])).code).toBe(2);
    const unknown = await cli(["template", "JCM_XX", "-o", at("x.xlsx")]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("unknown methodology");
    // The empty template names what is missing, cell by cell.
    const empty = await cli(["calculate", at("t.xlsx")]);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toMatch(/Project!B\d+: the project table has no period\.start/);
  });

  it("calculate, verify and report accept .xlsx; the JSON result records the workbook", async () => {
    const doc = example("mn-am003-grid-plant");
    const bytes = await edit(await writeWorkbook(doc), (wb) => {
      const sheet = wb.getWorksheet("Table 1")!;
      const cell = sheet.getCell(rowOf(sheet, 3, "EG_i,p"), 5);
      cell.value = 14182;
      cell.numFmt = "General";
    });
    writeFileSync(at("plant.xlsx"), bytes);
    const json = await cli(["calculate", at("plant.xlsx"), "--format", "json"]);
    expect(json.code).toBe(0);
    const result = JSON.parse(json.stdout);
    expect(result.source).toEqual({ file: "plant.xlsx", sha256: createHash("sha256").update(bytes).digest("hex") });
    expect(result.warnings[0]).toMatchObject({ code: "number-cell", path: "Table 1!E4" });
    expect(result.emissionReductions).toBe("11303");
    expect(result.inputDigest).toBe(calculate(doc).inputDigest);

    const verified = await cli(["verify", at("plant.xlsx")]);
    expect(verified.code).toBe(0);
    expect(verified.stdout).toContain("All 3 reported figures match.");

    const report = await cli(["report", at("plant.xlsx"), "-o", at("plant.html")]);
    expect(report.code).toBe(0);
    expect(readFileSync(at("plant.html"), "utf8")).toContain("11303");
    expect(report.stderr).toContain("warning: Table 1!E4");
  });

  it("calculate|verify --format xlsx -o result.xlsx; a mismatch still exits 1", async () => {
    const doc = { ...example("id-am002-one-chiller"), reported: { RE_p: "976.8", PE_p: "814", ER_p: "163" } };
    writeFileSync(at("chiller.xlsx"), await writeWorkbook(doc));
    const calc = await cli(["calculate", at("chiller.xlsx"), "--format", "xlsx", "-o", at("result.xlsx")]);
    expect(calc.code).toBe(0);
    const v = await cli(["verify", at("chiller.xlsx"), "--format", "xlsx", "-o", at("verification.xlsx")]);
    expect(v.code).toBe(1);
    const ExcelJS = (await import("exceljs")).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(at("verification.xlsx")) as unknown as ArrayBuffer);
    const checks = wb.getWorksheet("Verification")!;
    expect(checks.getCell(6, 1).value).toBe("ER_p");
    expect(checks.getCell(6, 4).value).toBe("mismatch");
    const summary = wb.getWorksheet("Result")!;
    expect(summary.getCell(rowOf(summary, 1, "workbook"), 2).value).toBe("chiller.xlsx");
    expect((await cli(["calculate", at("chiller.xlsx"), "--format", "xlsx"])).code).toBe(2);
    expect((await cli(["list", "--format", "xlsx"])).code).toBe(2);
  });

  it("an invalid workbook exits 2 naming the cell", async () => {
    const bytes = await edit(await writeWorkbook(example("mn-am003-grid-plant")), (wb) => {
      const sheet = wb.getWorksheet("Table 1")!;
      sheet.getCell(rowOf(sheet, 3, "EG_i,p"), 6).value = "MWhh";
    });
    writeFileSync(at("bad.xlsx"), bytes);
    const r = await cli(["calculate", at("bad.xlsx"), "--format", "json"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("Table 1!F4 [EG_i,p]: unknown unit for EG_i,p; expected MWh, kWh");
    expect(JSON.parse(r.stdout).error.issues[0].path).toBe("Table 1!F4");
    expect((await cli(["calculate", at("missing.xlsx")])).code).toBe(2);
  });

  it("CSV-backed series named in Table 1 (with a meter replacement) give the inline series' figures", async () => {
    const inline = example("mn-am003-cumulative-meter");
    const series = inline.monitored["EG_i,p"][0];
    // The meter is swapped on 2023-02-15: the new one starts at 0.
    series.readings = series.readings.map((r: { at: string; value: string }) =>
      r.at >= "2023-03"
        ? { ...r, value: String(Number(r.value.replace(".", "")) - 11700000).replace(/(\d{3})$/, ".$1") }
        : r,
    );
    series.replacements = [{ at: "2023-02-15T00:00:00+08:00", oldFinal: "11700", newInitial: "0" }];
    const folder = join(work, "meter");
    mkdirSync(join(folder, "readings"), { recursive: true });
    writeFileSync(
      join(folder, "readings", "export.csv"),
      `at,value\n${series.readings.map((r: { at: string; value: string }) => `${r.at},${r.value}`).join("\n")}\n`,
    );
    const { readings: _readings, ...header } = series;
    const doc = { ...inline, monitored: { "EG_i,p": [{ ...header, csv: "readings/export.csv" }] } };
    const bytes = await writeWorkbook(doc);
    // The replacement travels on its own sheet and reads back.
    const read = await readWorkbook(bytes);
    expect(read.document.monitored).toEqual(doc.monitored);
    writeFileSync(join(folder, "meter.xlsx"), bytes);
    const r = await cli(["calculate", join(folder, "meter.xlsx"), "--format", "json"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(figures(JSON.parse(r.stdout))).toEqual(figures(calculate(inline)));

    // A readings file reached through a link out of the workbook's folder is refused at its cell.
    writeFileSync(join(work, "outside.csv"), "at,value\n");
    symlinkSync(join(work, "outside.csv"), join(folder, "link.csv"));
    const linked = { ...doc, monitored: { "EG_i,p": [{ ...header, csv: "link.csv" }] } };
    writeFileSync(join(folder, "linked.xlsx"), await writeWorkbook(linked));
    const refused = await cli(["calculate", join(folder, "linked.xlsx"), "--format", "json"]);
    expect(refused.code).toBe(2);
    expect(JSON.parse(refused.stdout).error.issues[0]).toMatchObject({ code: "path-not-allowed", path: "Table 1!L4" });
    expect(existsSync(join(folder, "link.csv"))).toBe(true);
  });
});
