import { existsSync, readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { run } from "../src/cli/run.js";
import { calculateDocument } from "../src/entries/index.js";
import {
  expectMatches,
  HAS_SHARED_EXAMPLES,
  LOCAL_EXAMPLES,
  loadExamples,
  SHARED_EXAMPLES,
} from "./helpers/examples.js";

const examples = loadExamples();

describe("the examples reproduce to the digit", () => {
  it("there are examples", () => expect(examples.length).toBeGreaterThanOrEqual(11));

  for (const example of examples) {
    it(`${example.name} through the API`, async () => {
      expectMatches(calculateDocument(example.text), example.expected);
    });

    it(`${example.name} through the CLI (--format json prints exactly the result)`, async () => {
      let stdout = "";
      let stderr = "";
      const code = await run(["calculate", `${example.name}.json`, "--format", "json"], {
        stdout: (t) => (stdout += t),
        stderr: (t) => (stderr += t),
        loadDocument: async () => example.text,
        writeFile: () => {
          throw new Error("no output file expected");
        },
      });
      expect(stderr).toBe("");
      expect(code).toBe(0);
      const result = JSON.parse(stdout);
      expectMatches(result, example.expected);
      expect(result).toEqual(calculateDocument(example.text));
    });
  }
});

describe("examples/ holds the shared reference set unchanged", () => {
  const shared = HAS_SHARED_EXAMPLES ? readdirSync(SHARED_EXAMPLES).sort() : [];
  it.skipIf(!HAS_SHARED_EXAMPLES)(
    `every file of ../shared/examples/ is in examples/, byte for byte${HAS_SHARED_EXAMPLES ? "" : " (skipped: no ../shared beside this checkout)"}`,
    () => {
      expect(shared.length).toBeGreaterThanOrEqual(20);
      for (const file of shared) {
        const local = new URL(file, LOCAL_EXAMPLES);
        expect(existsSync(local), `examples/${file} is missing`).toBe(true);
        expect(
          readFileSync(local).equals(readFileSync(new URL(file, SHARED_EXAMPLES))),
          `examples/${file} differs`,
        ).toBe(true);
      }
    },
  );

  it("every example document has its .expected.json", () => {
    const files = readdirSync(LOCAL_EXAMPLES);
    for (const file of files.filter((f) => f.endsWith(".json") && !f.endsWith(".expected.json")))
      expect(files, file).toContain(file.replace(/\.json$/, ".expected.json"));
  });
});
