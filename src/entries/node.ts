/** `jcm-mrv/node`: Node-only helpers that read files (never imported by `.` or `./core`). */

export type { LoadOptions } from "../node/load.js";
export { loadMonitoringDocument, reduceCsvSeries, runtimeTzdata } from "../node/load.js";
