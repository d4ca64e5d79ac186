/**
 * `npx tsx bench/exact-vs-fraction.ts` — the benchmark that chose the library's own rational
 * (src/core/exact.ts) over wrapping fraction.js ^5 (architecture §5). fraction.js is not a
 * dependency: install it beside the project first, e.g. `npm install --no-save fraction.js@^5`,
 * or point FRACTION_JS at its `dist/fraction.mjs`.
 *
 * Workloads are what the equations do: parse decimal strings, then ÷ η, × EF, Σ over equipment,
 * compare, floor. Both sides do the same operations on the same inputs and must agree exactly.
 */
import { Exact } from "../src/core/exact.js";

type FractionLike = {
  add(x: unknown): FractionLike;
  sub(x: unknown): FractionLike;
  mul(x: unknown): FractionLike;
  div(x: unknown): FractionLike;
  floor(): FractionLike;
  compare(x: unknown): number;
  s: bigint;
  n: bigint;
  d: bigint;
};
type FractionCtor = new (x: unknown) => FractionLike;

const Fraction = (
  (await import(process.env.FRACTION_JS ?? "fraction.js").catch(() => {
    throw new Error("fraction.js is not installed: npm install --no-save fraction.js@^5 (or set FRACTION_JS)");
  })) as { default: FractionCtor }
).default;

/** mulberry32, seeded: the same inputs on every run. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = seeded(11);
const decimal = (min: number, span: number, places: number) => (min + random() * span).toFixed(places);

/** 100 boilers: heat (GJ, 3 places), two efficiencies (2 and 3 places), EC (MWh). */
const boilers = Array.from({ length: 100 }, () => ({
  HG: decimal(500, 20_000, 3),
  etaRE: decimal(0.45, 0.15, 2),
  etaPJ: decimal(0.65, 0.2, 3),
  EC: decimal(1, 30, 2),
}));
/** 10,000 decimal strings such as readings or parameters. */
const strings = Array.from({ length: 10_000 }, () => decimal(0, 100_000, Math.floor(random() * 7)));

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[s.length >> 1]!;
}
function time(run: () => unknown, runs = 15): number {
  for (let i = 0; i < 3; i++) run();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    run();
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return median(samples);
}

const workloads: Record<string, { exact: () => string; fraction: () => string }> = {
  "parse 10,000 decimal strings": {
    exact: () => {
      let last = Exact.ZERO;
      for (const s of strings) last = Exact.from(s);
      return last.toFraction();
    },
    fraction: () => {
      let last = new Fraction(0);
      for (const s of strings) last = new Fraction(s);
      return `${last.s * last.n}/${last.d}`;
    },
  },
  "Σ of 10,000 decimal strings": {
    exact: () => Exact.sum(strings.map((s) => Exact.from(s))).toFraction(),
    fraction: () => {
      let total = new Fraction(0);
      for (const s of strings) total = total.add(new Fraction(s));
      return `${total.s * total.n}/${total.d}`;
    },
  },
  "100 boilers: RE, PE = Σ HG × EF ÷ η (+ EC × EF_grid), ⌊RE − PE⌋": {
    exact: () => {
      const EF = Exact.from("0.099");
      const grid = Exact.from("1.1501");
      let RE = Exact.ZERO;
      let PE = Exact.ZERO;
      for (const b of boilers) {
        const HG = Exact.from(b.HG);
        RE = RE.plus(HG.times(EF).div(b.etaRE));
        PE = PE.plus(HG.times(EF).div(b.etaPJ).plus(Exact.from(b.EC).times(grid)));
      }
      return `${RE.minus(PE).floor().toFraction()} ${RE.toFraction().length}`;
    },
    fraction: () => {
      const EF = new Fraction("0.099");
      const grid = new Fraction("1.1501");
      let RE = new Fraction(0);
      let PE = new Fraction(0);
      for (const b of boilers) {
        const HG = new Fraction(b.HG);
        RE = RE.add(HG.mul(EF).div(new Fraction(b.etaRE)));
        PE = PE.add(HG.mul(EF).div(new Fraction(b.etaPJ)).add(new Fraction(b.EC).mul(grid)));
      }
      const er = RE.sub(PE).floor();
      return `${er.s * er.n} ${`${RE.s * RE.n}/${RE.d}`.length}`;
    },
  },
  "10,000 comparisons of non-terminating values": {
    exact: () => {
      const values = boilers.map((b) => Exact.from(b.HG).div(b.etaPJ));
      let count = 0;
      for (let i = 0; i < 10_000; i++) if (values[i % 100]!.lt(values[(i * 7) % 100]!)) count++;
      return String(count);
    },
    fraction: () => {
      const values = boilers.map((b) => new Fraction(b.HG).div(new Fraction(b.etaPJ)));
      let count = 0;
      for (let i = 0; i < 10_000; i++) if (values[i % 100]!.compare(values[(i * 7) % 100]!) < 0) count++;
      return String(count);
    },
  },
};

console.log(`Exact (src/core/exact.ts) vs fraction.js — node ${process.version}; median of 15 runs, ms`);
console.log("| workload | Exact | fraction.js | fraction.js ÷ Exact |");
console.log("| --- | --- | --- | --- |");
for (const [name, w] of Object.entries(workloads)) {
  const a = w.exact();
  const b = w.fraction();
  if (a !== b) throw new Error(`${name}: the two disagree (${a.slice(0, 80)} vs ${b.slice(0, 80)})`);
  const exact = time(w.exact);
  const fraction = time(w.fraction);
  console.log(`| ${name} | ${exact.toFixed(2)} | ${fraction.toFixed(2)} | ${(fraction / exact).toFixed(1)} × |`);
}
