/** Writes schemas/<ID>-<version>.json for every bundled module (run by `npm run build`). */
import { mkdirSync, writeFileSync } from "node:fs";
import { registry } from "../methodologies/index.js";
import { schemaFileName, toJsonSchema } from "../src/schema.js";

mkdirSync(new URL("../schemas/", import.meta.url), { recursive: true });
for (const module of registry.modules) {
  const name = schemaFileName(module);
  writeFileSync(new URL(`../schemas/${name}`, import.meta.url), `${JSON.stringify(toJsonSchema(module), null, 2)}\n`);
  console.log(`wrote schemas/${name}`);
}
