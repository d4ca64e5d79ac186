import { writeFileSync } from "node:fs";
import { loadMonitoringDocument } from "../node/load.js";
import { createProgressBar } from "./progress.js";
import { run } from "./run.js";

// The imperative shell: real files, real streams, a real exit code.
process.exitCode = await run(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  loadDocument: (path) => loadMonitoringDocument(path, { onProgress: createProgressBar(process.stderr) }),
  writeFile: (path, text) => writeFileSync(path, text),
  writeBytes: (path, bytes) => writeFileSync(path, bytes),
});
