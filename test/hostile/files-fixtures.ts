/**
 * Shared pieces of the file-access attack tests: a workspace with a data folder and a secret outside
 * it, documents naming CSV files, the built CLI as a child process, and checks that nothing of a
 * foreign file reaches any output.
 */
import { execSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { expect } from "vitest";
import { type Issue, MrvValidationError } from "../../src/core/errors.js";

export const repo = new URL("../..", import.meta.url).pathname;
export const CLI = join(repo, "dist", "cli.js");

/** Builds the library and CLI once when dist/ is missing (CI builds before testing). */
export function ensureBuilt(): void {
  if (!existsSync(CLI)) execSync("npx tsup", { cwd: repo, stdio: "ignore" });
}

/** A marker that must never appear in any output: it lives only in files outside the data root. */
export const SECRET = "SECRET-Ax9Qm2-do-not-print";
export const SECRET_TEXT = `${SECRET}:root:x:0:0:/root:/bin/bash\nat,value\n${SECRET},${SECRET}\n`;

/** Hourly readings of 2024-06-01 and 02 in +08:00, as CSV rows `at,value`. */
export const READINGS = Array.from({ length: 48 }, (_, h) => ({
  at: new Date(Date.UTC(2024, 4, 31, 16 + h)).toISOString().replace(".000Z", "Z"),
  value: `${(h * 37) % 101}.${h % 7}`,
}));
export const CSV = `at,value\n${READINGS.map((r) => `${r.at},${r.value}`).join("\n")}\n`;

/** An MN_AM003 document whose one series reads `csv` (plus any other series keys). */
export function documentNaming(csv: string, series: Record<string, unknown> = {}, methodologyId = "JCM_MN_AM003") {
  return {
    methodology: { id: methodologyId, version: "02.0" },
    project: { reference: "HOSTILE" },
    period: { start: "2024-06-01", end: "2024-06-02", timeZone: "+08:00" },
    fixed: { connection: "national-grid" },
    monitored: {
      "EG_i,p": [{ equipment: "inv-1", unit: "kWh", kind: "interval", interval: "PT1H", option: "C", csv, ...series }],
    },
  };
}

export const SERIES_PATH = 'monitored["EG_i,p"][0].csv';

export interface Workspace {
  /** The document's folder (the default data root). */
  data: string;
  /** A folder beside it holding `secret.csv`. */
  outside: string;
  /** Writes a file under `data` (folders made as needed); returns its absolute path. */
  write(relative: string, content: string | Uint8Array): string;
  /** Writes `doc.json` (or `name`) into `data`; returns its path. */
  document(document: unknown, name?: string): string;
}

let cases = 0;
const base = mkdtempSync(join(tmpdir(), "jcm-mrv-hostile-"));

export function workspace(): Workspace {
  const dir = join(base, `case-${++cases}`);
  const data = join(dir, "data");
  const outside = join(dir, "outside");
  mkdirSync(data, { recursive: true });
  mkdirSync(outside, { recursive: true });
  writeFileSync(join(outside, "secret.csv"), SECRET_TEXT);
  const write = (relative: string, content: string | Uint8Array) => {
    const path = join(data, relative);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
    return path;
  };
  return {
    data,
    outside,
    write,
    document: (document, name = "doc.json") =>
      write(name, typeof document === "string" ? document : JSON.stringify(document)),
  };
}

export interface CliRun {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  seconds: number;
}

/** The built CLI as a child process; a hang is killed after `timeoutSeconds` (status null). */
export function runCli(
  args: string[],
  options: { timeoutSeconds?: number; env?: NodeJS.ProcessEnv; nodeArgs?: string[] } = {},
): CliRun {
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [...(options.nodeArgs ?? []), CLI, ...args], {
    encoding: "utf8",
    timeout: (options.timeoutSeconds ?? 30) * 1000,
    killSignal: "SIGKILL",
    maxBuffer: 1 << 26,
    ...(options.env && { env: options.env }),
  });
  return {
    status: r.status,
    signal: r.signal,
    stdout: r.stdout ?? "",
    stderr: r.stderr ?? "",
    seconds: Number(process.hrtime.bigint() - start) / 1e9,
  };
}

/** What `--format json` printed on stdout for invalid input. */
export function cliIssues(run: CliRun): Issue[] {
  return (JSON.parse(run.stdout) as { error: { issues: Issue[] } }).error.issues;
}

/** Nothing of a foreign file (the secret, /etc/passwd) in any output, and no raw control character. */
export function expectNothingForeign(...outputs: string[]): void {
  for (const output of outputs) {
    expect(output).not.toContain(SECRET);
    expect(output).not.toMatch(/root:x:0:0|daemon:x:/);
    // eslint-free check for raw control characters other than newline, tab and the progress bar's CR.
    expect(output).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/);
  }
}

/** The issues a throwing call raised (fails when it did not throw a validation error). */
export function issuesOf(run: () => unknown): readonly Issue[] {
  try {
    run();
  } catch (error) {
    if (error instanceof MrvValidationError) return error.issues;
    throw error;
  }
  throw new Error("expected a validation error");
}

/** The issues a promise rejected with, failing after `seconds` (a hang check, not a figure). */
export async function rejectedIssues(promise: Promise<unknown>, seconds = 20): Promise<readonly Issue[]> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${seconds} s (a hang)`)), seconds * 1000);
  });
  try {
    await Promise.race([promise, timeout]);
  } catch (error) {
    if (error instanceof MrvValidationError) return error.issues;
    throw error;
  } finally {
    clearTimeout(timer);
  }
  throw new Error("expected a validation error");
}

/** Every text of the issues, as a registry would return them to the uploader. */
export function issueText(issues: readonly Issue[]): string {
  return JSON.stringify(issues);
}
