import { getHeapStatistics, setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

/**
 * Keeps the CLI's peak memory under trust.md §3's bound — 300 MB + 4 × the input's size (the document
 * and the CSV files it names) — on inputs near the limits.
 *
 * Why: between two full collections V8 lets the old generation grow to about four times what the last
 * one left (on a machine with gigabytes to spare), whatever the process needs. A calculation of
 * 100,000 boilers keeps 120–220 MB alive, and had 500–700 MB resident for it. V8's own knobs
 * (`--max-old-space-size`, `--heap-growing-percent`) either turn a large valid input into an
 * out-of-memory failure or are developer flags; this asks for a full collection instead, and only
 * when it is due:
 * - the resident set is past {@link AIM} of the bound (checks are a few megabytes of allocation
 *   apart, so the peak lands between the aim and the bound), and
 * - the heap in use has grown by {@link GROWTH} (and by {@link MIN_GROWTH_BYTES}) since the last
 *   collection asked for: when what is alive itself needs more than the bound, collections stay
 *   spaced out, and the run goes on, not failing.
 * Below the aim nothing is done: a run on an ordinary document never collects because of this.
 */
export interface HeapKeeper {
  /** Counts input bytes (a document, a CSV file) into the bound. */
  addInput(bytes: number): void;
  /** Collects garbage now if it is due (see above). Cheap when it is not: one look at the resident set. */
  check(): void;
}

export const BOUND_BASE_BYTES = 300e6;
export const BOUND_BYTES_PER_INPUT_BYTE = 4;
/** The share of the bound above which a collection is due. */
export const AIM = 0.8;
/** Growth of the heap in use, since the last collection asked for, before the next one is due… */
export const GROWTH = 1.15;
/**
 * …and at least this many bytes of it: each collection costs time in proportion to what is alive
 * (70–150 ms for 100–200 MB), so they are spaced out by what they can free.
 */
export const MIN_GROWTH_BYTES = 32e6;

/** What the keeper reads and does; replaced in tests. */
export interface HeapProbe {
  residentBytes(): number;
  heapUsedBytes(): number;
  collect(): void;
}

export function createHeapKeeper(probe: HeapProbe = nodeProbe()): HeapKeeper {
  let inputBytes = 0;
  /** Heap in use below which no collection is due (what the last one left, grown). */
  let due = 0;
  return {
    addInput(bytes) {
      if (Number.isFinite(bytes) && bytes > 0) inputBytes += bytes;
    },
    check() {
      let resident: number;
      try {
        resident = probe.residentBytes();
      } catch {
        // Node reads it from /proc: with no file descriptor left, there is no figure and no collection.
        return;
      }
      if (resident < AIM * (BOUND_BASE_BYTES + BOUND_BYTES_PER_INPUT_BYTE * inputBytes)) return;
      if (probe.heapUsedBytes() < due) return;
      probe.collect();
      const left = probe.heapUsedBytes();
      due = Math.max(left * GROWTH, left + MIN_GROWTH_BYTES);
    },
  };
}

/** Node's figures, and a full collection through V8's `gc`, exposed when first needed. */
export function nodeProbe(): HeapProbe {
  let gc: (() => void) | undefined;
  return {
    residentBytes: () => process.memoryUsage.rss(),
    heapUsedBytes: () => getHeapStatistics().used_heap_size,
    collect() {
      if (gc === undefined) {
        // `--expose-gc` set at run time gives `gc` to contexts made afterwards (not to this one).
        setFlagsFromString("--expose-gc");
        const exposed: unknown = runInNewContext("gc");
        // A runtime that ignores the flag has no `gc` there: then nothing is collected early.
        gc = typeof exposed === "function" ? (exposed as () => void) : () => {};
      }
      gc();
    },
  };
}
