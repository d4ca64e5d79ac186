// Imports the installed package the way an ESM user does and checks it end to end.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { calculate as calculateBundled, MrvValidationError as FromRoot, MrvError, registry } from "jcm-mrv";
import { calculate, MrvValidationError as FromCore, safeCalculate, toJsonSchema } from "jcm-mrv/core";
import { mnAm003SolarPv } from "jcm-mrv/methodologies/mn-am003-solar-pv";
import { MISSING_EXCELJS, WORKBOOK_LIMITS, workbookTemplate } from "jcm-mrv/xlsx";

const doc = JSON.parse(readFileSync(new URL("./grid-plant.json", import.meta.url), "utf8"));
assert.equal(calculateBundled(doc).emissionReductions, "11303");
assert.equal(calculate(doc, { module: mnAm003SolarPv }).referenceEmissions, "11303.054");
assert.equal(safeCalculate(doc, { registry }).data.emissionReductions, "11303");
assert.equal(safeCalculate(doc).error.issues[0].code, "no-registry", "jcm-mrv/core has no bundled default");
assert.ok(registry.modules.includes(mnAm003SolarPv), "the subpath module is the registry's module (one copy)");
assert.equal(FromRoot, FromCore, "one MrvValidationError class across ESM entries");
let thrown;
try {
  calculate({ ...doc, period: { start: "2019-02-30", end: "2019-03-01" } }, { module: mnAm003SolarPv });
} catch (e) {
  thrown = e;
}
assert.ok(thrown instanceof FromRoot && thrown instanceof FromCore);
const cjs = createRequire(import.meta.url)("jcm-mrv");
assert.ok(thrown instanceof cjs.MrvValidationError, "instanceof holds across the ESM and CJS builds (branded)");
assert.equal(typeof toJsonSchema(mnAm003SolarPv), "object");
assert.equal(WORKBOOK_LIMITS.maxSheets, 100);
// exceljs is an optional peer dependency, not installed here: a workbook call is one clear error.
await assert.rejects(workbookTemplate(mnAm003SolarPv), (e) => e instanceof MrvError && e.message === MISSING_EXCELJS);
console.log("esm smoke ok");
