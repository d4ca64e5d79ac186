import { closeSync, fstatSync, openSync, statSync, writeFileSync, writeSync } from "node:fs";
import { availableParallelism } from "node:os";
import { isMainThread, parentPort, type Worker, workerData } from "node:worker_threads";
import { FILE_READER_MARK, openOnWorker, serveFileReader } from "./file-reader.js";
import { plannedWorkers, runOnWorkers, startWorkers, WORKER_MARK } from "./pool.js";
import type { ProgressUpdate } from "./progress.js";

// The imperative shell: real files, real streams, a real exit code. Started as a worker thread of
// `--jobs N` (src/cli/pool.ts), the same file serves documents instead. Only the command line's
// reader and the pool are loaded before that choice; the rest is imported when needed (one bundled
// file: each part is evaluated on first import), so workers of `--jobs N` start while this thread
// loads the library.
const script = new URL(import.meta.url);
const mark = isMainThread ? undefined : (workerData as { mark?: unknown } | null)?.mark;
if (mark === WORKER_MARK) {
  (await import("./worker.js")).serveProjectWorker(parentPort!);
} else if (mark === FILE_READER_MARK) {
  serveFileReader(parentPort!, workerData);
} else {
  await main();
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const started: Worker[] = startWorkers(script, plannedWorkers(argv, availableParallelism()));
  const [
    { EXIT, run },
    { loadCsvFilesWith, loadDocumentForVerbs, openInThisThread, runtimeTzdata },
    { createProgressBar },
    { readStdin },
    { createHeapKeeper },
  ] = await Promise.all([
    import("./run.js"),
    import("../node/load.js"),
    import("./progress.js"),
    import("./stdin.js"),
    import("./heap-keeper.js"),
  ]);
  // A document naming thousands of CSV files has them opened on a worker thread (file-reader.ts).
  const open = openOnWorker(script, openInThisThread);
  // A reader that went away (`jcm-mrv … | head`) ends the output quietly; any other failure to write
  // stdout (a full disk) is exit 4. Nothing more is written after the first failure.
  let stdoutFailure: (Error & { code?: string }) | undefined;
  process.stdout.on("error", (error: Error & { code?: string }) => {
    stdoutFailure ??= error;
  });
  const bar = createProgressBar(process.stderr);
  // Memory is kept under trust.md §3's bound of the input read so far (heap-keeper.ts).
  const keeper = createHeapKeeper();
  let updates = 0;
  let file: string | undefined;
  let fileBytes = 0;
  const progress = (update: ProgressUpdate) => {
    // Each file's bytes, counted as they are read (the updates of one file come one after another).
    if (update.file !== file || update.bytesRead < fileBytes) {
      file = update.file;
      fileBytes = 0;
    }
    keeper.addInput(update.bytesRead - fileBytes);
    fileBytes = update.bytesRead;
    if ((++updates & 63) === 0) keeper.check();
    bar(update);
  };
  const toFile = stdoutIsFile();
  const code = await run(argv, {
    stdout: (text) => {
      if (stdoutFailure !== undefined) return;
      if (!toFile) process.stdout.write(text);
      else
        try {
          writeWhole(1, text);
        } catch (error) {
          stdoutFailure = error as Error & { code?: string };
        }
    },
    stderr: (text) => process.stderr.write(text),
    loadDocument: async (path, options) => {
      if (path === "-") {
        const text = await readStdin(process.stdin);
        keeper.addInput(text.length);
        return loadCsvFilesWith(text, { ...options, onProgress: progress }, open);
      }
      keeper.addInput(documentBytes(path));
      return loadDocumentForVerbs(path, { ...options, onProgress: progress }, open);
    },
    writeFile: (path, text) => writeFileSync(path, text),
    writeChunks: (path, produce) => {
      const fd = openSync(path, "w");
      try {
        produce((chunk) => writeWhole(fd, chunk));
      } finally {
        closeSync(fd);
      }
    },
    writeBytes: (path, bytes) => writeFileSync(path, bytes),
    tzdata: runtimeTzdata(),
    runDocuments: (tasks, jobs, here) => runOnWorkers(script, tasks, jobs, here, started),
    checkMemory: keeper.check,
  });
  // Workers started for a run that did not need them (an invalid document given on stdin, …).
  for (const worker of started) void worker.terminate();
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

/**
 * Whether stdout is a file or a device other than a terminal (`> result.json`, `/dev/null`): then
 * Node's stdout stream writes synchronously anyway, but first copies each string into a Buffer,
 * which for a result of 20 MB costs more than writing it; {@link writeWhole} hands the string to the
 * system directly. Pipes and terminals keep the stream (it orders, buffers and reports EPIPE).
 */
function stdoutIsFile(): boolean {
  try {
    const stat = fstatSync(1);
    return stat.isFile() || (stat.isCharacterDevice() && !process.stdout.isTTY);
  } catch {
    return false;
  }
}

/** The size of the document about to be read, for the memory bound (0 if it cannot be told: the bound is a target, not a check). */
function documentBytes(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

/** Writes all of `text` to `fd` (a file): a short write (a disk filling up) goes on from where it stopped. */
function writeWhole(fd: number, text: string): void {
  const written = writeSync(fd, text);
  if (written >= Buffer.byteLength(text)) return;
  const rest = Buffer.from(text).subarray(written);
  for (let offset = 0; offset < rest.length; ) offset += writeSync(fd, rest, offset);
}
