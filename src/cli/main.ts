import { writeFileSync } from "node:fs";
import { loadMonitoringDocument } from "../node/load.js";
import { run } from "./run.js";

const PROGRESS_MIN_BYTES = 1 << 20;

/** A one-line progress bar on stderr, only for a terminal and only for files over ~1 MB. */
function progress(update: { file: string; bytesRead: number; totalBytes: number }): void {
  if (!process.stderr.isTTY || update.totalBytes < PROGRESS_MIN_BYTES) return;
  const width = 30;
  const done = update.bytesRead >= update.totalBytes;
  const filled = Math.round((update.bytesRead / update.totalBytes) * width);
  process.stderr.write(`\r${update.file} [${"#".repeat(filled)}${" ".repeat(width - filled)}] ${Math.round((update.bytesRead / update.totalBytes) * 100)}%${done ? "\n" : ""}`);
}

// The imperative shell: real files, real streams, a real exit code.
process.exitCode = await run(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  loadDocument: (path) => loadMonitoringDocument(path, { onProgress: progress }),
  writeFile: (path, text) => writeFileSync(path, text),
});
