import { readFileSync, writeFileSync } from "node:fs";
import { run } from "./run.js";

// The imperative shell: real files, real streams, a real exit code.
process.exitCode = run(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  readFile: (path) => readFileSync(path, "utf8"),
  writeFile: (path, text) => writeFileSync(path, text),
});
