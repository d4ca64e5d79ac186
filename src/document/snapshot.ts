import { quote } from "../core/display.js";
import { type Issue, MAX_ISSUES, tooManyIssues } from "../core/errors.js";
import { formatPath, type PathSegment } from "../core/path.js";

/**
 * The one walk over an untrusted document before anything else reads it (trust.md §3–§5).
 *
 * Given a caller's object it takes a **snapshot**: a fresh tree of plain objects, arrays, strings,
 * finite numbers, booleans and null, read through property descriptors so that every value is read
 * exactly once — a getter is never called, and a Proxy cannot answer one thing to the check and
 * another to the calculation, since nothing reads the caller's object again. Given the output of
 * `JSON.parse` (plain by construction) it checks the same rules without copying.
 *
 * Rules, each an issue naming the path: depth ≤ 64 (recursion stops there, so the stack depth never
 * follows the input), no key `__proto__`, `constructor` or `prototype` (`forbidden-key`), no lone
 * surrogate in any key or string (`lone-surrogate`), at most 100,000 entries in an array other than
 * `readings` (`too-many-entries`), at most 2,000,000 inline readings in all (`too-many-readings`),
 * and, for objects, nothing JSON cannot carry (`not-json`): accessors, symbol keys, functions,
 * BigInt, non-finite numbers, class instances, sparse arrays, cycles. An object graph that shares
 * sub-objects is copied once per shared object, and measured as the JSON text it stands for, so a
 * graph that doubles at every level cannot expand beyond the 256 MB a document text may have.
 */

export interface SnapshotLimits {
  maxDepth: number;
  maxEntries: number;
  maxInlineReadings: number;
  /** Largest JSON text, in characters, that an object document may stand for. */
  maxTextLength: number;
}

export type Snapshot = { ok: true; value: unknown } | { ok: false; issues: Issue[] };

const FORBIDDEN_KEYS = new Set(["__proto__", "constructor", "prototype"]);

/** A string without lone surrogates (RFC 8785 cannot serialise one; trust.md §4). */
const isWellFormed: (text: string) => boolean =
  typeof (String.prototype as { isWellFormed?: unknown }).isWellFormed === "function"
    ? (text) => (text as string & { isWellFormed(): boolean }).isWellFormed()
    : (text) => !/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(text);

/** Thrown out of the walk once the document is known to be too large (nothing more to learn). */
class TooLarge {}

/**
 * Walks `root`: copies it when `copy` (a caller's object), checks it in place otherwise (the
 * output of `JSON.parse`). Never throws, whatever `root` is or does.
 */
export function snapshotDocument(root: unknown, copy: boolean, limits: SnapshotLimits): Snapshot {
  const issues: Issue[] = [];
  let more = 0;
  const path: PathSegment[] = [];
  const add = (code: string, message: string, extra: Partial<Issue> = {}): void => {
    if (issues.length < MAX_ISSUES) issues.push({ path: formatPath(path), code, message, ...extra });
    else more += 1;
  };
  const notJson = (message: string, found: string) =>
    add("not-json", message, {
      expected: "JSON data: objects, arrays, strings, finite numbers, booleans, null",
      found,
    });

  let readings = 0;
  let textLength = 0;
  let tooDeep = false;
  /** The objects from the root to here: a cycle is one of them met again (depth ≤ 64, so a short scan). */
  const ancestors: object[] = [];
  /**
   * Copies of finished objects that hold objects, and the JSON length each stands for: a shared one
   * is copied once. Objects holding only primitives (readings) are not kept: copying one again costs
   * one reference to it, so the work stays linear without a map entry per reading.
   */
  const done = new Map<object, { copy: unknown; length: number }>();
  /** Set when a visited value is an object or array (so its parent is kept in `done`). */
  let sawObject = false;

  const grow = (n: number): void => {
    textLength += n;
    if (copy && textLength > limits.maxTextLength) throw new TooLarge();
  };

  const checkString = (text: string, what: string): void => {
    if (!isWellFormed(text))
      add("lone-surrogate", `${what} contains a lone surrogate, which no UTF-8 text can carry`, {
        expected: "well-formed Unicode text",
        found: quote(text),
      });
  };

  /** The copy of `value` (or `value` itself when checking in place); `undefined` after an issue. */
  const visit = (value: unknown, depth: number): unknown => {
    switch (typeof value) {
      case "string":
        checkString(value, "text");
        grow(value.length + 2);
        return value;
      case "number":
        if (!Number.isFinite(value)) notJson("a number JSON cannot carry", String(value));
        grow(1);
        return value;
      case "boolean":
        grow(4);
        return value;
      case "object":
        if (value === null) {
          grow(4);
          return value;
        }
        break;
      default:
        notJson(`a value of type ${typeof value} is not JSON data`, typeof value);
        return undefined;
    }
    sawObject = true;
    if (tooDeep) return undefined;
    if (depth + 1 > limits.maxDepth) {
      add("too-deep", `nesting deeper than ${limits.maxDepth} levels`, { expected: `depth ≤ ${limits.maxDepth}` });
      tooDeep = true;
      return undefined;
    }
    const object = value as object;
    if (!copy) return Array.isArray(object) ? visitArray(object, depth) : visitObject(object, depth);
    const shared = done.get(object);
    if (shared) {
      grow(shared.length);
      return shared.copy;
    }
    if (ancestors.includes(object)) {
      notJson("a cycle: this object contains itself", "a reference to an enclosing object");
      return undefined;
    }
    const start = textLength;
    const pathLength = path.length;
    let result: unknown;
    sawObject = false;
    ancestors.push(object);
    try {
      result = Array.isArray(object) ? visitArray(object, depth) : visitObject(object, depth);
    } catch (error) {
      if (error instanceof TooLarge) throw error;
      // A Proxy trap or an exotic object threw: the caller's code, reported as data.
      notJson("reading this value threw an exception", quote(messageOf(error)));
      result = undefined;
    } finally {
      ancestors.pop();
      path.length = pathLength;
    }
    if (sawObject) done.set(object, { copy: result, length: textLength - start });
    sawObject = true;
    return result;
  };

  const visitArray = (array: unknown[], depth: number): unknown[] | undefined => {
    const key = path[path.length - 1];
    let length: number;
    if (copy) {
      if (!isArrayPrototype(Object.getPrototypeOf(array))) {
        notJson("an array of another kind than a plain array", Object.prototype.toString.call(array));
        return undefined;
      }
      const descriptor = Reflect.getOwnPropertyDescriptor(array, "length");
      length = typeof descriptor?.value === "number" ? descriptor.value : 0;
      if (Object.getOwnPropertySymbols(array).length > 0) {
        notJson("an array with symbol-keyed members", "symbol keys");
        return undefined;
      }
    } else length = array.length;
    // The limits come before the entries are walked: a sparse array (or a Proxy) may claim a
    // length of four billion.
    if (key === "readings") {
      readings += length;
      if (readings > limits.maxInlineReadings) return undefined; // reported once, after the walk
    } else if (length > limits.maxEntries) {
      add("too-many-entries", `more than ${limits.maxEntries} entries in one array`, {
        ...(typeof key === "string" && { symbol: key }),
        expected: `at most ${limits.maxEntries} entries`,
        found: String(length),
      });
      return undefined;
    }
    const out: unknown[] = copy ? new Array(length) : array;
    let ok = true;
    grow(2 + length);
    for (let i = 0; i < length; i++) {
      path.push(i);
      let item: unknown;
      if (copy) {
        const descriptor = Reflect.getOwnPropertyDescriptor(array, i);
        if (descriptor === undefined || !("value" in descriptor)) {
          if (descriptor === undefined) notJson("a sparse array: this entry is a hole", "nothing");
          else notJson("an accessor (getter or setter), not a value", "an accessor property");
          ok = false;
          path.pop();
          continue;
        }
        item = descriptor.value;
        if (item === undefined) {
          notJson("undefined is not JSON data", "undefined");
          ok = false;
          path.pop();
          continue;
        }
      } else item = array[i];
      const result = visit(item, depth + 1);
      if (copy) {
        if (result === undefined) ok = false;
        else out[i] = result;
      }
      path.pop();
    }
    return ok ? out : undefined;
  };

  const visitObject = (object: object, depth: number): Record<string, unknown> | undefined => {
    const out: Record<string, unknown> = {};
    let ok = true;
    if (copy) {
      if (!isObjectPrototype(Object.getPrototypeOf(object))) {
        notJson(
          "not a plain object (a class instance, Date, Map, boxed value, …)",
          Object.prototype.toString.call(object),
        );
        return undefined;
      }
      for (const key of Object.getOwnPropertySymbols(object)) {
        notJson("a symbol key: JSON keys are strings", key.toString());
        ok = false;
      }
    }
    const keys = copy ? Object.getOwnPropertyNames(object) : Object.keys(object);
    grow(2);
    for (let k = 0; k < keys.length; k++) {
      const key = keys[k]!;
      // Read before the key joins the path: a trap that throws here is the object's fault.
      const descriptor = copy ? Reflect.getOwnPropertyDescriptor(object, key) : undefined;
      path.push(key);
      let item: unknown;
      if (copy) {
        if (descriptor === undefined || !descriptor.enumerable) {
          path.pop(); // not enumerable: not part of the data, as for JSON.stringify
          continue;
        }
        if (!("value" in descriptor)) {
          notJson("an accessor (getter or setter), not a value", "an accessor property");
          ok = false;
          path.pop();
          continue;
        }
        item = descriptor.value;
      } else item = (object as Record<string, unknown>)[key];
      if (FORBIDDEN_KEYS.has(key)) {
        add("forbidden-key", `the key "${key}" is not allowed anywhere in a document`, {
          expected: "any key but __proto__, constructor and prototype",
          found: JSON.stringify(key),
        });
        ok = false;
        path.pop();
        continue;
      }
      checkString(key, "the key");
      grow(key.length + 4);
      if (item !== undefined) {
        // An undefined member is absent, as in JSON.stringify (an optional property left unset).
        const result = visit(item, depth + 1);
        if (result === undefined) ok = false;
        else if (copy) out[key] = result;
      }
      path.pop();
    }
    return ok ? (copy ? out : (object as Record<string, unknown>)) : undefined;
  };

  let value: unknown;
  try {
    value = visit(root, 0);
  } catch (error) {
    if (!(error instanceof TooLarge)) throw error;
    return {
      ok: false,
      issues: [
        {
          path: "",
          code: "too-large",
          message: `the document stands for a JSON text of more than ${limits.maxTextLength} characters (shared objects count each time they appear)`,
          expected: `at most ${limits.maxTextLength} characters`,
        },
      ],
    };
  }
  if (readings > limits.maxInlineReadings) {
    path.length = 0;
    path.push("monitored");
    add(
      "too-many-readings",
      `more than ${limits.maxInlineReadings} inline readings; put large series in CSV files (jcm-mrv/node)`,
      { expected: `≤ ${limits.maxInlineReadings} readings`, found: String(readings) },
    );
  }
  if (issues.length > 0 || more > 0) {
    if (more > 0) issues.push(tooManyIssues(more));
    return { ok: false, issues };
  }
  return { ok: true, value };
}

/**
 * `Object.prototype` of this realm or of another one (a `node:vm` context, an iframe): the
 * prototype of a plain object. Read through descriptors; a class's prototype has a prototype itself.
 */
function isObjectPrototype(proto: unknown): boolean {
  if (proto === Object.prototype || proto === null) return true;
  if (typeof proto !== "object" || Object.getPrototypeOf(proto) !== null) return false;
  const ctor = Reflect.getOwnPropertyDescriptor(proto, "constructor")?.value;
  return typeof ctor === "function" && Reflect.getOwnPropertyDescriptor(ctor, "name")?.value === "Object";
}

/** `Array.prototype` of this realm or of another one (itself an array, whose prototype is `Object.prototype`). */
function isArrayPrototype(proto: unknown): boolean {
  if (proto === Array.prototype) return true;
  return (
    Array.isArray(proto) && isObjectPrototype(Object.getPrototypeOf(proto)) && Object.getPrototypeOf(proto) !== null
  );
}

function messageOf(error: unknown): string {
  try {
    return error instanceof Error ? String(error.message) : String(error);
  } catch {
    return "an exception";
  }
}
