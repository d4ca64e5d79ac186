/**
 * The CLI's heap keeper (src/cli/heap-keeper.ts): a full collection only when the resident set is
 * past the aim of trust.md §3's bound and the heap has grown since the last one; and the checkpoints
 * the calculation and the output call it at.
 */
import { describe, expect, it } from "vitest";
import { registry } from "../methodologies/index.js";
import { calculateForWriting } from "../src/api/calculate.js";
import { reportForWriting } from "../src/api/report.js";
import { verifyForWriting } from "../src/api/verify.js";
import {
  AIM,
  BOUND_BASE_BYTES,
  createHeapKeeper,
  GROWTH,
  type HeapProbe,
  MIN_GROWTH_BYTES,
  nodeProbe,
} from "../src/cli/heap-keeper.js";
import { jsonText, run } from "../src/cli/run.js";
import { boilers } from "./hostile/attack.js";

const MB = 1e6;

/** A probe whose figures the test sets; a collection leaves `live` in use. */
class FakeProbe implements HeapProbe {
  collections = 0;
  /** Looks at the resident set. */
  looks = 0;
  /** What the heap holds: 0 unless a test sets it. */
  held = 0;
  constructor(
    public resident: number,
    public used: number,
    public live: number,
  ) {}
  residentBytes() {
    this.looks += 1;
    return this.resident;
  }
  heap() {
    return { used: this.used, held: this.held };
  }
  collect() {
    this.collections += 1;
    this.used = this.live;
  }
}
const fakeProbe = (resident: number, used: number, live: number) => new FakeProbe(resident, used, live);

describe("createHeapKeeper", () => {
  it("does nothing below the aim of the bound", () => {
    const probe = fakeProbe(AIM * BOUND_BASE_BYTES - 1, 200 * MB, 50 * MB);
    const keeper = createHeapKeeper(probe);
    keeper.check();
    expect(probe.collections).toBe(0);
    probe.resident = AIM * BOUND_BASE_BYTES;
    probe.held += 1;
    keeper.check();
    expect(probe.collections).toBe(1);
  });

  it("looks at the resident set again only once the heap holds half the gap to the aim more", () => {
    const aim = AIM * BOUND_BASE_BYTES;
    const probe = fakeProbe(aim - 100 * MB, 150 * MB, 50 * MB);
    probe.held = 160 * MB;
    const keeper = createHeapKeeper(probe);
    keeper.check();
    expect(probe.looks).toBe(1);
    // Other memory grew while the heap did not: not seen until the heap has grown too.
    probe.resident = aim;
    probe.held += 50 * MB - 1;
    keeper.check();
    keeper.check();
    expect(probe.looks).toBe(1);
    expect(probe.collections).toBe(0);
    probe.held += 1;
    keeper.check();
    expect(probe.looks).toBe(2);
    expect(probe.collections).toBe(1);
    // After a collection, nothing is looked at until the heap in use has grown again.
    probe.held += 100 * MB;
    probe.used = 50 * MB + MIN_GROWTH_BYTES - 1;
    keeper.check();
    expect(probe.looks).toBe(2);
    probe.used += 1;
    keeper.check();
    expect(probe.looks).toBe(3);
    expect(probe.collections).toBe(2);
  });

  it("the input's size raises the bound: 4 bytes of memory for each byte of input", () => {
    const probe = fakeProbe(400 * MB, 300 * MB, 100 * MB);
    const keeper = createHeapKeeper(probe);
    keeper.addInput(100 * MB); // bound 700 MB, aim 560 MB
    keeper.check();
    expect(probe.collections).toBe(0);
    keeper.addInput(Number.NaN);
    keeper.addInput(-1e12);
    keeper.check();
    expect(probe.collections).toBe(0);
    probe.resident = AIM * (BOUND_BASE_BYTES + 4 * 100 * MB);
    probe.held += (AIM * (BOUND_BASE_BYTES + 4 * 100 * MB) - 400 * MB) / 2; // half the gap of the last look
    keeper.check();
    expect(probe.collections).toBe(1);
  });

  it("past the aim, the next collection waits until the heap has grown again", () => {
    const probe = fakeProbe(900 * MB, 600 * MB, 400 * MB);
    const keeper = createHeapKeeper(probe);
    keeper.check();
    expect(probe.collections).toBe(1);
    // What is alive needs more than the bound: no collection until the heap grew by GROWTH.
    probe.used = 400 * MB * GROWTH - 1;
    keeper.check();
    expect(probe.collections).toBe(1);
    probe.used = 400 * MB * GROWTH;
    keeper.check();
    expect(probe.collections).toBe(2);
  });

  it("a small live heap still grows by MIN_GROWTH_BYTES between collections", () => {
    const probe = fakeProbe(500 * MB, 100 * MB, 10 * MB);
    const keeper = createHeapKeeper(probe);
    keeper.check();
    probe.used = 10 * MB + MIN_GROWTH_BYTES - 1;
    keeper.check();
    expect(probe.collections).toBe(1);
    probe.used = 10 * MB + MIN_GROWTH_BYTES;
    keeper.check();
    expect(probe.collections).toBe(2);
  });

  it("a resident set that cannot be read (no descriptor left for /proc) means no collection, not a failure", () => {
    const probe = fakeProbe(900 * MB, 600 * MB, 100 * MB);
    probe.residentBytes = () => {
      throw Object.assign(new Error("EMFILE: too many open files"), { code: "EMFILE" });
    };
    const keeper = createHeapKeeper(probe);
    expect(() => keeper.check()).not.toThrow();
    expect(probe.collections).toBe(0);
  });

  it("Node's probe collects: garbage made and dropped leaves the heap in use", () => {
    const probe = nodeProbe();
    let garbage: number[][] | undefined = Array.from({ length: 200 }, () =>
      Array.from({ length: 10_000 }, (_, i) => i),
    );
    const before = probe.heap().used;
    expect(garbage.length).toBe(200);
    garbage = undefined;
    probe.collect();
    expect(garbage).toBeUndefined();
    const after = probe.heap();
    expect(after.used).toBeLessThan(before - 5 * MB);
    expect(after.held).toBeGreaterThan(after.used);
    expect(probe.residentBytes()).toBeGreaterThan(after.used / 2);
  });
});

describe("checkpoints", () => {
  const doc = { ...boilers(500), reported: { HG_p: "5000" } };

  it("the calculation, verify and the report call theirs between phases, and give the same output", () => {
    let calls = 0;
    const count = () => {
      calls += 1;
    };
    const result = calculateForWriting(doc, { registry }, count);
    expect(calls).toBeGreaterThanOrEqual(6);
    expect(jsonText(result)).toBe(jsonText(calculateForWriting(doc, { registry })));
    calls = 0;
    verifyForWriting(doc, { registry }, count);
    expect(calls).toBeGreaterThanOrEqual(6);
    calls = 0;
    reportForWriting(doc, { registry, format: "md" }, count);
    expect(calls).toBeGreaterThanOrEqual(6);
  });

  it("the CLI's output calls io.checkMemory as it is written, besides the calculation's phases", async () => {
    const large = boilers(5_000);
    let phases = 0;
    calculateForWriting(large, { registry }, () => {
      phases += 1;
    });
    let checks = 0;
    let out = "";
    const code = await run(["calculate", "doc.json", "--format", "json"], {
      stdout: (text) => {
        out += text;
      },
      stderr: () => {},
      loadDocument: async () => JSON.stringify(large),
      writeFile: () => {},
      checkMemory: () => {
        checks += 1;
      },
    });
    expect(code).toBe(0);
    expect(JSON.parse(out).inputDigest).toMatch(/^sha256:/);
    expect(checks).toBeGreaterThan(phases + 1);
  });
});
