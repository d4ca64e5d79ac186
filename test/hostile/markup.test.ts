/**
 * Attack: a document that breaks out of the report it is rendered into (trust.md §4) — Markdown
 * code spans ended early with backticks, fake links and images (`javascript:`), raw HTML and
 * `<script>`, headings, table breaks, bare autolinks; and script in the HTML report, which must
 * keep its entity escaping and carry a Content-Security-Policy that forbids scripts.
 */
import { describe, expect, it } from "vitest";
import { renderReport } from "../../src/entries/index.js";
import { builtCli, expectCleanExit, put, scratch, solar, UNSAFE } from "./attack.js";

const BREAKOUTS = [
  "`` ` ``</code><script>alert(1)</script>",
  "[click me](javascript:alert(1))",
  "![pixel](https://evil.example/track.png)",
  "<img src=x onerror=alert(1)>",
  "\n# Verified by the registry\n",
  "| forged | cell |",
  "https://evil.example/ www.evil.example mail@evil.example",
  "*__~~emphasis~~__*",
  "\x1b[31m\u202e",
];

function hostileDocument() {
  const doc = solar();
  doc.project.title = BREAKOUTS.join(" ");
  doc.project.reference = "````x````";
  (doc.monitored["EG_i,p"] as Record<string, unknown>[])[0]!.equipment = "a`b``c```d</code><script>x</script>";
  doc.project["[link](javascript:x)"] = "![img](data:x)";
  return doc;
}

/** Backtick runs of a code span: the opening and closing fences must be the same run. */
function codeSpans(line: string): string[] {
  const spans: string[] = [];
  const fence = /`+/g;
  let open: RegExpExecArray | null;
  // biome-ignore lint/suspicious/noAssignInExpressions: a scanner loop
  while ((open = fence.exec(line))) {
    const run = open[0];
    const close = line.indexOf(run, fence.lastIndex);
    let end = close;
    // A closing run must be exactly as long (CommonMark): skip longer runs.
    while (end >= 0 && (line[end + run.length] === "`" || (end > 0 && line[end - 1] === "`")))
      end = line.indexOf(run, end + run.length + 1);
    if (end < 0) continue;
    spans.push(line.slice(open.index, end + run.length));
    fence.lastIndex = end + run.length;
  }
  return spans;
}

describe("Markdown report: no input string opens a link, image, raw HTML, heading or ends a code span", () => {
  const md = renderReport(hostileDocument(), { format: "md" });

  /** The Markdown with every code span removed: what a renderer reads as Markdown, not as literal code. */
  const outsideCode = md
    .split("\n")
    .map((line) => codeSpans(line).reduce((rest, span) => rest.replace(span, "CODE"), line))
    .join("\n");

  it("no raw HTML, no script, no link or image syntax from the document", () => {
    // Inside a code span `<script>` is literal text; outside, no `<` from the document survives.
    expect(outsideCode).not.toMatch(/<script|<img|<\/code>/i);
    expect(md).not.toMatch(/(?<!\\)\[click me(?<!\\)\]\(/);
    expect(md).not.toMatch(/(?<!\\)!(?<!\\)\[pixel/);
    expect(md).not.toMatch(/(?<!\\)\[link(?<!\\)\]\(javascript/);
    expect(md).toContain("\\[click me\\](javascript:alert(1))");
  });

  it("no heading or table row injected: every line starting with # is the report's own", () => {
    expect(md.split("\n").filter((line) => /^#+ Verified/.test(line))).toEqual([]);
    expect(md).toContain("\\# Verified by the registry");
    expect(md).not.toMatch(/(?<!\\)\| forged (?<!\\)\|/);
  });

  it("bare autolinks are broken up; control and bidi characters are visible escapes", () => {
    expect(md).not.toMatch(/https:\/\/evil/);
    expect(md).not.toMatch(/(?<!\\)www\.evil/);
    expect(md).not.toMatch(/(?<!\\)@evil/);
    expect(UNSAFE.test(md)).toBe(false);
    expect(md).toContain("\\\\u001b");
  });

  it("a code span holding backticks is fenced by a longer run, so it ends where it should", () => {
    const line = md.split("\n").find((l) => l.includes("a`b``c```d"))!;
    expect(line).toBeDefined();
    const span = codeSpans(line).find((s) => s.includes("a`b``c```d"))!;
    expect(span.startsWith("```` ")).toBe(true);
    expect(span).toContain("</code><script>x</script>");
    expect(span.endsWith(" ````")).toBe(true);
  });
});

describe("HTML report: entity escaping, visible escapes and a CSP that forbids scripts", () => {
  const html = renderReport(hostileDocument(), { format: "html" });

  it("carries the Content-Security-Policy meta before any document text", () => {
    const csp =
      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">";
    expect(html).toContain(csp);
    expect(html.indexOf(csp)).toBeLessThan(html.indexOf("<title>"));
  });

  it("no script element, no event handler, no javascript: URL; text is entity-escaped", () => {
    expect(html).not.toMatch(/<script|<img|<[^>]*\sonerror=|href=/i);
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(UNSAFE.test(html)).toBe(false);
    expect(html).toContain("\\u202e");
  });

  it("CLI report: the same, written to a file and to stdout, exit 0", () => {
    const dir = scratch();
    const doc = put(dir, "hostile.json", JSON.stringify(hostileDocument()));
    for (const format of ["html", "md"]) {
      const run = builtCli(["report", doc, "--format", format]);
      expectCleanExit(run, 0);
      expect(run.stdout).toContain(format === "html" ? "&lt;script&gt;alert(1)&lt;/script&gt;" : "\\[click me\\]");
      if (format === "html") expect(run.stdout).not.toMatch(/<script/i);
    }
  });
});
