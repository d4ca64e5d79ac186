import { MAX_QUOTED, truncate } from "./display.js";

/** One step of a JSON path: an object key or an array index. */
export type PathSegment = string | number;

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/**
 * Formats a path the way the monitoring document's errors print it:
 * `monitored["EG_i,p"][2].value` — identifiers with a dot, other keys quoted, indices in brackets.
 * A key longer than 80 characters shows its first 80 and `…` (a path quotes input: trust.md §2).
 */
export function formatPath(path: readonly PathSegment[]): string {
  let out = "";
  for (const segment of path) {
    if (typeof segment === "number") out += `[${segment}]`;
    else if (segment.length > MAX_QUOTED) out += `[${JSON.stringify(truncate(segment, MAX_QUOTED + 1))}]`;
    else if (IDENTIFIER.test(segment)) out += out === "" ? segment : `.${segment}`;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out;
}
