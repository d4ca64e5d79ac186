import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type JsonTextProblem, readJsonText } from "../../src/core/json-text.js";

function problemsOf(text: string, limits?: Parameters<typeof readJsonText>[1]): JsonTextProblem[] {
  const result = readJsonText(text, limits);
  if (result.ok) throw new Error(`expected problems for ${JSON.stringify(text)}`);
  return result.problems;
}

/** code, path, line, column of each problem (messages are checked separately). */
const summary = (problems: JsonTextProblem[]) =>
  problems.map(({ code, path, line, column }) => ({ code, path, line, column }));

describe("readJsonText — valid documents", () => {
  it("returns the JSON.parse value", () => {
    const text = '{"a":[1,2.5,-0.0e3,"x",true,false,null,{}],"b":{"c":[]}}';
    expect(readJsonText(text)).toEqual({ ok: true, value: JSON.parse(text) });
    for (const scalar of ["0", "-1", "1e5", '""', '"\\u00e9\\n"', "true", "null", " \t\r\n 7 \r\n"]) {
      expect(readJsonText(scalar)).toEqual({ ok: true, value: JSON.parse(scalar) });
    }
  });

  it("strips one leading BOM, and positions are counted after it", () => {
    expect(readJsonText('\uFEFF{"a":1}')).toEqual({ ok: true, value: { a: 1 } });
    expect(summary(problemsOf('\uFEFF{"a":1,"a":2}'))).toEqual([
      { code: "duplicate-key", path: "a", line: 1, column: 8 },
    ]);
    // A second BOM is not JSON whitespace.
    expect(summary(problemsOf("\uFEFF\uFEFF[]"))).toEqual([{ code: "malformed-json", path: "", line: 1, column: 1 }]);
  });

  it("keeps an own __proto__ member as data", () => {
    const result = readJsonText('{"__proto__":{"polluted":true}}');
    expect(result.ok).toBe(true);
    if (result.ok) expect(Object.keys(result.value as object)).toEqual(["__proto__"]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe("readJsonText — duplicate keys", () => {
  it("reports every duplicate at every depth with its path and position", () => {
    const text = [
      "{",
      '  "fixed": { "EF_RE": 0.5, "EF_RE": 0.6, "EF_RE": 0.7 },',
      '  "monitored": { "EG_i,p": [1, 2, { "value": "3", "unit": "MWh", "value": "4" }] },',
      '  "fixed": {},',
      '  "list": [[{ "x": 1, "y": 2, "x": 3 }]]',
      "}",
    ].join("\n");
    const problems = problemsOf(text);
    expect(summary(problems)).toEqual([
      { code: "duplicate-key", path: "fixed.EF_RE", line: 2, column: 28 },
      { code: "duplicate-key", path: "fixed.EF_RE", line: 2, column: 42 },
      { code: "duplicate-key", path: 'monitored["EG_i,p"][2].value', line: 3, column: 66 },
      { code: "duplicate-key", path: "fixed", line: 4, column: 3 },
      { code: "duplicate-key", path: "list[0][0].x", line: 5, column: 31 },
    ]);
    expect(problems[0]!.message).toContain('"EF_RE"');
    expect(problems[0]!.message).toContain("line 2, column 14");
  });

  it("compares keys after decoding escapes", () => {
    expect(summary(problemsOf('{"a":1,"\\u0061":2}'))).toEqual([
      { code: "duplicate-key", path: "a", line: 1, column: 8 },
    ]);
    expect(summary(problemsOf('{"\\ud83d\\ude00":1,"😀":2}'))).toEqual([
      { code: "duplicate-key", path: '["😀"]', line: 1, column: 19 },
    ]);
    expect(summary(problemsOf('{"a\\/b":1,"a/b":2}'))).toEqual([
      { code: "duplicate-key", path: '["a/b"]', line: 1, column: 11 },
    ]);
  });

  it("does not mix keys of sibling or nested objects", () => {
    expect(readJsonText('{"a":{"a":{"a":1}},"b":[{"a":1},{"a":2}],"c":{"b":1}}').ok).toBe(true);
  });

  it("quotes keys that are not identifiers", () => {
    expect(problemsOf('[{"1x":{"a b":0,"a b":1}}]')[0]!.path).toBe('[0]["1x"]["a b"]');
    expect(problemsOf('{"$ok_1":{"":0,"":1}}')[0]!.path).toBe('$ok_1[""]');
  });
});

describe("readJsonText — depth", () => {
  const nested = (depth: number) => "[".repeat(depth) + "]".repeat(depth);

  it("accepts depth exactly 64 and rejects 65", () => {
    expect(readJsonText(nested(64)).ok).toBe(true);
    expect(readJsonText(`{"a":${nested(63)}}`).ok).toBe(true);
    const problems = problemsOf(nested(65));
    expect(summary(problems)).toEqual([{ code: "too-deep", path: "[0]".repeat(64), line: 1, column: 65 }]);
    expect(problemsOf(`{"a":${nested(64)}}`)[0]!.code).toBe("too-deep");
  });

  it("honours a custom maxDepth", () => {
    expect(readJsonText("[[1]]", { maxDepth: 2 }).ok).toBe(true);
    expect(problemsOf("[[1]]", { maxDepth: 1 })[0]!.code).toBe("too-deep");
    expect(readJsonText("1", { maxDepth: 0 }).ok).toBe(true);
    expect(problemsOf("{}", { maxDepth: 0 })[0]!.code).toBe("too-deep");
  });

  it("rejects 1,000,000 nested '[' quickly without a RangeError", () => {
    const bomb = "[".repeat(1_000_000);
    const started = performance.now();
    const problems = problemsOf(bomb);
    expect(performance.now() - started).toBeLessThan(500);
    expect(problems.map((p) => p.code)).toEqual(["too-deep"]);
  });

  it("scans a deep but allowed document without recursion", () => {
    const deep = `${'{"a":'.repeat(200_000)}1${"}".repeat(200_000)}`;
    expect(readJsonText(deep, { maxDepth: 1_000_000 }).ok).toBe(true);
    expect(problemsOf(`${deep}x`, { maxDepth: 1_000_000 })[0]!.code).toBe("malformed-json");
  });
});

describe("readJsonText — size", () => {
  it("rejects text over maxBytes before scanning", () => {
    expect(summary(problemsOf("[1, 2, oops", { maxBytes: 5 }))).toEqual([
      { code: "too-large", path: "", line: 1, column: 1 },
    ]);
    expect(readJsonText("[1,2]", { maxBytes: 5 }).ok).toBe(true);
  });

  it("throws RangeError for nonsensical limits", () => {
    expect(() => readJsonText("1", { maxDepth: Number.NaN })).toThrow(RangeError);
    expect(() => readJsonText("1", { maxBytes: -1 })).toThrow(RangeError);
  });
});

describe("readJsonText — numbers", () => {
  it("rejects numbers that overflow or underflow binary64", () => {
    const problems = problemsOf(
      `{"big":1e400,"tiny":[1e-400],"neg":-1.5E+999,"frac":0.000e-999999,"long":1${"0".repeat(400)}}`,
    );
    expect(summary(problems)).toEqual([
      { code: "number-out-of-range", path: "big", line: 1, column: 8 },
      { code: "number-out-of-range", path: "tiny[0]", line: 1, column: 22 },
      { code: "number-out-of-range", path: "neg", line: 1, column: 36 },
      { code: "number-out-of-range", path: "long", line: 1, column: 74 },
    ]);
    expect(problems[0]!.message).toMatch(/decimal string/);
    expect(problemsOf(`0.${"0".repeat(400)}1`)[0]!.code).toBe("number-out-of-range");
  });

  it("accepts zeros written with huge exponents, and the extremes of binary64", () => {
    for (const text of ["0e-400", "0.0", "-0", "0E+999", "-0.000e-5", "5e-324", "1.7976931348623157e308", "2.4e-320"]) {
      expect(readJsonText(text), text).toEqual({ ok: true, value: JSON.parse(text) });
    }
  });
});

describe("readJsonText — malformed JSON", () => {
  const cases: [text: string, line: number, column: number, message: RegExp][] = [
    ["", 1, 1, /end of text.*value/],
    ["   \n  ", 2, 3, /end of text/],
    ["[1,2,]", 1, 6, /trailing comma/],
    ['{"a":1,}', 1, 8, /trailing comma/],
    ['{"a":1\n,\n}', 3, 1, /trailing comma/],
    ['{"a" 1}', 1, 6, /':'/],
    ['{"a":1 "b":2}', 1, 8, /',' or '}'/],
    ["[1 2]", 1, 4, /',' or ']'/],
    ['{"a":"unterminated', 1, 19, /unterminated/],
    ['"bad \\x escape"', 1, 7, /invalid escape/],
    ['"\\u12G4"', 1, 6, /hexadecimal/],
    ['"\\u12', 1, 6, /hexadecimal/],
    ['"tab\there"', 1, 5, /control character U\+0009/],
    ['{\r\n  "a": "line\nbreak"\r\n}', 2, 13, /control character U\+000A/],
    ["[1] 2", 1, 5, /end of text/],
    ["{} {}", 1, 4, /end of text/],
    ["[tru]", 1, 5, /'true'/],
    ["nul", 1, 4, /'null'/],
    ["[01]", 1, 3, /leading zero/],
    ["-", 1, 2, /digit/],
    ["[1.]", 1, 4, /digit/],
    ["1e", 1, 3, /digit/],
    ["[.5]", 1, 2, /value/],
    ["[+1]", 1, 2, /value/],
    ["{a:1}", 1, 2, /key/],
    ["{'a':1}", 1, 2, /key/],
    ["[NaN]", 1, 2, /value/],
    ["[1,\n\n   Infinity]", 3, 4, /value/],
    ['{"a":[1,{"b":[1,2', 1, 18, /',' or ']'/],
    ["\u00a0[]", 1, 1, /U\+00A0/],
  ];

  it.each(cases)("%j → line %i, column %i", (text, line, column, message) => {
    const problems = problemsOf(text);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ code: "malformed-json", line, column });
    expect(problems[0]!.message).toMatch(message);
    expect(() => JSON.parse(text)).toThrow(SyntaxError);
  });

  it("returns only the syntax error even when duplicates came before it", () => {
    expect(summary(problemsOf('{"a":1,"a":2,"b":1e999,]'))).toEqual([
      { code: "malformed-json", path: "", line: 1, column: 24 },
    ]);
  });

  it("names where the syntax error is", () => {
    expect(problemsOf('{"monitored":{"EG_i,p":[1,2,{"value":]}}}')[0]!.path).toBe('monitored["EG_i,p"][2].value');
  });
});

describe("readJsonText — properties", () => {
  it("accepts JSON.stringify output of any JSON value, compact or indented, equal to JSON.parse", () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.constantFrom(undefined, 2, "\t"), fc.boolean(), (value, indent, bom) => {
        const text = JSON.stringify(value, null, indent);
        const result = readJsonText(bom ? `\uFEFF${text}` : text);
        expect(result).toStrictEqual({ ok: true, value: JSON.parse(text) });
      }),
      { numRuns: 500 },
    );
  });

  it("never throws for arbitrary strings", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 200 }), (text) => {
        expect(() => readJsonText(text)).not.toThrow();
      }),
      { numRuns: 500 },
    );
  });

  it("agrees with JSON.parse on what is well-formed, for JSON-like fragments", () => {
    const token = fc.constantFrom(
      "{",
      "}",
      "[",
      "]",
      ",",
      ":",
      '"',
      '"a"',
      '"\\u0061"',
      "\\",
      "\\u",
      "0",
      "1",
      "-",
      ".",
      "e",
      "E",
      "+",
      "1e400",
      "1e-400",
      " ",
      "\n",
      "\r",
      "\t",
      "true",
      "tru",
      "null",
      "x",
      "\u0001",
      "\uFEFF",
      "\ud800",
    );
    fc.assert(
      fc.property(
        fc.array(token, { maxLength: 30 }).map((tokens) => tokens.join("")),
        (text) => {
          const result = readJsonText(text, { maxDepth: 1000 });
          let parses = true;
          try {
            JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
          } catch {
            parses = false;
          }
          const malformed = !result.ok && result.problems.some((p) => p.code === "malformed-json");
          expect(malformed).toBe(!parses);
          if (!result.ok && malformed) expect(result.problems).toHaveLength(1);
          for (const p of result.ok ? [] : result.problems) {
            expect(p.line).toBeGreaterThanOrEqual(1);
            expect(p.column).toBeGreaterThanOrEqual(1);
          }
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("finds every duplicate key planted in a generated document", () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.string({ maxLength: 4 }), fc.jsonValue({ maxDepth: 2 }), { minKeys: 1 }),
        (object) => {
          const keys = Object.keys(object);
          const body = keys.map((k) => `${JSON.stringify(k)}:${JSON.stringify(object[k])}`);
          const text = `{"outer":[{${[...body, ...body].join(",")}}]}`;
          const problems = problemsOf(text);
          expect(problems.map((p) => p.code)).toEqual(keys.map(() => "duplicate-key"));
          expect(problems.map((p) => p.path)).toEqual(
            keys.map((k) => `outer[0]${/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(k) ? `.${k}` : `[${JSON.stringify(k)}]`}`),
          );
        },
      ),
      { numRuns: 200 },
    );
  });
});
