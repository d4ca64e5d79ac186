import { MAX_ISSUES } from "./errors.js";

/** An array that keeps its first `limit` items and only counts the rest in `dropped`. */
export type CappedList<T> = T[] & { readonly dropped: number };

/**
 * An array whose `push` keeps the first `limit` items and counts the rest. A class, not an array with
 * its own `push` defined on it: a reader of a one-row CSV file makes two of these, and defining
 * properties on each array (two closures, a dictionary-mode array) was a third of its cost.
 */
class Capped<T> extends Array<T> {
  // Arrays derived by map/filter/slice are plain arrays, not capped ones.
  static override get [Symbol.species]() {
    return Array;
  }
  #limit = MAX_ISSUES;
  #dropped = 0;

  static make<T>(limit: number): Capped<T> {
    const list = new Capped<T>();
    list.#limit = limit;
    return list;
  }

  override push(...items: T[]): number {
    for (const item of items) {
      if (this.length < this.#limit) super.push(item);
      else this.#dropped += 1;
    }
    return this.length;
  }

  get dropped(): number {
    return this.#dropped;
  }
}

/**
 * A problem list for code that collects one problem per reading or per row: past `limit` (1,000,
 * trust.md §3) a push only counts, so a million bad readings cost a counter, not a million objects.
 */
export function cappedList<T>(limit = MAX_ISSUES): CappedList<T> {
  return Capped.make<T>(limit);
}

/** How many items a list made by {@link cappedList} left out (0 for any other array). */
export function droppedFrom(list: readonly unknown[]): number {
  return list instanceof Capped ? list.dropped : 0;
}
