/**
 * Shared by the attack tests of test/hostile: hostile documents, the built CLI run as a registry
 * would run it, and what no output may ever contain (trust.md).
 */
import { execSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect } from "vitest";
import type { Issue } from "../../src/core/errors.js";
import { MrvValidationError } from "../../src/core/errors.js";

const root = new URL("../..", import.meta.url).pathname;
const cliPath = `${root}dist/cli.js`;

export type Doc = Record<string, unknown>;

/** A valid JCM_MN_AM003 document with reported figures that match (ER_p 11303). */
export const solar = (): Doc & { project: Record<string, string>; monitored: Doc; reported: Doc } => ({
  methodology: { id: "JCM_MN_AM003", version: "02.0" },
  project: { reference: "ATTACK-PV", title: "Hostile test plant", hostCountry: "MN" },
  period: { start: "2019-01-01", end: "2019-12-31", timeZone: "+08:00" },
  fixed: { connection: "national-grid" },
  monitored: { "EG_i,p": [{ equipment: "PCS-main", value: "14182", unit: "MWh", option: "C" }] },
  reported: { RE_p: "11303.054", PE_p: "0", ER_p: "11303" },
});

/** `n` heat-only boilers, each with its heat and electricity (JCM_MN_AM002). */
export function boilers(n: number): Doc {
  const fixed = [];
  const heat = [];
  const electricity = [];
  for (let i = 0; i < n; i++) {
    fixed.push({ equipment: `B${i}`, "η_RE,i": "0.5", "η_PJ,i": "0.7" });
    heat.push({ equipment: `B${i}`, value: "10", unit: "GJ" });
    electricity.push({ equipment: `B${i}`, value: "1", unit: "MWh" });
  }
  return {
    methodology: { id: "JCM_MN_AM002", version: "01.0" },
    period: { start: "2018-01-01", end: "2018-12-31", timeZone: "+08:00" },
    fixed: { EF_coal: "0.099", EF_grid: "1.1501", boilers: fixed },
    monitored: { "HG_PJ,i,p": heat, "EC_PJ,i,p": electricity },
  };
}

/** `n` centrifugal chillers with their consumption (JCM_ID_AM002). */
export function chillers(n: number): Doc {
  const fixed = [];
  const consumption = [];
  for (let i = 0; i < n; i++) {
    fixed.push({ equipment: `C${i}`, type: "centrifugal", "COP_RE,i": "5.6", "COP_PJ,tc,i": "6.2" });
    consumption.push({ equipment: `C${i}`, value: "10", unit: "MWh" });
  }
  return {
    methodology: { id: "JCM_ID_AM002", version: "02.0" },
    period: { start: "2017-01-01", end: "2017-12-31", timeZone: "+07:00" },
    fixed: { EF_elec: "0.619", chillers: fixed },
    monitored: { "EC_PJ,i,p": consumption },
  };
}

/** `n` brick products with their production, and `fuels` fuel entries (DRAFT_BD_UNFIRED_BRICK). */
export function products(n: number, fuels = 0): Doc {
  const fixed = [];
  const produced = [];
  for (let i = 0; i < n; i++) {
    fixed.push({ product: `P${i}`, EQ_k: "1" });
    produced.push({ product: `P${i}`, value: "1000" });
  }
  const fuelEntries = Array.from({ length: fuels }, () => ({ fuel: "diesel" }));
  const consumed = Array.from({ length: fuels }, () => ({ fuel: "diesel", value: "1", unit: "t" }));
  return {
    methodology: { id: "DRAFT_BD_UNFIRED_BRICK", version: "0.1" },
    period: { start: "2024-01-01", end: "2024-12-31", timeZone: "+06:00" },
    fixed: {
      products: fixed,
      SEC_RE: "0.12",
      NCV_coal: "25.8",
      EF_coal: "0.0946",
      f_clinker: "0.95",
      EF_grid: "0.67",
      ...(fuels > 0 && { fuels: fuelEntries }),
    },
    monitored: {
      "N_k,p": produced,
      "M_cement,p": { value: "210", unit: "t" },
      EC_p: { value: "38.5", unit: "MWh" },
      ...(fuels > 0 && { "FC_f,p": consumed }),
    },
  };
}

/** Control, bidi and invisible characters that must never reach a terminal or a renderer as they are. */
export const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200d\u2060\u202a-\u202e\u2066-\u2069\ufeff]/;

/** A JavaScript stack in output: the CLI printed an exception instead of an error. */
export const STACK = /\n\s+at .+[(:]\d+:\d+\)?|RangeError|TypeError|Maximum call stack|heap out of memory/;

/** The thrown MrvValidationError of `run` (fails the test when it does not throw one). */
export function refusal(run: () => unknown): MrvValidationError {
  try {
    run();
  } catch (error) {
    if (error instanceof MrvValidationError) return error;
    throw error;
  }
  throw new Error("expected an MrvValidationError");
}

/** What trust.md §2–§4 promise of every issue: plain strings, found ≤ 200, nothing unsafe. */
export function expectSafeIssues(issues: readonly Issue[]): void {
  expect(issues.length).toBeGreaterThan(0);
  expect(issues.length).toBeLessThanOrEqual(1001);
  for (const issue of issues) {
    for (const [key, value] of Object.entries(issue)) {
      expect(typeof value, key).toBe("string");
      expect(UNSAFE.test(value as string), `${key} of ${issue.code} has a raw unsafe character`).toBe(false);
    }
    if (issue.found !== undefined) {
      expect(issue.found.length).toBeLessThanOrEqual(200);
    }
  }
}

const scratchDirs: string[] = [];
afterAll(() => {
  for (const dir of scratchDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A fresh directory for documents the CLI reads, removed after the test file. */
export function scratch(): string {
  const dir = mkdtempSync(join(tmpdir(), "jcm-mrv-hostile-"));
  scratchDirs.push(dir);
  return dir;
}

/** Writes `content` as `name` in `dir` and returns its path. */
export function put(dir: string, name: string, content: string | Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
  seconds: number;
}

/** Runs the built CLI (`node dist/cli.js`), building it first when it is missing. */
export function builtCli(args: readonly string[], timeoutSeconds = 120): CliRun {
  if (!existsSync(cliPath)) execSync("npx tsup", { cwd: root, stdio: "ignore" });
  const started = performance.now();
  const r = spawnSync(process.execPath, [cliPath, ...args], {
    encoding: "utf8",
    timeout: timeoutSeconds * 1000,
    maxBuffer: 256 * 1024 * 1024,
  });
  return {
    code: r.status,
    stdout: r.stdout ?? "",
    stderr: r.stderr ?? "",
    seconds: (performance.now() - started) / 1000,
  };
}

/** What every run of the CLI on a hostile document must show: the exit code, no stack, nothing unsafe. */
export function expectCleanExit(run: CliRun, code: number): void {
  expect(run.stderr).not.toMatch(STACK);
  expect(run.code, run.stderr.slice(0, 2000)).toBe(code);
  expect(UNSAFE.test(run.stdout), "raw unsafe character on stdout").toBe(false);
  expect(UNSAFE.test(run.stderr), "raw unsafe character on stderr").toBe(false);
}

/** Seconds `run` takes (for generous hang and blow-up bounds only: figures belong to the benchmark). */
export function timed<T>(run: () => T): { value: T; seconds: number } {
  const started = performance.now();
  const value = run();
  return { value, seconds: (performance.now() - started) / 1000 };
}
