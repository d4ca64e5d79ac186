/**
 * RFC 8785 JSON Canonicalization Scheme (JCS): one exact text per JSON value, so that hashes of
 * documents do not depend on key order, whitespace or number spelling.
 *
 * JCS defines strings and numbers by ECMAScript's own serialisation, so `JSON.stringify` of a single
 * string or finite number is exactly the canonical form; only the structure is written here.
 */

import { type PathSegment, formatPath } from "./path.js";

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
  writeCanonicalJson(value, (chunk) => {
    out += chunk;
  });
  return out;
}

/**
 * Writes the canonical text of `value` to `sink` in pieces, so a large document can be hashed
 * without building one huge string (see `inputDigest`).
 */
export function writeCanonicalJson(value: unknown, sink: (chunk: string) => void): void {
  write(value, [], [], sink);
}

/**
 * `ancestors` holds the containers being written (for cycle detection) and `path` the keys/indices
 * leading to `value`; the path is only formatted when an error is thrown.
 */
function write(value: unknown, ancestors: object[], path: PathSegment[], sink: (chunk: string) => void): void {
  switch (typeof value) {
    case "string":
      sink(JSON.stringify(value));
      return;
    case "number":
      if (!Number.isFinite(value)) throw new TypeError(`canonicalJson: ${String(value)} is not a JSON number${at(path)}`);
      sink(JSON.stringify(value)); // ES Number::toString; -0 becomes "0" as RFC 8785 requires
      return;
    case "boolean":
      sink(value ? "true" : "false");
      return;
    case "object":
      break;
    default:
      // undefined, bigint, function, symbol
      throw new TypeError(`canonicalJson: a ${typeof value} is not JSON data${at(path)}`);
  }
  if (value === null) {
    sink("null");
    return;
  }

  if (ancestors.includes(value)) throw new TypeError(`canonicalJson: cyclic structure${at(path)}`);
  ancestors.push(value);
  if (Array.isArray(value)) {
    sink("[");
    for (let i = 0; i < value.length; i++) {
      if (i > 0) sink(",");
      path.push(i);
      write(value[i], ancestors, path, sink);
      path.pop();
    }
    sink("]");
  } else {
    if (!isPlainObject(value)) {
      throw new TypeError(`canonicalJson: a ${value.constructor?.name ?? "non-plain"} object is not JSON data${at(path)}`);
    }
    const record = value as Record<string, unknown>;
    const reading = readingText(record);
    if (reading !== undefined) sink(reading);
    else {
      // Default sort compares UTF-16 code units, exactly the order RFC 8785 §3.2.3 asks for.
      const keys = Object.keys(value).sort();
      sink("{");
      let first = true;
      for (const key of keys) {
        // Object.keys only lists own keys, and an own "__proto__" (as JSON.parse creates) shadows the
        // accessor, so plain indexing reads the member's value.
        const member = record[key];
        if (member === undefined) continue;
        sink(first ? `${JSON.stringify(key)}:` : `,${JSON.stringify(key)}:`);
        first = false;
        path.push(key);
        write(member, ancestors, path, sink);
        path.pop();
      }
      sink("}");
    }
  }
  ancestors.pop();
}

/**
 * Fast path for the millions of `{ at, value }` readings a series may hold: exactly two own keys,
 * a string `at` and a string or finite-number `value` — the same text the general path writes.
 */
function readingText(record: Record<string, unknown>): string | undefined {
  const at = record.at;
  const value = record.value;
  if (typeof at !== "string" || (typeof value !== "string" && (typeof value !== "number" || !Number.isFinite(value)))) return undefined;
  let keys = 0;
  for (const key in record) {
    if (!Object.hasOwn(record, key)) continue;
    keys += 1;
    if (keys > 2 || (key !== "at" && key !== "value")) return undefined;
  }
  return keys === 2 ? `{"at":${JSON.stringify(at)},"value":${JSON.stringify(value)}}` : undefined;
}

/** Objects from object literals or JSON.parse (any realm) and `Object.create(null)`. */
function isPlainObject(value: object): boolean {
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === null || Object.getPrototypeOf(proto) === null;
}

function at(path: PathSegment[]): string {
  return path.length === 0 ? "" : ` at ${formatPath(path)}`;
}
