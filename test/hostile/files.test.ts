/**
 * Attacks through the files a document names (trust.md §1–2, §4), made as an attacker would make
 * them, through the API (`options.files`, `loadMonitoringDocument`) and the built CLI: each is an
 * error (exit 2) naming the rule, nothing of a file outside the data root appears in any output, and
 * nothing hangs (generous bounds: the figures belong to `npm run bench -- --hostile`).
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, symlinkSync, truncateSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { calculate, parseMonitoringDocument, renderReport, verify } from "../../src/entries/index.js";
import { loadCsvFiles, loadMonitoringDocument } from "../../src/node/load.js";
import {
  CSV,
  cliIssues,
  documentNaming,
  ensureBuilt,
  expectNothingForeign,
  issuesOf,
  issueText,
  READINGS,
  rejectedIssues,
  runCli,
  SECRET_TEXT,
  SERIES_PATH,
  workspace,
} from "./files-fixtures.js";

beforeAll(ensureBuilt);

const mkfifo = (path: string) => execFileSync("mkfifo", [path]);

describe("paths a document may name (path-not-allowed, before anything is opened)", () => {
  const attacks: [path: string, rule: RegExp][] = [
    ["/etc/passwd", /absolute/],
    ["/dev/zero", /absolute/],
    ["../outside/secret.csv", /'\.\.' segment/],
    ["readings/../../outside/secret.csv", /'\.\.' segment/],
    ["./ok.csv", /'\.' segment/],
    ["readings//ok.csv", /empty segment/],
    ["ok.csv/", /empty segment/],
    ["", /empty/],
    ["C:/Windows/win.ini", /drive letter/],
    ["c:secret.csv", /drive letter/],
    ["..\\outside\\secret.csv", /backslash/],
    ["\\\\server\\share\\secret.csv", /backslash/],
    ["file:///etc/passwd", /empty segment/],
    ["ok.csv\u0000../../outside/secret.csv", /control character/],
    ["ok\u001b[2J\u001b[H.csv", /control character/],
  ];

  it("through options.files: rejected even when files holds the path; the path is quoted escaped", () => {
    for (const [path, rule] of attacks) {
      const issues = issuesOf(() => calculate(documentNaming(path), { files: { [path]: SECRET_TEXT } }));
      expect(issues, path).toHaveLength(1);
      const issue = issues[0]!;
      expect(issue.code, path).toBe("path-not-allowed");
      expect(issue.path).toBe(SERIES_PATH);
      expect(issue.message, path).toMatch(rule);
      expect(issue.found).toBe(`"${JSON.stringify(path).slice(1, -1)}"`);
      expectNothingForeign(issueText(issues), issue.message, issue.found ?? "");
      // verify and parseMonitoringDocument say the same
      expect(issuesOf(() => verify({ ...documentNaming(path), reported: { ER_p: "1" } }))[0]!.code).toBe(
        "path-not-allowed",
      );
      expect(issuesOf(() => parseMonitoringDocument(documentNaming(path)))[0]!.code).toBe("path-not-allowed");
    }
  });

  it("through loadMonitoringDocument and the built CLI: exit 2, the rule named, nothing of the file printed", async () => {
    for (const [path, rule] of attacks) {
      const ws = workspace();
      ws.write("ok.csv", CSV);
      const doc = ws.document(documentNaming(path));
      const issues = await rejectedIssues(loadMonitoringDocument(doc));
      expect(
        issues.map((i) => i.code),
        path,
      ).toEqual(["path-not-allowed"]);
      expect(issues[0]!.message).toMatch(rule);
      expectNothingForeign(issueText(issues));
      for (const format of ["text", "json"]) {
        const run = runCli(["calculate", doc, "--format", format]);
        expect(run.status, `${path} ${format}: ${run.stderr}`).toBe(2);
        expect(run.stderr).toMatch(rule);
        expect(run.stderr).toContain("not allowed");
        expectNothingForeign(run.stdout, run.stderr);
        if (format === "json") expect(cliIssues(run).map((i) => i.code)).toEqual(["path-not-allowed"]);
      }
    }
  });
});

describe("the data root: real paths, symbolic links, file types", () => {
  it("a symbolic link out of the root is rejected without reading the target (API and CLI)", async () => {
    const ws = workspace();
    symlinkSync(join(ws.outside, "secret.csv"), join(ws.data, "link.csv"));
    mkdirSync(join(ws.data, "sub"));
    symlinkSync(ws.outside, join(ws.data, "sub", "dir")); // a linked folder on the way
    symlinkSync("/etc/passwd", join(ws.data, "passwd.csv"));
    for (const csv of ["link.csv", "sub/dir/secret.csv", "passwd.csv"]) {
      const doc = ws.document(documentNaming(csv), `${csv.replace(/\W/g, "-")}.json`);
      const issues = await rejectedIssues(loadMonitoringDocument(doc));
      expect(issues.map((i) => i.code)).toEqual(["path-not-allowed"]);
      expect(issues[0]!.message).toMatch(/outside the data root/);
      expectNothingForeign(issueText(issues));
      const run = runCli(["calculate", doc, "--format", "json"]);
      expect(run.status).toBe(2);
      expect(cliIssues(run).map((i) => i.code)).toEqual(["path-not-allowed"]);
      expectNothingForeign(run.stdout, run.stderr);
    }
  });

  it("a symbolic link that stays inside the root is followed", async () => {
    const ws = workspace();
    ws.write("real/readings.csv", CSV);
    symlinkSync(join(ws.data, "real", "readings.csv"), join(ws.data, "alias.csv"));
    const loaded = await loadMonitoringDocument(ws.document(documentNaming("alias.csv")));
    expect(calculate(loaded.document, { files: loaded.files }).emissionReductions).toBe(
      calculate(documentNaming("x.csv"), { files: { "x.csv": CSV } }).emissionReductions,
    );
  });

  it("--data-root / root: paths resolve under it, and it is the boundary", async () => {
    const ws = workspace();
    ws.write("store/readings/inv-1.csv", CSV);
    const doc = ws.document(documentNaming("readings/inv-1.csv"));
    const store = join(ws.data, "store");
    const loaded = await loadMonitoringDocument(doc, { root: store });
    expect(Object.keys(loaded.files)).toEqual(["readings/inv-1.csv"]);
    const run = runCli(["calculate", doc, "--data-root", store, "--format", "json"]);
    expect(run.status, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout).inputDigest).toBe(calculate(loaded.document, { files: loaded.files }).inputDigest);
    // Without it, the document's folder is the root: the file is not there.
    expect((await rejectedIssues(loadMonitoringDocument(doc))).map((i) => i.code)).toEqual(["unreadable-file"]);
    // A root that is no directory is an error, not a guess.
    expect((await rejectedIssues(loadMonitoringDocument(doc, { root: join(ws.data, "nope") })))[0]!.code).toBe(
      "unreadable-file",
    );
  });

  it("a document with no folder (stdin) may name CSV files only with an explicit root", async () => {
    const ws = workspace();
    ws.write("ok.csv", CSV);
    const text = JSON.stringify(documentNaming("ok.csv"));
    const issues = await rejectedIssues(loadCsvFiles(text));
    expect(issues.map((i) => i.code)).toEqual(["no-data-root"]);
    expect(issues[0]!.message).toContain("--data-root");
    const loaded = await loadCsvFiles(text, { root: ws.data });
    expect(loaded.files["ok.csv"]!.sha256).toMatch(/^[0-9a-f]{64}$/);
    // A document without CSV series needs no root.
    const inline = { ...documentNaming("x"), monitored: { "EG_i,p": [{ equipment: "a", value: "1", unit: "MWh" }] } };
    expect((await loadCsvFiles(inline)).files).toEqual({});
  });

  it("a FIFO, a symbolic link to a FIFO, a directory, a device: not-a-regular-file, and nothing hangs", async () => {
    const ws = workspace();
    mkfifo(join(ws.data, "fifo.csv"));
    symlinkSync(join(ws.data, "fifo.csv"), join(ws.data, "to-fifo.csv"));
    mkfifo(join(ws.outside, "fifo.csv"));
    symlinkSync(join(ws.outside, "fifo.csv"), join(ws.data, "to-outside-fifo.csv"));
    mkdirSync(join(ws.data, "folder.csv"));
    const cases: [csv: string, code: string, what: RegExp, root?: string][] = [
      ["fifo.csv", "not-a-regular-file", /a FIFO/],
      ["to-fifo.csv", "not-a-regular-file", /a FIFO/],
      ["to-outside-fifo.csv", "path-not-allowed", /outside the data root/],
      ["folder.csv", "not-a-regular-file", /a directory/],
      ["zero", "not-a-regular-file", /a device/, "/dev"],
      ["null", "not-a-regular-file", /a device/, "/dev"],
      ["urandom", "not-a-regular-file", /a device/, "/dev"],
    ];
    for (const [csv, code, what, root] of cases) {
      const doc = ws.document(documentNaming(csv), `${csv.replace(/\W/g, "-")}.json`);
      const issues = await rejectedIssues(loadMonitoringDocument(doc, root ? { root } : {}), 20);
      expect(
        issues.map((i) => i.code),
        csv,
      ).toEqual([code]);
      expect(issues[0]!.message, csv).toMatch(what);
      const run = runCli(["calculate", doc, ...(root ? ["--data-root", root] : [])], { timeoutSeconds: 30 });
      expect(run.signal, `${csv}: the CLI hung`).toBeNull();
      expect(run.status, csv).toBe(2);
      expect(run.stderr).toMatch(what);
      expectNothingForeign(run.stdout, run.stderr);
    }
  });

  it("a document that is a FIFO, a directory, or larger than 256 MB (sparse) is refused before reading", async () => {
    const ws = workspace();
    mkfifo(join(ws.data, "fifo.json"));
    mkdirSync(join(ws.data, "dir.json"));
    const huge = ws.write("huge.json", "{");
    truncateSync(huge, 300 * 1024 * 1024);
    for (const [path, code] of [
      [join(ws.data, "fifo.json"), "not-a-regular-file"],
      [join(ws.data, "dir.json"), "not-a-regular-file"],
      [huge, "file-too-large"],
      [join(ws.data, "missing.json"), "unreadable-file"],
    ] as const) {
      expect((await rejectedIssues(loadMonitoringDocument(path), 20)).map((i) => i.code)).toEqual([code]);
      const run = runCli(["calculate", path, "--format", "json"], { timeoutSeconds: 30 });
      expect(run.signal, `${path}: the CLI hung`).toBeNull();
      expect(run.status).toBe(2);
      expect(cliIssues(run).map((i) => i.code)).toEqual([code]);
      expect(run.seconds).toBeLessThan(20);
    }
  });

  it("a workbook that is a FIFO, a directory, or larger than 64 MB (sparse) is refused before reading", () => {
    const ws = workspace();
    mkfifo(join(ws.data, "fifo.xlsx"));
    mkdirSync(join(ws.data, "dir.xlsx"));
    const huge = ws.write("huge.xlsx", "PK");
    truncateSync(huge, 65 * 1024 * 1024);
    for (const [path, code] of [
      [join(ws.data, "fifo.xlsx"), "not-a-regular-file"],
      [join(ws.data, "dir.xlsx"), "not-a-regular-file"],
      [huge, "file-too-large"],
      [join(ws.data, "missing.xlsx"), "unreadable-file"],
    ] as const) {
      const run = runCli(["calculate", path, "--format", "json"], { timeoutSeconds: 30 });
      expect(run.signal, `${path}: the CLI hung`).toBeNull();
      expect(run.status, path).toBe(2);
      expect(cliIssues(run).map((i) => i.code)).toEqual([code]);
      expectNothingForeign(run.stdout, run.stderr);
    }
  });
});

describe("sizes and lines", () => {
  it("a CSV larger than 4 GiB (a sparse file) is refused by its size, before it is read", async () => {
    const ws = workspace();
    const big = ws.write("huge.csv", "at,value\n");
    truncateSync(big, 5 * 1024 ** 3);
    const doc = ws.document(documentNaming("huge.csv"));
    const issues = await rejectedIssues(loadMonitoringDocument(doc), 20);
    expect(issues.map((i) => i.code)).toEqual(["file-too-large"]);
    const run = runCli(["calculate", doc], { timeoutSeconds: 30 });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("5368709120 bytes");
    expect(run.seconds).toBeLessThan(20);
  });

  it("a line longer than 4,096 bytes stops the reader at once: a 3 GiB file with no newline is not read through", async () => {
    const ws = workspace();
    const endless = ws.write("endless.csv", "at,value\n2024-06-01T00:00:00+08:00,");
    truncateSync(endless, 3 * 1024 ** 3); // NUL bytes up to 3 GiB: valid UTF-8, never a line end
    const doc = ws.document(documentNaming("endless.csv"));
    const issues = await rejectedIssues(loadMonitoringDocument(doc), 20);
    expect(issues.map((i) => i.code)).toEqual(["line-too-long"]);
    expect(issues[0]!.message).toContain("endless.csv, line 2");
    expect(issues[0]!.found).toBeUndefined(); // never the line itself
    const run = runCli(["calculate", doc], { timeoutSeconds: 30 });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/line 2: the line is longer than 4096 bytes/);
    expect(run.seconds).toBeLessThan(20);
  });

  it("a 5 KiB line without a newline, through options.files and the loader; 4,096 bytes (+ CRLF) are fine", async () => {
    const long = `at,value\n${READINGS[0]!.at},${"1".repeat(5000)}`;
    const viaFiles = issuesOf(() => calculate(documentNaming("a.csv"), { files: { "a.csv": long } }));
    expect(viaFiles.map((i) => i.code)).toEqual(["line-too-long"]);
    const ws = workspace();
    ws.write("a.csv", long);
    expect(
      (await rejectedIssues(loadMonitoringDocument(ws.document(documentNaming("a.csv"))))).map((i) => i.code),
    ).toEqual(["line-too-long"]);
    // Exactly 4,096 bytes of content, with CRLF, is at the limit: read (the value is then wrong, not the line).
    const at = `${READINGS[0]!.at},`;
    const edge = `at,value\r\n${at}${"0".repeat(4096 - at.length - 2)}.5\r\n`;
    expect(calculate(documentNaming("e.csv"), { files: { "e.csv": edge } }).emissionReductions).toBe("0");
    // Multi-byte characters count as bytes.
    const wide = `at,value\n${at}${"é".repeat(2100)}\n`;
    expect(issuesOf(() => calculate(documentNaming("w.csv"), { files: { "w.csv": wide } })).map((i) => i.code)).toEqual(
      ["line-too-long"],
    );
  });
});

describe("CSV content", () => {
  const expected = calculate(documentNaming("x.csv"), { files: { "x.csv": CSV } });

  it("invalid UTF-8 is an error naming its byte offset (bytes, loader, CLI), never replaced silently", async () => {
    const good = new TextEncoder().encode(CSV);
    const bad = good.slice();
    const offset = CSV.indexOf("\n", 100) + 5;
    bad[offset] = 0xff;
    const line = CSV.slice(0, offset).split("\n").length;
    const issues = issuesOf(() => calculate(documentNaming("x.csv"), { files: { "x.csv": bad } }));
    expect(issues.map((i) => i.code)).toEqual(["invalid-utf8"]);
    expect(issues[0]!.message).toBe(`x.csv, line ${line}: invalid UTF-8 at byte offset ${offset}`);
    expect(issues[0]!.found).toBe("byte 0xff");
    const ws = workspace();
    ws.write("x.csv", bad);
    const doc = ws.document(documentNaming("x.csv"));
    expect((await rejectedIssues(loadMonitoringDocument(doc)))[0]!.message).toContain(`byte offset ${offset}`);
    const run = runCli(["calculate", doc]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(`invalid UTF-8 at byte offset ${offset}`);
    // Overlong forms, surrogates and a sequence cut off by the end of the file.
    for (const bytes of [
      [0xc0, 0xaf],
      [0xed, 0xa0, 0x80],
      [0xf4, 0x90, 0x80, 0x80],
      [0xe2, 0x82],
    ]) {
      const content = new Uint8Array([...good, ...bytes]);
      expect(
        issuesOf(() => calculate(documentNaming("x.csv"), { files: { "x.csv": content } })).map((i) => i.code),
      ).toEqual(["invalid-utf8"]);
    }
    // Text with a lone surrogate has no UTF-8 form either.
    expect(
      issuesOf(() => calculate(documentNaming("x.csv"), { files: { "x.csv": `${CSV}\ud800` } })).map((i) => i.code),
    ).toEqual(["lone-surrogate"]);
  });

  it("quoted cells, a BOM, CRLF line ends and bytes read the same as plain text", async () => {
    const quoted = `"at","value"\r\n${READINGS.map((r, i) => (i % 2 ? `"${r.at}","${r.value}"` : `${r.at},"${r.value}"`)).join("\r\n")}\r\n`;
    for (const content of [quoted, `\ufeff${CSV}`, new TextEncoder().encode(`\ufeff${quoted}`)]) {
      const result = calculate(documentNaming("x.csv"), { files: { "x.csv": content } });
      expect(result.emissionReductionsUnrounded).toBe(expected.emissionReductionsUnrounded);
    }
    const ws = workspace();
    ws.write("q.csv", quoted);
    const doc = ws.document(documentNaming("q.csv"));
    const run = runCli(["calculate", doc, "--format", "json"]);
    expect(run.status, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout).emissionReductionsUnrounded).toBe(expected.emissionReductionsUnrounded);
    // A quote inside a cell, or an unbalanced one, is an error quoting that cell only.
    const bad = `at,value\n${READINGS[0]!.at},"1"2"\n`;
    const issues = issuesOf(() => calculate(documentNaming("x.csv"), { files: { "x.csv": bad } }));
    expect(issues.map((i) => i.code)).toEqual(["csv-quote"]);
    expect(issues[0]!.found).toBe('"\\"1\\"2\\""');
  });

  it("control characters in a cell are escaped in issues and on the terminal; only the cell is quoted, ≤ 80 characters", async () => {
    const attack = "\u001b[2J\u001b[1;1HAll figures match.\u202e\u0007";
    const long = `${"9".repeat(30)}${"Z".repeat(60)}${"x".repeat(300)}`;
    const rows = [`${READINGS[0]!.at},${attack}`, `${long},1`, `${READINGS[2]!.at},2`];
    const csv = `at,value\n${rows.join("\n")}\n`;
    const issues = issuesOf(() => calculate(documentNaming("x.csv"), { files: { "x.csv": csv } }));
    const [control, tooLong] = issues;
    expect(control!.code).toBe("invalid-decimal");
    expect(control!.message).toBe(
      `x.csv, line 2, column ${READINGS[0]!.at.length + 2}: reading value is not an acceptable decimal`,
    );
    expect(control!.found).toBe('"\\u001b[2J\\u001b[1;1HAll figures match.\\u202e\\u0007"');
    expect(tooLong!.code).toBe("invalid-timestamp");
    expect(tooLong!.found).toBe(`"${long.slice(0, 80)}…"`);
    for (const issue of issues) {
      expect((issue.found ?? "").length).toBeLessThanOrEqual(200);
      expect(issue.found ?? "").not.toContain(READINGS[2]!.at); // never another line
      expect(issue.found ?? "").not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e]/);
    }
    const ws = workspace();
    ws.write("x.csv", csv);
    const run = runCli(["calculate", ws.document(documentNaming("x.csv"))]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("\\u001b[2J");
    expect(run.stderr).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
  });

  it("a first line that is not the header quotes only its first cell, cut to 80 characters", () => {
    const secretish = `${"S".repeat(100)}:root:x:0:0,at,value\n`;
    const issues = issuesOf(() => calculate(documentNaming("x.csv"), { files: { "x.csv": secretish } }));
    expect(issues.map((i) => i.code)).toEqual(["csv-header"]);
    expect(issues[0]!.found).toBe(`"${"S".repeat(80)}…"`);
    expect(issueText(issues)).not.toContain("root:x");
  });

  it("after 20 problems the reader stops, whatever the file's length (a meter going down on every row)", () => {
    const rows = Array.from(
      { length: 100_000 },
      (_, i) => `${new Date(Date.UTC(2024, 4, 31, 16) + i * 60_000).toISOString()},${100_000 - i}`,
    );
    const cumulative = documentNaming("m.csv", { kind: "cumulative" });
    delete (cumulative.monitored["EG_i,p"][0] as { interval?: string }).interval;
    const issues = issuesOf(() => calculate(cumulative, { files: { "m.csv": `at,value\n${rows.join("\n")}\n` } }));
    expect(issues.length).toBe(21);
    expect(issues.slice(0, 20).every((i) => i.code === "meter-went-down")).toBe(true);
    expect(issues[20]!.code).toBe("too-many-problems");
  });
});

describe("nothing is opened before the whole document validated", () => {
  it("a document with an unknown methodology or key naming a FIFO and a sparse 5 GiB file answers at once", async () => {
    const ws = workspace();
    mkfifo(join(ws.data, "fifo.csv"));
    truncateSync(ws.write("huge.csv", ""), 5 * 1024 ** 3);
    const unknownMethodology = documentNaming("fifo.csv", {}, "JCM_XX_AM999");
    const unknownKey = { ...documentNaming("huge.csv"), fixed: { connection: "national-grid", EF_re: "1" } };
    const badHeader = documentNaming("fifo.csv", { interval: "PT7S" });
    for (const [document, code] of [
      [unknownMethodology, "unknown-methodology"],
      [unknownKey, "unknown-key"],
      [badHeader, "invalid-interval"],
    ] as const) {
      const doc = ws.document(document, `${code}.json`);
      const issues = await rejectedIssues(loadMonitoringDocument(doc), 20);
      expect(issues.map((i) => i.code)).toContain(code);
      expect(issues.map((i) => i.code)).not.toContain("not-a-regular-file");
      expect(issues.map((i) => i.code)).not.toContain("file-too-large");
      const run = runCli(["calculate", doc, "--format", "json"], { timeoutSeconds: 30 });
      expect(run.signal).toBeNull();
      expect(run.status).toBe(2);
      expect(cliIssues(run).map((i) => i.code)).toContain(code);
    }
  });
});

describe("options.files", () => {
  it("a path the document names but files lacks is an issue naming the path; files must be an object", () => {
    const issues = issuesOf(() => calculate(documentNaming("readings/inv-1.csv"), { files: { "other.csv": CSV } }));
    expect(issues.map((i) => i.code)).toEqual(["csv-not-provided"]);
    expect(issues[0]!.message).toMatch(/^readings\/inv-1\.csv: the CSV file is not in options\.files/);
    expect(issues[0]!.path).toBe(SERIES_PATH);
    expect(issuesOf(() => calculate(documentNaming("a.csv"), { files: "a.csv" as never }))[0]!.code).toBe(
      "invalid-options",
    );
    expect(issuesOf(() => calculate(documentNaming("a.csv"), { files: { "a.csv": 42 as never } }))[0]!.code).toBe(
      "invalid-file-content",
    );
    expect(issuesOf(() => parseMonitoringDocument(documentNaming("a.csv"), { files: {} })).map((i) => i.code)).toEqual([
      "csv-not-provided",
    ]);
    expect(parseMonitoringDocument(documentNaming("a.csv"), { files: { "a.csv": CSV } }).period.start).toBe(
      "2024-06-01",
    );
    // An inherited key is not a file.
    expect(issuesOf(() => calculate(documentNaming("constructor"), { files: {} }))[0]!.code).toBe("csv-not-provided");
  });

  it("one file named by series with many different headers is refused beyond 8 (no multiplied work)", async () => {
    const entries = Array.from({ length: 20 }, (_, i) => ({
      equipment: `inv-${i}`,
      unit: "kWh",
      kind: "interval",
      interval: `PT${i + 1}M`,
      csv: "one.csv",
    }));
    const document = { ...documentNaming("one.csv"), monitored: { "EG_i,p": entries } };
    const issues = issuesOf(() => calculate(document, { files: { "one.csv": CSV } }));
    expect(issues.filter((i) => i.code === "too-many-readings-of-file").map((i) => i.path)).toEqual(
      Array.from({ length: 12 }, (_, i) => `monitored["EG_i,p"][${i + 8}].csv`),
    );
    const ws = workspace();
    ws.write("one.csv", CSV);
    const loaderIssues = await rejectedIssues(loadMonitoringDocument(ws.document(document)));
    expect(loaderIssues.map((i) => i.code)).toEqual(Array(12).fill("too-many-readings-of-file"));
    // The same header any number of times is one reading.
    const same = { ...document, monitored: { "EG_i,p": entries.map((e) => ({ ...e, interval: "PT1H" })) } };
    expect(calculate(same, { files: { "one.csv": CSV } }).parameters.length).toBeGreaterThan(20);
  });

  it("a report of a CSV-backed series charts its daily totals and names the file by its hash", () => {
    const md = renderReport(documentNaming("x.csv"), { files: { "x.csv": CSV }, format: "md" });
    expect(md).toMatch(/CSV file x\.csv \(sha256 [0-9a-f]{64}\)/);
    expect(md).toContain("2024-06-02");
  });

  it("the digest is identical whether the file came as text, as bytes, or streamed by the loader (and by the CLI)", async () => {
    const ws = workspace();
    ws.write("readings/inv-1.csv", CSV);
    const document = documentNaming("readings/inv-1.csv");
    const doc = ws.document(document);
    const loaded = await loadMonitoringDocument(doc);
    const digests = [
      calculate(document, { files: { "readings/inv-1.csv": CSV } }).inputDigest,
      calculate(document, { files: { "readings/inv-1.csv": new TextEncoder().encode(CSV) } }).inputDigest,
      calculate(loaded.document, { files: loaded.files }).inputDigest,
      JSON.parse(runCli(["calculate", doc, "--format", "json"]).stdout).inputDigest,
    ];
    expect(new Set(digests).size).toBe(1);
    // The caller's document is not changed, and the digest covers the bytes: another byte, another digest.
    expect(document.monitored["EG_i,p"][0]!.csv).toBe("readings/inv-1.csv");
    expect(calculate(document, { files: { "readings/inv-1.csv": `${CSV}\n` } }).inputDigest).not.toBe(digests[0]);
    // Two series naming the same file read it once each; both paths in the digest become the hash.
    const twice = {
      ...document,
      monitored: {
        "EG_i,p": [document.monitored["EG_i,p"][0], { ...document.monitored["EG_i,p"][0], equipment: "inv-2" }],
      },
    };
    const twiceLoaded = await loadMonitoringDocument(ws.document(twice, "twice.json"));
    expect(calculate(twiceLoaded.document, { files: twiceLoaded.files }).inputDigest).toBe(
      calculate(twice, { files: { "readings/inv-1.csv": CSV } }).inputDigest,
    );
    writeFileSync(join(ws.data, "unused.txt"), SECRET_TEXT);
  });
});
