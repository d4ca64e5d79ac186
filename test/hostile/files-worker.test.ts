/**
 * The CLI opens the files of a document naming many CSV files on a worker thread
 * (src/cli/file-reader.ts). Whatever the thread, every file gets the same checks and the same outcome
 * as through the library, in the same order; and the worker holds one large file open at a time.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { WORKER_FROM } from "../../src/cli/file-reader.js";
import { MrvValidationError } from "../../src/core/errors.js";
import { calculate } from "../../src/entries/index.js";
import { loadMonitoringDocument } from "../../src/node/load.js";
import { CLI, cliIssues, ensureBuilt, expectNothingForeign, READINGS, runCli, workspace } from "./files-fixtures.js";

beforeAll(ensureBuilt);

const FILES = WORKER_FROM + 200;

/** A document naming `files` CSV files, one series each (hourly, 2024-06-01 … 02, +08:00). */
function documentNamingMany(files: readonly string[]) {
  return {
    methodology: { id: "JCM_MN_AM003", version: "02.0" },
    project: { reference: "MANY-FILES" },
    period: { start: "2024-06-01", end: "2024-06-02", timeZone: "+08:00" },
    fixed: { connection: "national-grid" },
    monitored: {
      "EG_i,p": files.map((csv, i) => ({ equipment: `inv-${i}`, unit: "kWh", kind: "interval", option: "C", csv })),
    },
  };
}

/** One reading per file (a different value each), or all 48 hourly readings (a file of a few kB). */
const oneRow = (i: number) => `at,value\n${READINGS[i % 48]!.at},${i % 97}.5\n`;
/** A valid file over 64 KiB (handed over open by the worker): the 48 readings, then blank lines. */
const large = (i: number) => `at,value\n${READINGS[i % 48]!.at},${i}\n${"\n".repeat(70_000)}`;

async function viaLibrary(doc: string): Promise<{ result?: unknown; issues?: unknown[] }> {
  try {
    const loaded = await loadMonitoringDocument(doc, { dailyTotals: false });
    return { result: calculate(loaded.document, { files: loaded.files }) };
  } catch (error) {
    if (error instanceof MrvValidationError) return { issues: [...error.issues] };
    throw error;
  }
}

describe("CSV files opened on the CLI's worker thread", () => {
  it("gives the result the library gives: small files, large files, in document order", async () => {
    const ws = workspace();
    const files = Array.from({ length: FILES }, (_, i) => `r/${i % 3}/f-${i}.csv`);
    for (const [i, file] of files.entries()) ws.write(file, i % 400 === 7 ? large(i) : oneRow(i));
    const doc = ws.document(documentNamingMany(files));
    const run = runCli(["calculate", doc, "--format", "json"], { timeoutSeconds: 120 });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    const { result } = await viaLibrary(doc);
    expect(JSON.parse(run.stdout)).toEqual(JSON.parse(JSON.stringify(result)));
  });

  it("refuses what the library refuses, with the same issues: missing, FIFO, folder, link outside, empty, bad rows", async () => {
    const ws = workspace();
    const files = Array.from({ length: FILES }, (_, i) => `f-${i}.csv`);
    for (const [i, file] of files.entries()) ws.write(file, oneRow(i));
    // Spread over the batches: the first, one in the middle, the last.
    ws.write("empty.csv", "");
    ws.write("bad.csv", "at,value\nnot a time,1\n");
    execFileSync("mkfifo", [join(ws.data, "fifo.csv")]);
    mkdirSync(join(ws.data, "folder.csv"));
    symlinkSync(join(ws.outside, "secret.csv"), join(ws.data, "secret.csv"));
    const named = [...files];
    named[0] = "missing.csv";
    named[300] = "fifo.csv";
    named[301] = "folder.csv";
    named[700] = "secret.csv";
    named[701] = "empty.csv";
    named[FILES - 1] = "bad.csv";
    const doc = ws.document(documentNamingMany(named));
    const run = runCli(["calculate", doc, "--format", "json"], { timeoutSeconds: 120 });
    expect(run.status).toBe(2);
    expectNothingForeign(run.stdout, run.stderr);
    const { issues } = await viaLibrary(doc);
    expect(issues?.length).toBe(6);
    expect(cliIssues(run)).toEqual(issues);
  });

  it("holds one large file open at a time: 120 large files under a limit of 40 descriptors", async () => {
    const ws = workspace();
    const files = Array.from({ length: FILES }, (_, i) => `f-${i}.csv`);
    for (const [i, file] of files.entries()) ws.write(file, i % 10 === 0 ? large(i) : oneRow(i));
    const doc = ws.document(documentNamingMany(files));
    const run = spawnSync(
      "bash",
      ["-c", 'ulimit -n 40 && exec "$0" "$@"', process.execPath, CLI, "calculate", doc, "--format", "json"],
      {
        encoding: "utf8",
        timeout: 120_000,
        maxBuffer: 1 << 26,
      },
    );
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout).parameters.length).toBeGreaterThan(FILES);
  });
});
