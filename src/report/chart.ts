import { Decimal, sumExact, toCanonicalString } from "../core/decimal.js";
import { escapeForDisplay } from "../core/display.js";
import { formatCalendarDate, MS_PER_DAY, parseCalendarDate, utcMidnight } from "../core/period.js";

/**
 * SVG charts as strings: pure, deterministic, no DOM. Figures (ticks, totals, labels) are exact
 * decimals; floats appear only as pixel coordinates.
 */

type DecimalString = string;

export interface DailyBarChartInput {
  title: string;
  unit: string;
  days: readonly { date: string; value: DecimalString }[];
  /** First and last day of the monitoring period, inclusive (`YYYY-MM-DD`). */
  periodStart: string;
  periodEnd: string;
}

export interface ComparisonBarChartInput {
  referenceEmissions: DecimalString;
  projectEmissions: DecimalString;
  unit: string;
}

const XML_ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/**
 * Escapes text for XML and HTML content and attribute values. Control, bidi and invisible
 * characters and lone surrogates (which XML 1.0 forbids or a reader cannot see) are first shown
 * as visible `\u` escapes (trust.md §4); U+FFFE and U+FFFF, not characters at all, become U+FFFD.
 */
export function escapeXml(text: string): string {
  // Most text (numbers, units, symbols) has none of these: one test instead of two replacements.
  if (!/[&<>"'\uFFFE\uFFFF]/.test(text)) return escapeForDisplay(text);
  return escapeForDisplay(text)
    .replace(/[\uFFFE\uFFFF]/g, "\uFFFD")
    .replace(/[&<>"']/g, (c) => XML_ENTITIES[c]!);
}

/** Pixel coordinate: two decimals at most, so output is short and stable. */
function px(n: number): string {
  return String(Math.round(n * 100) / 100);
}

/** A linear axis over [min, max] ∋ 0 with 1-2-5 ticks, computed exactly. */
interface Axis {
  min: Decimal;
  max: Decimal;
  step: Decimal;
  ticks: Decimal[];
}

function niceAxis(values: readonly Decimal[]): Axis {
  // Loops, not Decimal.min(...values): a chart may have thousands of bars.
  let lo = new Decimal(0);
  let hi = new Decimal(0);
  for (const v of values) {
    if (v.lt(lo)) lo = v;
    if (v.gt(hi)) hi = v;
  }
  const span = hi.minus(lo);
  if (span.isZero())
    return { min: new Decimal(0), max: new Decimal(1), step: new Decimal(1), ticks: [new Decimal(0), new Decimal(1)] };
  const raw = span.div(4);
  const magnitude = new Decimal(10).pow(raw.e);
  const mantissa = raw.div(magnitude);
  const step = magnitude.times(mantissa.lte(1) ? 1 : mantissa.lte(2) ? 2 : mantissa.lte(5) ? 5 : 10);
  const min = lo.div(step).floor().times(step);
  const max = hi.div(step).ceil().times(step);
  const ticks: Decimal[] = [];
  for (let t = min; t.lte(max); t = t.plus(step)) ticks.push(t);
  return { min, max, step, ticks };
}

const SUPERSCRIPT: Record<string, string> = {
  "-": "⁻",
  "0": "⁰",
  "1": "¹",
  "2": "²",
  "3": "³",
  "4": "⁴",
  "5": "⁵",
  "6": "⁶",
  "7": "⁷",
  "8": "⁸",
  "9": "⁹",
};

/**
 * Tick labels, exact. Beyond 7 digits either way they are written in units of 10^k (k from the
 * tick step), so a 31-digit axis reads "0 · 5 · 10" with "× 10²⁹" in the subtitle.
 */
function tickLabels(axis: Axis): { labels: string[]; scale?: string } {
  const k = axis.step.e;
  if (k < 7 && k > -5) return { labels: axis.ticks.map(toCanonicalString) };
  const unit = new Decimal(10).pow(k);
  return {
    labels: axis.ticks.map((t) => toCanonicalString(t.div(unit))),
    scale: `10${[...String(k)].map((c) => SUPERSCRIPT[c]).join("")}`,
  };
}

/** Position of `value` on the axis as a fraction in [0, 1] (a float: pixels only). */
function fraction(axis: Axis, value: Decimal): number {
  return value.minus(axis.min).div(axis.max.minus(axis.min)).toNumber();
}

/** Rough label width for layout (sans-serif digits at 11px). */
function textWidth(text: string, fontSize = 11): number {
  return text.length * fontSize * 0.64;
}

function svgOpen(width: number, height: number, label: string, title: string, description: string): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" aria-label="${escapeXml(label)}" font-family="system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif" font-size="11">` +
    `<title>${escapeXml(title)}</title><desc>${escapeXml(description)}</desc>`
  );
}

const COLORS = {
  axis: "#555",
  grid: "#e3e3e3",
  bar: "#2b6cb0",
  outside: "#a0aec0",
  boundary: "#c05621",
  text: "#222",
  muted: "#666",
  pe: "#c05621",
};

/** Day number (days since 1970-01-01) of a `YYYY-MM-DD` date. */
function dayNumber(date: string): number {
  const parsed = parseCalendarDate(date);
  if (!parsed) throw new TypeError(`not a calendar date: ${date}`);
  return utcMidnight(parsed) / MS_PER_DAY;
}

/**
 * Bars of daily totals over the monitoring period, with the period's first and last day marked by
 * vertical lines. Days outside the period (if given) are drawn in grey. One year (366 bars) fits.
 */
export function dailyBarChart(input: DailyBarChartInput): string {
  const width = 760;
  const height = 300;
  const startDay = dayNumber(input.periodStart);
  const endDay = dayNumber(input.periodEnd);
  const days = input.days.map((d) => ({
    date: d.date,
    day: dayNumber(d.date),
    value: new Decimal(d.value),
    text: d.value,
  }));
  let first = startDay;
  let last = endDay;
  for (const d of days) {
    if (d.day < first) first = d.day;
    if (d.day > last) last = d.day;
  }
  const count = last - first + 1;

  const axis = niceAxis(days.map((d) => d.value));
  const ticks = tickLabels(axis);
  const unitLabel = input.unit;
  const left = Math.max(48, ticks.labels.reduce((w, t) => Math.max(w, textWidth(t)), 0) + 14);
  const top = 50; // room for a value label above the tallest bar
  const right = 16;
  const bottom = 44;
  const plotW = width - left - right;
  const plotH = height - top - bottom;
  const slot = plotW / count;
  // Thin bars for long periods (no gap below 3 px a day); a single day stays a bar, not a block.
  const barW = Math.min(slot > 3 ? slot * 0.8 : slot, 48);
  const xOf = (day: number) => left + (day - first) * slot;
  const yOf = (value: Decimal) => top + plotH * (1 - fraction(axis, value));
  const zeroY = yOf(new Decimal(0));

  const total = toCanonicalString(
    sumExact(days.filter((d) => d.day >= startDay && d.day <= endDay).map((d) => d.value)),
  );
  const peak = days.reduce<(typeof days)[number] | undefined>(
    (best, d) => (best === undefined || d.value.gt(best.value) ? d : best),
    undefined,
  );
  const allZero = days.every((d) => d.value.isZero());
  const summary =
    `${input.title}: daily totals in ${unitLabel} from ${input.periodStart} to ${input.periodEnd} ` +
    `(${endDay - startDay + 1} day${endDay === startDay ? "" : "s"}), total ${total} ${unitLabel}` +
    (days.length === 0
      ? ", no data"
      : allZero
        ? ", every day zero"
        : peak
          ? `, highest ${peak.text} ${unitLabel} on ${peak.date}`
          : "");

  const out: string[] = [svgOpen(width, height, summary, input.title, summary)];
  out.push(
    `<text x="${left}" y="16" font-size="13" font-weight="600" fill="${COLORS.text}">${escapeXml(input.title)}</text>`,
  );
  const subtitle = ticks.scale ? `daily totals in ${unitLabel} (axis × ${ticks.scale})` : `daily totals, ${unitLabel}`;
  out.push(`<text x="${left}" y="31" fill="${COLORS.muted}">${escapeXml(subtitle)}</text>`);

  // Y grid and tick labels.
  for (let i = 0; i < axis.ticks.length; i++) {
    const y = px(yOf(axis.ticks[i]!));
    out.push(
      `<line x1="${px(left)}" x2="${px(left + plotW)}" y1="${y}" y2="${y}" stroke="${COLORS.grid}" stroke-width="1"/>`,
    );
    out.push(
      `<text x="${px(left - 6)}" y="${y}" dy="0.32em" text-anchor="end" fill="${COLORS.muted}">${escapeXml(ticks.labels[i]!)}</text>`,
    );
  }

  // Bars (zero days draw nothing: the axis line shows them).
  out.push(`<g shape-rendering="crispEdges">`);
  for (const d of days) {
    if (d.value.isZero()) continue;
    const y = yOf(d.value);
    const x = xOf(d.day) + (slot - barW) / 2;
    const inside = d.day >= startDay && d.day <= endDay;
    out.push(
      `<rect x="${px(x)}" y="${px(Math.min(y, zeroY))}" width="${px(barW)}" height="${px(Math.max(Math.abs(zeroY - y), 0.5))}" fill="${inside ? COLORS.bar : COLORS.outside}">` +
        `<title>${escapeXml(`${d.date}: ${d.text} ${unitLabel}${inside ? "" : " (outside the period)"}`)}</title></rect>`,
    );
  }
  out.push(`</g>`);
  // Exact values above the bars when every label fits its slot (short periods).
  if (days.every((d) => textWidth(d.text, 10) + 4 <= slot)) {
    for (const d of days) {
      if (d.value.isZero()) continue;
      const y = yOf(d.value);
      out.push(
        `<text x="${px(xOf(d.day) + slot / 2)}" y="${px(d.value.isNegative() ? y + 12 : y - 4)}" text-anchor="middle" font-size="10" fill="${COLORS.text}">${escapeXml(d.text)}</text>`,
      );
    }
  }
  out.push(
    `<line x1="${px(left)}" x2="${px(left + plotW)}" y1="${px(zeroY)}" y2="${px(zeroY)}" stroke="${COLORS.axis}" stroke-width="1"/>`,
  );
  if (days.length === 0 || allZero) {
    out.push(
      `<text x="${px(left + plotW / 2)}" y="${px(top + plotH / 2)}" text-anchor="middle" fill="${COLORS.muted}">${days.length === 0 ? "no data" : "every day is zero"}</text>`,
    );
  }

  // X labels: dates every `step` days, at least ~90 px apart, never crowding the last day.
  const step = Math.max(1, Math.ceil(count / Math.max(1, Math.floor(plotW / 90))));
  const labels: number[] = [];
  for (let day = first; day <= last; day += step) labels.push(day);
  if (labels[labels.length - 1] !== last && count > 1) {
    if ((last - labels[labels.length - 1]!) * slot < 90) labels.pop();
    labels.push(last);
  }
  for (const day of labels) {
    const x = xOf(day) + slot / 2;
    const anchor = count === 1 ? "middle" : day === first ? "start" : day === last ? "end" : "middle";
    const at = count === 1 ? x : day === first ? xOf(day) : day === last ? xOf(day) + slot : x;
    out.push(
      `<line x1="${px(x)}" x2="${px(x)}" y1="${px(top + plotH)}" y2="${px(top + plotH + 4)}" stroke="${COLORS.axis}"/>`,
    );
    out.push(
      `<text x="${px(at)}" y="${px(top + plotH + 16)}" text-anchor="${anchor}" fill="${COLORS.muted}">${formatCalendarDate(day * MS_PER_DAY)}</text>`,
    );
  }

  // Period boundaries: start of the first day, end of the last day.
  const boundary = (x: number, label: string, anchor: "start" | "end") =>
    `<g class="period-boundary"><line x1="${px(x)}" x2="${px(x)}" y1="${top - 4}" y2="${px(top + plotH + 22)}" stroke="${COLORS.boundary}" stroke-width="1.5" stroke-dasharray="4 3"/>` +
    `<text x="${px(anchor === "start" ? x + 4 : x - 4)}" y="${px(top + plotH + 34)}" text-anchor="${anchor}" fill="${COLORS.boundary}" font-weight="600">${escapeXml(label)}</text></g>`;
  out.push(boundary(xOf(startDay), `period start ${input.periodStart}`, "start"));
  out.push(boundary(xOf(endDay) + slot, `period end ${input.periodEnd}`, "end"));
  out.push(`</svg>`);
  return out.join("");
}

/** Horizontal bars of RE_p and PE_p with their exact values. */
export function comparisonBarChart(input: ComparisonBarChartInput): string {
  const width = 760;
  const rows = [
    {
      label: "RE_p reference emissions",
      text: input.referenceEmissions,
      value: new Decimal(input.referenceEmissions),
      color: COLORS.bar,
    },
    {
      label: "PE_p project emissions",
      text: input.projectEmissions,
      value: new Decimal(input.projectEmissions),
      color: COLORS.pe,
    },
  ];
  const axis = niceAxis(rows.map((r) => r.value));
  const left = 170;
  const valueTexts = rows.map((r) => `${r.text} ${input.unit}`);
  const right = Math.min(320, valueTexts.reduce((w, t) => Math.max(w, textWidth(t, 12)), 0) + 16);
  const top = 14;
  const rowH = 40;
  const barH = 24;
  const plotW = width - left - right;
  const height = top + rows.length * rowH + 10;
  const xOf = (v: Decimal) => left + plotW * fraction(axis, v);
  const zeroX = xOf(new Decimal(0));
  const summary = `RE_p ${input.referenceEmissions} ${input.unit} and PE_p ${input.projectEmissions} ${input.unit}`;

  const out: string[] = [
    svgOpen(
      width,
      height,
      `Reference versus project emissions: ${summary}`,
      "Reference versus project emissions",
      summary,
    ),
  ];
  rows.forEach((r, i) => {
    const y = top + i * rowH;
    const x = xOf(r.value);
    const barX = Math.min(x, zeroX);
    const barW = Math.abs(x - zeroX);
    out.push(
      `<text x="${left - 10}" y="${px(y + barH / 2)}" dy="0.32em" text-anchor="end" font-size="12" fill="${COLORS.text}">${escapeXml(r.label)}</text>`,
    );
    out.push(
      `<rect x="${px(barX)}" y="${y}" width="${px(Math.max(barW, r.value.isZero() ? 0 : 1))}" height="${barH}" fill="${r.color}" shape-rendering="crispEdges"/>`,
    );
    out.push(
      `<text x="${px(Math.max(x, zeroX) + 6)}" y="${px(y + barH / 2)}" dy="0.32em" font-size="12" font-weight="600" fill="${COLORS.text}">${escapeXml(valueTexts[i]!)}</text>`,
    );
  });
  out.push(
    `<line x1="${px(zeroX)}" x2="${px(zeroX)}" y1="${top - 6}" y2="${top + rows.length * rowH - 10}" stroke="${COLORS.axis}"/>`,
  );
  out.push(`</svg>`);
  return out.join("");
}
