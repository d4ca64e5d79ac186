/** `jcm-mrv/node`: Node-only helpers that read files (never imported by `.` or `./core`). */
export { loadMonitoringDocument, reduceCsvSeries } from "./load.js";
export type { LoadOptions } from "./load.js";
