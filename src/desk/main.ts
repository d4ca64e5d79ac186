/**
 * The validator's desk: jcm-mrv in one HTML file, no server, no upload (issue 17, docs/desk.md).
 * A person drops a monitoring document or workbook and the CSV files it names; the desk runs the
 * library's verbs on them in this page and shows the figures, warnings, eligibility, verification
 * and the HTML report, and offers the downloads. It never computes a figure itself.
 */
// First: zod jitless before any schema is built (src/entries/jitless.ts), so the CSP sees no eval probe.

import type { CalculationResult } from "../calculate.js";
import { escapeForDisplayKeepingLines } from "../core/display.js";
import { type Issue, MrvError, MrvValidationError } from "../core/errors.js";
import { timeZoneLabel } from "../core/period.js";
import { registry } from "../entries/browser.js";
import { JITLESS } from "../entries/jitless.js";
import type { Verification } from "../verify.js";
import { ENGINE_VERSION } from "../version.js";
import { byId, type Child, h, replace, table } from "./dom.js";
import { givenPath, MAX_FOLDER_DEPTH, MAX_GIVEN_FILES, nameOf, roleOf } from "./files.js";
import { type Computed, compute, type DeskFile, Superseded } from "./load.js";

// The page's CSP has no unsafe-eval: this import must have run (and it is read, so no bundler drops it).
if (!JITLESS) throw new Error("jcm-mrv desk: zod is not jitless");

// ── State ───────────────────────────────────────────────────────────────────────────────────────

/** Every file given, in the order given; a file given again under the same path replaces the first. */
const given: DeskFile[] = [];
/** The document (or workbook) calculated: the last one given, or the one chosen. */
let chosen: DeskFile | undefined;
let computed: Computed | undefined;
/** Bumped on every change: a slower earlier run sees it and stops. */
let generation = 0;

const status = byId<HTMLParagraphElement>("status");
const problems = byId<HTMLElement>("problems");
const resultSection = byId<HTMLElement>("result");
const filesSection = byId<HTMLDivElement>("files");
const dropZone = byId<HTMLDivElement>("drop-zone");

const isDocument = (f: DeskFile) => f.role === "document" || f.role === "workbook";

function addFiles(files: readonly { file: File; path: string }[]): void {
  const incoming = files.slice(0, Math.max(0, MAX_GIVEN_FILES - given.length));
  let newDocument: DeskFile | undefined;
  for (const { file, path } of incoming) {
    const entry: DeskFile = { file, path, name: nameOf(path), size: file.size, role: roleOf(file.name) };
    const same = given.findIndex((g) => g.path === path);
    if (same >= 0) {
      if (given[same] === chosen) chosen = entry;
      given.splice(same, 1);
    }
    given.push(entry);
    if (isDocument(entry)) newDocument = entry;
  }
  if (newDocument) chosen = newDocument;
  const dropped = files.length - incoming.length;
  void run(
    dropped > 0
      ? `${dropped} file${dropped === 1 ? "" : "s"} left out: the desk takes at most ${MAX_GIVEN_FILES} files.`
      : undefined,
  );
}

function removeFile(entry: DeskFile): void {
  const index = given.indexOf(entry);
  if (index >= 0) given.splice(index, 1);
  if (chosen === entry) chosen = undefined;
  void run();
}

function clearFiles(): void {
  given.splice(0, given.length);
  chosen = undefined;
  void run();
}

// ── Running the verbs ───────────────────────────────────────────────────────────────────────────

/**
 * What the page is doing, on `<html data-state>` (idle, working, done, invalid, error), and how many
 * runs finished (`data-runs`): for styles, and for tests that wait for a run to end.
 */
function setState(state: "idle" | "working" | "done" | "invalid" | "error", finished = false): void {
  const root = document.documentElement;
  root.dataset.state = state;
  if (finished) root.dataset.runs = String(Number(root.dataset.runs ?? "0") + 1);
}

async function run(note?: string): Promise<void> {
  const mine = ++generation;
  computed = undefined;
  problems.hidden = true;
  resultSection.hidden = true;
  replace(problems);
  replace(resultSection);
  const documents = given.filter(isDocument);
  if (!chosen || !given.includes(chosen)) chosen = documents.at(-1);
  renderFiles();
  if (!chosen) {
    const csv = given.filter((f) => f.role === "csv").length;
    setStatus(
      csv > 0
        ? `${csv} CSV file${csv === 1 ? "" : "s"} given; now give the document (.json) or workbook (.xlsx) that names ${csv === 1 ? "it" : "them"}.`
        : "Waiting for a document.",
      note,
    );
    setState("idle", true);
    return;
  }
  const source = chosen;
  setState("working");
  let state: "done" | "invalid" | "error" = "error";
  try {
    const outcome = await compute(source, given, {
      progress: (text) => {
        if (mine === generation) setStatus(text);
      },
      current: () => mine === generation,
    });
    if (mine !== generation) return;
    computed = outcome;
    renderResult(outcome);
    setStatus(doneText(outcome), note);
    state = "done";
  } catch (error) {
    if (error instanceof Superseded || mine !== generation) return;
    state = showError(error);
    if (note) setStatus(status.textContent ?? "", note);
  } finally {
    if (mine === generation) {
      renderFiles();
      setState(state, true);
    }
  }
}

function doneText(c: Computed): string {
  const verdict = c.verification ? ` ${verdictText(c.verification)}` : "";
  return `Calculated ${c.source.path}: ER_p = ${c.result.emissionReductions} tCO2.${verdict}`;
}

function setStatus(message: string, note?: string): void {
  status.textContent = note ? `${message} ${note}` : message;
}

/** The error as the CLI words it: invalid input with every problem, or an internal error (a bug). */
function showError(error: unknown): "invalid" | "error" {
  if (error instanceof MrvValidationError) {
    renderProblems(error.issues);
    const shown = error.issues.filter((i) => i.code !== "too-many-issues").length;
    setStatus(`jcm-mrv: invalid input (${shown} problem${shown === 1 ? "" : "s"} listed). Nothing was calculated.`);
    return "invalid";
  }
  const message =
    error instanceof MrvError && error.code === "missing-dependency"
      ? `jcm-mrv: ${error.message}`
      : `jcm-mrv: internal error (a bug; please report it with the document): ${error instanceof Error ? error.message : String(error)}`;
  replace(problems, h("h2", { id: "problems-title" }, "Error"), h("p", { class: "problem-line" }, message));
  problems.hidden = false;
  setStatus(message);
  return "error";
}

// ── Rendering ───────────────────────────────────────────────────────────────────────────────────

const ROLE_LABELS: Record<DeskFile["role"], string> = {
  document: "monitoring document (JSON)",
  workbook: "monitoring workbook (.xlsx)",
  csv: "CSV file",
  other: "not read: not .json, .xlsx or .csv",
};

function renderFiles(): void {
  filesSection.hidden = given.length === 0;
  if (given.length === 0) {
    replace(filesSection);
    return;
  }
  const usedFor = new Map<DeskFile, string[]>();
  for (const [path, { file, by }] of computed?.matched ?? []) {
    const list = usedFor.get(file) ?? [];
    list.push(`${path} (matched by ${by})`);
    usedFor.set(file, list);
  }
  const documents = given.filter(isDocument);
  const chooser =
    documents.length > 1
      ? h(
          "span",
          { class: "chooser" },
          h("label", { attrs: { for: "document-choice" } }, "Document to calculate: "),
          h(
            "select",
            {
              id: "document-choice",
              on: {
                change: (event) => {
                  const index = Number((event.target as HTMLSelectElement).value);
                  chosen = documents[index];
                  void run();
                },
              },
            },
            ...documents.map((d, i) => {
              const option = h("option", { attrs: { value: String(i) } }, d.path);
              option.selected = d === chosen;
              return option;
            }),
          ),
        )
      : null;
  replace(
    filesSection,
    h(
      "div",
      { class: "files-head" },
      h("h3", null, `${given.length} file${given.length === 1 ? "" : "s"} given`),
      chooser,
      h(
        "button",
        { id: "clear-files", class: "small", attrs: { type: "button" }, on: { click: clearFiles } },
        "Remove all files",
      ),
    ),
    table(
      undefined,
      ["file", "bytes", "read as", "used for", ""],
      given.map((f) => [
        f.path,
        h("span", { class: "number" }, String(f.size)),
        ROLE_LABELS[f.role],
        f === chosen
          ? "the document calculated"
          : (usedFor.get(f)?.join(", ") ?? (f.role === "csv" && computed ? "not named by the document" : "")),
        h(
          "button",
          {
            class: "small",
            attrs: { type: "button", "aria-label": `Remove ${f.path}` },
            on: { click: () => removeFile(f) },
          },
          "Remove",
        ),
      ]),
      { id: "file-table", class: "files" },
    ),
  );
}

function renderProblems(issues: readonly Issue[]): void {
  const shown = issues.filter((i) => i.code !== "too-many-issues").length;
  const more = issues.length - shown;
  replace(
    problems,
    h(
      "h2",
      { id: "problems-title" },
      `jcm-mrv: invalid input (${shown} problem${shown === 1 ? "" : "s"} listed${more > 0 ? ", more counted below" : ""})`,
    ),
    h("p", null, "Nothing was calculated. Each problem names where it is, what was expected and what was found."),
    table(
      undefined,
      ["where", "symbol", "problem", "expected", "found", "code"],
      issues.map((i) => [
        h("code", null, i.path === "" ? "(document)" : i.path),
        i.symbol ?? "",
        i.message,
        i.expected ?? "",
        i.found ?? "",
        h("code", null, i.code),
      ]),
      { id: "problem-table", class: "issues" },
    ),
  );
  problems.hidden = false;
}

function verdictText(v: Verification): string {
  const mismatches = v.checks.filter((c) => c.status === "mismatch").length;
  return mismatches === 0
    ? `All ${v.checks.length} reported figures match.`
    : `${mismatches} of ${v.checks.length} reported figures do not match.`;
}

function figure(id: string, label: string, value: string, note?: string): HTMLElement {
  return h(
    "div",
    { class: "figure" },
    h("div", { class: "label" }, label),
    h("div", { class: "value" }, h("span", { id }, value), " ", h("span", { class: "unit" }, "tCO2")),
    note ? h("div", { class: "note" }, note) : null,
  );
}

function renderResult(c: Computed): void {
  const r: CalculationResult & { source?: { file: string; sha256: string } } = c.result;
  const m = r.methodology;
  const period = r.period;
  const sections: Child[] = [
    h("h2", { id: "result-title" }, "Result"),
    h(
      "p",
      { class: "methodology" },
      h("strong", { id: "methodology" }, `${m.id} ${m.version}`),
      ` — ${m.title} `,
      m.status === "draft"
        ? h("span", { class: "badge draft", id: "methodology-status" }, "DRAFT: not an approved JCM methodology")
        : h("span", { class: "badge approved", id: "methodology-status" }, "approved"),
      m.basis ? h("span", { class: "badge" }, `basis: ${m.basis}`) : null,
    ),
    r.project
      ? h(
          "p",
          { id: "project" },
          "Project: ",
          Object.entries(r.project)
            .map(([k, v]) => `${k}: ${v}`)
            .join(" · "),
        )
      : null,
    h(
      "p",
      { id: "period" },
      `Period: ${period.start} … ${period.end} (${timeZoneLabel(period.timeZone)}: ${period.startInstant} to ${period.endInstant}), ${period.days} day${period.days === 1 ? "" : "s"}${period.tzdata ? ` · tzdata ${period.tzdata}` : ""}`,
    ),
    h(
      "div",
      { class: "figures" },
      figure("re-value", "Reference emissions RE_p", r.referenceEmissions),
      figure("pe-value", "Project emissions PE_p", r.projectEmissions),
      figure("er-unrounded-value", "ER_p unrounded (RE_p − PE_p)", r.emissionReductionsUnrounded),
      figure(
        "er-value",
        `Emission reductions ER_p (${r.rounding.policy})`,
        r.emissionReductions,
        "the credited figure",
      ),
    ),
  ];
  const extra = Object.entries(r.figures);
  if (extra.length > 0)
    sections.push(
      table(
        "Other figures",
        ["symbol", "value", "unit"],
        extra.map(([s, f]) => [s, f.value, f.unit]),
      ),
    );
  if (c.verification) sections.push(verificationSection(c.verification));
  sections.push(
    h("h3", null, "Eligibility"),
    r.eligibility.length === 0
      ? h("p", null, "(none)")
      : table(
          undefined,
          ["#", "result", "criterion", "reason"],
          r.eligibility.map((e) => [e.id, h("span", { class: `badge ${e.result}` }, e.result), e.text, e.reason]),
          { id: "eligibility" },
        ),
    h("h3", null, "Warnings"),
    r.warnings.length === 0
      ? h("p", { id: "warnings" }, "(none)")
      : h(
          "ul",
          { id: "warnings", class: "warnings" },
          ...r.warnings.map((w) =>
            h(
              "li",
              null,
              h("code", null, w.code),
              " ",
              w.message,
              w.path ? h("span", { class: "muted" }, ` (${w.path})`) : null,
            ),
          ),
        ),
    h(
      "p",
      { class: "muted", id: "digest" },
      `Input digest: ${r.inputDigest} · Engine: ${r.engine.name} ${r.engine.version}`,
      r.source ? ` · Workbook: ${r.source.file} (sha256 ${r.source.sha256})` : "",
    ),
    downloads(c),
    h("h3", null, "Report"),
    reportFrame(c.html),
  );
  replace(resultSection, ...sections);
  resultSection.hidden = false;
}

/** The verify table, then the verdict: decided by the numbers, shown after every input string. */
function verificationSection(v: Verification): HTMLElement {
  return h(
    "div",
    { id: "verification", class: "verification" },
    h("h3", null, "Verification of the reported figures"),
    table(
      undefined,
      ["symbol", "reported", "recomputed", "status", "difference (reported − recomputed)"],
      v.checks.map((c) => [
        c.symbol,
        h("span", { class: "number" }, c.reported),
        h("span", { class: "number" }, c.recomputed),
        h("span", { class: `badge ${c.status}` }, c.status === "match" ? "match" : "MISMATCH"),
        h("span", { class: "number" }, c.difference),
      ]),
      { id: "verification-table" },
    ),
    h(
      "p",
      { class: "muted" },
      "Matching rule: the recomputed value rounded half away from zero to the decimal places reported; ER_p exactly, after flooring.",
    ),
    h("p", { id: "verdict", class: `verdict ${v.ok ? "ok" : "mismatch"}` }, verdictText(v)),
  );
}

// ── Downloads (Blob URLs: nothing leaves the browser) ───────────────────────────────────────────

/** A file name made of the document's name: letters, digits, dot, dash and underscore only. */
function baseName(c: Computed): string {
  const stem = c.source.name.replace(/\.(json|xlsx)$/i, "");
  const safe = stem
    .replace(/[^A-Za-z0-9._-]+/g, "_")
    .replace(/^[._]+/, "")
    .slice(0, 100);
  return safe === "" ? "document" : safe;
}

function save(name: string, parts: BlobPart[], type: string): void {
  const url = URL.createObjectURL(new Blob(parts, { type }));
  const link = h("a", { attrs: { href: url, download: name } });
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** JSON as the CLI writes it: the same data, with bidi, invisible and C1 characters as `\u` escapes. */
function jsonFile(value: unknown): string {
  return `${escapeForDisplayKeepingLines(JSON.stringify(value, null, 2))}\n`;
}

function downloads(c: Computed): HTMLElement {
  const base = baseName(c);
  const button = (id: string, label: string, action: () => void | Promise<void>) =>
    h(
      "button",
      {
        id,
        attrs: { type: "button" },
        on: {
          click: () => {
            Promise.resolve()
              .then(action)
              .catch((error: unknown) => {
                showError(error);
              });
          },
        },
      },
      label,
    );
  return h(
    "div",
    { class: "downloads", id: "downloads" },
    h("h3", null, "Downloads"),
    h(
      "p",
      { class: "buttons" },
      button("download-json", "Result (JSON)", () =>
        save(`${base}.result.json`, [jsonFile(c.result)], "application/json"),
      ),
      c.verification
        ? button("download-verification", "Verification (JSON)", () =>
            save(`${base}.verification.json`, [jsonFile(c.verification)], "application/json"),
          )
        : null,
      button("download-md", "Report (Markdown)", () => save(`${base}.report.md`, [c.markdown()], "text/markdown")),
      button("download-html", "Report (HTML)", () => save(`${base}.report.html`, [c.html], "text/html")),
      button("download-xlsx", "Result workbook (.xlsx)", async () => {
        const bytes = await c.workbook();
        save(
          `${base}.result.xlsx`,
          [bytes as Uint8Array<ArrayBuffer>],
          "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        );
      }),
    ),
  );
}

/** The HTML report in a frame sandboxed without scripts (the report's own CSP forbids them too). */
function reportFrame(html: string): HTMLIFrameElement {
  const frame = h("iframe", {
    id: "report-frame",
    class: "report",
    attrs: { sandbox: "", title: "Calculation report", referrerpolicy: "no-referrer" },
  });
  frame.srcdoc = html;
  return frame;
}

// ── Intake: the file inputs and drag and drop ───────────────────────────────────────────────────

function fromInput(input: HTMLInputElement): void {
  const files = [...(input.files ?? [])].map((file) => ({ file, path: givenPath(file.name, file.webkitRelativePath) }));
  input.value = "";
  if (files.length > 0) addFiles(files);
}

byId<HTMLInputElement>("file-input").addEventListener("change", (e) => fromInput(e.target as HTMLInputElement));
byId<HTMLInputElement>("folder-input").addEventListener("change", (e) => fromInput(e.target as HTMLInputElement));

/** Every file of a dropped folder, walked breadth-first, at most MAX_GIVEN_FILES and MAX_FOLDER_DEPTH deep. */
async function walk(roots: FileSystemEntry[]): Promise<{ file: File; path: string }[]> {
  const out: { file: File; path: string }[] = [];
  let level: FileSystemEntry[] = roots;
  for (let depth = 0; level.length > 0 && depth <= MAX_FOLDER_DEPTH; depth++) {
    const next: FileSystemEntry[] = [];
    for (const entry of level) {
      if (out.length >= MAX_GIVEN_FILES) return out;
      if (entry.isFile) {
        const file = await new Promise<File>((resolve, reject) => (entry as FileSystemFileEntry).file(resolve, reject));
        out.push({ file, path: givenPath(file.name, entry.fullPath) });
      } else if (entry.isDirectory) {
        const reader = (entry as FileSystemDirectoryEntry).createReader();
        for (;;) {
          const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
          if (batch.length === 0) break;
          next.push(...batch.slice(0, MAX_GIVEN_FILES));
          if (next.length >= MAX_GIVEN_FILES) break;
        }
      }
    }
    level = next;
  }
  return out;
}

async function fromDrop(transfer: DataTransfer): Promise<void> {
  // Items are readable only during the drop event: take entries and files now, walk folders after.
  const entries: FileSystemEntry[] = [];
  const plain: { file: File; path: string }[] = [];
  for (const item of [...transfer.items]) {
    if (item.kind !== "file") continue;
    const entry = item.webkitGetAsEntry?.() ?? null;
    const file = item.getAsFile();
    if (entry?.isDirectory) entries.push(entry);
    else if (file) plain.push({ file, path: givenPath(file.name) });
  }
  if (transfer.items.length === 0)
    for (const file of [...transfer.files]) plain.push({ file, path: givenPath(file.name) });
  try {
    const walked = entries.length > 0 ? await walk(entries) : [];
    addFiles([...plain, ...walked]);
  } catch (error) {
    setStatus(`Cannot read the dropped folder (${error instanceof Error ? error.name : "error"}).`);
  }
}

// The whole window takes drops: a file dropped beside the zone must not open in place of the desk.
let dragDepth = 0;
window.addEventListener("dragenter", (event) => {
  event.preventDefault();
  dragDepth++;
  dropZone.classList.add("over");
});
window.addEventListener("dragleave", () => {
  dragDepth = Math.max(0, dragDepth - 1);
  if (dragDepth === 0) dropZone.classList.remove("over");
});
window.addEventListener("dragover", (event) => {
  event.preventDefault();
  if (event.dataTransfer) event.dataTransfer.dropEffect = "copy";
});
window.addEventListener("drop", (event) => {
  event.preventDefault();
  dragDepth = 0;
  dropZone.classList.remove("over");
  if (event.dataTransfer) void fromDrop(event.dataTransfer);
});

byId("engine").textContent = `jcm-mrv ${ENGINE_VERSION} · ${registry.modules.length} methodology modules`;
setState("idle");
document.documentElement.dataset.ready = "true";
