import type { Quantity } from "./parameters/index.js";
import type { ModuleIssue } from "./types.js";

/**
 * The per-equipment join of monitoring-document.md: the fixed entries define the set of ids; a
 * monitored entry whose id is outside it is an error naming the id; a parameter required per
 * equipment must have an entry for every id (an optional one may cover a subset).
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
  const quoted = (id: string) => JSON.stringify(id);
  const issues: ModuleIssue[] = [];
  entries.forEach((q, index) => {
    if (q.id !== undefined && !ids.includes(q.id)) {
      issues.push({
        path: ["monitored", symbol, index, idKey],
        symbol,
        code: "unknown-id",
        message: `${symbol} has an entry for ${idKey} ${quoted(q.id)}, which ${definedIn} does not list`,
        expected: `one of ${ids.map(quoted).join(", ")}`,
        found: quoted(q.id),
      });
    }
  });
  if (join.requiredPerId) {
    for (const id of ids) {
      if (!entries.some((q) => q.id === id)) {
        issues.push({
          path: ["monitored", symbol],
          symbol,
          code: "missing-entry",
          message: `${symbol} is required per ${idKey}: no entry for ${quoted(id)} (listed in ${definedIn})`,
          expected: `an entry with "${idKey}": ${quoted(id)}`,
          found: "nothing",
        });
      }
    }
  }
  return issues;
}
