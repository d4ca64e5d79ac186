import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalJson } from "../../src/core/canonical-json.js";

/** The double whose IEEE 754 bits are `hex` (RFC 8785 Appendix B lists numbers this way). */
function fromBits(hex: string): number {
  const view = new DataView(new ArrayBuffer(8));
  view.setBigUint64(0, BigInt(`0x${hex}`));
  return view.getFloat64(0);
}

/** Rebuilds every object of a JSON value with its keys in a permuted order. */
function shuffleKeys(value: unknown, seed: number[]): unknown {
  if (Array.isArray(value)) return value.map((item) => shuffleKeys(item, seed));
  if (value === null || typeof value !== "object") return value;
  const entries = Object.entries(value);
  // Deterministic Fisher–Yates driven by the generated seed.
  for (let i = entries.length - 1; i > 0; i--) {
    const j = (seed[i % Math.max(seed.length, 1)] ?? 0) % (i + 1);
    [entries[i], entries[j]] = [entries[j]!, entries[i]!];
  }
  const out: Record<string, unknown> = {};
  for (const [key, item] of entries) {
    // defineProperty so a "__proto__" key stays an own data property, as JSON.parse makes it.
    Object.defineProperty(out, key, {
      value: shuffleKeys(item, seed),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}

/** JSON has no -0: both JSON.stringify and RFC 8785 write it as 0. */
function withoutMinusZero(value: unknown): unknown {
  if (Object.is(value, -0)) return 0;
  if (Array.isArray(value)) return value.map(withoutMinusZero);
  if (value === null || typeof value !== "object") return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    Object.defineProperty(out, key, {
      value: withoutMinusZero(item),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}

describe("canonicalJson — RFC 8785 examples", () => {
  it("§3.2.2 sample: numbers, strings and literals", () => {
    const input = JSON.parse(`{
      "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
      "string": "\\u20ac$\\u000F\\u000aA'\\u0042\\u0022\\u005c\\\\\\"\\/",
      "literals": [null, true, false]
    }`);
    expect(canonicalJson(input)).toBe(
      `{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\\u000f\\nA'B\\"\\\\\\\\\\"/"}`,
    );
  });

  it("§3.2.3 sorting by UTF-16 code units", () => {
    const input = JSON.parse(`{
      "\\u20ac": "Euro Sign",
      "\\r": "Carriage Return",
      "\\ufb33": "Hebrew Letter Dalet With Dagesh",
      "1": "One",
      "\\ud83d\\ude00": "Emoji: Grinning Face",
      "\\u0080": "Control",
      "\\u00f6": "Latin Small Letter O With Diaeresis"
    }`);
    expect(canonicalJson(input)).toBe(
      '{"\\r":"Carriage Return","1":"One","\u0080":"Control","ö":"Latin Small Letter O With Diaeresis",' +
        '"€":"Euro Sign","😀":"Emoji: Grinning Face","\ufb33":"Hebrew Letter Dalet With Dagesh"}',
    );
  });

  it("Appendix B number serialisation", () => {
    const samples: [string, string][] = [
      ["0000000000000000", "0"],
      ["8000000000000000", "0"], // minus zero
      ["0000000000000001", "5e-324"],
      ["8000000000000001", "-5e-324"],
      ["7fefffffffffffff", "1.7976931348623157e+308"],
      ["ffefffffffffffff", "-1.7976931348623157e+308"],
      ["4340000000000000", "9007199254740992"],
      ["c340000000000000", "-9007199254740992"],
      ["4430000000000000", "295147905179352830000"],
      ["44b52d02c7e14af5", "9.999999999999997e+22"],
      ["44b52d02c7e14af6", "1e+23"],
      ["44b52d02c7e14af7", "1.0000000000000001e+23"],
      ["444b1ae4d6e2ef4e", "999999999999999700000"],
      ["444b1ae4d6e2ef4f", "999999999999999900000"],
      ["444b1ae4d6e2ef50", "1e+21"],
      ["3eb0c6f7a0b5ed8c", "9.999999999999997e-7"],
      ["3eb0c6f7a0b5ed8d", "0.000001"],
      ["41b3de4355555553", "333333333.3333332"],
      ["41b3de4355555554", "333333333.33333325"],
      ["41b3de4355555555", "333333333.3333333"],
      ["41b3de4355555556", "333333333.3333334"],
      ["41b3de4355555557", "333333333.33333343"],
      ["becbf647612f3696", "-0.0000033333333333333333"],
      ["43143ff3c1cb0959", "1424953923781206.2"],
    ];
    for (const [bits, text] of samples) expect(canonicalJson(fromBits(bits)), bits).toBe(text);
    expect(() => canonicalJson(fromBits("7fffffffffffffff"))).toThrow(TypeError); // NaN
    expect(() => canonicalJson(fromBits("7ff0000000000000"))).toThrow(TypeError); // Infinity
  });
});

describe("canonicalJson — behaviour", () => {
  it("writes nested structures without whitespace, arrays in order", () => {
    expect(canonicalJson({ b: [3, 1, { z: null, a: "x" }], a: { d: true, c: false } })).toBe(
      '{"a":{"c":false,"d":true},"b":[3,1,{"a":"x","z":null}]}',
    );
    expect(canonicalJson([])).toBe("[]");
    expect(canonicalJson({})).toBe("{}");
    expect(canonicalJson("a\u2028\ud800")).toBe(JSON.stringify("a\u2028\ud800"));
  });

  it("omits undefined members like JSON.stringify", () => {
    expect(canonicalJson({ a: undefined, b: 1 })).toBe('{"b":1}');
    expect(canonicalJson({ a: undefined })).toBe("{}");
  });

  it("is not fooled by an own __proto__ member", () => {
    const parsed: unknown = JSON.parse('{"z":1,"__proto__":{"x":[2]},"a":0}');
    expect(canonicalJson(parsed)).toBe('{"__proto__":{"x":[2]},"a":0,"z":1}');
    expect(canonicalJson(Object.create(null))).toBe("{}");
  });

  it("does not call toJSON", () => {
    expect(canonicalJson({ toJSON: undefined, a: { b: 1 } })).toBe('{"a":{"b":1}}');
    expect(() => canonicalJson({ toJSON: () => "x" })).toThrow(TypeError);
  });

  it("throws TypeError for values that are not JSON data", () => {
    const bad: unknown[] = [
      undefined,
      Number.NaN,
      Number.POSITIVE_INFINITY,
      Number.NEGATIVE_INFINITY,
      10n,
      () => 1,
      Symbol("s"),
      [1, undefined],
      { a: { b: [Number.NaN] } },
      { f() {} },
      new Date(0),
      new Map(),
      new (class Point {})(),
    ];
    for (const value of bad) expect(() => canonicalJson(value)).toThrow(TypeError);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => canonicalJson(cyclic)).toThrow(TypeError);
    // Shared (non-cyclic) references are fine.
    const shared = { v: 1 };
    expect(canonicalJson([shared, shared])).toBe('[{"v":1},{"v":1}]');
  });

  it("names where the offending value is", () => {
    expect(() => canonicalJson({ monitored: { "EG_i,p": [1, 2, { value: Number.NaN }] } })).toThrow(
      'at monitored["EG_i,p"][2].value',
    );
  });
});

describe("canonicalJson — properties", () => {
  it("does not depend on key order", () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.array(fc.nat(), { minLength: 1, maxLength: 8 }), (value, seed) => {
        expect(canonicalJson(shuffleKeys(value, seed))).toBe(canonicalJson(value));
      }),
      { numRuns: 300 },
    );
  });

  it("equals JSON.stringify of the value with every object's keys sorted, for arrays of objects sharing keys", () => {
    // Entries of one array usually share their keys (boilers, readings): the writer reuses a sorted
    // key list when the next object's keys are the same; orders and sets that differ must not.
    const sortedCopy = (v: unknown): unknown =>
      Array.isArray(v)
        ? v.map(sortedCopy)
        : v !== null && typeof v === "object"
          ? Object.fromEntries(
              Object.keys(v)
                .sort()
                .map((k) => [k, sortedCopy((v as Record<string, unknown>)[k])]),
            )
          : v;
    const key = fc.constantFrom("a", "b", "aa", "B", "η", "value", "at");
    const leaf = fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null));
    const entry = fc.letrec((tie) => ({
      object: fc.dictionary(
        key,
        fc.oneof({ maxDepth: 3 }, leaf, tie("object"), fc.array(tie("object"), { maxLength: 4 })),
        { maxKeys: 5 },
      ),
    })).object;
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 12 }), (value) => {
        expect(canonicalJson(value)).toBe(JSON.stringify(sortedCopy(value)));
      }),
      { numRuns: 300 },
    );
  });

  it("round-trips through JSON.parse (-0 reads back as 0)", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = canonicalJson(value);
        expect(JSON.parse(text)).toStrictEqual(withoutMinusZero(value));
        // Idempotent: canonicalising the parsed text again changes nothing.
        expect(canonicalJson(JSON.parse(text))).toBe(text);
      }),
      { numRuns: 500 },
    );
  });
});
