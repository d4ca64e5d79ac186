import type { CalculationResult } from "../calculate.js";
import type { Verification } from "../verify.js";
import { newWorkbook } from "./exceljs.js";
import { encodeCellText } from "./write.js";
import { clearZipTimes } from "./zip.js";

/**
 * A calculation or verification as a workbook: the figures, the parameters used (value, unit,
 * source, status), the numbered trace, eligibility, warnings and — for verify — the comparison.
 * Every cell is text: numbers are the result's canonical decimal strings, never Excel numbers.
 */

type Row = readonly (string | number | undefined)[];

interface SheetSpec {
  name: string;
  title: string;
  columns: readonly { label: string; width: number }[];
  rows: readonly Row[];
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Output text: lone surrogates (which no workbook holds) shown as escapes; the rest exact. */
function cellText(value: string | number | undefined): string | undefined {
  if (value === undefined) return undefined;
  const text = String(value).replace(LONE_SURROGATE, (c) => `\\u${c.charCodeAt(0).toString(16)}`);
  return text.length > 32_767 ? `${text.slice(0, 32_766)}…` : text;
}

function isVerification(value: CalculationResult | Verification): value is Verification {
  return Array.isArray((value as Verification).checks) && typeof (value as Verification).result === "object";
}

function summaryRows(
  result: CalculationResult & { source?: { file: string; sha256: string } },
  v?: Verification,
): Row[] {
  const rows: Row[] = [];
  const m = result.methodology;
  rows.push([
    "methodology",
    `${m.id} ver ${m.version}`,
    "",
    m.status === "draft" ? "DRAFT methodology, not approved" : "approved",
  ]);
  rows.push(["methodology title", m.title]);
  for (const [key, value] of Object.entries(result.project ?? {})) rows.push([`project.${key}`, value]);
  for (const [key, value] of Object.entries(result.period)) rows.push([`period.${key}`, String(value)]);
  if (result.source) {
    rows.push(["workbook", result.source.file]);
    rows.push(["workbook sha256", result.source.sha256]);
  }
  if (v)
    rows.push([
      "verification",
      v.ok ? "all reported figures match" : "MISMATCH",
      "",
      `${v.checks.filter((c) => c.status === "mismatch").length} of ${v.checks.length} do not match`,
    ]);
  rows.push(["RE_p", result.referenceEmissions, result.unit, "reference emissions, unrounded"]);
  rows.push(["PE_p", result.projectEmissions, result.unit, "project emissions, unrounded"]);
  rows.push(["ER_p (unrounded)", result.emissionReductionsUnrounded, result.unit, "RE_p − PE_p, exact"]);
  rows.push([
    "ER_p",
    result.emissionReductions,
    result.unit,
    `${result.rounding.policy} applied to ${result.rounding.appliedTo}`,
  ]);
  for (const [symbol, figure] of Object.entries(result.figures))
    rows.push([symbol, figure.value, figure.unit, "figure"]);
  rows.push(["input digest", result.inputDigest, "", "SHA-256 of the document in RFC 8785 form, without reported"]);
  rows.push(["engine", `${result.engine.name} ${result.engine.version}`]);
  return rows;
}

function sheetsOf(value: CalculationResult | Verification): SheetSpec[] {
  const v = isVerification(value) ? value : undefined;
  const result = (v ? v.result : value) as CalculationResult & { source?: { file: string; sha256: string } };
  const sheets: SheetSpec[] = [
    {
      name: "Result",
      title: `${v ? "Verification" : "Calculation"} — ${result.methodology.id} ver ${result.methodology.version}${result.project?.reference ? ` — ${result.project.reference}` : ""}`,
      columns: [
        { label: "Item", width: 24 },
        { label: "Value", width: 44 },
        { label: "Unit", width: 10 },
        { label: "Note", width: 60 },
      ],
      rows: summaryRows(result, v),
    },
  ];
  if (v)
    sheets.push({
      name: "Verification",
      title:
        "Reported figures against the recomputed ones (rounded half away from zero to the places reported; ER_p exactly)",
      columns: [
        { label: "Symbol", width: 14 },
        { label: "Reported", width: 20 },
        { label: "Recomputed", width: 40 },
        { label: "Status", width: 10 },
        { label: "Difference (reported − recomputed)", width: 40 },
      ],
      rows: v.checks.map((c) => [c.symbol, c.reported, c.recomputed, c.status, c.difference]),
    });
  sheets.push(
    {
      name: "Parameters",
      title: "Parameters used",
      columns: [
        { label: "Symbol", width: 16 },
        { label: "Path", width: 30 },
        { label: "Value", width: 20 },
        { label: "Unit", width: 10 },
        { label: "Given value", width: 20 },
        { label: "Given unit", width: 10 },
        { label: "Kind", width: 10 },
        { label: "Monitoring option", width: 10 },
        { label: "Source", width: 50 },
        { label: "Status", width: 12 },
      ],
      rows: result.parameters.map((p) => [
        p.symbol,
        p.path,
        p.value,
        p.unit,
        p.given?.value,
        p.given?.unit,
        p.kind,
        p.option,
        p.source,
        p.status,
      ]),
    },
    {
      name: "Trace",
      title: "Calculation trace, step by step",
      columns: [
        { label: "Step", width: 6 },
        { label: "Symbol", width: 14 },
        { label: "Equation", width: 14 },
        { label: "Expression", width: 40 },
        { label: "Inputs", width: 50 },
        { label: "Value", width: 40 },
        { label: "Unit", width: 10 },
        { label: "Exact (n/d)", width: 30 },
      ],
      rows: result.trace.map((t) => [
        String(t.step),
        t.symbol,
        t.equation,
        t.expression,
        Object.entries(t.inputs)
          .map(([k, x]) => `${k} = ${x}`)
          .join("; "),
        t.value,
        t.unit,
        (t as { exact?: string }).exact,
      ]),
    },
    {
      name: "Eligibility",
      title: "Eligibility criteria",
      columns: [
        { label: "Criterion", width: 10 },
        { label: "Text", width: 70 },
        { label: "Result", width: 14 },
        { label: "Reason", width: 60 },
      ],
      rows: result.eligibility.map((c) => [c.id, c.text, c.result, c.reason]),
    },
    {
      name: "Warnings",
      title: "Warnings",
      columns: [
        { label: "Code", width: 22 },
        { label: "Message", width: 90 },
        { label: "Symbol", width: 14 },
        { label: "Where", width: 30 },
      ],
      rows: result.warnings.map((w) => [w.code, w.message, w.symbol, w.path]),
    },
  );
  return sheets;
}

/**
 * A result (`calculate`) or verification (`verify`) as an .xlsx workbook, every number a text
 * cell holding its canonical decimal string. The same result gives the same bytes.
 */
export async function resultWorkbook(value: CalculationResult | Verification): Promise<Uint8Array> {
  const wb = await newWorkbook();
  for (const spec of sheetsOf(value)) {
    const sheet = wb.addWorksheet(spec.name);
    const title = sheet.getCell(1, 1);
    title.value = encodeCellText(cellText(spec.title)!, spec.name);
    title.font = { bold: true, size: 13 };
    spec.columns.forEach((c, i) => {
      const cell = sheet.getCell(3, i + 1);
      cell.value = c.label;
      cell.font = { bold: true };
      cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFD9E1F2" } };
      sheet.getColumn(i + 1).width = c.width;
    });
    sheet.views = [{ state: "frozen", ySplit: 3 }];
    spec.rows.forEach((row, r) => {
      row.forEach((v, c) => {
        const text = cellText(v);
        const cell = sheet.getCell(r + 4, c + 1);
        cell.numFmt = "@";
        if (text !== undefined && text !== "") cell.value = encodeCellText(text, `${spec.name}!row ${r + 4}`);
        cell.alignment = { vertical: "top", wrapText: c > 0 && (spec.columns[c]?.width ?? 0) >= 40 };
      });
    });
  }
  return clearZipTimes(new Uint8Array(await wb.xlsx.writeBuffer()));
}
