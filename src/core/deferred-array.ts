/**
 * An array whose elements are made while it is written: `forEach` runs the producer (a second pass of
 * a pure calculation, a walk of the inputs) and hands over each element as it is made. A JSON result
 * of 100,000 boilers has 500,000 parameters and 400,000 trace steps; written this way neither list
 * exists whole (trust.md §3: memory follows the input, not the output). Internal to the CLI's JSON
 * path: the API's results are plain arrays.
 */
export interface DeferredArray<T> {
  readonly [DEFERRED_ARRAY]: true;
  /** Runs the producer; may be called more than once (each call makes the same elements). */
  forEach(emit: (element: T) => void): void;
}

const DEFERRED_ARRAY = Symbol("jcm-mrv.DeferredArray");

export function deferredArray<T>(forEach: (emit: (element: T) => void) => void): DeferredArray<T> {
  return { [DEFERRED_ARRAY]: true, forEach };
}

export function isDeferredArray(value: unknown): value is DeferredArray<unknown> {
  return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[DEFERRED_ARRAY] === true;
}

/** A plain array (the API's results) or a {@link DeferredArray} (the CLI's, made while written). */
export type ListOf<T> = readonly T[] | DeferredArray<T>;

/** Visits each element of a list, whichever kind it is. */
export function eachOf<T>(list: ListOf<T>, visit: (element: T) => void): void {
  if (isDeferredArray(list)) list.forEach(visit);
  else for (const element of list as readonly T[]) visit(element);
}

/** A list of each element mapped: an array for an array, a deferred array (mapped as it is made) otherwise. */
export function mapList<T, U>(list: ListOf<T>, map: (element: T) => U): ListOf<U> {
  if (isDeferredArray(list))
    return deferredArray((emit) =>
      list.forEach((element) => {
        emit(map(element));
      }),
    );
  return (list as readonly T[]).map((element) => map(element));
}
