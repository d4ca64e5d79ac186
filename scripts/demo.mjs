// `npm run demo`: runs the built CLI on every document in examples/ and prints its result.
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";

const documents = readdirSync("examples")
  .filter((f) => f.endsWith(".json") && !f.endsWith(".expected.json"))
  .sort();
let failed = 0;
for (const name of documents) {
  console.log(`\n━━━ examples/${name} ━━━`);
  const r = spawnSync(process.execPath, ["dist/cli.js", "calculate", `examples/${name}`], { stdio: "inherit" });
  if (r.status !== 0) failed += 1;
}
console.log(`\n${documents.length - failed} of ${documents.length} example documents calculated.`);
process.exitCode = failed === 0 ? 0 : 1;
