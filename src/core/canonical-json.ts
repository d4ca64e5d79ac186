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
  return write(value, [], []);
}

/**
 * `ancestors` holds the containers being written (for cycle detection) and `path` the keys/indices
 * leading to `value`; the path is only formatted when an error is thrown.
 */
function write(value: unknown, ancestors: object[], path: PathSegment[]): string {
  switch (typeof value) {
    case "string":
      return JSON.stringify(value);
    case "number":
      if (!Number.isFinite(value)) throw new TypeError(`canonicalJson: ${String(value)} is not a JSON number${at(path)}`);
      return JSON.stringify(value); // ES Number::toString; -0 becomes "0" as RFC 8785 requires
    case "boolean":
      return value ? "true" : "false";
    case "object":
      break;
    default:
      // undefined, bigint, function, symbol
      throw new TypeError(`canonicalJson: a ${typeof value} is not JSON data${at(path)}`);
  }
  if (value === null) return "null";

  if (ancestors.includes(value)) throw new TypeError(`canonicalJson: cyclic structure${at(path)}`);
  ancestors.push(value);
  let out: string;
  if (Array.isArray(value)) {
    out = "[";
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out += ",";
      path.push(i);
      out += write(value[i], ancestors, path);
      path.pop();
    }
    out += "]";
  } else {
    if (!isPlainObject(value)) {
      throw new TypeError(`canonicalJson: a ${value.constructor?.name ?? "non-plain"} object is not JSON data${at(path)}`);
    }
    // Default sort compares UTF-16 code units, exactly the order RFC 8785 §3.2.3 asks for.
    const keys = Object.keys(value).sort();
    const record = value as Record<string, unknown>;
    out = "{";
    let first = true;
    for (const key of keys) {
      // Object.keys only lists own keys, and an own "__proto__" (as JSON.parse creates) shadows the
      // accessor, so plain indexing reads the member's value.
      const member = record[key];
      if (member === undefined) continue;
      if (!first) out += ",";
      first = false;
      path.push(key);
      out += JSON.stringify(key) + ":" + write(member, ancestors, path);
      path.pop();
    }
    out += "}";
  }
  ancestors.pop();
  return out;
}

/** Objects from object literals or JSON.parse (any realm) and `Object.create(null)`. */
function isPlainObject(value: object): boolean {
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === null || Object.getPrototypeOf(proto) === null;
}

function at(path: PathSegment[]): string {
  return path.length === 0 ? "" : ` at ${formatPath(path)}`;
}
