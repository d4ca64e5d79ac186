import { Decimal } from "../core/decimal.js";
import { eachOf } from "../core/deferred-array.js";
import { escapeForDisplay } from "../core/display.js";
import type { Exact } from "../core/exact.js";
import { timeZoneLabel } from "../core/period.js";
import type { StreamedReportModel } from "./model.js";
import { printedPart } from "./substitute.js";

/** The calculation report as GitHub-flavoured Markdown: the HTML report's content, without charts. */

/** What some step of {@link escapedText} changes: text with none of it (most units, sources, labels) is kept as it is. */
const MARKDOWN_SPECIAL = /[\r\n&<>\\`*_[\]|~!#@]|:\/\/|www\./i;

/** {@link escapedText}, with text it would not change (most of a report's cells) returned at once. Exported for tests. */
export function text(value: string): string {
  if (!MARKDOWN_SPECIAL.test(value) && escapeForDisplay(value) === value) return value;
  return escapedText(value);
}

/**
 * Free text from the document or the module: inline-safe on one line (trust.md §4). Control, bidi
 * and invisible characters become visible escapes; line breaks become spaces (nothing can start a
 * heading, list or block); `&`, `<`, `>` become entities (no raw HTML, no `<https://…>` autolink);
 * Markdown punctuation is backslash-escaped (no emphasis, link, image, code span or table break);
 * and the GFM bare autolinks are broken up (`https\://`, `www\.`, `\@`). Exported for tests.
 */
export function escapedText(value: string): string {
  return escapeForDisplay(value.replace(/\r\n|\r|\n/g, " "))
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/[\\`*_[\]|~!#]/g, (c) => `\\${c}`)
    .replace(/:(?=\/\/)/g, "\\:")
    .replace(/(w{3})\./gi, "$1\\.")
    .replace(/@/g, "\\@");
}

/**
 * A code span that no content can end early: the fence is one backtick longer than the longest
 * run of backticks inside, with a space either side when the content starts or ends with one.
 * GFM splits table cells on `|` even inside code, so it is escaped there too. Exported for tests.
 */
export function code(value: string): string {
  // Most spans (symbols, paths) need no escape and no longer fence.
  if (value !== "" && !/[`|\r\n]/.test(value) && escapeForDisplay(value) === value) return `\`${value}\``;
  return (codeSpan([value]) as string[]).join("");
}

/**
 * {@link code} of a text given in pieces (a substituted expression over 100,000 values), as pieces.
 * Each piece is escaped alone: the pieces of a substitution are slices of the expression at a
 * symbol's edges and the values, so none splits a line break or a surrogate pair. A value not yet
 * printed (an {@link Exact}) stays one, printed as it is written: it prints as a canonical decimal
 * (digits, `-`, `.`), which needs no escape, is never empty and holds no backtick. Exported for tests.
 */
export function codeSpan(pieces: readonly (string | Exact)[]): (string | Exact)[] {
  const body: (string | Exact)[] = [];
  let length = 0;
  let longest = 0;
  let run = 0; // backticks at the end of the pieces so far: a run may continue into the next piece
  for (const piece of pieces) {
    if (typeof piece !== "string") {
      body.push(piece);
      length += 1;
      run = 0;
      continue;
    }
    const escaped = /[|\r\n]/.test(piece)
      ? escapeForDisplay(piece.replace(/\r\n|\r|\n/g, " ")).replace(/\|/g, "\\|")
      : escapeForDisplay(piece);
    body.push(escaped);
    length += escaped.length;
    if (!escaped.includes("`")) {
      if (escaped.length > 0) run = 0;
      continue;
    }
    for (let i = 0; i < escaped.length; i++) {
      run = escaped.charCodeAt(i) === 0x60 ? run + 1 : 0;
      if (run > longest) longest = run;
    }
  }
  if (length === 0) return ["` `"]; // "``" would be an opening fence, not an empty span
  const fence = "`".repeat(longest + 1);
  const pad = longest > 0 ? " " : "";
  body.unshift(`${fence}${pad}`);
  body.push(`${pad}${fence}`);
  return body;
}

const tableLine = (cells: readonly string[]) => `| ${cells.map((c) => (c === "" ? " " : c)).join(" | ")} |`;

function table(head: readonly string[], rows: readonly (readonly string[])[]): string {
  return [tableLine(head), tableLine(head.map(() => "---")), ...rows.map(tableLine)].join("\n");
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

function peak(days: readonly { date: string; value: string }[]): string {
  let best: { date: string; value: string } | undefined;
  for (const d of days) if (!best || new Decimal(d.value).gt(best.value)) best = d;
  return best ? `${best.value} on ${best.date}` : "";
}

/** The calculation report as Markdown (tables; the charts are only in the HTML report). */
export function renderMarkdown(model: StreamedReportModel): string {
  const pieces: string[] = [];
  writeMarkdown(model, (piece) => pieces.push(piece));
  return pieces.join("");
}

/**
 * {@link renderMarkdown}'s text handed to `write` in pieces: the blocks, and the parameters and
 * equations a table row at a time, so a report of 100,000 boilers is never one string.
 */
export function writeMarkdown(model: StreamedReportModel, write: (piece: string) => void): void {
  const m = model.methodology;
  const r = model.results;
  const p = model.period;
  // Blocks are separated by a blank line; the text ends with one newline.
  let first = true;
  const blocks = (...texts: string[]): void => {
    for (const block of texts) {
      write(first ? block : `\n\n${block}`);
      first = false;
    }
  };
  /** A table whose rows are written as they are made; a cell in pieces is written piece by piece. */
  const rowsTable = (
    head: readonly string[],
    forEachRow: (emit: (cells: readonly (string | readonly (string | Exact)[])[]) => void) => void,
  ) => {
    blocks(`${tableLine(head)}\n${tableLine(head.map(() => "---"))}`);
    forEachRow((cells) => {
      if (cells.every((cell) => typeof cell === "string")) {
        write(`\n${tableLine(cells as readonly string[])}`);
        return;
      }
      write("\n|");
      for (const cell of cells) {
        if (typeof cell === "string") write(` ${cell === "" ? " " : cell} |`);
        else {
          write(" ");
          for (const piece of cell) write(printedPart(piece));
          write(" |");
        }
      }
    });
  };
  if (m.draftBanner) blocks(`> **${text(m.draftBanner)}**`);
  blocks(`# ${text(model.title)}`, "JCM emission-reduction calculation report");
  blocks(
    table(
      ["Field", "Value"],
      [
        ["Methodology", `${code(m.id)} version ${text(m.version)} — ${text(m.title)} (**${text(m.status)}**)`],
        ["Host country · scope", `${text(m.hostCountry)} · ${text(m.sectoralScope)}`],
        [
          "Monitoring period",
          `${text(p.start)} to ${text(p.end)} inclusive (${text(timeZoneLabel(p.timeZone))}: ${text(p.startInstant)} to ${text(p.endInstant)}), ${plural(p.days, "day")}`,
        ],
        ...model.project.filter((f) => f.key !== "title").map((f) => [`Project ${text(f.key)}`, text(f.value)]),
      ],
    ),
  );

  blocks("## Result");
  blocks(
    table(
      ["Figure", "Value", "Rounded for display only", "Unit"],
      [
        ["RE_p reference emissions (unrounded)", r.referenceEmissions, `≈ ${r.referenceEmissionsDisplay}`, r.unit],
        ["PE_p project emissions (unrounded)", r.projectEmissions, `≈ ${r.projectEmissionsDisplay}`, r.unit],
        ["ER_p unrounded (RE_p − PE_p)", r.emissionReductionsUnrounded, "", r.unit],
        [`**ER_p emission reductions (${text(r.rounding.policy)})**`, `**${r.emissionReductions}**`, "", r.unit],
      ],
    ),
  );
  blocks(
    `Rounding: ${text(r.rounding.description)}.${r.negative ? " **Project emissions exceeded reference emissions: ER_p is 0.**" : ""}`,
  );
  if (model.figures.length > 0) {
    blocks(
      "### Other figures",
      table(
        ["Symbol", "Value", "Unit"],
        model.figures.map((f) => [code(f.symbol), f.value, text(f.unit)]),
      ),
    );
  }

  const v = model.verification;
  if (v) {
    const bad = v.checks.filter((c) => c.status === "mismatch").length;
    blocks("## Verification of reported figures");
    blocks(
      v.ok
        ? `**Verified: all ${plural(v.checks.length, "reported figure")} match the recomputation.**`
        : `**Discrepancies: ${bad} of ${plural(v.checks.length, "reported figure")} do not match the recomputation.**`,
    );
    blocks(
      table(
        ["Symbol", "Reported", "Recomputed", "Status", "Difference (reported − recomputed)"],
        v.checks.map((c) => [
          code(c.symbol),
          c.reported,
          c.recomputed,
          c.status === "match" ? "match" : "**mismatch**",
          c.difference,
        ]),
      ),
    );
  }

  blocks("## Warnings");
  blocks(
    model.warnings.length === 0
      ? "No warnings."
      : model.warnings
          .map((w) => `- ${code(w.code)} ${text(w.message)}${w.path ? ` (${code(w.path)})` : ""}`)
          .join("\n"),
  );

  blocks("## Eligibility");
  blocks(
    model.eligibility.length === 0
      ? "The methodology lists no eligibility criteria."
      : table(
          ["#", "Criterion", "Result", "Reason"],
          model.eligibility.map((c) => [
            text(c.id),
            text(c.text),
            c.result === "met" ? "met" : `**${c.result}**`,
            text(c.reason),
          ]),
        ),
  );

  blocks("## Parameters");
  rowsTable(["Symbol", "Kind", "Value", "Unit", "As given", "Monitoring option", "Source", "Status"], (emit) =>
    eachOf(model.parameters, (q) =>
      emit([
        code(q.symbol),
        q.kind,
        q.value,
        text(q.unit),
        q.given ? `${q.given.value} ${text(q.given.unit)}` : "",
        text(q.optionText),
        text(q.source),
        q.status ?? "",
      ]),
    ),
  );

  blocks("## Monitored series");
  if (model.series.length === 0)
    blocks("No monitored series with readings: the monitored quantities were given as totals.");
  else {
    blocks("Charts of the daily totals are not available in Markdown; the HTML report draws them.");
    blocks(
      table(
        ["Series", "Kind", "Readings", "Days", "Total of daily figures", "Highest day", "Unit"],
        model.series.map((s) => [
          code(s.label),
          s.kind,
          text(s.origin),
          String(s.days.length),
          s.total,
          peak(s.days),
          text(s.unit),
        ]),
      ),
    );
    blocks(
      model.series.some((s) => s.kind === "cumulative")
        ? "Cumulative series: each register advance is counted on the day of the earlier reading."
        : "Interval series: each day sums the readings that start on it.",
    );
  }

  blocks("## Equations with values");
  rowsTable(["Step", "Eq.", "Calculation", "Result"], (emit) =>
    eachOf(model.equations, (e) =>
      emit([
        String(e.step),
        text(e.equation),
        e.substituted === undefined
          ? code(`${e.symbol} = ${e.expression}`)
          : codeSpan([`${e.symbol} = ${e.expression} = `, ...e.substituted]),
        `${e.value} ${text(e.unit)}`,
      ]),
    ),
  );

  blocks(
    "---",
    `Input digest ${code(model.inputDigest)} · computed by ${text(model.engine)} with exact decimal arithmetic.`,
  );
  write("\n");
}
