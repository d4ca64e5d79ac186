/**
 * Workbooks written by another writer — Debian's python3-openpyxl — read to the same figures. The
 * fixture workbooks are generated at test time by fixtures/openpyxl_writer.py. Without python3 and
 * openpyxl the tests are skipped with a message, except in CI (`CI` set), which installs them.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { calculate } from "../../src/entries/index.js";
import { readWorkbook, writeWorkbook } from "../../src/entries/xlsx.js";
import { expectMatches } from "../helpers/examples.js";
import { examples, figures, workbookExamples } from "./helpers.js";

const script = new URL("fixtures/openpyxl_writer.py", import.meta.url).pathname;

function findPython(): string | undefined {
  for (const candidate of ["/usr/bin/python3", "python3"]) {
    const probe = spawnSync(candidate, ["-c", "import openpyxl"], { encoding: "utf8" });
    if (probe.status === 0) return candidate;
  }
  const message = "python3 with openpyxl is missing (apt-get install -y python3-openpyxl): skipping the openpyxl tests";
  if (process.env.CI) throw new Error(message);
  console.warn(message);
  return undefined;
}

const python = findPython();
const work = mkdtempSync(join(tmpdir(), "jcm-mrv-openpyxl-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe.skipIf(!python)("workbooks written by openpyxl", () => {
  it.each(workbookExamples.map((e) => [e.name, e] as const))(
    "%s: re-written by openpyxl in another layout → the same figures",
    async (name, example) => {
      const document = JSON.parse(example.text);
      const ours = join(work, `${name}.xlsx`);
      const theirs = join(work, `${name}.openpyxl.xlsx`);
      writeFileSync(ours, await writeWorkbook(document));
      const numbers = Number(execFileSync(python!, [script, "copy", ours, theirs], { encoding: "utf8" }).trim());
      const read = await readWorkbook(readFileSync(theirs), { file: `${name}.openpyxl.xlsx` });
      // Every whole number openpyxl stored as a number is read with a warning naming its cell.
      expect(read.warnings.filter((w) => w.code === "number-cell")).toHaveLength(numbers);
      for (const w of read.warnings) expect(w.path).toMatch(/^Monitoring Report!E\d+$/);
      const result = calculate(read.document);
      expect(figures(result)).toEqual(figures(calculate(document)));
      expectMatches(result, example.expected);
    },
  );

  it("a participant's own sheet, written from nothing, gives the JSON example's figures", async () => {
    const out = join(work, "scratch.xlsx");
    execFileSync(python!, [script, "scratch", out]);
    const read = await readWorkbook(readFileSync(out));
    expect(read.warnings).toEqual([]);
    const example = examples.find((e) => e.name === "mn-am003-grid-plant")!;
    expect(figures(calculate(read.document))).toEqual(figures(calculate(JSON.parse(example.text))));
    const entry = (read.document.monitored as Record<string, Record<string, string>[]>)["EG_i,p"]![0]!;
    expect(entry.note).toBe(
      "Source of data: Export meter\nMeasurement methods and procedures: Calibrated electricity meter\nMonitoring frequency: Continuous",
    );
  });
});
