/**
 * Attack through the API (trust.md §5): a document object that is not data — getters that answer
 * differently each time they are read, Proxies that lie or throw, cycles, sparse arrays, class
 * instances, BigInt, symbol keys, functions — meant to make the numbers and the digest disagree, to
 * throw from inside the library, or to be mutated by it. The library takes one snapshot: every
 * such value is an error naming its path, and the safe verbs never throw.
 */
import { describe, expect, it } from "vitest";
import {
  calculate,
  calculateProject,
  renderReport,
  safeCalculate,
  safeCalculateProject,
  safeVerify,
} from "../../src/entries/index.js";
import { expectSafeIssues, refusal, solar } from "./attack.js";

type Entry = Record<string, unknown>;
const entryOf = (doc: ReturnType<typeof solar>) => (doc.monitored["EG_i,p"] as Entry[])[0]!;

/** Runs every safe verb on `doc` and returns the issues of calculate; none of them may throw. */
function refusedEverywhere(doc: unknown) {
  const results = [safeCalculate(doc), safeVerify(doc), safeCalculateProject([doc])];
  for (const r of results) {
    expect(r.success).toBe(false);
    if (!r.success) {
      expectSafeIssues(r.error.issues);
      expect(r.error.issues.map((i) => i.code)).not.toContain("internal-error");
    }
  }
  return (results[0] as { error: { issues: readonly { path: string; code: string }[] } }).error.issues;
}

describe("values that are not data are errors naming their path", () => {
  it("a getter is never called", () => {
    let reads = 0;
    const doc = solar();
    Object.defineProperty(entryOf(doc), "value", {
      enumerable: true,
      get: () => {
        reads += 1;
        return reads === 1 ? "1" : "999999";
      },
    });
    expect(refusedEverywhere(doc)).toEqual([
      expect.objectContaining({ path: 'monitored["EG_i,p"][0].value', code: "not-json" }),
    ]);
    expect(reads).toBe(0);
  });

  it("a getter that throws, on an array entry: an issue, not an exception", () => {
    const doc = solar();
    Object.defineProperty(doc.monitored["EG_i,p"] as Entry[], 0, {
      enumerable: true,
      get: () => {
        throw new Error("boom");
      },
    });
    expect(refusedEverywhere(doc)[0]).toMatchObject({ path: 'monitored["EG_i,p"][0]', code: "not-json" });
  });

  it("a Proxy whose traps throw, and a revoked Proxy", () => {
    const throwing = solar();
    throwing.monitored = new Proxy(throwing.monitored, {
      ownKeys: () => {
        throw new Error("trap");
      },
    });
    expect(refusedEverywhere(throwing)[0]).toMatchObject({ path: "monitored", code: "not-json" });
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    expect(refusedEverywhere({ ...solar(), fixed: proxy })[0]).toMatchObject({ path: "fixed", code: "not-json" });
  });

  it("a Proxy that answers one value to the check and another to the calculation cannot split them", () => {
    let reads = 0;
    const doc = solar();
    (doc.monitored["EG_i,p"] as Entry[])[0] = new Proxy(
      { equipment: "PCS-main", value: "14182", unit: "MWh", option: "C" },
      {
        get: (target, key) => {
          reads += 1;
          return key === "value" && reads > 4 ? "1" : Reflect.get(target, key);
        },
        getOwnPropertyDescriptor: (target, key) => Reflect.getOwnPropertyDescriptor(target, key),
      },
    );
    const first = calculate(doc);
    // Read through descriptors, once: the value the digest saw is the value calculated.
    expect(first.referenceEmissions).toBe("11303.054");
    expect(reads).toBe(0);
    const plain = solar();
    plain.project = { ...doc.project };
    expect(calculate(doc).inputDigest).toBe(calculate(plain).inputDigest);
  });

  it("cycles", () => {
    const doc = solar();
    entryOf(doc).note = doc;
    expect(refusedEverywhere(doc)).toEqual([
      expect.objectContaining({ path: 'monitored["EG_i,p"][0].note', code: "not-json" }),
    ]);
    const arrayCycle = solar();
    (arrayCycle.monitored["EG_i,p"] as unknown[]).push(arrayCycle.monitored["EG_i,p"]);
    expect(refusedEverywhere(arrayCycle)[0]!.path).toBe('monitored["EG_i,p"][1]');
  });

  it("sparse arrays, including one that claims four billion entries", () => {
    const doc = solar();
    // biome-ignore lint/suspicious/noSparseArray: the attack
    doc.monitored["EG_i,p"] = [, entryOf(solar())];
    expect(refusedEverywhere(doc)[0]).toMatchObject({ path: 'monitored["EG_i,p"][0]', code: "not-json" });
    const huge = solar();
    const list: unknown[] = [];
    list.length = 2 ** 32 - 1;
    huge.monitored["EG_i,p"] = list;
    expect(refusedEverywhere(huge)[0]).toMatchObject({ code: "too-many-entries" });
    const readings = solar();
    const many: unknown[] = [];
    many.length = 2 ** 32 - 1;
    readings.monitored["EG_i,p"] = [{ equipment: "PV", unit: "kWh", kind: "interval", readings: many }];
    expect(refusedEverywhere(readings)[0]).toMatchObject({ code: "too-many-readings" });
  });

  it.each([
    ["a class instance", new (class Reading {})()],
    ["a Date", new Date(0)],
    ["a Map", new Map([["value", "1"]])],
    ["a boxed string", new String("14182")],
    ["a BigInt", 14182n],
    ["a function", () => "14182"],
    ["a symbol", Symbol("14182")],
    ["NaN", Number.NaN],
    ["Infinity", Number.POSITIVE_INFINITY],
    ["a typed array", new Uint8Array(4)],
  ])("%s as a value", (_, value) => {
    const doc = solar();
    entryOf(doc).value = value;
    expect(refusedEverywhere(doc)).toEqual([
      expect.objectContaining({ path: 'monitored["EG_i,p"][0].value', code: "not-json" }),
    ]);
  });

  it("symbol keys, enumerable or not", () => {
    const doc = solar();
    (entryOf(doc) as Record<symbol, unknown>)[Symbol("x")] = 1;
    expect(refusedEverywhere(doc)[0]).toMatchObject({ path: 'monitored["EG_i,p"][0]', code: "not-json" });
    const hidden = solar();
    Object.defineProperty(hidden.project, Symbol.for("jcm-mrv.Quantity"), { value: true });
    expect(refusedEverywhere(hidden)[0]).toMatchObject({ path: "project", code: "not-json" });
  });

  it("a graph that shares one object at every level stops at the 256 MB text limit", () => {
    let node: unknown = { note: "x".repeat(1000) };
    for (let i = 0; i < 60; i++) node = { a: node, b: node };
    const doc = solar();
    (doc as Record<string, unknown>).fixed = { connection: "national-grid", bomb: node };
    const started = performance.now();
    expect(refusedEverywhere(doc)[0]).toMatchObject({ code: "too-large" });
    expect((performance.now() - started) / 1000).toBeLessThan(30);
  });

  it("a plain object shared twice is fine (copied once)", () => {
    const declarations = { pvInstalledInMongolia: true, modulesCertified: true };
    const doc = solar();
    (doc as Record<string, unknown>).fixed = { connection: "national-grid", declarations };
    const again = calculateProject([
      doc,
      { ...doc, period: { start: "2020-01-01", end: "2020-12-31", timeZone: "+08:00" } },
    ]);
    expect(again.periods).toHaveLength(2);
  });
});

describe("the caller's object is never mutated, and the safe verbs never throw", () => {
  it("deep-frozen documents calculate, verify and render; the input is unchanged", () => {
    const doc = solar();
    const before = JSON.stringify(doc);
    const freeze = (v: unknown): unknown => {
      if (typeof v === "object" && v !== null) {
        for (const child of Object.values(v)) freeze(child);
        Object.freeze(v);
      }
      return v;
    };
    freeze(doc);
    expect(safeCalculate(doc).success).toBe(true);
    expect(safeVerify(doc).success).toBe(true);
    expect(renderReport(doc).length).toBeGreaterThan(0);
    expect(JSON.stringify(doc)).toBe(before);
  });

  it("whatever they are given: no throw, no internal-error", () => {
    const inputs: unknown[] = [
      undefined,
      null,
      0,
      "",
      "{",
      [],
      new Uint8Array([0xff]),
      Symbol("x"),
      () => 1,
      10n,
      new Proxy(
        {},
        {
          getPrototypeOf: () => {
            throw new Error("no");
          },
        },
      ),
      Object.create(null),
      new Proxy(solar(), {
        get: () => {
          throw new Error("get");
        },
      }),
      new Proxy(solar(), {
        getOwnPropertyDescriptor: () => {
          throw new Error("descriptor");
        },
      }),
    ];
    for (const input of inputs) {
      // A Proxy whose `get` throws still has data behind its descriptors: it may even calculate.
      for (const r of [safeCalculate(input), safeVerify(input)]) {
        if (!r.success) expect(r.error.issues.map((i) => i.code)).not.toContain("internal-error");
      }
    }
    const projects: unknown[] = [
      undefined,
      [],
      [undefined],
      new Proxy([], {
        get: () => {
          throw new Error("x");
        },
      }),
    ];
    for (const input of projects) {
      const r = safeCalculateProject(input as unknown[]);
      expect(r.success).toBe(false);
      if (!r.success) expect(r.error.issues.map((i) => i.code)).not.toContain("internal-error");
    }
  });

  it("a document of another realm (node:vm) is plain data", async () => {
    const vm = await import("node:vm");
    const foreign = vm.runInNewContext(`(${JSON.stringify(solar())})`);
    expect(Object.getPrototypeOf(foreign)).not.toBe(Object.prototype);
    expect(calculate(foreign).emissionReductions).toBe("11303");
  });

  it("refusal() of calculate carries the same issues as safeCalculate", () => {
    const doc = solar();
    entryOf(doc).value = 1n;
    expect(refusal(() => calculate(doc)).issues).toEqual(
      (safeCalculate(doc) as { error: { issues: unknown } }).error.issues,
    );
  });
});

// Found by an attacker: options of the wrong kind came back as `internal-error` (the code that means
// "a bug in jcm-mrv") from "options.registry.get is not a function" and the like.
describe("options of the wrong kind are the caller's mistake (invalid-options), never an internal error", () => {
  const revoked = Proxy.revocable({}, {});
  revoked.revoke();
  const throwing = (key: string) =>
    Object.defineProperty({}, key, {
      enumerable: true,
      get() {
        throw new Error("from a getter");
      },
    });
  const csvDoc = () => {
    const doc = solar();
    doc.monitored = { "EG_i,p": [{ equipment: "a", unit: "kWh", kind: "interval", csv: "r.csv" }] };
    return doc;
  };
  const registryLike = (get: () => unknown) => ({ get, find: () => [], modules: [] });
  it.each([
    ["registry: {}", solar(), { registry: {} }],
    ["registry: a string", solar(), { registry: "x" }],
    [
      "a registry whose get throws",
      solar(),
      {
        registry: registryLike(() => {
          throw new Error("boom");
        }),
      },
    ],
    ["a registry whose get returns no module", solar(), { registry: registryLike(() => ({})) }],
    ["module: a look-alike", solar(), { module: { id: "JCM_MN_AM003", version: "02.0", calculate() {} } }],
    ["module: {}", solar(), { module: {} }],
    ["tzdata: a number", solar(), { tzdata: 2025 }],
    ["options: a revoked Proxy", solar(), revoked.proxy],
    ["options: a getter that throws", solar(), throwing("files")],
    ["files: a getter that throws", csvDoc(), { files: throwing("r.csv") }],
  ])("%s", (_, doc, options) => {
    const safe = safeCalculate(doc, options as never);
    expect(safe.success).toBe(false);
    const issues = (safe as unknown as { error: { issues: { code: string }[] } }).error.issues;
    expect(issues.map((i) => i.code)).toEqual(["invalid-options"]);
    expectSafeIssues(issues as never);
    const error = refusal(() => calculate(doc, options as never));
    expect(error.issues[0]!.code).toBe("invalid-options");
  });
});
