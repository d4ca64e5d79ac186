import { readdirSync, readFileSync } from "node:fs";
import Ajv2020 from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { registry } from "../methodologies/index.js";
import { schemaFileName, toJsonSchema } from "../src/schema.js";
import { invalidPvCases } from "./fixtures-invalid.js";
import { loadExamples } from "./helpers/examples.js";

const dir = new URL("../schemas/", import.meta.url);

function validatorFor(id: string, version: string) {
  // A real JSON Schema validator, strict, with the x-jcm annotations declared as a vocabulary.
  // strictRequired is off: `oneOf: [{ required: ["readings"] }, { required: ["csv"] }]` names
  // properties declared by the parent object, which is valid JSON Schema that the strict lint dislikes.
  const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false });
  ajv.addVocabulary(["x-jcm-symbol", "x-jcm-unit"]);
  return ajv.compile(JSON.parse(readFileSync(new URL(`${id}-${version}.json`, dir), "utf8")));
}

describe("JSON Schema files (schemas/<ID>-<version>.json)", () => {
  it("are committed for every module and equal to what the zod schemas generate (npm run schemas)", () => {
    const files = readdirSync(dir)
      .filter((f) => f.endsWith(".json"))
      .sort();
    expect(files).toEqual(registry.modules.map(schemaFileName).sort());
    for (const module of registry.modules) {
      const committed = readFileSync(new URL(schemaFileName(module), dir), "utf8");
      expect(committed, `${schemaFileName(module)} is stale: run npm run schemas`).toBe(
        `${JSON.stringify(toJsonSchema(module), null, 2)}\n`,
      );
    }
  });

  for (const example of loadExamples()) {
    it(`validates the shared example ${example.name}`, () => {
      const doc = JSON.parse(example.text);
      const validate = validatorFor(doc.methodology.id, doc.methodology.version);
      expect(validate(doc), JSON.stringify(validate.errors, null, 1)).toBe(true);
    });
  }

  for (const c of invalidPvCases) {
    it(`${c.schemaRejects ? "rejects" : "cannot express (the library rejects)"}: ${c.name}`, () => {
      const validate = validatorFor("JCM_MN_AM003", "02.0");
      expect(validate(JSON.parse(c.text))).toBe(!c.schemaRejects);
    });
  }
});
