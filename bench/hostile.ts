/**
 * `npm run bench -- --hostile [--quick] [--json]` — the worst inputs within the limits (trust.md §3),
 * each run through the built CLI as a child process with its peak RSS read by a preloaded probe.
 *
 * Target per case: seconds ≤ 1 + size ÷ 2 MB/s and peak RSS ≤ 300 MB + 4 × size, where size counts
 * the document and every file it names (MB = 10^6 bytes). `--quick` runs reduced sizes in under a
 * minute and exits non-zero when a case misses its bound (CI). Inputs are generated deterministically
 * into .bench/hostile/ and reused by later runs.
 */
import { spawnSync } from "node:child_process";
import { createWriteStream, existsSync, mkdirSync, statSync, truncateSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export interface HostileCase {
  name: string;
  what: string;
  /** Input bytes: the document and every file it names. */
  bytes: number;
  seconds: number;
  mbPerSecond: number;
  peakRssMB: number;
  exit: number | null;
  expectedExit: number;
  boundSeconds: number;
  boundRssMB: number;
  /** How many times the case ran: more than once only when it missed nothing but its time bound. */
  runs: number;
  met: boolean;
}

interface Plan {
  name: string;
  what: string;
  /** Writes the inputs (when missing) and returns the CLI arguments and the input files. */
  make(dir: string): Promise<{ args: string[]; inputs: string[]; expectedExit: number }>;
}

const MB = 1_000_000;
const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/** Local time in +08:00 of a UTC instant, as readings carry it. */
function at08(utcMs: number): string {
  const d = new Date(utcMs + 8 * 3_600_000);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}+08:00`;
}
const START_2000 = Date.UTC(2000, 0, 1) - 8 * 3_600_000;

/** Writes a large file in 1 MiB pieces from a generator of text pieces; skipped when it exists. */
async function writeStreamed(path: string, pieces: () => Iterable<string>): Promise<void> {
  if (existsSync(path)) return;
  const partial = `${path}.partial`;
  const out = createWriteStream(partial);
  let buffer = "";
  for (const piece of pieces()) {
    buffer += piece;
    if (buffer.length >= 1 << 20) {
      if (!out.write(buffer)) await new Promise<void>((r) => out.once("drain", () => r()));
      buffer = "";
    }
  }
  out.write(buffer);
  await new Promise<void>((r) => out.end(() => r()));
  const { renameSync } = await import("node:fs");
  renameSync(partial, path);
}

function writeOnce(path: string, text: () => string): void {
  if (!existsSync(path)) writeFileSync(path, text());
}

/** A sparse file of `bytes` bytes beginning with `head` (NUL bytes after it). */
function sparse(path: string, head: string, bytes: number): void {
  if (existsSync(path) && statSync(path).size === bytes) return;
  writeFileSync(path, head);
  truncateSync(path, bytes);
}

const envelope = (period: { start: string; end: string }, monitored: unknown, extra: Record<string, unknown> = {}) => ({
  methodology: { id: "JCM_MN_AM003", version: "02.0" },
  project: { reference: "HOSTILE-BENCH" },
  period: { ...period, timeZone: "+08:00" },
  fixed: { connection: "national-grid" },
  monitored,
  ...extra,
});

/** A 2019 JCM_MN_AM003 document of `count` PV entries in MWh, the i-th valued `value(i)`, as JSON text. */
const pvEntries = (count: number, value: (i: number) => string) =>
  JSON.stringify(
    envelope(
      { start: "2019-01-01", end: "2019-12-31" },
      { "EG_i,p": Array.from({ length: count }, (_, i) => ({ equipment: `PV-${i}`, value: value(i), unit: "MWh" })) },
    ),
  );

/** JCM_MN_AM002 with `count` boilers in every per-equipment array, each array in another order. */
function boilers(count: number) {
  return {
    methodology: { id: "JCM_MN_AM002", version: "01.0" },
    project: { reference: "HOSTILE-BENCH" },
    period: { start: "2018-09-15", end: "2019-05-15", timeZone: "+08:00" },
    fixed: {
      EF_coal: "0.099",
      EF_grid: "1.1501",
      boilers: Array.from({ length: count }, (_, i) => ({
        equipment: `HOB-${i}`,
        "η_RE,i": "0.50",
        "η_PJ,i": "0.70",
        capacity: { value: "1.4", unit: "MW" },
      })),
    },
    monitored: {
      "HG_PJ,i,p": Array.from({ length: count }, (_, i) => ({
        equipment: `HOB-${count - 1 - i}`,
        value: String(8000 + (i % 977)),
        unit: "GJ",
      })),
      "EC_PJ,i,p": Array.from({ length: count }, (_, i) => ({
        equipment: `HOB-${(i * 7919) % count}`,
        value: "6.2",
        unit: "MWh",
      })),
    },
  };
}

function plans(quick: boolean): Plan[] {
  const n = (full: number, reduced: number) => (quick ? reduced : full);
  return [
    {
      name: "largest-document",
      what: quick
        ? "an 8 MB document: 100,000 inline readings and long project strings"
        : "a 255 MB document: 2,000,000 inline readings (the inline limit) and long project strings",
      async make(dir) {
        const readings = n(2_000_000, 100_000);
        const target = n(255 * MB, 8 * MB);
        const path = join(dir, "largest-document.json");
        const days = Math.ceil(readings / 1440);
        const end = new Date(Date.UTC(2000, 0, 1) + (days - 1) * 86_400_000).toISOString().slice(0, 10);
        await writeStreamed(path, function* () {
          const head = JSON.stringify(envelope({ start: "2000-01-01", end }, {}));
          // Everything but monitored and project, then the project strings, then the readings.
          const prefix = head.slice(0, head.indexOf('"project":'));
          yield prefix;
          const readingBytes = readings * 52;
          const padding = Math.max(0, target - readingBytes - 2_000);
          const pieces = Math.max(1, Math.ceil(padding / MB));
          yield '"project":{"reference":"HOSTILE-BENCH"';
          for (let i = 0; i < pieces; i++)
            yield `,"note-${i}":"${"x".repeat(Math.min(MB, Math.max(0, padding - i * MB)))}"`;
          yield '},"period":{"start":"2000-01-01","end":"';
          yield `${end}","timeZone":"+08:00"},"fixed":{"connection":"national-grid"},"monitored":{"EG_i,p":[{"equipment":"inv-1","unit":"kWh","kind":"interval","interval":"PT1M","readings":[`;
          for (let i = 0; i < readings; i++)
            yield `${i ? "," : ""}{"at":"${at08(START_2000 + i * 60_000)}","value":"${(i % 9973) / 10}"}`;
          yield "]}]}}";
        });
        return { args: ["calculate", path, "--format", "json"], inputs: [path], expectedExit: 0 };
      },
    },
    {
      name: "most-equipment",
      what: `JCM_MN_AM002 with ${n(100_000, 10_000).toLocaleString("en")} boilers in every per-equipment array (joins by id)`,
      async make(dir) {
        const count = n(100_000, 10_000);
        const path = join(dir, `most-equipment-${count}.json`);
        writeOnce(path, () => JSON.stringify(boilers(count)));
        return { args: ["calculate", path, "--format", "json"], inputs: [path], expectedExit: 0 };
      },
    },
    {
      // verify writes the whole result too (under `result`), and the checks after it.
      name: "verify-equipment",
      what: `\`verify --format json\` of ${n(100_000, 5_000).toLocaleString("en")} such boilers, reported figures that do not match (exit 1)`,
      async make(dir) {
        // Reduced further than most-equipment in the quick run: verify's work is ~1.2 × calculate's,
        // and 10,000 boilers left it 10 % under its bound on a busy machine.
        const count = n(100_000, 5_000);
        const path = join(dir, `verify-equipment-${count}.json`);
        writeOnce(path, () => JSON.stringify({ ...boilers(count), reported: { RE_p: "1", PE_p: "1", ER_p: "1" } }));
        return { args: ["verify", path, "--format", "json"], inputs: [path], expectedExit: 1 };
      },
    },
    {
      // The HTML report of the boilers: 500,000 parameter rows and 400,000 equations, with verification.
      name: "equipment-report",
      what: `\`report\` (HTML) of the ${n(100_000, 5_000).toLocaleString("en")}-boiler document with reported figures`,
      async make(dir) {
        const path = join(dir, `verify-equipment-${n(100_000, 5_000)}.json`);
        return { args: ["report", path], inputs: [path], expectedExit: 0 };
      },
    },
    {
      name: "most-issues",
      what: `${n(100_000, 10_000).toLocaleString("en")} equipment entries, each with an invalid value: one issue each (exit 2)`,
      async make(dir) {
        const count = n(100_000, 10_000);
        const path = join(dir, `most-issues-${count}.json`);
        writeOnce(path, () => pvEntries(count, (i) => `1.5e${"9".repeat(i % 7)}x`));
        return { args: ["calculate", path, "--format", "json"], inputs: [path], expectedExit: 2 };
      },
    },
    {
      // Found by fuzzing: each value's 1,000-digit denominator had 10 divided out of it a thousand
      // times to decide how it prints (6.4 s for 10,000 entries before, 0.6 s after).
      name: "smallest-values",
      what: `${n(100_000, 10_000).toLocaleString("en")} equipment entries of 1e-1000 MWh each (denominators of 1,001 digits)`,
      async make(dir) {
        const count = n(100_000, 10_000);
        const path = join(dir, `smallest-values-${count}.json`);
        writeOnce(path, () => pvEntries(count, () => "1e-1000"));
        return { args: ["calculate", path, "--format", "json"], inputs: [path], expectedExit: 0 };
      },
    },
    {
      // The same values in a report: each prints in full in its parameter row and in the equations.
      // Reports were made whole until 2026-12-03: 2.0 GB for this document as Markdown.
      name: "smallest-values-report",
      what: "the same document as a Markdown report (`calculate --format md`)",
      async make(dir) {
        const path = join(dir, `smallest-values-${n(100_000, 10_000)}.json`);
        return { args: ["calculate", path, "--format", "md"], inputs: [path], expectedExit: 0 };
      },
    },
    {
      name: "widest-digits",
      what: `${n(100_000, 10_000).toLocaleString("en")} readings of 100 significant digits, exponents from −1000 to +29 (exact sums over 1,030 digits)`,
      async make(dir) {
        const count = n(100_000, 10_000);
        const path = join(dir, `widest-digits-${count}.json`);
        const digits = (i: number) => {
          let s = "";
          for (let k = 0; k < 100; k++) s += String((i * 31 + k * 17) % 10);
          return `${(i % 9) + 1}.${s.slice(1)}`;
        };
        const days = Math.ceil(count / 1440);
        const end = new Date(Date.UTC(2000, 0, 1) + (days - 1) * 86_400_000).toISOString().slice(0, 10);
        writeOnce(path, () =>
          JSON.stringify(
            envelope(
              { start: "2000-01-01", end },
              {
                "EG_i,p": [
                  {
                    equipment: "inv-1",
                    unit: "kWh",
                    kind: "interval",
                    readings: Array.from({ length: count }, (_, i) => ({
                      at: at08(START_2000 + i * 60_000),
                      value: `${digits(i)}e${-1000 + ((i * 7) % 1029) + 1}`,
                    })),
                  },
                ],
              },
              { fixed: { EF_RE: `0.${"7".repeat(99)}1` } },
            ),
          ),
        );
        return { args: ["calculate", path, "--format", "json"], inputs: [path], expectedExit: 0 };
      },
    },
    {
      name: "longest-period",
      what: "3,660 days (2000-01-01 … 2010-01-07), one interval series on a PT1M grid with one reading: 5.3 million grid slots",
      async make(dir) {
        const path = join(dir, "longest-period.json");
        writeOnce(path, () =>
          JSON.stringify(
            envelope(
              { start: "2000-01-01", end: "2010-01-07" },
              {
                "EG_i,p": [
                  {
                    equipment: "inv-1",
                    unit: "kWh",
                    kind: "interval",
                    interval: "PT1M",
                    readings: [{ at: "2000-01-01T00:00:00+08:00", value: "12.5" }],
                  },
                ],
              },
            ),
          ),
        );
        return { args: ["calculate", path, "--format", "json"], inputs: [path], expectedExit: 0 };
      },
    },
    {
      name: "longest-period-report",
      what: "the same document through `report` (HTML with a chart of 3,660 daily totals)",
      async make(dir) {
        const path = join(dir, "longest-period.json");
        return {
          args: ["report", path, "-o", join(dir, "longest-period.html")],
          inputs: [path],
          expectedExit: 0,
        };
      },
    },
    {
      name: "longest-csv-line",
      what: `a CSV of ${n(50_000, 2_000).toLocaleString("en")} lines of exactly 4,096 bytes (values padded with leading zeros)`,
      async make(dir) {
        const lines = n(50_000, 2_000);
        const csv = join(dir, `longest-line-${lines}.csv`);
        await writeStreamed(csv, function* () {
          yield "at,value\n";
          for (let i = 0; i < lines; i++) {
            const stamp = at08(START_2000 + i * 60_000);
            const value = `${(i % 9973) + 1}.5`;
            yield `${stamp},${"0".repeat(4096 - stamp.length - 1 - value.length)}${value}\n`;
          }
        });
        const days = Math.ceil(lines / 1440);
        const end = new Date(Date.UTC(2000, 0, 1) + (days - 1) * 86_400_000).toISOString().slice(0, 10);
        const path = join(dir, `longest-line-${lines}.json`);
        writeOnce(path, () =>
          JSON.stringify(
            envelope(
              { start: "2000-01-01", end },
              {
                "EG_i,p": [
                  {
                    equipment: "inv-1",
                    unit: "kWh",
                    kind: "interval",
                    interval: "PT1M",
                    csv: `longest-line-${lines}.csv`,
                  },
                ],
              },
            ),
          ),
        );
        return { args: ["calculate", path, "--format", "json"], inputs: [path, csv], expectedExit: 0 };
      },
    },
    {
      name: "largest-csv",
      what: `a valid CSV of ${n(10_000_000, 500_000).toLocaleString("en")} rows (one every 30 s from 2000-01-01)`,
      async make(dir) {
        const rows = n(10_000_000, 500_000);
        const csv = join(dir, `largest-${rows}.csv`);
        await writeStreamed(csv, function* () {
          yield "at,value\n";
          for (let i = 0; i < rows; i++) yield `${at08(START_2000 + i * 30_000)},${(i % 99991) / 100}\n`;
        });
        const days = Math.ceil(rows / 2880);
        const end = new Date(Date.UTC(2000, 0, 1) + (days - 1) * 86_400_000).toISOString().slice(0, 10);
        const path = join(dir, `largest-${rows}.json`);
        writeOnce(path, () =>
          JSON.stringify(
            envelope(
              { start: "2000-01-01", end },
              { "EG_i,p": [{ equipment: "inv-1", unit: "kWh", kind: "interval", csv: `largest-${rows}.csv` }] },
            ),
          ),
        );
        return { args: ["calculate", path, "--format", "json"], inputs: [path, csv], expectedExit: 0 };
      },
    },
    {
      name: "most-files",
      what: `${n(100_000, 2_000).toLocaleString("en")} equipment entries, each naming its own one-row CSV file`,
      async make(dir) {
        const count = n(100_000, 2_000);
        const folder = join(dir, `files-${count}`);
        const path = join(dir, `most-files-${count}.json`);
        if (!existsSync(path)) {
          mkdirSync(folder, { recursive: true });
          for (let i = 0; i < count; i++)
            writeFileSync(join(folder, `inv-${i}.csv`), `at,value\n2019-01-01T00:00:00+08:00,${(i % 9973) / 10}\n`);
          writeFileSync(
            path,
            JSON.stringify(
              envelope(
                { start: "2019-01-01", end: "2019-01-01" },
                {
                  "EG_i,p": Array.from({ length: count }, (_, i) => ({
                    equipment: `inv-${i}`,
                    unit: "kWh",
                    kind: "interval",
                    csv: `files-${count}/inv-${i}.csv`,
                  })),
                },
              ),
            ),
          );
        }
        const inputs = [path, ...Array.from({ length: count }, (_, i) => join(folder, `inv-${i}.csv`))];
        return { args: ["calculate", path, "--format", "json"], inputs, expectedExit: 0 };
      },
    },
    sparseCsvCase(
      "sparse-csv",
      "a sparse 5 GiB CSV: refused by its size before it is read (exit 2)",
      "sparse-5g",
      "at,value\n",
      5 * 1024 ** 3,
    ),
    sparseCsvCase(
      "endless-line",
      "a sparse 3 GiB CSV with no line end after its header: line-too-long after 4 KiB, the rest unread (exit 2)",
      "endless-3g",
      "at,value\n2000-01-01T00:00:00+08:00,",
      3 * 1024 ** 3,
    ),
  ];
}

/** A one-day document naming one sparse CSV file: `head`, then zeros up to `size` bytes (refused, exit 2). */
function sparseCsvCase(name: string, what: string, stem: string, head: string, size: number): Plan {
  return {
    name,
    what,
    async make(dir) {
      const csv = join(dir, `${stem}.csv`);
      sparse(csv, head, size);
      const path = join(dir, `${stem}.json`);
      writeOnce(path, () =>
        JSON.stringify(
          envelope(
            { start: "2000-01-01", end: "2000-01-01" },
            { "EG_i,p": [{ equipment: "inv-1", unit: "kWh", kind: "interval", csv: `${stem}.csv` }] },
          ),
        ),
      );
      return { args: ["calculate", path, "--format", "json"], inputs: [path, csv], expectedExit: 2 };
    },
  };
}

/** Runs every case; returns the figures (the caller prints the summary and sets the exit code). */
export async function hostileBench(options: {
  root: string;
  quick: boolean;
  log: (text: string) => void;
}): Promise<{ cases: HostileCase[]; allMet: boolean }> {
  const { root, quick, log } = options;
  const dir = join(root, ".bench", "hostile", quick ? "quick" : "full");
  mkdirSync(dir, { recursive: true });
  const cli = join(root, "dist", "cli.js");
  const probe = join(root, "bench", "rss-probe.cjs");
  log(
    `hostile inputs${quick ? " (quick)" : ""}: bound per case ≤ 1 s + size ÷ 2 MB/s, peak RSS ≤ 300 MB + 4 × size (MB = 10^6 bytes)`,
  );
  log(
    `${"case".padEnd(22)} ${"size MB".padStart(9)} ${"seconds".padStart(8)} ${"bound".padStart(7)} ${"MB/s".padStart(8)} ${"RSS MB".padStart(7)} ${"bound".padStart(7)}  exit  met`,
  );
  const cases: HostileCase[] = [];
  for (const plan of plans(quick)) {
    const { args, inputs, expectedExit } = await plan.make(dir);
    const bytes = inputs.reduce((sum, file) => sum + statSync(file).size, 0);
    const boundSeconds = 1 + bytes / (2 * MB);
    const boundRssMB = 300 + (4 * bytes) / MB;
    const once = () => {
      const start = process.hrtime.bigint();
      const r = spawnSync(process.execPath, ["--require", probe, cli, ...args], {
        stdio: ["ignore", "ignore", "pipe"],
        encoding: "utf8",
        maxBuffer: 1 << 30,
        // A hang or a crawl is a miss, not a stuck CI: stop at ten times the bound.
        timeout: Math.ceil(boundSeconds * 10 * 1000) + 10_000,
        killSignal: "SIGKILL",
      });
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      const rss = /JCM_MRV_MAX_RSS_KB=(\d+)/.exec(r.stderr ?? "");
      return { r, seconds, peakRssMB: rss ? (Number(rss[1]) * 1024) / MB : Number.NaN };
    };
    // A shared machine adds time, never removes it: a case that misses only its time bound runs up to
    // three times and keeps its fastest run (a wrong exit or too much memory is a miss at once).
    let run = once();
    let runs = 1;
    const onlyTooSlow = (x: typeof run) =>
      x.r.status === expectedExit && x.peakRssMB <= boundRssMB && x.seconds > boundSeconds;
    while (runs < 3 && onlyTooSlow(run)) {
      const again = once();
      runs += 1;
      if (again.seconds < run.seconds) run = again;
    }
    const { r, seconds, peakRssMB } = run;
    const exit = r.status;
    const met = exit === expectedExit && seconds <= boundSeconds && peakRssMB <= boundRssMB;
    const row: HostileCase = {
      name: plan.name,
      what: plan.what,
      bytes,
      seconds: Number(seconds.toFixed(3)),
      mbPerSecond: Number((bytes / MB / seconds).toFixed(1)),
      peakRssMB: Number(peakRssMB.toFixed(1)),
      exit,
      expectedExit,
      boundSeconds: Number(boundSeconds.toFixed(1)),
      boundRssMB: Number(boundRssMB.toFixed(0)),
      runs,
      met,
    };
    cases.push(row);
    log(
      `${plan.name.padEnd(22)} ${(bytes / MB).toFixed(1).padStart(9)} ${seconds.toFixed(2).padStart(8)} ${boundSeconds.toFixed(1).padStart(7)} ${row.mbPerSecond.toFixed(1).padStart(8)} ${peakRssMB.toFixed(0).padStart(7)} ${boundRssMB.toFixed(0).padStart(7)}  ${String(exit).padStart(4)}  ${met ? "yes" : "NO"}${runs > 1 ? ` (fastest of ${runs})` : ""}`,
    );
    if (!met) {
      const why = [
        exit !== expectedExit && `exit ${exit ?? `killed (${r.signal})`}, expected ${expectedExit}`,
        seconds > boundSeconds && `${seconds.toFixed(1)} s > ${boundSeconds.toFixed(1)} s`,
        !(peakRssMB <= boundRssMB) && `RSS ${peakRssMB.toFixed(0)} MB > ${boundRssMB.toFixed(0)} MB`,
      ].filter(Boolean);
      const tail = (r.stderr ?? "").replace(/\nJCM_MRV_MAX_RSS_KB=\d+\n?$/, "").slice(-600);
      log(`  ${plan.name}: ${why.join("; ")}${tail ? `\n  stderr (end): ${tail.replace(/\n/g, "\n  ")}` : ""}`);
    }
  }
  return { cases, allMet: cases.every((c) => c.met) };
}
