/**
 * Parameter declarations for methodology modules, one idea per file: what a read value is
 * (quantity), its metadata (metadata), reading leaves (leaf), quantity values (read-quantity), series
 * (read-series), and the schema factories modules call (declare).
 */
export * from "./declare.js";
export { describeRange, isPlainObject, type LeafIssue, QUANTITY_KEYS, SERIES_KEYS } from "./leaf.js";
export * from "./metadata.js";
export * from "./quantity.js";
