// `npm run size`: minified + gzipped size of what a browser user ships, measured with esbuild.
import { gzipSync } from "node:zlib";
import { build } from "esbuild";

async function measure(label, contents, external = []) {
  const result = await build({
    stdin: { contents, resolveDir: process.cwd(), loader: "ts" },
    bundle: true,
    minify: true,
    platform: "browser",
    format: "esm",
    target: "es2022",
    write: false,
    external,
    logLevel: "silent",
  });
  const bytes = result.outputFiles[0].contents;
  const row = { label, minified: bytes.length, gzipped: gzipSync(bytes, { level: 9 }).length };
  console.log(
    `${label.padEnd(58)} ${String(row.minified).padStart(8)} B min  ${String(row.gzipped).padStart(7)} B gzip`,
  );
  return row;
}

const coreAndOne = `export { calculate, safeCalculate } from "./src/entries/core.ts"; export { mnAm003SolarPv } from "./methodologies/mn-am003-solar-pv/index.ts";`;
await measure("core + JCM_MN_AM003 (own code only)", coreAndOne, ["zod", "decimal.js"]);
await measure("core + JCM_MN_AM003 (with zod and decimal.js)", coreAndOne);
await measure("everything: jcm-mrv with all eleven modules (with deps)", `export * from "./src/entries/index.ts";`);
// jcm-mrv/xlsx: the reader and writer (with the core and every module); exceljs is a separate chunk
// a bundler loads on first use (the subpath imports it dynamically).
await measure("jcm-mrv/xlsx without exceljs (with core, modules, fflate)", `export * from "./src/entries/xlsx.ts";`, [
  "exceljs",
]);
await measure("exceljs 4 (browser build, loaded on first use)", `export { default } from "exceljs";`);
