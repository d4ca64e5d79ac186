// `npm run build` (after tsup): the validator's desk, dist/desk/index.html — ONE self-contained file.
//
// esbuild bundles src/desk/main.ts with the library, the workbook reader and exceljs' browser build
// into one IIFE (a classic script: a page opened from file:// cannot load module scripts from disk),
// which is inlined with the styles into src/desk/index.html. The page's Content-Security-Policy
// allows exactly that one script, by its SHA-256 computed here: no 'unsafe-inline', no 'unsafe-eval'.
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = fileURLToPath(new URL("..", import.meta.url));
const desk = join(root, "src", "desk");

/** The desk's policy; `script` is the hash source of its one inline script. */
export function deskCsp(script) {
  return [
    "default-src 'none'",
    `script-src ${script}`,
    "style-src 'unsafe-inline'",
    "img-src data: blob:",
    "connect-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join("; ");
}

/** Builds the desk; returns what it wrote. */
export async function buildDesk(outFile = join(root, "dist", "desk", "index.html")) {
  const bundled = await build({
    entryPoints: [join(desk, "main.ts")],
    bundle: true,
    format: "iife",
    platform: "browser",
    target: "es2022",
    minify: true,
    write: false,
    metafile: true,
    // License notices of the bundled packages (zod, decimal.js, fflate, exceljs) stay in the file.
    legalComments: "eof",
    logLevel: "warning",
  });
  const script = bundled.outputFiles[0].text.trimEnd();
  // The script is inlined in HTML: nothing in it may end the element or open an HTML comment
  // (esbuild writes "</script" in strings as "<\/script"; this stops the build if one slipped through).
  const unsafe = /<\/script|<!--/i.exec(script);
  if (unsafe) throw new Error(`build-desk: the bundle holds "${unsafe[0]}" at ${unsafe.index}; it cannot be inlined`);
  const inputs = Object.keys(bundled.metafile.inputs);
  const forbidden = inputs.filter((i) => /^node:|src\/(node|cli)\//.test(i));
  if (forbidden.length > 0) throw new Error(`build-desk: the desk reaches Node-only code: ${forbidden.join(", ")}`);

  const hash = `'sha256-${createHash("sha256").update(script, "utf8").digest("base64")}'`;
  const style = readFileSync(join(desk, "desk.css"), "utf8").trim();
  const { version } = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
  const values = { csp: deskCsp(hash), style, script, version };
  // One pass: inserted text is never scanned for placeholders again.
  const html = readFileSync(join(desk, "index.html"), "utf8").replace(
    /\{\{(csp|version)\}\}|<(style|script) data-desk><\/\2>/g,
    (_, attribute, element) => (attribute ? values[attribute] : `<${element}>${values[element]}</${element}>`),
  );
  if (/\{\{|data-desk/.test(html.replace(script, ""))) throw new Error("build-desk: a placeholder was left");
  mkdirSync(dirname(outFile), { recursive: true });
  writeFileSync(outFile, html);
  return { file: outFile, bytes: Buffer.byteLength(html), csp: values.csp };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { file, bytes } = await buildDesk();
  console.log(`desk: ${file.slice(root.length)} ${(bytes / 1024 / 1024).toFixed(2)} MB`);
}
