import { readdirSync } from "node:fs";
import { defineConfig } from "tsup";

/** One entry per methodology folder: a new module needs no change here. */
const methodologies = readdirSync("methodologies", { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name);

export default defineConfig([
  {
    entry: {
      index: "src/entries/index.ts",
      core: "src/entries/core.ts",
      node: "src/entries/node.ts",
      // Workbooks: exceljs (an optional peer) and fflate stay external; `.` and `./core` never import it.
      xlsx: "src/entries/xlsx.ts",
      ...Object.fromEntries(methodologies.map((m) => [`methodologies/${m}`, `methodologies/${m}/index.ts`])),
    },
    format: ["esm", "cjs"],
    // Shared chunks in both formats: every entry of a format uses one copy of the core, so
    // `instanceof MrvValidationError` holds across `.`, `./core` and the module subpaths.
    splitting: true,
    dts: true,
    clean: true,
    target: "node20",
    platform: "neutral",
    // Only ./node uses Node built-ins; they stay imports, never bundled.
    external: [/^node:/],
    treeshake: true,
  },
  {
    // jcm-mrv/browser: one self-contained ES module for a plain <script type="module">.
    entry: { browser: "src/entries/browser.ts" },
    format: ["esm"],
    platform: "browser",
    target: "es2022",
    noExternal: ["zod", "decimal.js"],
    dts: false,
    splitting: false,
    minify: true,
    clean: false,
    treeshake: true,
  },
  {
    // The CLI: one ESM file with its shebang, bundling the library for a fast cold start.
    entry: { cli: "src/cli/main.ts" },
    format: ["esm"],
    platform: "node",
    target: "node20",
    banner: { js: "#!/usr/bin/env node" },
    // One self-contained file: loading zod's many modules dominated start-up (~50 ms of ~170).
    noExternal: ["zod", "decimal.js", "fflate"],
    // The workbook code (src/cli/workbook.ts, imported with import()) stays in this one file but
    // runs only when a command touches a workbook; exceljs stays external, loaded on first use.
    splitting: false,
    minify: true,
    clean: false,
  },
]);
