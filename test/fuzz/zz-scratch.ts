import { readFileSync } from "node:fs";
import { safeCalculate } from "../../src/calculate.js";
import { registry } from "../../methodologies/index.js";
const doc = JSON.parse(readFileSync("../../examples/mn-am003-grid-plant.json", "utf8"));
const m = registry.get("JCM_MN_AM003", "02.0");
for (const mutate of [(d: any) => { d.project = { constructor: 1 }; }, (d: any) => { d.reported = { toString: 5 }; }, (d: any) => { d.project = { valueOf: null }; }]) {
  const d = structuredClone(doc); mutate(d);
  const r = safeCalculate(m, d);
  if (!r.success) for (const i of r.error.issues) console.log(i.path, typeof i.expected, String(i.expected).slice(0, 40), JSON.stringify(i));
}
