/**
 * trust.md §1: files are opened only after the whole document passed validation, and a path that
 * breaks the rules is never looked at. Proved by recording every file-system call — in-process for
 * `loadMonitoringDocument` (mocks around node:fs and node:fs/promises), and in the built CLI through a preloaded
 * probe — and finding none about the CSV files.
 */
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { loadMonitoringDocument } from "../../src/node/load.js";
import { CSV, documentNaming, ensureBuilt, rejectedIssues, runCli, workspace } from "./files-fixtures.js";

const touched: string[] = [];

vi.mock("node:fs", async (importOriginal) => {
  const original = await importOriginal<typeof import("node:fs")>();
  const record =
    <A extends unknown[], R>(name: string, f: (path: never, ...rest: A) => R) =>
    (path: unknown, ...rest: A): R => {
      touched.push(`${name} ${String(path)}`);
      return f(path as never, ...rest);
    };
  const realpathSync = Object.assign(record("realpathSync", original.realpathSync), {
    native: record("realpathSync.native", original.realpathSync.native),
  });
  const mocked = {
    ...original,
    realpathSync,
    statSync: record("statSync", original.statSync),
    lstatSync: record("lstatSync", original.lstatSync),
    openSync: record("openSync", original.openSync),
    readFileSync: record("readFileSync", original.readFileSync),
    createReadStream: record("createReadStream", original.createReadStream),
  };
  return { ...mocked, default: mocked };
});

vi.mock("node:fs/promises", async (importOriginal) => {
  const original = await importOriginal<typeof import("node:fs/promises")>();
  const record =
    <A extends unknown[], R>(name: string, f: (path: never, ...rest: A) => R) =>
    (path: unknown, ...rest: A): R => {
      touched.push(`${name} ${String(path)}`);
      return f(path as never, ...rest);
    };
  return {
    ...original,
    open: record("open", original.open),
    realpath: record("realpath", original.realpath),
    stat: record("stat", original.stat),
    lstat: record("lstat", original.lstat),
    readFile: record("readFile", original.readFile),
  };
});

beforeAll(ensureBuilt);
beforeEach(() => {
  touched.length = 0;
});

const probe = join(new URL(".", import.meta.url).pathname, "files-probe.cjs");

describe("nothing of a CSV file is touched before the document validated", () => {
  const ws = workspace();
  ws.write("ok.csv", CSV);
  execFileSync("mkfifo", [join(ws.data, "fifo.csv")]);
  const invalid: [name: string, document: unknown, code: string][] = [
    ["unknown methodology", documentNaming("ok.csv", {}, "JCM_XX_AM999"), "unknown-methodology"],
    ["unknown key", { ...documentNaming("fifo.csv"), extra: true }, "unknown-key"],
    [
      "misspelt fixed key",
      { ...documentNaming("ok.csv"), fixed: { connection: "national-grid", EF_re: "1" } },
      "unknown-key",
    ],
    ["a forbidden path beside a good one", documentNaming("../outside/secret.csv"), "path-not-allowed"],
    ["an absolute path", documentNaming("/etc/passwd"), "path-not-allowed"],
    ["an unknown unit", documentNaming("fifo.csv", { unit: "kWx" }), "unknown-unit"],
  ];

  for (const [name, document, code] of invalid) {
    it(`${name}: loadMonitoringDocument looks at no CSV path`, async () => {
      const doc = ws.document(document, `${code}-${name.replace(/\W/g, "-")}.json`);
      const issues = await rejectedIssues(loadMonitoringDocument(doc));
      expect(issues.map((i) => i.code)).toContain(code);
      expect(touched.length).toBeGreaterThan(0); // the document itself was read …
      expect(touched.filter((t) => !t.endsWith(doc))).toEqual([]); // … and nothing else
    });

    it(`${name}: the built CLI looks at no CSV path`, () => {
      const doc = ws.document(document, `cli-${code}-${name.replace(/\W/g, "-")}.json`);
      const run = runCli(["calculate", doc, "--format", "json"], { nodeArgs: ["--require", probe] });
      expect(run.status).toBe(2);
      const calls = run.stderr.split("\n").filter((l) => l.startsWith("FS-PROBE"));
      expect(calls.some((c) => c.endsWith(doc))).toBe(true); // the probe works
      expect(calls.filter((c) => /\.csv|secret|passwd/.test(c))).toEqual([]);
    });
  }

  it("a valid document: the CSV file is looked at only after the document was read", async () => {
    const doc = ws.document(documentNaming("ok.csv"), "valid.json");
    await loadMonitoringDocument(doc);
    const first = touched.findIndex((t) => t.endsWith("ok.csv"));
    const lastOfDocument = touched.length - 1 - [...touched].reverse().findIndex((t) => t.endsWith("valid.json"));
    expect(first).toBeGreaterThan(lastOfDocument);
  });
});
