import { createHash } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { mnAm003SolarPv } from "../../methodologies/mn-am003-solar-pv/index.js";
import { type CliIo, run } from "../../src/cli/run.js";
import { readCsvSeries } from "../../src/core/csv.js";
import { MrvValidationError } from "../../src/core/errors.js";
import { createPeriod } from "../../src/core/period.js";
import { sha256Hex } from "../../src/core/sha256.js";
import { calculate, safeCalculate } from "../../src/entries/core.js";
import { calculate as calculateFromBundle, renderReport } from "../../src/entries/index.js";
import { loadDocumentForVerbs, loadMonitoringDocument, nodeSha256 } from "../../src/node/load.js";
import { loadExamples } from "../helpers/examples.js";

const dir = mkdtempSync(join(tmpdir(), "jcm-mrv-csv-"));
const readings = Array.from({ length: 50 }, (_, h) => ({
  at: new Date(Date.UTC(2024, 5, 1, h) - 8 * 3600_000).toISOString().replace(".000Z", "Z"),
  value: h === 13 ? "0" : `${(h * 37) % 101}.${h % 7}`,
})).filter((_, h) => h !== 20); // one gap

function documentWith(series: Record<string, unknown>) {
  return {
    methodology: { id: "JCM_MN_AM003", version: "02.0" },
    project: { reference: "CSV" },
    period: { start: "2024-06-01", end: "2024-06-02", timeZone: "+08:00" },
    fixed: { connection: "national-grid" },
    monitored: {
      "EG_i,p": [{ equipment: "inv-1", unit: "kWh", kind: "interval", interval: "PT1H", option: "C", ...series }],
    },
  };
}

function writeCase(name: string, csv: string, series: Record<string, unknown> = {}) {
  writeFileSync(join(dir, `${name}.csv`), csv);
  const path = join(dir, `${name}.json`);
  writeFileSync(path, JSON.stringify(documentWith({ csv: `${name}.csv`, ...series })));
  return path;
}

const csvText = (eol: string, bom = "") =>
  `${bom}at,value${eol}${readings.map((r) => `${r.at},${r.value}`).join(eol)}${eol}`;

describe("jcm-mrv/node loadMonitoringDocument (CSV-backed series)", () => {
  it("the CSV path and the inline path give identical results for the same readings", async () => {
    const inline = calculate(mnAm003SolarPv, documentWith({ readings }));
    for (const [name, text] of [
      ["lf", csvText("\n")],
      ["crlf", csvText("\r\n")],
      ["bom", csvText("\n", "\uFEFF")],
    ] as const) {
      const loaded = await loadMonitoringDocument(writeCase(name, text));
      const viaCsv = calculate(loaded.document, { module: mnAm003SolarPv, files: loaded.files });
      const { inputDigest: a, ...restCsv } = viaCsv;
      const { inputDigest: b, ...restInline } = inline;
      expect(restCsv, name).toEqual(restInline);
      expect(a).not.toBe(b);
    }
  });

  it("dailyTotals: false keeps no daily totals and changes no figure; reports chart them by default", async () => {
    const path = writeCase("daily", csvText("\n"));
    const charted = await loadMonitoringDocument(path);
    const plain = await loadMonitoringDocument(path, { dailyTotals: false });
    const options = { module: mnAm003SolarPv };
    expect(calculate(plain.document, { ...options, files: plain.files })).toEqual(
      calculate(charted.document, { ...options, files: charted.files }),
    );
    const md = (loaded: typeof charted) => renderReport(loaded.document, { files: loaded.files, format: "md" });
    // The inline readings' report is the reference: the same daily totals, charted.
    const inline = renderReport(documentWith({ readings }), { format: "md" });
    const strip = (text: string) => text.replace(/^.*(sha256|inputDigest|CSV file|readings).*$/gim, "");
    expect(strip(md(charted))).toBe(strip(inline));
    expect(strip(md(plain))).not.toBe(strip(inline));
  });

  it("the CLI keeps daily totals only for the verbs that chart them (report, calculate --format md|html)", async () => {
    const path = writeCase("cli-daily", csvText("\n"));
    const asked: { argv: string; dailyTotals: boolean | undefined }[] = [];
    let out = "";
    for (const argv of [
      ["report", path, "--format", "md"],
      ["calculate", path, "--format", "html"],
      ["calculate", path, "--format", "json"],
      ["calculate", path],
      ["verify", path],
    ]) {
      out = "";
      const io: CliIo = {
        stdout: (text) => {
          out += text;
        },
        stderr: () => {},
        loadDocument: (p, options) => {
          asked.push({ argv: argv.slice(0, 1).concat(argv.slice(2)).join(" "), dailyTotals: options.dailyTotals });
          return loadDocumentForVerbs(p, options);
        },
        writeFile: () => {},
      };
      await run(argv, io);
      if (argv[0] === "report") {
        const loaded = await loadMonitoringDocument(path);
        expect(out).toBe(renderReport(loaded.document, { files: loaded.files, format: "md" }));
      }
    }
    expect(asked).toEqual([
      { argv: "report --format md", dailyTotals: true },
      { argv: "calculate --format html", dailyTotals: true },
      { argv: "calculate --format json", dailyTotals: false },
      { argv: "calculate", dailyTotals: false },
      { argv: "verify", dailyTotals: false },
    ]);
  });

  it("the file's SHA-256 replaces the csv path in the digest input", async () => {
    const text = csvText("\n");
    const loaded = await loadMonitoringDocument(writeCase("digest", text));
    const sha = createHash("sha256").update(text).digest("hex");
    expect(loaded.files["digest.csv"]!.sha256).toBe(sha);
    // The document is returned unchanged: the path as written.
    const series = (loaded.document.monitored as Record<string, Record<string, unknown>[]>)["EG_i,p"]![0]!;
    expect(series.csv).toBe("digest.csv");
    const viaLoader = calculate(loaded.document, { module: mnAm003SolarPv, files: loaded.files }).inputDigest;
    // The same digest for another path to the same bytes, and for the document that states the hash inline.
    const other = await loadMonitoringDocument(writeCase("digest2", text));
    expect(calculate(other.document, { module: mnAm003SolarPv, files: other.files }).inputDigest).toBe(viaLoader);
    expect(
      calculate(documentWith({ csv: "x.csv" }), { module: mnAm003SolarPv, files: { "x.csv": text } }).inputDigest,
    ).toBe(viaLoader);
  });

  it("a file named under one header or two keeps its totals per header; another header's series is refused", async () => {
    const text = csvText("\n");
    writeFileSync(join(dir, "headers.csv"), text);
    const series = (equipment: string, header: Record<string, unknown>) => ({
      equipment,
      unit: "kWh",
      kind: "interval",
      option: "C",
      csv: "headers.csv",
      ...header,
    });
    const naming = (...list: Record<string, unknown>[]) => ({ ...documentWith({}), monitored: { "EG_i,p": list } });
    const one = naming(series("inv-1", { interval: "PT1H" }));
    const two = naming(series("inv-1", { interval: "PT1H" }), series("inv-2", {}));
    for (const [name, document] of [
      ["one", one],
      ["two", two],
    ] as const) {
      const path = join(dir, `headers-${name}.json`);
      writeFileSync(path, JSON.stringify(document));
      const loaded = await loadMonitoringDocument(path);
      const viaLoader = calculate(loaded.document, { module: mnAm003SolarPv, files: loaded.files });
      const viaText = calculate(loaded.document, { module: mnAm003SolarPv, files: { "headers.csv": text } });
      expect(viaLoader, name).toEqual(viaText);
      // The streamed reading was made for these headers only: a series with another header gets an
      // issue, not a total read under the wrong header.
      const other = naming(series("inv-1", { interval: "PT30M" }));
      let issues: readonly { code: string; message: string }[] = [];
      try {
        calculate(other, { module: mnAm003SolarPv, files: loaded.files });
      } catch (error) {
        if (error instanceof MrvValidationError) issues = error.issues;
      }
      expect(
        issues.map((i) => i.code),
        name,
      ).toEqual(["csv-not-provided"]);
      expect(issues[0]!.message).toMatch(/made for another series header or period/);
    }
  });

  it("hashes with node:crypto, once per file: the same digest as the core's portable SHA-256", async () => {
    const made = createPeriod("2024-06-01", "2024-06-02", "+08:00");
    if (!made.ok) throw new Error("period");
    for (const [name, content] of [
      ["bom", csvText("\r\n", "\uFEFF")],
      // Four chunks of the loader (1 MiB each): blank lines are no readings.
      ["big", `${csvText("\n")}${"\n".repeat(4 * 1024 * 1024)}`],
    ] as const) {
      const file = `hash-${name}.csv`;
      const bytes = new TextEncoder().encode(content);
      const portable = readCsvSeries(bytes, { kind: "interval", unit: "kWh", interval: "PT1H" }, made.period);
      const loaded = await loadMonitoringDocument(writeCase(`hash-${name}`, content));
      if (!portable.ok) throw new Error(JSON.stringify(portable.problems));
      const nodeSha = loaded.files[file]!.sha256;
      expect(nodeSha, name).toBe(portable.totals.sha256);
      expect(nodeSha, name).toBe(sha256Hex(bytes));
      // The result's digest: the Node loader's files, or the file's text handed to the pure core.
      const viaNode = calculate(loaded.document, { module: mnAm003SolarPv, files: loaded.files });
      const viaCore = calculate(loaded.document, { module: mnAm003SolarPv, files: { [file]: content } });
      expect(viaNode, name).toEqual(viaCore);
    }
  });

  it("options.sha256 (node:crypto) gives every example and CSV file the same digest as the portable SHA-256", async () => {
    for (const example of loadExamples()) {
      const portable = calculateFromBundle(example.text);
      const viaNode = calculateFromBundle(example.text, { sha256: nodeSha256 });
      expect(viaNode, example.name).toEqual(portable);
      expect(portable.inputDigest, example.name).toBe(example.expected.inputDigest ?? portable.inputDigest);
    }
    // CSV contents handed to the verb: the file's hash too (a non-ASCII, multi-chunk file).
    const content = `${csvText("\r\n", "\uFEFF")}${"\n".repeat(3 * 1024 * 1024)}`;
    const document = documentWith({ csv: "x.csv" });
    let hashes = 0;
    const counted = () => {
      hashes += 1;
      return createHash("sha256");
    };
    const viaNode = calculate(document, { module: mnAm003SolarPv, files: { "x.csv": content }, sha256: counted });
    expect(hashes).toBe(2); // the file, then the document
    expect(viaNode).toEqual(calculate(document, { module: mnAm003SolarPv, files: { "x.csv": content } }));
  });

  it("options.sha256 that is not a function, or whose digest is not SHA-256 hex, is invalid-options", () => {
    const document = documentWith({ csv: "x.csv" });
    const files = { "x.csv": csvText("\n") };
    const codeOf = (sha256: unknown) => {
      const outcome = safeCalculate(document, { module: mnAm003SolarPv, files, sha256: sha256 as never });
      return outcome.success ? "ok" : `${outcome.error.issues[0]!.code}: ${outcome.error.issues[0]!.message}`;
    };
    expect(codeOf("sha256")).toMatch(/^invalid-options: options.sha256 must be a function/);
    expect(codeOf(() => createHash("md5"))).toMatch(/^invalid-options: options.sha256 made a hash/);
    expect(codeOf(() => ({ update() {}, digest: () => "A".repeat(64) }))).toMatch(/^invalid-options/);
    expect(codeOf(() => "not a hash")).toMatch(/^invalid-options: options.sha256 returned no hash/);
    expect(
      codeOf(() => {
        throw new Error("no crypto here");
      }),
    ).toMatch(/^invalid-options: options.sha256: the function threw/);
    expect(
      codeOf(() => ({
        update() {
          throw new TypeError("closed");
        },
        digest: () => "0".repeat(64),
      })),
    ).toMatch(/^invalid-options: options.sha256: update\(\) threw/);
    expect(codeOf(nodeSha256)).toBe("ok");
  });

  it("reads documents larger than one 4 MiB read, byte for byte, at every chunk boundary", async () => {
    const chunk = 4 << 20;
    const template = documentWith({ readings: readings.slice(0, 3) });
    const [before, after] = JSON.stringify({ ...template, project: { reference: "CSV", note: "@" } }).split('"@"');
    for (const size of [chunk - 1, chunk, chunk + 1, 2 * chunk + 7]) {
      // A note of multi-byte characters, so some straddle a chunk boundary, then ASCII to the exact size.
      let room = size - Buffer.byteLength(`${before}""${after}`);
      let note = "";
      for (let i = 0; room >= 4; i++) {
        const unit = ["é", "😀", "x"][i % 3]!;
        note += unit;
        room -= Buffer.byteLength(unit);
      }
      const text = `${before}"${note}${"x".repeat(room)}"${after}`;
      expect(Buffer.byteLength(text), String(size)).toBe(size);
      const path = join(dir, `big-${size}.json`);
      writeFileSync(path, text);
      const loaded = await loadMonitoringDocument(path);
      expect(loaded.document, String(size)).toEqual(JSON.parse(text));
    }
  });

  it("errors name the file, line and column", async () => {
    const bad = `at,value\n${readings[0]!.at},1.5\n${readings[1]!.at},12,5\n2024-06-01T02:00:00,3\n${readings[3]!.at},x\n`;
    try {
      await loadMonitoringDocument(writeCase("bad", bad));
      throw new Error("expected an error");
    } catch (error) {
      expect(error).toBeInstanceOf(MrvValidationError);
      const messages = (error as MrvValidationError).issues.map((i) => `${i.path} ${i.message}`);
      expect(messages.some((m) => m.includes("bad.csv, line 3, column 24") && m.includes("two cells"))).toBe(true);
      expect(messages.some((m) => m.includes("bad.csv, line 4, column 1") && m.includes("offset"))).toBe(true);
      expect(
        messages.some(
          (m) => m.includes(`bad.csv, line 5, column ${readings[3]!.at.length + 2}`) && m.includes("decimal"),
        ),
      ).toBe(true);
      expect((error as MrvValidationError).issues[0]!.path).toBe('monitored["EG_i,p"][0].csv');
    }
  });

  it("a missing header, a missing file and a series giving both csv and readings are errors", async () => {
    await expect(
      loadMonitoringDocument(writeCase("noheader", readings.map((r) => `${r.at},${r.value}`).join("\n"))),
    ).rejects.toThrow(/header/);
    const path = join(dir, "missing.json");
    writeFileSync(path, JSON.stringify(documentWith({ csv: "nope.csv" })));
    await expect(loadMonitoringDocument(path)).rejects.toThrow(/nope.csv: cannot read the file \(ENOENT\)/);
    // Both csv and readings: a validation error, raised before any file is opened.
    await expect(loadMonitoringDocument(writeCase("both", csvText("\n"), { readings }))).rejects.toThrow(/not both/);
  });

  it("a csv series given to the pure core without its content is an error naming the path, not a silent zero", () => {
    expect(() => calculate(mnAm003SolarPv, documentWith({ csv: "x.csv" }))).toThrow(
      /x\.csv.*options\.files.*jcm-mrv\/node/,
    );
  });
});
