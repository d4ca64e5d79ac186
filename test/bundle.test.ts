import { execSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import vm from "node:vm";
import { build } from "esbuild";
import { beforeAll, describe, expect, it } from "vitest";
import { loadExamples } from "./helpers/examples.js";

const root = new URL("..", import.meta.url).pathname;

/** The library with every module, bundled for browsers: no Node built-in may be reachable. */
async function browserBundle(): Promise<{ code: string; inputs: string[] }> {
  const result = await build({
    entryPoints: [`${root}src/entries/index.ts`],
    bundle: true,
    platform: "browser",
    format: "iife",
    globalName: "JcmMrv",
    target: "es2022",
    write: false,
    metafile: true,
    logLevel: "silent",
  });
  return { code: result.outputFiles[0]!.text, inputs: Object.keys(result.metafile.inputs) };
}

describe("browser bundle", () => {
  let bundle: { code: string; inputs: string[] };
  beforeAll(async () => {
    bundle = await browserBundle();
  });

  it("contains no Node built-in", () => {
    expect(bundle.inputs.filter((i) => /^node:|(^|\/)(fs|path|os|crypto|child_process)$/.test(i))).toEqual([]);
    expect(bundle.inputs.some((i) => i.includes("src/node/"))).toBe(false);
  });

  it("runs every shared example inside a bare node:vm context (no require, process, fs, TextEncoder)", () => {
    const context = vm.createContext({});
    expect(vm.runInContext("[typeof require, typeof process, typeof fs, typeof module]", context)).toEqual([
      "undefined",
      "undefined",
      "undefined",
      "undefined",
    ]);
    vm.runInContext(bundle.code, context);
    for (const example of loadExamples()) {
      context.text = example.text;
      const result = vm.runInContext("JSON.stringify(JcmMrv.calculateDocument(text))", context) as string;
      const parsed = JSON.parse(result);
      for (const key of [
        "referenceEmissions",
        "projectEmissions",
        "emissionReductionsUnrounded",
        "emissionReductions",
      ] as const) {
        if (typeof example.expected[key] === "string")
          expect(
            Number(parsed[key]) === Number(example.expected[key]) || parsed[key] === example.expected[key],
            `${example.name} ${key}`,
          ).toBe(true);
      }
      expect(parsed.inputDigest).toMatch(/^sha256:[0-9a-f]{64}$/);
    }
  });
});

const FORBIDDEN: [string, RegExp][] = [
  ["eval", /(^|[^.\w$])eval\s*\(/],
  ["new Function", /\bnew\s+Function\s*\(/],
  ["dynamic require", /\brequire\s*\(\s*(?!["'`][^"'`]+["'`]\s*\))/],
  ["dynamic import", /\bimport\s*\(\s*(?!["'`][^"'`]+["'`]\s*\))/],
];

function filesUnder(dir: string, pattern: RegExp): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile() && pattern.test(d.name))
    .map((d) => `${d.parentPath}/${d.name}`);
}

describe("no eval, no new Function, no dynamic require in the library's own code", () => {
  it("in src/ and methodologies/", () => {
    const offenders: string[] = [];
    for (const file of [...filesUnder(`${root}src`, /\.ts$/), ...filesUnder(`${root}methodologies`, /\.ts$/)]) {
      const text = readFileSync(file, "utf8");
      for (const [name, pattern] of FORBIDDEN) if (pattern.test(text)) offenders.push(`${file}: ${name}`);
    }
    expect(offenders).toEqual([]);
  });

  it("in the library's own chunks of the built output (zod and decimal.js stay external)", () => {
    if (!existsSync(`${root}dist/index.js`)) execSync("npx tsup", { cwd: root, stdio: "ignore" });
    const offenders: string[] = [];
    // dist/cli.js is the CLI program, bundled with zod and decimal.js for a fast start, and
    // dist/browser.js is self-contained by design (zod inside, run jitless; its own test loads it under
    // a CSP without unsafe-eval); the library's own chunks are everything else.
    const files = filesUnder(`${root}dist`, /\.(c?js)$/).filter((f) => !/\/(cli|browser)\.js$/.test(f));
    expect(files.length).toBeGreaterThan(5);
    for (const file of files) {
      const text = readFileSync(file, "utf8");
      expect(text, `${file} must not bundle zod or decimal.js`).not.toMatch(/\$ZodType|ROUND_HALF_EVEN\s*=\s*6/);
      for (const [name, pattern] of FORBIDDEN) if (pattern.test(text)) offenders.push(`${file}: ${name}`);
    }
    expect(offenders).toEqual([]);
  });
});
