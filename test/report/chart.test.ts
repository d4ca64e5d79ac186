import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { escapeForDisplay } from "../../src/core/display.js";
import { comparisonBarChart, dailyBarChart, escapeXml } from "../../src/report/chart.js";

/**
 * Problems that make a string not well-formed XML, for the subset the charts use: elements with
 * double-quoted attributes, text, the five named entities and numeric references. Strict, so a
 * passing chart also parses with a real XML parser (the browser test checks that too).
 */
function xmlProblems(xml: string): string[] {
  const problems: string[] = [];
  const rawAmp = /&(?!(?:amp|lt|gt|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);)/;
  if (/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/.test(xml)) problems.push("character not allowed in XML");
  if (/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(xml))
    problems.push("lone surrogate");
  const stack: string[] = [];
  let roots = 0;
  let last = 0;
  const text = (t: string) => {
    if (rawAmp.test(t)) problems.push(`raw & in text ${JSON.stringify(t.slice(0, 40))}`);
    if (stack.length === 0 && t.trim() !== "")
      problems.push(`text outside the root: ${JSON.stringify(t.slice(0, 40))}`);
  };
  for (const m of xml.matchAll(/<[^>]*>/g)) {
    text(xml.slice(last, m.index));
    last = m.index + m[0].length;
    const tag = /^<(\/?)([A-Za-z][\w:.-]*)((?:\s+[A-Za-z_:][\w:.-]*="[^"<]*")*)\s*(\/?)>$/.exec(m[0]);
    if (!tag) {
      problems.push(`malformed tag ${m[0].slice(0, 60)}`);
      continue;
    }
    const [, close, name, attrs = "", self] = tag;
    if (rawAmp.test(attrs)) problems.push(`raw & in attributes of <${name}>`);
    const names = [...attrs.matchAll(/([A-Za-z_:][\w:.-]*)="/g)].map((a) => a[1]);
    if (new Set(names).size !== names.length) problems.push(`duplicate attribute in <${name}>`);
    if (close) {
      if (attrs || self) problems.push(`closing tag with attributes: ${m[0]}`);
      if (stack.pop() !== name) problems.push(`unbalanced </${name}>`);
    } else {
      if (stack.length === 0) roots += 1;
      if (!self) stack.push(name!);
    }
  }
  text(xml.slice(last));
  if (stack.length > 0) problems.push(`unclosed <${stack.join("> <")}>`);
  if (roots !== 1) problems.push(`${roots} root elements`);
  return problems;
}

function days(start: string, values: readonly string[]): { date: string; value: string }[] {
  const first = Date.UTC(Number(start.slice(0, 4)), Number(start.slice(5, 7)) - 1, Number(start.slice(8, 10)));
  return values.map((value, i) => ({ date: new Date(first + i * 86_400_000).toISOString().slice(0, 10), value }));
}

const count = (s: string, needle: string) => s.split(needle).length - 1;
const HOSTILE = `<script>alert("x")</script> & ' ]]> \u0001 \uD800`;

describe("the XML checker itself", () => {
  it("accepts well-formed and rejects malformed documents", () => {
    expect(xmlProblems(`<svg a="1"><g><text>a &amp; b</text></g><rect/></svg>`)).toEqual([]);
    for (const bad of [
      `<svg><g></svg>`,
      `<svg>a & b</svg>`,
      `<svg a=1/>`,
      `<svg a="1" a="2"/>`,
      `<svg/><svg/>`,
      `<svg>\u0001</svg>`,
      `<svg><text>a < b</text></svg>`,
    ]) {
      expect(xmlProblems(bad), bad).not.toEqual([]);
    }
  });
});

describe("escapeXml", () => {
  it("escapes markup and replaces characters XML cannot carry", () => {
    expect(escapeXml(`<a href="x">'&'</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
    expect(escapeXml("a\u0000b\uDC00c\uFFFF")).toBe("a\\u0000b\\udc00c\uFFFD"); // shown, not dropped (trust.md §4)
    expect(escapeXml("EG_i,p 😀")).toBe("EG_i,p 😀");
  });

  it("text without markup takes a shortcut that gives the same", () => {
    const entities: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
    // Every step, applied to any text: the reference the shortcut must agree with.
    const full = (text: string) =>
      escapeForDisplay(text)
        .replace(/[\uFFFE\uFFFF]/g, "\uFFFD")
        .replace(/[&<>"']/g, (c) => entities[c]!);
    const unit = fc.oneof(
      fc.constantFrom(..."&<>\"'", "\uFFFE", "\uFFFF", "\u202e", "\u0000", "\ud800"),
      fc.string({ unit: "binary", maxLength: 2 }),
    );
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 20 }), (text) => {
        expect(escapeXml(text)).toBe(full(text));
      }),
      { numRuns: 5_000 },
    );
  });
});

describe("dailyBarChart", () => {
  const base = { title: "EG_i,p [inv-A]", unit: "kWh", periodStart: "2024-06-01", periodEnd: "2024-06-01" };

  it("draws one day as one bar with its exact value, the boundaries marked, accessible", () => {
    const svg = dailyBarChart({ ...base, days: [{ date: "2024-06-01", value: "740.25" }] });
    expect(xmlProblems(svg)).toEqual([]);
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" class="chart" role="img" /);
    expect(svg).toMatch(/aria-label="[^"]*740\.25 kWh/);
    expect(svg).toContain("<title>EG_i,p [inv-A]</title>");
    expect(count(svg, "<rect ")).toBe(1);
    expect(svg).toContain("<title>2024-06-01: 740.25 kWh</title>");
    expect(svg).toContain(">740.25</text>"); // value label above the bar: room for it
    expect(count(svg, 'class="period-boundary"')).toBe(2);
    expect(svg).toContain("period start 2024-06-01");
    expect(svg).toContain("period end 2024-06-01");
    expect(svg).not.toMatch(/NaN|Infinity/);
  });

  it("places the boundaries at the start of the first day and the end of the last day", () => {
    const svg = dailyBarChart({
      ...base,
      periodStart: "2024-01-01",
      periodEnd: "2024-01-10",
      days: days("2024-01-01", Array(10).fill("1")),
    });
    const xs = [...svg.matchAll(/<g class="period-boundary"><line x1="([\d.]+)"/g)].map((m) => Number(m[1]));
    const grid = [...svg.matchAll(/<line x1="([\d.]+)" x2="([\d.]+)" y1="[\d.]+" y2="[\d.]+" stroke="#e3e3e3"/g)][0]!;
    expect(xs).toEqual([Number(grid[1]), Number(grid[2])]); // the plot's left and right edges
  });

  it("keeps a leap year readable: 366 thin bars, a handful of date labels, a few ticks", () => {
    const values = Array.from({ length: 366 }, (_, i) => `${String((i % 30) + 1)}.5`);
    const svg = dailyBarChart({
      ...base,
      periodStart: "2024-01-01",
      periodEnd: "2024-12-31",
      days: days("2024-01-01", values),
    });
    expect(xmlProblems(svg)).toEqual([]);
    expect(count(svg, "<rect ")).toBe(366);
    const widths = [...svg.matchAll(/<rect [^>]*width="([\d.]+)"/g)].map((m) => Number(m[1]));
    expect(Math.max(...widths)).toBeLessThan(2.5);
    expect(Math.min(...widths)).toBeGreaterThan(1);
    const dateLabels = count(svg, 'fill="#666">2024-');
    expect(dateLabels).toBeGreaterThanOrEqual(4);
    expect(dateLabels).toBeLessThanOrEqual(10);
    expect(svg).not.toMatch(/>\d+\.5<\/text>/); // no per-bar value labels when they cannot fit
    expect(svg).toContain("period end 2024-12-31");
  });

  it("handles all zeros: no bars, a note, a valid axis", () => {
    const svg = dailyBarChart({
      ...base,
      periodStart: "2024-01-01",
      periodEnd: "2024-01-31",
      days: days("2024-01-01", Array(31).fill("0")),
    });
    expect(xmlProblems(svg)).toEqual([]);
    expect(count(svg, "<rect ")).toBe(0);
    expect(svg).toContain("every day is zero");
    expect(svg).toMatch(/aria-label="[^"]*total 0 kWh/);
    expect(svg).not.toMatch(/NaN|Infinity/);
  });

  it("handles no data at all", () => {
    const svg = dailyBarChart({ ...base, days: [] });
    expect(xmlProblems(svg)).toEqual([]);
    expect(svg).toContain("no data");
  });

  it("labels huge and tiny magnitudes with exact decimal ticks, never floats or exponents", () => {
    const huge = dailyBarChart({
      ...base,
      periodEnd: "2024-06-02",
      days: days("2024-06-01", ["999999999999999999999999999999.25", "123456789012345678901234567890"]),
    });
    const tiny = dailyBarChart({
      ...base,
      periodEnd: "2024-06-02",
      days: days("2024-06-01", ["0.0000000000000000000001", "0.00000000000000000000035"]),
    });
    for (const svg of [huge, tiny]) {
      expect(xmlProblems(svg)).toEqual([]);
      expect(svg).not.toMatch(/NaN|Infinity|>[^<]*\de[+-]?\d[^<]*</); // no exponent in any text
    }
    // Long tick labels are written in units of a power of ten; the values themselves stay exact.
    expect(huge).toContain("daily totals in kWh (axis × 10²⁹)");
    expect(huge).toMatch(/>0<\/text>.*>5<\/text>.*>10<\/text>/);
    expect(huge).toContain("999999999999999999999999999999.25 kWh");
    expect(tiny).toContain("daily totals in kWh (axis × 10⁻²²)");
    expect(tiny).toMatch(/>0<\/text>.*>1<\/text>.*>4<\/text>/);
    expect(tiny).toContain("0.00000000000000000000035 kWh");
    // Up to 7 digits the ticks are written out.
    const big = dailyBarChart({ ...base, days: [{ date: "2024-06-01", value: "4500000" }] });
    expect(big).toContain(">6000000</text>");
    expect(big).toContain("daily totals, kWh");
  });

  it("shows values exactly as given (trailing zeros kept) and totals them exactly", () => {
    const svg = dailyBarChart({ ...base, periodEnd: "2024-06-03", days: days("2024-06-01", ["0.1", "0.2", "1.10"]) });
    expect(svg).toContain("2024-06-03: 1.10 kWh");
    expect(svg).toMatch(/total 1\.4 kWh/); // 0.1 + 0.2 + 1.10, not 1.4000000000000001
  });

  it("greys out days outside the period and keeps the boundaries on the period", () => {
    const svg = dailyBarChart({
      ...base,
      periodStart: "2024-06-02",
      periodEnd: "2024-06-02",
      days: days("2024-06-01", ["1", "2", "3"]),
    });
    expect(xmlProblems(svg)).toEqual([]);
    expect(svg).toContain("2024-06-01: 1 kWh (outside the period)");
    expect(svg).toMatch(/total 2 kWh/);
  });

  it("draws negative values below the zero line", () => {
    const svg = dailyBarChart({ ...base, periodEnd: "2024-06-02", days: days("2024-06-01", ["-5", "10"]) });
    expect(xmlProblems(svg)).toEqual([]);
    expect(svg).toContain(">-5</text>");
  });

  it("escapes every text it is given", () => {
    const svg = dailyBarChart({ ...base, title: HOSTILE, unit: `k"Wh<`, days: [{ date: "2024-06-01", value: "1" }] });
    expect(xmlProblems(svg)).toEqual([]);
    expect(svg).not.toContain("<script");
    expect(svg).toContain("&lt;script&gt;");
  });

  it("is deterministic", () => {
    const input = {
      ...base,
      periodEnd: "2024-06-30",
      days: days(
        "2024-06-01",
        Array.from({ length: 30 }, (_, i) => `${i}.${i}`),
      ),
    };
    expect(dailyBarChart(input)).toBe(dailyBarChart(structuredClone(input)));
  });

  it("property: any title and any decimals give well-formed XML with one bar per non-zero day", () => {
    const decimal = fc
      .tuple(fc.bigInt({ min: 0n, max: 10n ** 29n }), fc.integer({ min: 0, max: 25 }))
      .map(([n, scale]) => {
        const digits = n.toString().padStart(scale + 1, "0");
        return scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
      });
    const title = fc.oneof(fc.string({ unit: "binary" }), fc.constantFrom(HOSTILE, "&amp;", "]]>", ""));
    fc.assert(
      fc.property(title, fc.array(decimal, { maxLength: 400 }), (t, values) => {
        const list = days("2024-01-01", values);
        const end = list.at(-1)?.date ?? "2024-01-01";
        const svg = dailyBarChart({ title: t, unit: "MWh", days: list, periodStart: "2024-01-01", periodEnd: end });
        expect(xmlProblems(svg)).toEqual([]);
        expect(svg).not.toMatch(/NaN|Infinity/);
        expect(count(svg, "<rect ")).toBe(values.filter((v) => !/^0(\.0+)?$/.test(v)).length);
        expect(count(svg, 'class="period-boundary"')).toBe(2);
      }),
      { numRuns: 60 },
    );
  });
});

describe("comparisonBarChart", () => {
  it("shows RE_p and PE_p as bars with their exact values", () => {
    const svg = comparisonBarChart({
      referenceEmissions: "321.10513516295025728987993138936536",
      projectEmissions: "289.5063",
      unit: "tCO2",
    });
    expect(xmlProblems(svg)).toEqual([]);
    expect(count(svg, "<rect ")).toBe(2);
    expect(svg).toContain(">321.10513516295025728987993138936536 tCO2</text>");
    expect(svg).toContain(">289.5063 tCO2</text>");
    expect(svg).toMatch(/role="img"[^>]*aria-label="Reference versus project emissions: RE_p 321\.1051/);
  });

  it("scales the larger bar to the plot and the smaller in proportion", () => {
    const svg = comparisonBarChart({ referenceEmissions: "200", projectEmissions: "50", unit: "tCO2" });
    const [re, pe] = [...svg.matchAll(/<rect [^>]*width="([\d.]+)"/g)].map((m) => Number(m[1]));
    expect(re! / pe!).toBeCloseTo(4, 1);
  });

  it("handles zeros, huge and tiny magnitudes and hostile units", () => {
    for (const [re, pe] of [
      ["0", "0"],
      ["999999999999999999999999999999", "1"],
      ["0.000000000000000000001", "0"],
      ["5", "-2"],
    ] as const) {
      const svg = comparisonBarChart({ referenceEmissions: re, projectEmissions: pe, unit: "<t>" });
      expect(xmlProblems(svg), `${re} ${pe}`).toEqual([]);
      expect(svg).not.toMatch(/NaN|Infinity/);
      expect(svg).toContain(`>${re} &lt;t&gt;</text>`);
    }
  });
});
