/**
 * The packed .d.ts hold in a consumer: the tarball is packed, unpacked into a consumer's
 * node_modules, and a consumer that imports every entry point is compiled with `strict` and
 * `skipLibCheck: false` under module node16, nodenext, bundler and commonjs (node10 resolution, which
 * needs typesVersions), as ESM and as CommonJS where the mode has both.
 */
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const root = new URL("../", import.meta.url).pathname;
const tsc = join(root, "node_modules/.bin/tsc");
let work: string;

const methodologies = readdirSync(join(root, "methodologies"), { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name);

const CONSUMER = `import { calculate, safeCalculate, registry, type CalculationResult, type Exact } from "jcm-mrv";
import { calculate as calculateWith, defineMethodology, MrvValidationError, type Issue } from "jcm-mrv/core";
import { loadMonitoringDocument } from "jcm-mrv/node";
import { readWorkbook } from "jcm-mrv/xlsx";
${methodologies.map((m, i) => `import * as m${i} from "jcm-mrv/methodologies/${m}";`).join("\n")}

const result: CalculationResult = calculate("{}");
const outcome = safeCalculate("{}");
const er: string = outcome.success ? outcome.data.emissionReductions : "";
const issues: readonly Issue[] = outcome.success ? [] : outcome.error.issues;
calculateWith("{}", { module: registry.modules[0]! });
export const used = [result, er, issues, defineMethodology, MrvValidationError, loadMonitoringDocument, readWorkbook, ${methodologies.map((_, i) => `m${i}`).join(", ")}];
export type Used = Exact;
`;

function compile(dir: string, compilerOptions: Record<string, unknown>, file: string): string {
  writeFileSync(
    join(dir, "tsconfig.json"),
    JSON.stringify({
      compilerOptions: {
        strict: true,
        skipLibCheck: false,
        target: "es2022",
        types: [],
        noEmit: true,
        ...compilerOptions,
      },
      files: [file],
    }),
  );
  try {
    execFileSync(tsc, ["-p", dir], { encoding: "utf8", stdio: "pipe" });
    return "";
  } catch (error) {
    return String((error as { stdout?: string }).stdout ?? error);
  }
}

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), "jcm-mrv-consumer-"));
  const tarball = execFileSync("npm", ["pack", "--silent", "--pack-destination", work], { cwd: root, encoding: "utf8" })
    .trim()
    .split("\n")
    .pop()!;
  const modules = join(work, "consumer", "node_modules");
  mkdirSync(modules, { recursive: true });
  execFileSync("tar", ["xzf", join(work, tarball), "-C", work]);
  cpSync(join(work, "package"), join(modules, "jcm-mrv"), { recursive: true });
  // Its dependencies as installed here (the consumer resolves them from its own node_modules).
  for (const dep of ["zod", "decimal.js"]) symlinkSync(join(root, "node_modules", dep), join(modules, dep));
}, 120_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

const MODES = [
  { name: "node16", module: "node16", moduleResolution: "node16", kinds: ["esm", "cjs"] },
  { name: "nodenext", module: "nodenext", moduleResolution: "nodenext", kinds: ["esm", "cjs"] },
  { name: "bundler", module: "esnext", moduleResolution: "bundler", kinds: ["esm"] },
  { name: "commonjs", module: "commonjs", moduleResolution: "node10", kinds: ["cjs"], esModuleInterop: true },
] as const;

describe("the packed types compile in a consumer (strict, skipLibCheck: false)", () => {
  it("no declaration file names decimal.js (the public number type is Exact)", () => {
    const dist = join(work, "consumer", "node_modules", "jcm-mrv", "dist");
    const offenders = readdirSync(dist, { recursive: true, encoding: "utf8" })
      .filter((f) => /\.d\.c?ts$/.test(f))
      .filter((f) => /decimal\.js/.test(readFileSync(join(dist, f), "utf8")));
    expect(offenders).toEqual([]);
  });

  for (const mode of MODES) {
    for (const kind of mode.kinds) {
      it(`module ${mode.module} / ${mode.moduleResolution}, ${kind === "esm" ? "an ES module" : "CommonJS"}`, () => {
        const dir = join(work, "consumer");
        const file =
          kind === "esm" && mode.name !== "bundler"
            ? "index.mts"
            : kind === "cjs" && mode.name !== "commonjs"
              ? "index.cts"
              : "index.ts";
        writeFileSync(join(dir, file), CONSUMER);
        const { name: _n, kinds: _k, ...options } = mode;
        expect(compile(dir, options, file)).toBe("");
      }, 60_000);
    }
  }
});
