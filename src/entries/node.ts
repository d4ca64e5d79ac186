/** `jcm-mrv/node`: Node-only helpers that read files (never imported by `.` or `./core`). */

export type { CsvFileContent, StreamedCsvFile } from "../methodology/csv-files.js";
export type { LoadedDocument, LoadOptions } from "../node/load.js";
export { isLoadedDocument, loadCsvFiles, loadMonitoringDocument, reduceCsvSeries } from "../node/load.js";
