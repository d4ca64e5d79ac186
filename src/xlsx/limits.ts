/**
 * Workbook limits (trust.md §1), plus two of our own that keep the work bounded before a workbook
 * library sees the file: the number of zip entries and the length of one cell's text.
 */
export const WORKBOOK_LIMITS = Object.freeze({
  /** Bytes of the .xlsx file itself. */
  maxFileBytes: 64 * 1024 * 1024,
  /** Bytes of every zip entry inflated, together — checked on the declared sizes and while inflating. */
  maxInflatedBytes: 256 * 1024 * 1024,
  /** Worksheets. */
  maxSheets: 100,
  /** Cells that hold something (a value, a formula or an inline string). */
  maxCells: 1_000_000,
  /** Entries of the zip archive (an .xlsx holds a few dozen). */
  maxZipEntries: 10_000,
  /** Characters of one cell (Excel's own limit). */
  maxCellText: 32_767,
});

/** At most this many issues are listed; one more says how many were left out (trust.md §3). */
export const MAX_ISSUES = 1000;
