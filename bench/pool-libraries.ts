/**
 * `npx tsx bench/pool-libraries.ts [jobs]` — the CLI's `--jobs` pool (src/cli/pool.ts: this thread and
 * jobs − 1 worker threads taking tasks from one shared counter) against piscina with `jobs` threads,
 * on the per-document phase of the `batch` benchmark (read and calculate 200 documents, outcomes in
 * order), runs interleaved, medians of three after a warm-up.
 *
 * Needs `npm run build` (the workers run dist/cli.js), the batch documents (`npm run bench -- --only
 * batch`) and piscina installed beside the project without saving it: `npm install --no-save piscina@5`
 * (piscina is not a dependency; docs/performance.md says why).
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { build } from "esbuild";
import { runOnWorkers } from "../src/cli/pool.js";
import { type DocumentOutcome, type DocumentTask, documentOutcome } from "../src/cli/project.js";
import { loadDocumentForVerbs } from "../src/node/load.js";

const root = new URL("..", import.meta.url).pathname;
const jobs = Number(process.argv[2] ?? "2");
const dir = join(root, ".bench", "batch");
const tasks: DocumentTask[] = readdirSync(dir)
  .filter((f) => f.endsWith(".json"))
  .sort()
  .map((f, index) => ({ index, path: join(dir, f) }));
if (tasks.length === 0) throw new Error("no documents: run `npm run bench -- --only batch` first");

// piscina's worker: a module whose default export runs one task, bundled as the CLI is.
const piscinaWorker = join(root, ".bench", "piscina-worker.mjs");
await build({
  stdin: {
    contents: `import { documentOutcome } from "./src/cli/project.ts";
import { loadDocumentForVerbs } from "./src/node/load.ts";
export default (task) => documentOutcome(task, (path, options) => loadDocumentForVerbs(path, options));`,
    resolveDir: root,
    loader: "ts",
  },
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  external: ["exceljs"],
  outfile: piscinaWorker,
  logLevel: "warning",
});
let Piscina: new (
  options: Record<string, unknown>,
) => {
  run(task: DocumentTask): Promise<DocumentOutcome>;
  destroy(): Promise<void>;
};
try {
  ({ Piscina } = await import("piscina" as string));
} catch {
  throw new Error("piscina is not installed: npm install --no-save piscina@5");
}

const here = (task: DocumentTask) => documentOutcome(task, (path, options) => loadDocumentForVerbs(path, options));
const runs = {
  sequential: async () => {
    const out: DocumentOutcome[] = [];
    for (const task of tasks) out.push(await here(task));
    return out;
  },
  piscina: async () => {
    const pool = new Piscina({ filename: piscinaWorker, minThreads: jobs, maxThreads: jobs });
    const out = await Promise.all(tasks.map((task) => pool.run(task)));
    await pool.destroy();
    return out;
  },
  ours: () => runOnWorkers(new URL("../dist/cli.js", import.meta.url), tasks, jobs, here),
};
const samples: Record<string, number[]> = { sequential: [], piscina: [], ours: [] };
for (let i = 0; i < 4; i++) {
  for (const [name, run] of Object.entries(runs)) {
    const start = performance.now();
    const out = await run();
    const ms = performance.now() - start;
    if (out.length !== tasks.length || !out.every((o) => o.ok))
      throw new Error(`${name}: not every document calculated`);
    if (i > 0) samples[name]!.push(ms);
  }
}
const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;
const sequential = median(samples.sequential!);
for (const [name, values] of Object.entries(samples))
  console.log(
    `${name.padEnd(10)} ${Math.round(median(values))} ms${name === "sequential" ? "" : ` → ${(sequential / median(values)).toFixed(2)}× (${jobs} threads)`}`,
  );
