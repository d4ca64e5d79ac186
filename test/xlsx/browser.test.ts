/**
 * jcm-mrv/xlsx in a browser: bundled for the browser (exceljs' browser build, fflate), no Node
 * built-in is reachable, and in Chromium — under a CSP without unsafe-eval — it writes a template,
 * reads a workbook made in Node and calculates it, and round-trips a document.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build } from "esbuild";
import type { BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeWorkbook } from "../../src/entries/xlsx.js";
import { chromiumMissing, launchChromium } from "../helpers/chromium.js";
import { examples } from "./helpers.js";

const root = new URL("../../", import.meta.url).pathname;
let bundle: { code: string; inputs: string[] };

beforeAll(async () => {
  const result = await build({
    stdin: {
      contents: `export * from "./src/entries/xlsx.ts"; export { registry, calculate } from "./src/entries/index.ts";`,
      resolveDir: root,
      loader: "ts",
    },
    bundle: true,
    platform: "browser",
    format: "esm",
    target: "es2022",
    minify: true,
    write: false,
    metafile: true,
    logLevel: "silent",
  });
  bundle = { code: result.outputFiles[0]!.text, inputs: Object.keys(result.metafile.inputs) };
}, 60_000);

describe("the core stays out of it", () => {
  it.each(["index", "core", "browser"])(
    "src/entries/%s.ts reaches no workbook code, exceljs or fflate",
    async (entry) => {
      const result = await build({
        entryPoints: [`${root}src/entries/${entry}.ts`],
        bundle: true,
        platform: "browser",
        format: "esm",
        write: false,
        metafile: true,
        logLevel: "silent",
      });
      const inputs = Object.keys(result.metafile.inputs);
      expect(inputs.filter((i) => /src\/xlsx\/|exceljs|fflate/.test(i))).toEqual([]);
    },
  );
});

describe("jcm-mrv/xlsx bundled for browsers", () => {
  it("reaches no Node built-in (exceljs resolves to its browser build)", () => {
    expect(bundle.inputs.filter((i) => /^node:|(^|\/)(fs|path|os|crypto|child_process|stream|zlib)$/.test(i))).toEqual(
      [],
    );
    expect(bundle.inputs.some((i) => i.includes("src/node/") || i.includes("src/cli/"))).toBe(false);
    expect(bundle.inputs.some((i) => i.includes("exceljs/dist/exceljs.min.js"))).toBe(true);
  });
});

const example = examples.find((e) => e.name === "mn-am002-two-boilers")!;
const PAGE = `<!doctype html>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'self'; connect-src 'self'">
<title>jcm-mrv/xlsx</title>
<pre id="out">pending</pre>
<script type="module" src="/page.js"></script>`;
const SCRIPT = `import { calculateWorkbook, readWorkbook, registry, workbookTemplate, writeWorkbook, calculate } from "/xlsx.js";
const out = document.getElementById("out");
try {
  const bytes = new Uint8Array(await (await fetch("/example.xlsx")).arrayBuffer());
  const result = await calculateWorkbook(bytes, { file: "example.xlsx" });
  const template = await workbookTemplate(registry.get("JCM_MN_AM003"));
  const doc = await (await fetch("/example.json")).json();
  const again = await readWorkbook(await writeWorkbook(doc));
  out.textContent = JSON.stringify({
    er: result.emissionReductions,
    source: result.source,
    template: template.length,
    roundTrip: calculate(again.document).emissionReductionsUnrounded,
  });
} catch (error) {
  out.textContent = "error: " + error.message;
}`;

const skip = chromiumMissing();
let server: Server;
let base: string;
let context: BrowserContext | undefined;
let work: string;

beforeAll(async () => {
  if (skip) return;
  const workbook = Buffer.from(await writeWorkbook(JSON.parse(example.text)));
  server = createServer((request, response) => {
    const routes: Record<string, [string, string | Buffer]> = {
      "/": ["text/html", PAGE],
      "/page.js": ["text/javascript", SCRIPT],
      "/xlsx.js": ["text/javascript", bundle.code],
      "/example.xlsx": ["application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", workbook],
      "/example.json": ["application/json", example.text],
    };
    const route = routes[request.url ?? ""];
    if (!route) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { "content-type": route[0] }).end(route[1]);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  work = mkdtempSync(join(tmpdir(), "jcm-mrv-xlsx-browser-"));
  context = await launchChromium(work);
}, 60_000);

afterAll(async () => {
  await context?.close();
  server?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe.skipIf(skip)("jcm-mrv/xlsx in Chromium", () => {
  it("writes a template, reads a workbook made in Node and calculates it, round-trips a document", async () => {
    const page = await context!.newPage();
    const problems: string[] = [];
    page.on("pageerror", (e) => problems.push(e.message));
    page.on("console", (m) => {
      if (m.type() === "error") problems.push(m.text());
    });
    await page.goto(`${base}/`);
    const out = page.locator("#out");
    await expect.poll(() => out.textContent(), { timeout: 30_000 }).not.toBe("pending");
    const text = (await out.textContent())!;
    expect(text.startsWith("error"), text).toBe(false);
    const shown = JSON.parse(text) as {
      er: string;
      source: { file: string; sha256: string };
      template: number;
      roundTrip: string;
    };
    const expected = example.expected as { emissionReductions: string; emissionReductionsUnrounded: string };
    expect(shown.er).toBe(expected.emissionReductions);
    expect(shown.roundTrip).toBe(expected.emissionReductionsUnrounded);
    expect(shown.source.file).toBe("example.xlsx");
    expect(shown.source.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(shown.template).toBeGreaterThan(5000);
    expect(problems).toEqual([]);
  });
});
