/**
 * `npm run bench` — registry-scale measurements in one run on one machine (issue: registry scale).
 * `npm run bench -- --json` prints the same figures as ONE JSON object on the last line.
 * `npm run bench -- --hostile [--quick]` runs the worst inputs within the limits instead (bench/hostile.ts).
 *
 * Needs the build (`npm run build`) for the CLI figures. Data comes from a seeded generator, so
 * every run measures the same inputs. Each figure is the median of several runs after a warm-up.
 */
import { spawnSync } from "node:child_process";
import { createWriteStream, existsSync, mkdirSync, statSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { join } from "node:path";
import { mnAm002HeatOnlyBoiler } from "../methodologies/mn-am002-heat-only-boiler/index.js";
import { mnAm003SolarPv } from "../methodologies/mn-am003-solar-pv/index.js";
import { ExactSum } from "../src/core/exact-sum.js";
import { calculate } from "../src/entries/core.js";
import { hostileBench } from "./hostile.js";

const json = process.argv.includes("--json");
const root = new URL("..", import.meta.url).pathname;
const work = join(root, ".bench");
mkdirSync(work, { recursive: true });
const log = (text: string) => {
  if (!json) console.log(text);
  else process.stderr.write(`${text}\n`);
};

/** mulberry32: a tiny seeded PRNG, so the data is the same on every run. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Decimal strings between 0 and 100,000 with 0–6 fraction digits (data generation, not arithmetic). */
function decimalStrings(count: number, seed = 20231): string[] {
  const random = seeded(seed);
  const out = new Array<string>(count);
  for (let i = 0; i < count; i++) out[i] = (random() * 100_000).toFixed(Math.floor(random() * 7));
  return out;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function time<T>(run: () => T, warmups: number, runs: number): { seconds: number; last: T } {
  let last!: T;
  for (let i = 0; i < warmups; i++) last = run();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    last = run();
    samples.push(Number(process.hrtime.bigint() - start) / 1e9);
  }
  return { seconds: median(samples), last };
}

const round = (x: number, digits = 3) => Number(x.toPrecision(digits + 2));
const pad = (n: number) => String(n).padStart(2, "0");
/** Local time in +08:00 of a UTC instant, as the readings carry it. */
function at08(utcMs: number): string {
  const d = new Date(utcMs + 8 * 3_600_000);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:00+08:00`;
}

// ── solarFleet: 100 PV systems × 8,760 hourly interval readings of 2023, end to end ─────────────
function solarFleetDocument(timeZone: string) {
  const systems = 100;
  const hours = 8760;
  const values = decimalStrings(systems * hours);
  const start = Date.UTC(2023, 0, 1) - 8 * 3_600_000;
  const stamps = Array.from({ length: hours }, (_, h) => at08(start + h * 3_600_000));
  const document = {
    methodology: { id: "JCM_MN_AM003", version: "02.0" },
    project: { reference: "BENCH-FLEET" },
    period: { start: "2023-01-01", end: "2023-12-31", timeZone },
    fixed: { connection: "national-grid" },
    monitored: {
      "EG_i,p": Array.from({ length: systems }, (_, s) => ({
        equipment: `PV-${s}`,
        unit: "kWh",
        kind: "interval",
        interval: "PT1H",
        option: "C",
        readings: stamps.map((at, h) => ({ at, value: values[s * hours + h]! })),
      })),
    },
  };
  return { document, readings: systems * hours };
}

function solarFleet() {
  const { document, readings } = solarFleetDocument("+08:00");
  const { seconds, last } = time(() => calculate(mnAm003SolarPv, document), 1, 5);
  log(
    `solarFleet  ${readings} readings in ${seconds.toFixed(3)} s → ${Math.round(readings / seconds).toLocaleString("en")} readings/s (ER ${last.emissionReductions} tCO2)`,
  );
  return { readings, seconds: round(seconds), readingsPerSecond: Math.round(readings / seconds) };
}

// ── boilers100: one JCM_MN_AM002 document with 100 boilers, the equations' cost ────────────────
// Heat in Gcal (× 4.1868 ÷ 3.6: non-terminating), efficiencies with two or three decimals (÷ η):
// every boiler's RE and PE term is a fraction whose denominator the others do not share.
function boilers100() {
  const boilers = 100;
  const random = seeded(4242);
  const digits = (min: number, span: number, places: number) => (min + random() * span).toFixed(places);
  const fixed = {
    EF_coal: "0.099",
    EF_grid: "1.1501",
    boilers: Array.from({ length: boilers }, (_, i) => ({
      equipment: `HOB-${i}`,
      "η_RE,i": digits(0.45, 0.15, 2),
      "η_PJ,i": digits(0.65, 0.2, 3),
      capacity: { value: digits(0.2, 2.8, 2), unit: "MW" },
      ...(i % 2 === 1 && { "P_aux,i": { value: digits(1, 10, 1), unit: "kW" } }),
    })),
  };
  const monitored = {
    "HG_PJ,i,p": fixed.boilers.map((b) => ({ equipment: b.equipment, value: digits(500, 5000, 3), unit: "Gcal" })),
    "EC_PJ,i,p": fixed.boilers
      .filter((_, i) => i % 2 === 0)
      .map((b) => ({ equipment: b.equipment, value: digits(1, 30, 2), unit: "MWh" })),
    "t_op,i,p": fixed.boilers
      .filter((_, i) => i % 2 === 1)
      .map((b) => ({ equipment: b.equipment, value: digits(1000, 4000, 0), unit: "h" })),
  };
  const document = {
    methodology: { id: "JCM_MN_AM002", version: "01.0" },
    project: { reference: "BENCH-HOB" },
    period: { start: "2018-09-15", end: "2019-05-15", timeZone: "+08:00" },
    fixed,
    monitored,
  };
  const { seconds, last } = time(() => calculate(document, { module: mnAm002HeatOnlyBoiler }), 20, 51);
  log(
    `boilers100  ${boilers} boilers in ${(seconds * 1000).toFixed(2)} ms per calculation (ER ${last.emissionReductions} tCO2, RE ${last.referenceEmissions.slice(0, 24)}…)`,
  );
  return { boilers, milliseconds: round(seconds * 1000) };
}

// ── timeZones: the same solarFleet document in Asia/Ulaanbaatar vs +08:00, runs interleaved ─────
function timeZones() {
  const offset = solarFleetDocument("+08:00").document;
  const named = solarFleetDocument("Asia/Ulaanbaatar").document;
  const run = (document: typeof offset) => {
    const start = process.hrtime.bigint();
    const result = calculate(document, { module: mnAm003SolarPv });
    return { seconds: Number(process.hrtime.bigint() - start) / 1e9, er: result.emissionReductions };
  };
  run(offset);
  run(named);
  const offsetSamples: number[] = [];
  const namedSamples: number[] = [];
  let er = "";
  for (let i = 0; i < 7; i++) {
    // Alternate which goes first, so drift on a shared machine falls on both alike.
    const pair = i % 2 === 0 ? [run(offset), run(named)] : [run(named), run(offset)].reverse();
    offsetSamples.push(pair[0]!.seconds);
    namedSamples.push(pair[1]!.seconds);
    if (pair[0]!.er !== pair[1]!.er) throw new Error(`timeZones: ER differs (${pair[0]!.er} vs ${pair[1]!.er})`);
    er = pair[0]!.er;
  }
  const offsetSeconds = median(offsetSamples);
  const namedSeconds = median(namedSamples);
  const ratio = namedSeconds / offsetSeconds;
  log(
    `timeZones   solarFleet in Asia/Ulaanbaatar ${namedSeconds.toFixed(3)} s vs +08:00 ${offsetSeconds.toFixed(3)} s → ratio ${ratio.toFixed(3)} (ER ${er} tCO2 both)`,
  );
  return { namedSeconds: round(namedSeconds), offsetSeconds: round(offsetSeconds), ratioToOffset: round(ratio) };
}

// ── kernel: exact sum vs the float baseline, both from the same strings ─────────────────────────
function kernel() {
  const strings = decimalStrings(1_000_000, 7);
  const exact = time(
    () => {
      const sum = new ExactSum();
      for (const s of strings) sum.add(s);
      return sum.toString();
    },
    3,
    7,
  );
  const float = time(
    () => {
      let total = 0;
      for (const s of strings) total += Number(s);
      return total;
    },
    3,
    7,
  );
  const ratio = exact.seconds / float.seconds;
  log(
    `kernel      1,000,000 strings: exact ${(exact.seconds * 1000).toFixed(1)} ms, float ${(float.seconds * 1000).toFixed(1)} ms → ratio ${ratio.toFixed(2)} (exact ${exact.last}, float ${float.last})`,
  );
  return { exactSeconds: round(exact.seconds), floatSeconds: round(float.seconds), ratioToFloat: round(ratio) };
}

// ── csv: a 5,000,000-row CSV through the CLI, with the child's peak RSS ─────────────────────────
async function csv() {
  const rows = 5_000_000;
  const file = join(work, `minutes-${rows}.csv`);
  if (!existsSync(file) || statSync(file).size < rows * 30) {
    log(`csv         generating ${file} …`);
    const values = decimalStrings(1_000_000, 99);
    const out = createWriteStream(file);
    const start = Date.UTC(2020, 0, 1) - 8 * 3_600_000;
    let buffer = "at,value\n";
    for (let i = 0; i < rows; i++) {
      buffer += `${at08(start + i * 60_000)},${values[i % values.length]}\n`;
      if (buffer.length > 1 << 20) {
        if (!out.write(buffer)) await new Promise<void>((r) => out.once("drain", () => r()));
        buffer = "";
      }
    }
    out.write(buffer);
    await new Promise<void>((r) => out.end(() => r()));
  }
  // 5,000,000 minutes from 2020-01-01 00:00 (+08:00) end on 2029-07-05; the period covers them all.
  const doc = join(work, "csv-document.json");
  writeFileSync(
    doc,
    JSON.stringify({
      methodology: { id: "JCM_MN_AM003", version: "02.0" },
      project: { reference: "BENCH-CSV" },
      period: { start: "2020-01-01", end: "2029-07-05", timeZone: "+08:00" },
      fixed: { connection: "national-grid" },
      monitored: {
        "EG_i,p": [
          {
            equipment: "inv-1",
            unit: "kWh",
            kind: "interval",
            interval: "PT1M",
            option: "C",
            csv: `minutes-${rows}.csv`,
          },
        ],
      },
    }),
  );
  const probe = join(root, "bench", "rss-probe.cjs");
  const runOnce = () => {
    const start = process.hrtime.bigint();
    const r = spawnSync(
      process.execPath,
      ["--require", probe, join(root, "dist", "cli.js"), "calculate", doc, "--format", "json"],
      { encoding: "utf8", maxBuffer: 1 << 26 },
    );
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    if (r.status !== 0) throw new Error(`CLI failed (${r.status}): ${r.stderr}`);
    const rss = /JCM_MRV_MAX_RSS_KB=(\d+)/.exec(r.stderr);
    const result = JSON.parse(r.stdout) as { emissionReductions: string; warnings: unknown[] };
    return { seconds, peakRssMB: rss ? Number(rss[1]) / 1024 : Number.NaN, er: result.emissionReductions };
  };
  runOnce();
  const samples = [runOnce(), runOnce(), runOnce()];
  const seconds = median(samples.map((s) => s.seconds));
  const peakRssMB = Math.max(...samples.map((s) => s.peakRssMB));
  log(
    `csv         ${rows.toLocaleString("en")} rows via the CLI in ${seconds.toFixed(2)} s → ${Math.round(rows / seconds).toLocaleString("en")} rows/s, peak RSS ${peakRssMB.toFixed(0)} MB (ER ${samples[0]!.er})`,
  );
  return { rows, seconds: round(seconds), rowsPerSecond: Math.round(rows / seconds), peakRssMB: round(peakRssMB) };
}

// ── batch: 200 documents through one CLI run, --jobs 2 against --jobs 1 ─────────────────────────
// One PV system, one document per year 2000–2199 (the period limits), 8,760 hourly readings each:
// a project run of 200 periods. Both runs must print the same JSON.
async function batch() {
  const documents = 200;
  const hours = 8760;
  const dir = join(work, "batch");
  mkdirSync(dir, { recursive: true });
  const paths = Array.from({ length: documents }, (_, i) => join(dir, `pv-${2000 + i}.json`));
  if (!paths.every((p) => existsSync(p))) {
    log(`batch       generating ${documents} documents in ${dir} …`);
    const values = decimalStrings(hours, 77).map((v) => (Number(v) / 100).toFixed(3));
    paths.forEach((path, i) => {
      const year = 2000 + i;
      const start = Date.UTC(year, 0, 1) - 8 * 3_600_000;
      const readings = Array.from({ length: hours }, (_, h) => ({
        at: at08(start + h * 3_600_000),
        value: values[(h + i) % hours]!,
      }));
      writeFileSync(
        path,
        JSON.stringify({
          methodology: { id: "JCM_MN_AM003", version: "02.0" },
          project: { reference: "BENCH-BATCH" },
          period: { start: `${year}-01-01`, end: `${year}-12-31`, timeZone: "+08:00" },
          fixed: { connection: "national-grid" },
          monitored: {
            "EG_i,p": [{ equipment: "PV-1", unit: "kWh", kind: "interval", interval: "PT1H", option: "C", readings }],
          },
        }),
      );
    });
  }
  const runOnce = (jobs: number) => {
    const start = process.hrtime.bigint();
    const r = spawnSync(
      process.execPath,
      [join(root, "dist", "cli.js"), "calculate", ...paths, "--jobs", String(jobs), "--format", "json"],
      { encoding: "utf8", maxBuffer: 1 << 28 },
    );
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    if (r.status !== 0) throw new Error(`CLI failed (${r.status}): ${r.stderr.slice(0, 2000)}`);
    return { seconds, stdout: r.stdout };
  };
  runOnce(2);
  const one: number[] = [];
  const two: number[] = [];
  let total = "";
  for (let i = 0; i < 5; i++) {
    // Alternate which goes first, so drift on a shared machine falls on both alike.
    const [a, b] = i % 2 === 0 ? [runOnce(1), runOnce(2)] : [runOnce(2), runOnce(1)].reverse();
    if (a!.stdout !== b!.stdout) throw new Error("batch: --jobs 2 printed another result than --jobs 1");
    one.push(a!.seconds);
    two.push(b!.seconds);
    total = (JSON.parse(a!.stdout) as { totals: { emissionReductions: string } }).totals.emissionReductions;
  }
  const jobs1Seconds = median(one);
  const jobs2Seconds = median(two);
  const speedup = jobs1Seconds / jobs2Seconds;
  log(
    `batch       ${documents} documents × ${hours} readings: --jobs 1 ${jobs1Seconds.toFixed(2)} s, --jobs 2 ${jobs2Seconds.toFixed(2)} s → speedup ${speedup.toFixed(2)} (credited ${total} tCO2, same output)`,
  );
  return {
    documents,
    readings: documents * hours,
    jobs1Seconds: round(jobs1Seconds),
    jobs2Seconds: round(jobs2Seconds),
    speedup: round(speedup),
  };
}

// ── coldStart: the CLI on a small document vs `node -e 0` ───────────────────────────────────────
function coldStart() {
  const doc = join(root, "examples", "mn-am003-grid-plant.json");
  const measure = (args: string[]) =>
    time(
      () => {
        const r = spawnSync(process.execPath, args, { encoding: "utf8" });
        if (r.status !== 0) throw new Error(r.stderr);
      },
      2,
      11,
    ).seconds;
  const cliSeconds = measure([join(root, "dist", "cli.js"), "calculate", doc, "--format", "json"]);
  const nodeSeconds = measure(["-e", "0"]);
  log(
    `coldStart   CLI ${(cliSeconds * 1000).toFixed(0)} ms vs node -e 0 ${(nodeSeconds * 1000).toFixed(0)} ms → ratio ${(cliSeconds / nodeSeconds).toFixed(2)}`,
  );
  return {
    cliSeconds: round(cliSeconds),
    nodeSeconds: round(nodeSeconds),
    ratioToNode: round(cliSeconds / nodeSeconds),
  };
}

if (process.argv.includes("--hostile")) {
  if (!existsSync(join(root, "dist", "cli.js")))
    throw new Error("run `npm run build` first: the cases run dist/cli.js");
  const quick = process.argv.includes("--quick");
  log(
    `jcm-mrv hostile bench${quick ? " (quick)" : ""} — node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? "cpu"}, ${new Date().toISOString().slice(0, 10)}`,
  );
  const { cases, allMet } = await hostileBench({ root, quick, log });
  log(`every case within its bound: ${allMet ? "yes" : "NO"}`);
  console.log(
    JSON.stringify({
      machine: { node: process.version, cpus: cpus().length, model: cpus()[0]?.model ?? "unknown" },
      quick,
      cases,
      allMet,
    }),
  );
  process.exit(allMet ? 0 : 1);
}

const TARGETS =
  "solarFleet ≥ 500,000 readings/s · timeZones ratio ≤ 1.10 · kernel ratio ≤ 2 · csv ≥ 2,000,000 rows/s and ≤ 300 MB · batch speedup ≥ 1.6 (2 cores) · coldStart ratio ≤ 3";
if (!existsSync(join(root, "dist", "cli.js")))
  throw new Error("run `npm run build` first: the csv and coldStart figures use dist/cli.js");
log(
  `jcm-mrv bench — node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? "cpu"}, ${new Date().toISOString().slice(0, 10)}`,
);
log(`targets: ${TARGETS}`);
// `--only csv,batch` runs some figures (the others are left out of the JSON and its targets).
const onlyAt = process.argv.indexOf("--only");
const only = onlyAt >= 0 ? new Set((process.argv[onlyAt + 1] ?? "").split(",")) : undefined;
const wanted = (name: string) => only === undefined || only.has(name);
const results = {
  machine: { node: process.version, cpus: cpus().length, model: cpus()[0]?.model ?? "unknown" },
  ...(wanted("solarFleet") && { solarFleet: solarFleet() }),
  ...(wanted("boilers100") && { boilers100: boilers100() }),
  ...(wanted("timeZones") && { timeZones: timeZones() }),
  ...(wanted("kernel") && { kernel: kernel() }),
  ...(wanted("csv") && { csv: await csv() }),
  ...(wanted("batch") && { batch: await batch() }),
  ...(wanted("coldStart") && { coldStart: coldStart() }),
};
const met = {
  ...(results.solarFleet && { solarFleet: results.solarFleet.readingsPerSecond >= 500_000 }),
  ...(results.timeZones && { timeZones: results.timeZones.ratioToOffset <= 1.1 }),
  ...(results.kernel && { kernel: results.kernel.ratioToFloat <= 2 }),
  ...(results.csv && { csv: results.csv.rowsPerSecond >= 2_000_000 && results.csv.peakRssMB <= 300 }),
  ...(results.batch && { batch: results.batch.speedup >= 1.6 }),
  ...(results.coldStart && { coldStart: results.coldStart.ratioToNode <= 3 }),
};
log(
  `targets met: ${Object.entries(met)
    .map(([k, v]) => `${k} ${v ? "yes" : "NO"}`)
    .join(", ")}`,
);
if (json) console.log(JSON.stringify({ ...results, targetsMet: met }));
