/**
 * The built CLI as a process (issue 14): a document on stdin (CSV files only with --data-root),
 * project runs on worker threads (--jobs N gives what --jobs 1 gives), exit 4 when stdout or -o cannot
 * be written, and a reader that goes away (EPIPE) ends the output quietly.
 */
import { execSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { plannedWorkers, workerCount } from "../src/cli/pool.js";
import { calculate, calculateProject } from "../src/entries/index.js";

const root = new URL("..", import.meta.url).pathname;
const CLI = join(root, "dist", "cli.js");
const work = mkdtempSync(join(tmpdir(), "jcm-mrv-cli-process-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));
beforeAll(() => {
  if (!existsSync(CLI)) execSync("npx tsup", { cwd: root, stdio: "ignore" });
});

function cli(args: readonly string[], options: { input?: string; cwd?: string } = {}) {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    encoding: "utf8",
    maxBuffer: 1 << 28,
    ...(options.input !== undefined && { input: options.input }),
    ...(options.cwd !== undefined && { cwd: options.cwd }),
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const gridPath = join(root, "examples", "mn-am003-grid-plant.json");
const grid = readFileSync(gridPath, "utf8");

/** Hourly readings of one year in +08:00 as CSV, and an MN_AM003 document naming `csv`. */
function csvOf(year: number, hours: number, seed: number): string {
  const start = Date.UTC(year, 0, 1) - 8 * 3_600_000;
  const rows = Array.from({ length: hours }, (_, h) => {
    const at = new Date(start + h * 3_600_000).toISOString().replace(".000Z", "Z");
    return `${at},${((h * 7919 + seed) % 5000) / 10}`;
  });
  return `at,value\n${rows.join("\n")}\n`;
}
function documentNaming(year: number, csv: string) {
  return {
    methodology: { id: "JCM_MN_AM003", version: "02.0" },
    project: { reference: "PROCESS" },
    period: { start: `${year}-01-01`, end: `${year}-12-31`, timeZone: "+08:00" },
    fixed: { connection: "national-grid" },
    monitored: { "EG_i,p": [{ equipment: "PV-1", unit: "kWh", kind: "interval", interval: "PT1H", option: "C", csv }] },
  };
}

describe("a document on stdin (-)", () => {
  it("is read as the file would be", () => {
    const viaStdin = cli(["calculate", "-", "--format", "json"], { input: grid });
    const viaFile = cli(["calculate", gridPath, "--format", "json"]);
    expect(viaStdin.code).toBe(0);
    expect(viaStdin.stdout).toBe(viaFile.stdout);
    expect(cli(["verify", "-"], { input: grid }).stdout).toContain("All 3 reported figures match.");
    const bad = cli(["calculate", "-", "--format", "json"], { input: "{ nope" });
    expect(bad.code).toBe(2);
    expect(JSON.parse(bad.stdout).error.issues[0].code).toBe("malformed-json");
    expect(cli(["calculate", "-"], { input: "\xff" }).code).toBe(2);
  });

  it("names CSV files only with --data-root (trust.md §1); with it, the same result as from the file", () => {
    const dir = join(work, "stdin");
    mkdirSync(join(dir, "readings"), { recursive: true });
    writeFileSync(join(dir, "readings", "pv.csv"), csvOf(2023, 8760, 1));
    const document = JSON.stringify(documentNaming(2023, "readings/pv.csv"));
    writeFileSync(join(dir, "doc.json"), document);

    const refused = cli(["calculate", "-", "--format", "json"], { input: document, cwd: dir });
    expect(refused.code).toBe(2);
    expect(JSON.parse(refused.stdout).error.issues[0]).toMatchObject({
      code: "no-data-root",
      path: 'monitored["EG_i,p"][0].csv',
    });
    expect(refused.stderr).toContain("--data-root");

    const given = cli(["calculate", "-", "--data-root", dir, "--format", "json"], { input: document });
    expect(given.stderr).toBe("");
    expect(given.code).toBe(0);
    expect(given.stdout).toBe(cli(["calculate", join(dir, "doc.json"), "--format", "json"]).stdout);
    // The data root's rules hold for stdin too: no climbing out.
    const out = cli(["calculate", "-", "--data-root", join(dir, "readings"), "--format", "json"], {
      input: JSON.stringify(documentNaming(2023, "../doc.json")),
    });
    expect(out.code).toBe(2);
    expect(JSON.parse(out.stdout).error.issues[0].code).toBe("path-not-allowed");
  });
});

describe("a project run with --jobs N", () => {
  // Found by an attacker: `--jobs 9999` started a worker per document before it was refused, and
  // `--jobs 256` on two cores started 255 threads (3.6 GB, 27 s for 380 small documents).
  it("threads: at most one per document and per CPU, none for an invalid --jobs", () => {
    const docs = Array.from({ length: 40 }, (_, i) => `d${i}.json`);
    expect(plannedWorkers(["calculate", "--jobs", "256", ...docs], 2)).toBe(1);
    expect(plannedWorkers(["calculate", "--jobs", "256", ...docs], 64)).toBe(39);
    expect(plannedWorkers(["calculate", "--jobs", "4", "a.json", "b.json"], 8)).toBe(1);
    expect(plannedWorkers(["calculate", "--jobs", "4", ...docs], 8)).toBe(3);
    for (const jobs of ["9999", "257", "0", "-1", "2x", "1e2"])
      expect(plannedWorkers(["calculate", "--jobs", jobs, ...docs], 64), jobs).toBe(0);
    expect(plannedWorkers(["verify", "--jobs", "4", ...docs], 64)).toBe(0);
    expect(workerCount(8, 3, 0)).toBe(0);
  });

  it("an invalid --jobs is refused before any thread starts; many jobs print no listener warning", () => {
    const dir = join(work, "many-jobs");
    mkdirSync(dir, { recursive: true });
    const paths = Array.from({ length: 24 }, (_, i) => {
      const path = join(dir, `p${i}.json`);
      const doc = {
        ...documentNaming(2000 + i, "r.csv"),
        monitored: { "EG_i,p": [{ equipment: "PV-1", value: "1500", unit: "MWh", option: "C" }] },
      };
      writeFileSync(path, JSON.stringify(doc));
      return path;
    });
    const refused = cli(["calculate", "--jobs", "9999", ...paths]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("--jobs must be a whole number from 1 to 256");
    expect(refused.stderr).not.toContain("MaxListeners");
    const many = cli(["calculate", "--jobs", "256", ...paths, "--format", "json"]);
    expect(many.code, many.stderr).toBe(0);
    expect(many.stderr).toBe("");
  });

  it("gives byte for byte what --jobs 1 gives, each document's CSV files under its own folder", () => {
    // Every year's folder has its own readings.csv: one name, different files.
    const paths = [2019, 2017, 2020, 2018, 2021, 2022].map((year, i) => {
      const dir = join(work, "jobs", String(year));
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, "readings.csv"), csvOf(year, 8760, i));
      writeFileSync(join(dir, "doc.json"), JSON.stringify(documentNaming(year, "readings.csv")));
      return join(dir, "doc.json");
    });
    const one = cli(["calculate", ...paths, "--format", "json", "--jobs", "1"]);
    expect(one.stderr).toBe("");
    expect(one.code).toBe(0);
    for (const jobs of ["2", "3", "8"]) {
      const many = cli(["calculate", ...paths, "--format", "json", "--jobs", jobs]);
      expect(many.code, many.stderr).toBe(0);
      expect(many.stdout, `--jobs ${jobs}`).toBe(one.stdout);
    }
    const text1 = cli(["calculate", ...paths, "--jobs", "1"]);
    expect(cli(["calculate", ...paths, "--jobs", "2"]).stdout).toBe(text1.stdout);
    // Periods in order; each period is that document's own calculation.
    const project = JSON.parse(one.stdout);
    expect(project.periods.map((p: { period: { start: string } }) => p.period.start)).toEqual(
      [2017, 2018, 2019, 2020, 2021, 2022].map((y) => `${y}-01-01`),
    );
    const single = JSON.parse(cli(["calculate", paths[0]!, "--format", "json"]).stdout);
    expect(project.periods[2]).toEqual(single);
    // The inline equivalent through the library: the same totals.
    const inline = [2019, 2017, 2020, 2018, 2021, 2022].map((year, i) => {
      const d = documentNaming(year, "readings.csv");
      return { d, files: { "readings.csv": csvOf(year, 8760, i) } };
    });
    const totals = inline.map(({ d, files }) => calculate(d, { files }).emissionReductions);
    expect(project.periods.map((p: { emissionReductions: string }) => p.emissionReductions).sort()).toEqual(
      totals.sort(),
    );
  });

  it("invalid documents and overlapping periods: the same issues and exit 2 whatever the jobs", () => {
    const dir = join(work, "jobs-bad");
    mkdirSync(dir, { recursive: true });
    const doc = JSON.parse(grid);
    delete doc.reported;
    const write = (name: string, change: (d: typeof doc) => void) => {
      const d = structuredClone(doc);
      change(d);
      writeFileSync(join(dir, name), JSON.stringify(d));
      return join(dir, name);
    };
    const a = write("a.json", () => undefined);
    const b = write("b.json", (d) => {
      d.period.start = "2019-07-01";
      d.period.end = "2020-06-30";
    });
    const c = write("c.json", (d) => {
      d.period.start = "2021-01-01";
      d.period.end = "2021-12-31";
      d.monitored["EG_i,p"][0].unit = "GWhh";
    });
    const outcomes = ["1", "2", "3"].map((jobs) =>
      cli(["calculate", a, b, c, join(dir, "missing.json"), "--format", "json", "--jobs", jobs]),
    );
    for (const r of outcomes) {
      expect(r.code).toBe(2);
      expect(r.stdout).toBe(outcomes[0]!.stdout);
      expect(r.stderr).toBe(outcomes[0]!.stderr);
    }
    const codes = JSON.parse(outcomes[0]!.stdout).error.issues.map((i: { path: string; code: string }) => [
      i.path.replace(/\].*/, "]"),
      i.code,
    ]);
    expect(codes).toEqual([
      ["documents[2]", "unknown-unit"],
      ["documents[3]", "unreadable-file"],
    ]);
    const overlap = ["1", "2"].map((jobs) => cli(["calculate", a, b, "--jobs", jobs, "--format", "json"]));
    for (const r of overlap) {
      expect(r.code).toBe(2);
      expect(JSON.parse(r.stdout).error.issues[0]).toMatchObject({
        path: "documents[1].period",
        code: "overlapping-periods",
      });
    }
    expect(overlap[1]!.stdout).toBe(overlap[0]!.stdout);
    expect(
      JSON.parse(
        cli(["calculate", a, "-", "--jobs", "2", "--format", "json"], { input: readFileSync(c, "utf8") }).stdout,
      ).error.issues[0].path,
    ).toMatch(/^documents\[1\]/);
  });

  it("equals calculateProject for inline documents", () => {
    const docs = [2019, 2020].map((y) => {
      const d = JSON.parse(grid);
      delete d.reported;
      d.period.start = `${y}-01-01`;
      d.period.end = `${y}-12-31`;
      const path = join(work, `inline-${y}.json`);
      writeFileSync(path, JSON.stringify(d));
      return { d, path };
    });
    const r = cli(["calculate", ...docs.map((d) => d.path), "--jobs", "2", "--format", "json"]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(calculateProject(docs.map((d) => d.d)));
  });
});

describe("outputs that cannot be written", () => {
  it("an -o in a missing folder exits 4, not 2", () => {
    const r = cli(["calculate", gridPath, "-o", join(work, "no", "such", "folder", "r.json"), "--format", "json"]);
    expect(r.code).toBe(4);
    expect(r.stderr).toContain("cannot write");
    expect(r.stderr).toContain("(ENOENT)");
  });

  it("stdout redirected to a file gets the very bytes a pipe and -o get (non-ASCII symbols, a result of many pieces)", () => {
    // η and ÷ in every trace step, and 200 boilers: a trace of 800 steps, written in several pieces.
    const doc = JSON.parse(readFileSync(join(root, "examples", "mn-am002-two-boilers.json"), "utf8"));
    delete doc.reported;
    const copies = (entries: { equipment: string }[]) =>
      Array.from({ length: 100 }, (_, k) => entries.map((e) => ({ ...e, equipment: `${e.equipment}-${k}` }))).flat();
    doc.fixed.boilers = copies(doc.fixed.boilers);
    for (const key of Object.keys(doc.monitored)) doc.monitored[key] = copies(doc.monitored[key]);
    const path = join(work, "many-pieces.json");
    writeFileSync(path, JSON.stringify(doc));
    const redirected = join(work, "redirected.json");
    const viaO = join(work, "via-o.json");
    const r = spawnSync("sh", [
      "-c",
      `"${process.execPath}" "${CLI}" calculate "${path}" --format json > "${redirected}"`,
    ]);
    expect(r.status).toBe(0);
    expect(cli(["calculate", path, "--format", "json", "-o", viaO]).code).toBe(0);
    const piped = cli(["calculate", path, "--format", "json"]).stdout;
    expect(readFileSync(redirected, "utf8")).toBe(piped);
    expect(readFileSync(viaO, "utf8")).toBe(piped);
    expect(piped).toContain("η_RE,i");
    expect(JSON.parse(piped).trace.length).toBeGreaterThan(600);
  });

  it.skipIf(!existsSync("/dev/full"))("a full disk on stdout exits 4; -o /dev/full too", () => {
    const r = spawnSync("sh", ["-c", `"${process.execPath}" "${CLI}" calculate "${gridPath}" > /dev/full`], {
      encoding: "utf8",
    });
    expect(r.status).toBe(4);
    expect(r.stderr).toContain("jcm-mrv: cannot write to stdout (ENOSPC)");
    const o = cli(["calculate", gridPath, "-o", "/dev/full"]);
    expect(o.code).toBe(4);
    expect(o.stderr).toContain("(ENOSPC)");
  });

  it("a reader that goes away (EPIPE) ends the output quietly: no stack, the command's own exit code", () => {
    // An output far larger than a pipe's buffer: the project run of many periods in JSON.
    const paths = Array.from({ length: 40 }, (_, i) => {
      const d = JSON.parse(grid);
      delete d.reported;
      d.period.start = `${2000 + i}-01-01`;
      d.period.end = `${2000 + i}-12-31`;
      const path = join(work, `pipe-${i}.json`);
      writeFileSync(path, JSON.stringify(d));
      return path;
    });
    const r = spawnSync(
      "bash",
      [
        "-c",
        `"${process.execPath}" "${CLI}" calculate ${paths.map((p) => `"${p}"`).join(" ")} --format json | head -c 100 > /dev/null; echo "exit \${PIPESTATUS[0]}"`,
      ],
      { encoding: "utf8" },
    );
    expect(r.stdout.trim()).toBe("exit 0");
    expect(r.stderr).toBe("");
  });
});
