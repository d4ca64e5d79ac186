/**
 * `jcm-mrv/node`: Node-only helpers that read files (never imported by `.` or `./core`).
 *
 * @packageDocumentation
 * @module jcm-mrv/node
 */

export type { CsvFileContent, StreamedCsvFile } from "../methodology/csv-files.js";
export type { LoadedDocument, LoadOptions } from "../node/load.js";
export {
  isLoadedDocument,
  loadCsvFiles,
  loadMonitoringDocument,
  nodeSha256,
  runtimeTzdata,
} from "../node/load.js";
