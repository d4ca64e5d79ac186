/**
 * `jcm-mrv/node`: Node-only helpers that read files (never imported by `.` or `./core`).
 *
 * @packageDocumentation
 * @module jcm-mrv/node
 */

export type { LoadOptions } from "../node/load.js";
export { loadMonitoringDocument, reduceCsvSeries, runtimeTzdata } from "../node/load.js";
