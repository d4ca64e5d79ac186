import { MAX_ISSUES } from "./errors.js";

/** An array that keeps its first `limit` items and only counts the rest in `dropped`. */
export type CappedList<T> = T[] & { readonly dropped: number };

/**
 * A problem list for code that collects one problem per reading or per row: past `limit` (1,000,
 * trust.md §3) a push only counts, so a million bad readings cost a counter, not a million objects.
 */
export function cappedList<T>(limit = MAX_ISSUES): CappedList<T> {
  const list = [] as T[];
  let dropped = 0;
  Object.defineProperty(list, "push", {
    value: (...items: T[]): number => {
      for (const item of items) {
        if (list.length < limit) Array.prototype.push.call(list, item);
        else dropped += 1;
      }
      return list.length;
    },
  });
  Object.defineProperty(list, "dropped", { get: () => dropped });
  return list as CappedList<T>;
}

/** How many items a list made by {@link cappedList} left out (0 for any other array). */
export function droppedFrom(list: readonly unknown[]): number {
  const dropped = (list as { dropped?: unknown }).dropped;
  return typeof dropped === "number" ? dropped : 0;
}
