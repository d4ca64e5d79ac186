/**
 * The validator's desk (dist/desk/index.html) in Debian's headless Chromium, opened from file:// in a
 * fresh profile, as a person would open it from disk: every example gives its ER, a workbook too; a
 * missing CSV file is an error naming its path until the file is added; a hostile document runs
 * nothing; the downloads hold what the library wrote. Every request is recorded (none may leave
 * file://), every CSP violation and console error too (none may happen).
 * Screenshots land in test-artifacts/ for people to look at.
 */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  truncateSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import ExcelJS from "exceljs";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Decimal } from "../../src/core/decimal.js";
import { calculate, renderReport, verify } from "../../src/entries/index.js";
import { writeWorkbook } from "../../src/entries/xlsx.js";
import { chromiumMissing, launchChromium } from "../helpers/chromium.js";
import { loadExamples } from "../helpers/examples.js";

const root = fileURLToPath(new URL("../../", import.meta.url));
const DESK = join(root, "dist", "desk", "index.html");
const DESK_URL = pathToFileURL(DESK).href;
const ARTIFACTS = join(root, "test-artifacts");
const examples = loadExamples();

const SKIP = chromiumMissing() !== undefined;

/** Newest modification time of the files under `dir` (the desk's sources: src, methodologies). */
function newest(dir: string): number {
  let time = 0;
  for (const entry of readdirSync(join(root, dir), { withFileTypes: true, recursive: true }))
    if (entry.isFile()) time = Math.max(time, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  return time;
}

/** `npm run build` writes the desk; a missing or stale one (sources edited since) is built here. */
function ensureDesk(): void {
  const sources = Math.max(
    newest("src"),
    newest("methodologies"),
    statSync(join(root, "scripts/build-desk.mjs")).mtimeMs,
  );
  if (!existsSync(DESK) || statSync(DESK).mtimeMs < sources)
    execFileSync("node", ["scripts/build-desk.mjs"], { cwd: root, stdio: "ignore" });
}

// ── Fixtures: a document reading one CSV file, its file, a hostile document ───────────────────

const READINGS = Array.from({ length: 48 }, (_, h) => ({
  at: new Date(Date.UTC(2024, 4, 31, 16 + h)).toISOString().replace(".000Z", "Z"),
  value: `${(h * 37) % 101}.${h % 7}`,
}));
const CSV = `at,value\n${READINGS.map((r) => `${r.at},${r.value}`).join("\n")}\n`;
const CSV_PATH = "readings/inv-1.csv";
const csvDocument = (csv = CSV_PATH) => ({
  methodology: { id: "JCM_MN_AM003", version: "02.0" },
  project: { reference: "DESK-CSV" },
  period: { start: "2024-06-01", end: "2024-06-02", timeZone: "+08:00" },
  fixed: { connection: "national-grid" },
  monitored: {
    "EG_i,p": [{ equipment: "inv-1", unit: "kWh", kind: "interval", interval: "PT1H", option: "C", csv }],
  },
});

const SCRIPT_ID = "<script>window.__pwned=1</script>";
const IMG_TITLE = '<img src=x onerror="window.__pwned=1">';
function hostileDocument() {
  const doc = JSON.parse(examples.find((e) => e.name === "mn-am003-interval-readings")!.text);
  doc.project.title = IMG_TITLE;
  doc.project.reference = "rtl\u202eevil";
  doc.monitored["EG_i,p"][0].equipment = SCRIPT_ID;
  return doc;
}

let context: BrowserContext | undefined;
let work: string;

/** Writes a file under the scratch folder; returns its path. */
function put(relative: string, content: string | Uint8Array): string {
  const path = join(work, relative);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, content);
  return path;
}

beforeAll(async () => {
  if (SKIP) return;
  ensureDesk();
  work = mkdtempSync(join(tmpdir(), "jcm-mrv-desk-"));
  mkdirSync(ARTIFACTS, { recursive: true });
  context = await launchChromium(work, { width: 1366, height: 768 });
}, 120_000);

afterAll(async () => {
  await context?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

// ── Opening the desk and giving it files ──────────────────────────────────────────────────────

interface Opened {
  page: Page;
  /** Console errors and warnings, uncaught exceptions. */
  problems: string[];
  /** Every URL the page requested. */
  requests: string[];
}

/** Records CSP violations before the desk's own script runs (an init script is not subject to the CSP). */
const WATCH = `window.__violations = [];
document.addEventListener("securitypolicyviolation", (e) => window.__violations.push(e.violatedDirective + " " + e.blockedURI + " " + e.sample));`;

async function open(): Promise<Opened> {
  const page = await context!.newPage();
  const problems: string[] = [];
  const requests: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error" || m.type() === "warning") problems.push(`console ${m.type()}: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.push(`page: ${e.message}`));
  page.on("request", (r) => requests.push(r.url()));
  await page.addInitScript(WATCH);
  await page.goto(DESK_URL, { waitUntil: "load" });
  await expect.poll(() => page.getAttribute("html", "data-ready")).toBe("true");
  return { page, problems, requests };
}

/** Nothing ran that should not, nothing was asked of the network, the CSP saw no violation. */
async function expectClean({ page, problems, requests }: Opened): Promise<void> {
  expect(await page.evaluate("window.__violations")).toEqual([]);
  expect(await page.evaluate("typeof window.__pwned")).toBe("undefined");
  expect(problems).toEqual([]);
  const offsite = requests.filter((url) => !["file:", "blob:", "data:", "about:"].includes(new URL(url).protocol));
  expect(offsite).toEqual([]);
  // The one file the page loads is itself: the script and styles are inside it.
  expect(requests.filter((url) => url.startsWith("file:"))).toEqual([DESK_URL]);
}

const runs = async (page: Page) => Number((await page.getAttribute("html", "data-runs")) ?? "0");

/** Waits for the run a change started to end; returns the page's state (done, invalid, error, idle). */
async function settled(page: Page, before: number): Promise<string> {
  await expect.poll(() => runs(page), { timeout: 60_000 }).toBeGreaterThan(before);
  return (await page.getAttribute("html", "data-state"))!;
}

/** Gives files through a file input (`#file-input`, or `#folder-input` with a folder). */
async function give(page: Page, files: string | string[], input = "#file-input"): Promise<string> {
  const before = await runs(page);
  await page.setInputFiles(input, files);
  return settled(page, before);
}

/** Drops files on the drop zone as a drag from the desktop does: a drop event carrying a DataTransfer. */
async function drop(page: Page, files: { name: string; text: string; type: string }[]): Promise<string> {
  const before = await runs(page);
  await page.evaluate(`(() => {
    const transfer = new DataTransfer();
    for (const f of ${JSON.stringify(files)}) transfer.items.add(new File([f.text], f.name, { type: f.type }));
    document.getElementById("drop-zone").dispatchEvent(
      new DragEvent("drop", { dataTransfer: transfer, bubbles: true, cancelable: true }),
    );
  })()`);
  return settled(page, before);
}

const textOf = async (page: Page, selector: string) => (await page.locator(selector).textContent()) ?? "";

/** The figures the desk shows equal those the library computes, and the expected ones of the example. */
async function expectFigures(page: Page, result: ReturnType<typeof calculate>): Promise<void> {
  expect(await textOf(page, "#re-value")).toBe(result.referenceEmissions);
  expect(await textOf(page, "#pe-value")).toBe(result.projectEmissions);
  expect(await textOf(page, "#er-unrounded-value")).toBe(result.emissionReductionsUnrounded);
  expect(await textOf(page, "#er-value")).toBe(result.emissionReductions);
  expect(await textOf(page, "#methodology")).toBe(`${result.methodology.id} ${result.methodology.version}`);
  expect(await textOf(page, "#methodology-status")).toBe(
    result.methodology.status === "draft" ? "DRAFT: not an approved JCM methodology" : "approved",
  );
}

// ── The tests ─────────────────────────────────────────────────────────────────────────────────

describe.skipIf(SKIP)("the validator's desk in Chromium, opened from file://", () => {
  it("is one file whose CSP allows its one script by hash, no eval, no connection", async () => {
    const html = readFileSync(DESK, "utf8");
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1] ?? "";
    expect(csp).toMatch(/^default-src 'none'; script-src 'sha256-[A-Za-z0-9+/]+=*';/);
    expect(csp).toContain("connect-src 'none'");
    expect(csp).not.toMatch(/unsafe-eval|script-src[^;]*unsafe-inline/);
    // One script element (the bundle never holds "</script"): the one the hash allows.
    expect(html.split("</script>")).toHaveLength(2);
    const script = html.slice(html.indexOf("<script>") + "<script>".length, html.indexOf("</script>"));
    expect(csp).toContain(`script-src 'sha256-${createHash("sha256").update(script).digest("base64")}'`);
    expect(html.slice(0, html.indexOf("<script>"))).not.toMatch(/<link\b|@import|url\((?!data:)|src=/);
  });

  it("says the data stays in the browser; the file input is reached with Tab; a laptop screen shows it whole", async () => {
    const opened = await open();
    const { page } = opened;
    expect(await textOf(page, "#privacy")).toMatch(/Your files stay in this browser/);
    const focused: string[] = [];
    for (let i = 0; i < 3; i++) {
      await page.keyboard.press("Tab");
      focused.push(String(await page.evaluate("document.activeElement && document.activeElement.id")));
    }
    expect(focused[0]).toBe("file-input");
    expect(focused).toContain("folder-input");
    expect(await page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")).toBe(
      true,
    );
    await page.screenshot({ path: join(ARTIFACTS, "desk-empty.png") });
    await expectClean(opened);
    await page.close();
  });

  it.each(examples.map((e) => [e.name, e] as const))(
    "%s: given through the file input, shows its ER",
    async (_, example) => {
      const opened = await open();
      const { page } = opened;
      const file = put(`examples/${example.name}.json`, example.text);
      expect(await give(page, file)).toBe("done");
      const result = calculate(example.text);
      await expectFigures(page, result);
      if (typeof example.expected.emissionReductions === "string")
        expect(new Decimal(await textOf(page, "#er-value")).eq(example.expected.emissionReductions)).toBe(true);
      const document = JSON.parse(example.text) as { reported?: Record<string, string> };
      if (document.reported) {
        const v = verify(example.text);
        const mismatches = v.checks.filter((c) => c.status === "mismatch").length;
        expect(await textOf(page, "#verdict")).toBe(
          mismatches === 0
            ? `All ${v.checks.length} reported figures match.`
            : `${mismatches} of ${v.checks.length} reported figures do not match.`,
        );
        expect(await page.locator("#verification-table tbody tr").count()).toBe(v.checks.length);
      } else expect(await page.locator("#verdict").count()).toBe(0);
      expect(await page.locator("#eligibility tbody tr").count()).toBe(result.eligibility.length);
      // The report, with its charts, in a frame that runs no script.
      expect(await page.getAttribute("#report-frame", "sandbox")).toBe("");
      const report = page.frameLocator("#report-frame");
      await expect.poll(() => report.locator("#er-value").textContent()).toBe(result.emissionReductions);
      expect(await report.locator("svg.chart").count()).toBeGreaterThan(0);
      if (example.name === "mn-am003-grid-plant") await page.screenshot({ path: join(ARTIFACTS, "desk-example.png") });
      await expectClean(opened);
      await page.close();
    },
  );

  it("reported figures that do not match: each marked, the CLI's verdict after the table", async () => {
    const opened = await open();
    const { page } = opened;
    const doc = JSON.parse(examples.find((e) => e.name === "mn-am003-grid-plant")!.text);
    doc.reported = { RE_p: "11303.1", PE_p: "0", ER_p: "11304" };
    expect(await give(page, put("mismatch/doc.json", JSON.stringify(doc)))).toBe("done");
    const statuses = await page.locator("#verification-table tbody tr td:nth-child(4)").allTextContents();
    expect(statuses).toEqual(["match", "match", "MISMATCH"]);
    expect(await textOf(page, "#verdict")).toBe("1 of 3 reported figures do not match.");
    // The verdict is the last thing of the verification, after every figure of the table.
    expect(await page.locator("#verification > :last-child").getAttribute("id")).toBe("verdict");
    expect(await textOf(page, "#status")).toBe(
      "Calculated doc.json: ER_p = 11303 tCO2. 1 of 3 reported figures do not match.",
    );
    await expectClean(opened);
    await page.close();
  });

  it("a document dropped on the drop zone shows its ER (a drop event carrying a DataTransfer)", async () => {
    const opened = await open();
    const { page } = opened;
    const example = examples.find((e) => e.name === "id-am002-two-chillers")!;
    expect(await drop(page, [{ name: "chillers.json", text: example.text, type: "application/json" }])).toBe("done");
    await expectFigures(page, calculate(example.text));
    await expectClean(opened);
    await page.close();
  });

  it("a workbook (made by writeWorkbook) shows its ER and verdict; its result workbook downloads", async () => {
    const opened = await open();
    const { page } = opened;
    const example = examples.find((e) => e.name === "mn-am003-grid-plant")!;
    const file = put("workbooks/grid-plant.xlsx", await writeWorkbook(JSON.parse(example.text)));
    expect(await give(page, file)).toBe("done");
    const result = calculate(example.text);
    await expectFigures(page, result);
    expect(await textOf(page, "#verdict")).toBe("All 3 reported figures match.");
    expect(await textOf(page, "#digest")).toMatch(/Workbook: grid-plant\.xlsx \(sha256 [0-9a-f]{64}\)/);

    const [download] = await Promise.all([page.waitForEvent("download"), page.click("#download-xlsx")]);
    expect(download.suggestedFilename()).toBe("grid-plant.result.xlsx");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(readFileSync((await download.path())!) as unknown as ArrayBuffer);
    const cells: string[] = [];
    workbook.eachSheet((sheet) =>
      sheet.eachRow((row) => {
        row.eachCell((cell) => {
          cells.push(String(cell.value));
        });
      }),
    );
    expect(cells).toContain(result.emissionReductions);
    expect(cells).toContain("grid-plant.xlsx");
    await expectClean(opened);
    await page.close();
  });

  it("a document whose CSV file is missing: an error naming the path; the file added: its ER", async () => {
    const opened = await open();
    const { page } = opened;
    const doc = csvDocument();
    expect(await give(page, put("csv-case/doc.json", JSON.stringify(doc)))).toBe("invalid");
    expect(await textOf(page, "#status")).toBe("jcm-mrv: invalid input (1 problem listed). Nothing was calculated.");
    const row = page.locator("#problem-table tbody tr");
    expect(await row.count()).toBe(1);
    const cells = await row.locator("td").allTextContents();
    expect(cells[0]).toBe('monitored["EG_i,p"][0].csv');
    expect(cells[2]).toMatch(/^readings\/inv-1\.csv: no file given is named inv-1\.csv/);
    expect(cells[3]).toContain("readings/inv-1.csv");
    expect(await page.locator("#result").isHidden()).toBe(true);
    await page.screenshot({ path: join(ARTIFACTS, "desk-missing-csv.png") });

    // The CSV file given afterwards, alone: matched by its name (the only inv-1.csv given).
    expect(await give(page, put("elsewhere/inv-1.csv", CSV))).toBe("done");
    await expectFigures(page, calculate(doc, { files: { [CSV_PATH]: CSV } }));
    expect(await page.locator("#problems").isHidden()).toBe(true);
    expect(await textOf(page, "#file-table")).toContain("readings/inv-1.csv (matched by name)");
    await expectClean(opened);
    await page.close();
  });

  it("a document and its CSV file dropped together", async () => {
    const opened = await open();
    const { page } = opened;
    const doc = csvDocument();
    const state = await drop(page, [
      { name: "inv-1.csv", text: CSV, type: "text/csv" },
      { name: "doc.json", text: JSON.stringify(doc), type: "application/json" },
    ]);
    expect(state).toBe("done");
    await expectFigures(page, calculate(doc, { files: { [CSV_PATH]: CSV } }));
    await expectClean(opened);
    await page.close();
  });

  it("a folder: CSV paths match the files at those paths beside the document; an ambiguous name is an error", async () => {
    const opened = await open();
    const { page } = opened;
    const doc = csvDocument();
    put("folder/project/doc.json", JSON.stringify(doc));
    put("folder/project/readings/inv-1.csv", CSV);
    // A file of the same name elsewhere in the folder, with other readings: the path decides.
    put("folder/project/old/inv-1.csv", "at,value\n2024-06-01T00:00:00+08:00,999999\n");
    expect(await give(page, join(work, "folder/project"), "#folder-input")).toBe("done");
    await expectFigures(page, calculate(doc, { files: { [CSV_PATH]: CSV } }));
    expect(await textOf(page, "#file-table")).toContain("readings/inv-1.csv (matched by path)");
    await expectClean(opened);
    await page.close();

    // The same files, the document naming a path none of them is at: two files share the name.
    const again = await open();
    put("ambiguous/project/doc.json", JSON.stringify(csvDocument("data/inv-1.csv")));
    put("ambiguous/project/readings/inv-1.csv", CSV);
    put("ambiguous/project/old/inv-1.csv", CSV);
    expect(await give(again.page, join(work, "ambiguous/project"), "#folder-input")).toBe("invalid");
    const message = (await again.page.locator("#problem-table tbody tr td").allTextContents())[2];
    expect(message).toMatch(
      /^data\/inv-1\.csv: 2 files given are named inv-1\.csv \(project\/(readings|old)\/inv-1\.csv, /,
    );
    await expectClean(again);
    await again.page.close();
  });

  it("a workbook naming a CSV file: the error names the cell and the path; the file added: its ER", async () => {
    const opened = await open();
    const { page } = opened;
    const doc = csvDocument();
    expect(await give(page, put("wb-csv/doc.xlsx", await writeWorkbook(doc)))).toBe("invalid");
    const cells = await page.locator("#problem-table tbody tr td").allTextContents();
    expect(cells[0]).toMatch(/^Table 1!/);
    expect(cells[2]).toContain("readings/inv-1.csv");
    expect(await give(page, put("wb-csv/readings/inv-1.csv", CSV))).toBe("done");
    await expectFigures(page, calculate(doc, { files: { [CSV_PATH]: CSV } }));
    await expectClean(opened);
    await page.close();
  });

  it("files over trust.md's limits are refused by File.size, before a byte is read", async () => {
    const opened = await open();
    const { page } = opened;
    // Sparse files: the size is on disk, the bytes are not (reading them would take minutes).
    const huge = (relative: string, size: number) => {
      const path = put(relative, "");
      truncateSync(path, size);
      return path;
    };
    expect(await give(page, huge("big/doc.json", 256 * 1024 * 1024 + 1))).toBe("invalid");
    expect((await page.locator("#problem-table tbody tr td").allTextContents()).slice(2, 5)).toEqual([
      "doc.json: the file has 268435457 bytes; at most 268435456 (256 MB) are read",
      "at most 268435456 bytes (256 MB)",
      "268435457",
    ]);
    expect(await give(page, huge("big/book.xlsx", 64 * 1024 * 1024 + 1))).toBe("invalid");
    expect(await textOf(page, "#problem-table")).toContain("book.xlsx: the file has 67108865 bytes");
    await page.click("#clear-files");
    expect(
      await give(page, [put("big/doc.json", JSON.stringify(csvDocument())), huge("big/inv-1.csv", 4 * 1024 ** 3 + 1)]),
    ).toBe("invalid");
    const cells = await page.locator("#problem-table tbody tr td").allTextContents();
    expect(cells[0]).toBe('monitored["EG_i,p"][0].csv');
    expect(cells[2]).toBe(
      "readings/inv-1.csv: the file given for it (inv-1.csv) has 4294967297 bytes; at most 4294967296 (4 GiB) are read",
    );
    await expectClean(opened);
    await page.close();
  });

  it("a hostile document runs nothing: markup in an equipment id and the title shows as text", async () => {
    const opened = await open();
    const { page } = opened;
    const doc = hostileDocument();
    expect(await give(page, put("hostile/doc.json", JSON.stringify(doc)))).toBe("done");
    await expectFigures(page, calculate(doc));
    // As text, never as elements: no script or img was made anywhere in the desk.
    expect(await textOf(page, "#project")).toContain(IMG_TITLE);
    expect(await textOf(page, "#project")).toContain("rtl\\u202eevil");
    expect(await textOf(page, "#warnings")).toContain(SCRIPT_ID);
    expect(await page.locator("main img, main script, #result iframe:not(#report-frame)").count()).toBe(0);
    const report = page.frameLocator("#report-frame");
    await expect.poll(() => report.locator("body").textContent()).toContain(SCRIPT_ID);
    expect(await report.locator("script, img").count()).toBe(0);

    // Markup in a key the module does not know: an error, the key shown as text.
    const bad = hostileDocument();
    bad.fixed[IMG_TITLE] = SCRIPT_ID;
    expect(await give(page, put("hostile/bad.json", JSON.stringify(bad)))).toBe("invalid");
    expect(await textOf(page, "#problem-table")).toContain("<img src=x onerror=");
    expect(await page.locator("#problems img, #problems script").count()).toBe(0);
    await page.screenshot({ path: join(ARTIFACTS, "desk-hostile.png") });
    await expectClean(opened);
    await page.close();
  });

  it("downloads the HTML report, the Markdown report and the result JSON the library writes", async () => {
    const opened = await open();
    const { page } = opened;
    const example = examples.find((e) => e.name === "mn-am003-interval-readings")!;
    expect(await give(page, put("downloads/interval.json", example.text))).toBe("done");
    const fetch = async (button: string) => {
      const [download] = await Promise.all([page.waitForEvent("download"), page.click(button)]);
      return { name: download.suggestedFilename(), text: readFileSync((await download.path())!, "utf8") };
    };
    const html = await fetch("#download-html");
    expect(html.name).toBe("interval.report.html");
    expect(html.text).toBe(renderReport(example.text, { format: "html" }));
    expect(html.text).toContain(
      `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
    );
    expect(html.text).toMatch(/<svg[^>]+class="chart/);
    const md = await fetch("#download-md");
    expect(md.name).toBe("interval.report.md");
    expect(md.text).toBe(renderReport(example.text, { format: "md" }));
    const json = await fetch("#download-json");
    expect(json.name).toBe("interval.result.json");
    const result = JSON.parse(json.text) as ReturnType<typeof calculate>;
    const expected = calculate(example.text);
    expect(result.emissionReductions).toBe(expected.emissionReductions);
    expect(result.inputDigest).toBe(expected.inputDigest);
    await expectClean(opened);
    await page.close();
  });
});
