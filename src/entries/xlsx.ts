/**
 * `jcm-mrv/xlsx`: JCM's Excel world in and out, without a float. A monitoring workbook template
 * generated from a module's parameter metadata, a reader that turns a filled workbook into a plain
 * monitoring document (every error naming its cell), and result workbooks whose numbers are text.
 *
 * Works in Node and in browsers (no Node built-in). Needs the optional peer dependency `exceljs`
 * (^4), loaded on first use; `jcm-mrv` and `jcm-mrv/core` never import this entry.
 */

export { MISSING_EXCELJS } from "../xlsx/exceljs.js";
export type { WorkbookCalculateOptions, WorkbookCalculation, WorkbookVerification } from "../xlsx/index.js";
export {
  calculateWorkbook,
  csvPathProblem,
  locateIssues,
  readWorkbook,
  recordWorkbook,
  verifyWorkbook,
  writeWorkbook,
} from "../xlsx/index.js";
export { WORKBOOK_LIMITS } from "../xlsx/limits.js";
export type { NotePart, NoteParts } from "../xlsx/note.js";
export { joinNote, NOTE_LABELS, splitNote } from "../xlsx/note.js";
export type { ReadWorkbookOptions, WorkbookRead, WorkbookSource, WorkbookWarning } from "../xlsx/read.js";
export { resultWorkbook } from "../xlsx/result.js";
export type { WorkbookModuleOptions } from "../xlsx/write.js";
export { workbookTemplate } from "../xlsx/write.js";
