import { listIds, quote } from "../core/display.js";
import type { Quantity } from "./parameters/index.js";
import type { ModuleIssue } from "./types.js";

/**
 * The per-equipment join of monitoring-document.md: the fixed entries define the set of ids; a
 * monitored entry whose id is outside it is an error naming the id; a parameter required per
 * equipment must have an entry for every id (an optional one may cover a subset). Matched by set
 * lookups, so 100,000 boilers take as long as 100,000 lookups, not 10^10 comparisons.
 */
export function joinIssues(join: {
  /** Ids the fixed entries define, in document order. */
  ids: readonly string[];
  /** Where they are defined, for messages: `fixed.boilers`. */
  definedIn: string;
  /** `equipment`, `product` or `fuel`. */
  idKey: string;
  /** The monitored parameter, e.g. `HG_PJ,i,p`, and its entries. */
  symbol: string;
  entries: readonly Quantity[] | undefined;
  requiredPerId: boolean;
}): ModuleIssue[] {
  const { ids, definedIn, idKey, symbol } = join;
  const entries = join.entries ?? [];
  const known = new Set(ids);
  const issues: ModuleIssue[] = [];
  // The same 20 ids for every unknown entry: listed once, not once per entry.
  let oneOf: string | undefined;
  entries.forEach((q, index) => {
    if (q.id !== undefined && !known.has(q.id)) {
      oneOf ??= `one of ${listIds(ids)}`;
      issues.push({
        path: ["monitored", symbol, index, idKey],
        symbol,
        code: "unknown-id",
        message: `${symbol} has an entry for ${idKey} ${quote(q.id)}, which ${definedIn} does not list`,
        expected: oneOf,
        found: quote(q.id),
      });
    }
  });
  if (join.requiredPerId) {
    const given = new Set(entries.map((q) => q.id));
    for (const id of ids) {
      if (!given.has(id)) {
        issues.push({
          path: ["monitored", symbol],
          symbol,
          code: "missing-entry",
          message: `${symbol} is required per ${idKey}: no entry for ${quote(id)} (listed in ${definedIn})`,
          expected: `an entry with "${idKey}": ${quote(id)}`,
          found: "nothing",
        });
      }
    }
  }
  return issues;
}
