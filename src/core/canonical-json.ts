/**
 * RFC 8785 JSON Canonicalization Scheme (JCS): one exact text per JSON value, so that hashes of
 * documents do not depend on key order, whitespace or number spelling.
 *
 * JCS defines strings and numbers by ECMAScript's own serialisation, so `JSON.stringify` of a single
 * string or finite number is exactly the canonical form; only the structure is written here.
 */

import { formatPath, type PathSegment } from "./path.js";

/**
 * Canonical JSON text of `value` (plain JSON data: null, booleans, finite numbers, strings, arrays and
 * plain objects).
 *
 * - Object members are sorted by the UTF-16 code units of their keys; members whose value is
 *   `undefined` are omitted, as `JSON.stringify` does.
 * - `toJSON` methods are not called: the input is data, not objects that choose their own serialisation.
 * - Throws `TypeError` for non-finite numbers, bigint, functions, symbols, `undefined` at the top level
 *   or as an array element (JSON.stringify would silently write `null`, changing the data),
 *   non-plain objects (Date, Map, class instances, boxed primitives) and cycles.
 */
export function canonicalJson(value: unknown): string {
  let out = "";
  writeCanonicalJson(value, {
    raw: (text) => {
      out += text;
    },
    string: (text) => {
      out += JSON.stringify(text);
    },
  });
  return out;
}

/**
 * Receives the canonical text in pieces: `raw` for punctuation, numbers and literals, `string` for
 * each JSON string value or key (unescaped; the sink writes it as JSON.stringify would). Lets the
 * digest hash a large document without building one huge string.
 */
export interface CanonicalSink {
  raw(text: string): void;
  string(text: string): void;
}

/** Writes the canonical text of `value` to `sink` (see {@link canonicalJson}). */
export function writeCanonicalJson(value: unknown, sink: CanonicalSink): void {
  write(value, [], [], sink, { own: [], sorted: [] });
}

/**
 * The last key list met at each depth and its sorted copy: the entries of an array (boilers,
 * readings, equipment) nearly always share their keys in the same order, so a key list equal to the
 * last one at its depth is not sorted again.
 */
interface SortedKeys {
  own: string[][];
  sorted: string[][];
}

function sortedKeys(record: object, depth: number, cache: SortedKeys): string[] {
  const own = Object.keys(record);
  const last = cache.own[depth];
  if (last !== undefined && last.length === own.length && last.every((key, i) => key === own[i]))
    return cache.sorted[depth]!;
  // Default sort compares UTF-16 code units, exactly the order RFC 8785 §3.2.3 asks for.
  const sorted = [...own].sort();
  cache.own[depth] = own;
  cache.sorted[depth] = sorted;
  return sorted;
}

/**
 * `ancestors` holds the containers being written (for cycle detection) and `path` the keys/indices
 * leading to `value`; the path is only formatted when an error is thrown.
 */
function write(value: unknown, ancestors: object[], path: PathSegment[], sink: CanonicalSink, cache: SortedKeys): void {
  switch (typeof value) {
    case "string":
      sink.string(value);
      return;
    case "number":
      if (!Number.isFinite(value))
        throw new TypeError(`canonicalJson: ${String(value)} is not a JSON number${at(path)}`);
      sink.raw(JSON.stringify(value)); // ES Number::toString; -0 becomes "0" as RFC 8785 requires
      return;
    case "boolean":
      sink.raw(value ? "true" : "false");
      return;
    case "object":
      break;
    default:
      // undefined, bigint, function, symbol
      throw new TypeError(`canonicalJson: a ${typeof value} is not JSON data${at(path)}`);
  }
  if (value === null) {
    sink.raw("null");
    return;
  }

  if (ancestors.includes(value)) throw new TypeError(`canonicalJson: cyclic structure${at(path)}`);
  ancestors.push(value);
  if (Array.isArray(value)) {
    sink.raw("[");
    for (let i = 0; i < value.length; i++) {
      if (i > 0) sink.raw(",");
      path.push(i);
      write(value[i], ancestors, path, sink, cache);
      path.pop();
    }
    sink.raw("]");
  } else {
    if (!isPlainObject(value)) {
      throw new TypeError(
        `canonicalJson: a ${value.constructor?.name ?? "non-plain"} object is not JSON data${at(path)}`,
      );
    }
    const record = value as Record<string, unknown>;
    if (!writeReading(record, sink)) {
      const keys = sortedKeys(value, ancestors.length, cache);
      sink.raw("{");
      let first = true;
      for (const key of keys) {
        // Object.keys only lists own keys, and an own "__proto__" (as JSON.parse creates) shadows the
        // accessor, so plain indexing reads the member's value.
        const member = record[key];
        if (member === undefined) continue;
        if (!first) sink.raw(",");
        first = false;
        sink.string(key);
        sink.raw(":");
        path.push(key);
        write(member, ancestors, path, sink, cache);
        path.pop();
      }
      sink.raw("}");
    }
  }
  ancestors.pop();
}

/**
 * Fast path for the millions of `{ at, value }` readings a series may hold: exactly two own keys,
 * a string `at` and a string or finite-number `value` — the same text the general path writes.
 */
function writeReading(record: Record<string, unknown>, sink: CanonicalSink): boolean {
  const at = record.at;
  const value = record.value;
  if (typeof at !== "string" || (typeof value !== "string" && (typeof value !== "number" || !Number.isFinite(value))))
    return false;
  let keys = 0;
  for (const key in record) {
    if (!Object.hasOwn(record, key)) continue;
    keys += 1;
    if (keys > 2 || (key !== "at" && key !== "value")) return false;
  }
  if (keys !== 2) return false;
  sink.raw('{"at":');
  sink.string(at);
  sink.raw(',"value":');
  if (typeof value === "string") sink.string(value);
  else sink.raw(JSON.stringify(value));
  sink.raw("}");
  return true;
}

/** Objects from object literals or JSON.parse (any realm) and `Object.create(null)`. */
function isPlainObject(value: object): boolean {
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === null || Object.getPrototypeOf(proto) === null;
}

function at(path: PathSegment[]): string {
  return path.length === 0 ? "" : ` at ${formatPath(path)}`;
}
