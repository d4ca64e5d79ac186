/**
 * jcm-mrv/browser without a bundler: a plain page served over http imports dist/browser.js with
 * <script type="module"> and calculates an example, under a CSP that forbids eval.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import type { BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromiumMissing, launchChromium } from "../helpers/chromium.js";

const root = new URL("../../", import.meta.url);
const example = readFileSync(new URL("examples/id-am002-two-chillers.json", root), "utf8");
const expected = JSON.parse(readFileSync(new URL("examples/id-am002-two-chillers.expected.json", root), "utf8")) as {
  emissionReductions: string;
};

const PAGE = `<!doctype html>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'self'; connect-src 'self'">
<title>jcm-mrv/browser</title>
<pre id="out">pending</pre>
<script type="module" src="/page.js"></script>`;

const SCRIPT = `const violations = [];
document.addEventListener("securitypolicyviolation", (e) => violations.push(e.violatedDirective));
const { calculate, safeCalculate, registry } = await import("/dist/browser.js");
const out = document.getElementById("out");
try {
  const doc = await (await fetch("/example.json")).text();
  const result = calculate(doc);
  const bad = safeCalculate("{}");
  out.textContent = JSON.stringify({ er: result.emissionReductions, modules: registry.modules.length, badIssues: bad.success ? 0 : bad.error.issues.length, violations });
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
  const bundle = readFileSync(new URL("dist/browser.js", root));
  server = createServer((request, response) => {
    const routes: Record<string, [string, string | Buffer]> = {
      "/": ["text/html", PAGE],
      "/page.js": ["text/javascript", SCRIPT],
      "/dist/browser.js": ["text/javascript", bundle],
      "/example.json": ["application/json", example],
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
  work = mkdtempSync(join(tmpdir(), "jcm-mrv-browser-"));
  context = await launchChromium(work);
}, 60_000);

afterAll(async () => {
  await context?.close();
  server?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe("dist/browser.js stands alone", () => {
  it("imports nothing: no bare specifier (zod, decimal.js) and no node: built-in", async () => {
    // esbuild lists every import of the file it reads; with packages external none may resolve elsewhere.
    const built = await build({
      entryPoints: [fileURLToPath(new URL("dist/browser.js", root))],
      bundle: true,
      write: false,
      metafile: true,
      packages: "external",
      platform: "neutral",
      logLevel: "silent",
    });
    const imports = Object.values(built.metafile.inputs).flatMap((input) => input.imports.map((i) => i.path));
    expect(imports).toEqual([]);
  });
});

describe.skipIf(skip)("jcm-mrv/browser in Chromium, no bundler", () => {
  it("a <script type=module> imports dist/browser.js and calculates an example under a CSP without unsafe-eval", async () => {
    const page = await context!.newPage();
    const problems: string[] = [];
    page.on("pageerror", (e) => problems.push(e.message));
    page.on("console", (m) => {
      if (m.type() === "error") problems.push(m.text());
    });
    await page.goto(`${base}/`);
    const out = page.locator("#out");
    await expect.poll(() => out.textContent(), { timeout: 20_000 }).not.toBe("pending");
    const shown = JSON.parse((await out.textContent())!) as {
      er: string;
      modules: number;
      badIssues: number;
      violations: string[];
    };
    expect(shown.violations, "no CSP violation, not even zod's caught eval probe").toEqual([]);
    expect(shown.er).toBe(expected.emissionReductions);
    expect(shown.modules).toBeGreaterThanOrEqual(5);
    expect(shown.badIssues).toBeGreaterThan(0);
    expect(problems).toEqual([]);
  });
});
