// Requires the installed package the way a CommonJS user does.
const assert = require("node:assert/strict");
const { readFileSync } = require("node:fs");
const { calculate, registry, MrvValidationError } = require("jcm-mrv");
const core = require("jcm-mrv/core");
const { mnAm003SolarPv } = require("jcm-mrv/methodologies/mn-am003-solar-pv");

const doc = JSON.parse(readFileSync(`${__dirname}/grid-plant.json`, "utf8"));
assert.equal(calculate(doc).emissionReductions, "11303");
assert.equal(core.calculate(doc, { module: mnAm003SolarPv }).referenceEmissions, "11303.054");
assert.ok(registry.modules.includes(mnAm003SolarPv), "the subpath module is the registry's module (one copy)");
assert.equal(MrvValidationError, core.MrvValidationError, "one MrvValidationError class across CJS entries");
assert.throws(
  () => core.calculate({ ...doc, period: { start: "2019-02-30", end: "2019-03-01" } }, { module: mnAm003SolarPv }),
  MrvValidationError,
);
assert.equal(typeof require("jcm-mrv/xlsx").readWorkbook, "function");
console.log("cjs smoke ok");
