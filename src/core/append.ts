/**
 * Appends `items` to `target` one by one. `target.push(...items)` passes every item as a call
 * argument and throws RangeError beyond ~100,000 of them: a document with that many problems or
 * warnings is within the format's limits and must still get its MrvValidationError.
 */
export function append<T>(target: T[], items: Iterable<T>): T[] {
  for (const item of items) target.push(item);
  return target;
}
