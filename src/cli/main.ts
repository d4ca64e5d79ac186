import { closeSync, openSync, writeFileSync, writeSync } from "node:fs";
import { loadMonitoringDocument, runtimeTzdata } from "../node/load.js";
import { createProgressBar } from "./progress.js";
import { run } from "./run.js";

// The imperative shell: real files, real streams, a real exit code.
process.exitCode = await run(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  loadDocument: (path, options) =>
    loadMonitoringDocument(path, { ...options, onProgress: createProgressBar(process.stderr) }),
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
});
