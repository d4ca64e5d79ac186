import { closeSync, openSync, writeFileSync, writeSync } from "node:fs";
import { isMainThread, parentPort, workerData } from "node:worker_threads";
import { loadCsvFiles, loadDocumentForVerbs, runtimeTzdata } from "../node/load.js";
import { runOnWorkers, WORKER_MARK } from "./pool.js";
import { createProgressBar } from "./progress.js";
import { EXIT, run } from "./run.js";
import { readStdin } from "./stdin.js";
import { serveProjectWorker } from "./worker.js";

// The imperative shell: real files, real streams, a real exit code. Started as a worker thread of
// `--jobs N` (src/cli/pool.ts), the same file serves documents instead.
if (!isMainThread && (workerData as { mark?: unknown } | null)?.mark === WORKER_MARK) {
  serveProjectWorker(parentPort!);
} else {
  await main();
}

async function main(): Promise<void> {
  // A reader that went away (`jcm-mrv … | head`) ends the output quietly; any other failure to write
  // stdout (a full disk) is exit 4. Nothing more is written after the first failure.
  let stdoutFailure: (Error & { code?: string }) | undefined;
  process.stdout.on("error", (error: Error & { code?: string }) => {
    stdoutFailure ??= error;
  });
  const progress = createProgressBar(process.stderr);
  const code = await run(process.argv.slice(2), {
    stdout: (text) => {
      if (stdoutFailure === undefined) process.stdout.write(text);
    },
    stderr: (text) => process.stderr.write(text),
    loadDocument: async (path, options) =>
      path === "-"
        ? loadCsvFiles(await readStdin(process.stdin), { ...options, onProgress: progress })
        : loadDocumentForVerbs(path, { ...options, onProgress: progress }),
    writeFile: (path, text) => writeFileSync(path, text),
    writeChunks: (path, chunks) => {
      const fd = openSync(path, "w");
      try {
        for (const chunk of chunks) writeSync(fd, chunk);
      } finally {
        closeSync(fd);
      }
    },
    writeBytes: (path, bytes) => writeFileSync(path, bytes),
    tzdata: runtimeTzdata(),
    runDocuments: (tasks, jobs, here) => runOnWorkers(new URL(import.meta.url), tasks, jobs, here),
  });
  // Every write reached the system (or failed) before the exit code is decided.
  await new Promise<void>((resolve) =>
    process.stdout.write("", (error) => {
      if (error) stdoutFailure ??= error;
      resolve();
    }),
  );
  if (stdoutFailure !== undefined && stdoutFailure.code !== "EPIPE") {
    process.stderr.write(`jcm-mrv: cannot write to stdout (${stdoutFailure.code ?? "error"})\n`);
    process.exitCode = EXIT.output;
  } else process.exitCode = code;
}
