/**
 * The reports made while they are written (the CLI's `report` and `calculate --format md|html`):
 * the same text as the API's `renderReport`, handed over in pieces none of which holds a long list
 * or a long substitution whole.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { draftKhRiceHuskStirling } from "../../methodologies/draft-kh-rice-husk-stirling/index.js";
import { registry } from "../../methodologies/index.js";
import { reportForWriting } from "../../src/api/report.js";
import { calculateParsed, calculateParsedDetailedForWriting } from "../../src/calculate.js";
import { eachOf } from "../../src/core/deferred-array.js";
import { Exact } from "../../src/core/exact.js";
import { parseDocument } from "../../src/document/parse.js";
import { renderReport } from "../../src/entries/index.js";
import { renderHtml, writeHtml } from "../../src/report/html.js";
import { renderMarkdown, writeMarkdown } from "../../src/report/markdown.js";
import { buildReportModel, type StreamedReportModel } from "../../src/report/model.js";
import { verifyCalculation } from "../../src/verify.js";
import { boilers, builtCli, expectCleanExit, put, scratch, solar } from "../hostile/attack.js";

const examplesDir = new URL("../../examples/", import.meta.url);
const examples = readdirSync(examplesDir).filter((f) => f.endsWith(".json") && !f.endsWith(".expected.json"));

const moduleOf = (id: string, version: string) =>
  id === draftKhRiceHuskStirling.id ? draftKhRiceHuskStirling : registry.get(id, version);

/** The model of a document both ways: from a plain calculation and from one made while written. */
function models(document: unknown) {
  const parsed = parseDocument(document);
  const { id, version } = parsed.document.methodology;
  const module = moduleOf(id, version);
  const reported = parsed.document.reported && Object.keys(parsed.document.reported).length > 0;
  const plain = calculateParsed(module, parsed);
  const streamed = calculateParsedDetailedForWriting(module, parseDocument(document));
  return {
    plain: buildReportModel(plain, reported ? verifyCalculation(plain) : undefined),
    streamed: buildReportModel(streamed, reported ? verifyCalculation(streamed) : undefined),
  };
}

function pieces(write: (model: StreamedReportModel, w: (piece: string) => void) => void, model: StreamedReportModel) {
  const out: string[] = [];
  write(model, (piece) => out.push(piece));
  return out;
}

describe("a report made while it is written", () => {
  it.each(examples)("%s: Markdown and HTML the same as the API's, byte for byte", (name) => {
    const text = readFileSync(new URL(name, examplesDir), "utf8");
    const { plain, streamed } = models(text);
    expect(pieces(writeMarkdown, streamed).join("")).toBe(renderMarkdown(plain));
    expect(pieces(writeHtml, streamed).join("")).toBe(renderHtml(plain));
  });

  it("reportForWriting gives renderReport's text, with a verification table", () => {
    const doc = { ...boilers(300), reported: { HG_p: "3000", ER_p: "1" } };
    for (const format of ["md", "html"] as const) {
      const out: string[] = [];
      reportForWriting(doc, { registry, format })((piece) => out.push(piece));
      const whole = renderReport(doc, { format });
      expect(out.join("")).toBe(whole);
      expect(whole).toMatch(/Discrepancies: 1 of 2 reported figures/);
    }
  });

  it("CLI: report to stdout and calculate --format md|html -o write renderReport's text", () => {
    const doc = { ...boilers(2_000), reported: { HG_p: "20000", ER_p: "1" } };
    const dir = scratch();
    const path = put(dir, "boilers.json", JSON.stringify(doc));
    for (const format of ["md", "html"] as const) {
      const whole = renderReport(doc, { format });
      const shown = builtCli(["report", path, "--format", format]);
      expectCleanExit(shown, 0);
      expect(shown.stdout).toBe(whole);
      const out = join(dir, `report.${format}`);
      expectCleanExit(builtCli(["calculate", path, "--format", format, "-o", out]), 0);
      expect(readFileSync(out, "utf8")).toBe(whole);
    }
  });

  it("an invalid document throws before any piece is written", () => {
    const doc = { ...solar(), monitored: { "EG_i,p": [{ equipment: "PCS-main", value: "-1", unit: "MWh" }] } };
    expect(() => reportForWriting(doc, { registry, format: "md" })).toThrow(/EG_i,p/);
  });

  it("20,000 boilers: no piece holds a table or a substitution over every boiler", () => {
    const { streamed } = models(boilers(20_000));
    // The totals' expressions name every boiler (the module writes them so): a piece may be as long
    // as one, and a row's worth more. A substitution made whole would be twice that, a table megabytes.
    let longestExpression = 0;
    eachOf(streamed.equations, (e) => {
      longestExpression = Math.max(longestExpression, e.expression.length);
    });
    expect(longestExpression).toBeGreaterThan(300_000);
    for (const write of [writeMarkdown, writeHtml]) {
      const out = pieces(write, streamed);
      let longest = 0;
      let total = 0;
      for (const piece of out) {
        longest = Math.max(longest, piece.length);
        total += piece.length;
      }
      expect(total).toBeGreaterThan(5_000_000);
      expect(longest).toBeLessThan(longestExpression + 1_000);
    }
    // The totals' values stay unprinted in the model: each is printed as it is written.
    const totals: (string | Exact)[][] = [];
    eachOf(streamed.equations, (e) => {
      if (e.substituted && e.substituted.length > 20_000) totals.push([...e.substituted]);
    });
    expect(totals.length).toBeGreaterThanOrEqual(4);
    for (const parts of totals) expect(parts.filter((p) => p instanceof Exact).length).toBe(20_000);
  });
});

describe("a substitution in pieces, as a Markdown code span", () => {
  /** A model of the solar example whose one equation's substitution is given in `substituted`. */
  function withSubstitution(substituted: readonly string[]): StreamedReportModel {
    const { plain } = models(solar());
    const equation = { ...plain.equations.find((e) => e.symbol === "RE_p")!, substituted };
    return { ...plain, equations: [equation] };
  }
  const equationLine = (md: string) => md.split("\n").find((l) => l.includes("RE_p = EG_p × EF_RE"))!;

  it("written piece by piece, it is the code span of the pieces joined", () => {
    const split = withSubstitution(["1 ", "× `", "`", "` 2 | x\u202e"]);
    const joined = withSubstitution(["1 × ``` 2 | x\u202e"]);
    const line = equationLine(renderMarkdown(split));
    expect(line).toBe(equationLine(renderMarkdown(joined)));
    // A run of three backticks split over three pieces: the fence is four long.
    expect(line).toContain("| ```` RE_p = EG_p × EF_RE = 1 × ``` 2 \\| x\\u202e ```` |");
  });

  it("a run split by an empty piece still counts whole", () => {
    const line = equationLine(renderMarkdown(withSubstitution(["`", "", "`"])));
    expect(line).toContain("``` RE_p = EG_p × EF_RE = `` ```");
  });
});
