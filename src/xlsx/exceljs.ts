import type * as ExcelJs from "exceljs";
import { MrvError } from "../core/errors.js";

/**
 * exceljs (^4) is an optional peer dependency: about 200 packages and 55 MB that users without
 * workbooks should not install. It is loaded on first use, so importing `jcm-mrv/xlsx` costs nothing
 * until a workbook is read or written, and a missing package is one clear error.
 */
export type ExcelJsLib = typeof ExcelJs;

let loading: Promise<ExcelJsLib> | undefined;

export const MISSING_EXCELJS =
  "workbooks need the exceljs package, an optional peer dependency of jcm-mrv: npm install exceljs@4";

export function loadExcelJs(): Promise<ExcelJsLib> {
  loading ??= import("exceljs").then(
    (mod) => ((mod as { default?: ExcelJsLib }).default ?? mod) as ExcelJsLib,
    (error: unknown) => {
      loading = undefined;
      const wrapped = new MrvError(MISSING_EXCELJS, "missing-dependency");
      (wrapped as { cause?: unknown }).cause = error;
      throw wrapped;
    },
  );
  return loading;
}

/**
 * A new workbook as jcm-mrv writes them: no clock anywhere, so the same content is the same bytes
 * (`clearZipTimes` does the zip's own dates).
 */
export async function newWorkbook(): Promise<ExcelJs.Workbook> {
  const lib = await loadExcelJs();
  const wb = new lib.Workbook();
  wb.creator = "jcm-mrv";
  wb.lastModifiedBy = "jcm-mrv";
  wb.created = new Date(Date.UTC(2000, 0, 1));
  wb.modified = new Date(Date.UTC(2000, 0, 1));
  return wb;
}
