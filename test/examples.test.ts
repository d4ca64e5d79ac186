import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { run } from "../src/cli/run.js";
import { calculateDocument } from "../src/entries/index.js";
import { expectMatches, LOCAL_EXAMPLES, loadExamples } from "./helpers/examples.js";

const examples = loadExamples();

describe("shared examples reproduce to the digit", () => {
  it("there are shared examples", () => expect(examples.length).toBeGreaterThanOrEqual(10));

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

    it(`${example.name} is shipped unchanged in examples/`, async () => {
      expect(readFileSync(new URL(`${example.name}.json`, LOCAL_EXAMPLES), "utf8")).toBe(example.text);
    });
  }
});
