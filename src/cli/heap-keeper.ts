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
  /**
   * Collects garbage now if it is due (see above). Cheap when it is not: one look at V8's figures, and
   * at the resident set only when the heap could have brought it to the aim since the last look.
   */
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
  /** The process's resident set: read from /proc on Linux, 10–180 µs a look (more with threads running). */
  residentBytes(): number;
  /** This thread's heap in use, and the memory it holds (heap pages, external and malloced): ~1 µs. */
  heap(): { used: number; held: number };
  collect(): void;
}

export function createHeapKeeper(probe: HeapProbe = nodeProbe()): HeapKeeper {
  let inputBytes = 0;
  /** Heap in use below which no collection is due (what the last one left, grown). */
  let due = 0;
  /**
   * Memory held below which the resident set is not looked at: it was below the aim at the last look,
   * by a gap the heap has not grown by half of since. A look at the resident set (/proc) cost most-files
   * 0.1–0.4 s in 2,400 checks; what V8 holds is read in a microsecond.
   */
  let lookFrom = 0;
  return {
    addInput(bytes) {
      if (Number.isFinite(bytes) && bytes > 0) inputBytes += bytes;
    },
    check() {
      const heap = probe.heap();
      if (heap.used < due || heap.held < lookFrom) return;
      let resident: number;
      try {
        resident = probe.residentBytes();
      } catch {
        // Node reads it from /proc: with no file descriptor left, there is no figure and no collection.
        return;
      }
      const aim = AIM * (BOUND_BASE_BYTES + BOUND_BYTES_PER_INPUT_BYTE * inputBytes);
      if (resident < aim) {
        // Half the gap: memory outside this heap (the file reader's thread, code) may grow alongside.
        lookFrom = heap.held + (aim - resident) / 2;
        return;
      }
      probe.collect();
      const left = probe.heap().used;
      due = Math.max(left * GROWTH, left + MIN_GROWTH_BYTES);
    },
  };
}

/** Node's figures, and a full collection through V8's `gc`, exposed when first needed. */
export function nodeProbe(): HeapProbe {
  let gc: (() => void) | undefined;
  return {
    residentBytes: () => process.memoryUsage.rss(),
    heap() {
      const figures = getHeapStatistics();
      return {
        used: figures.used_heap_size,
        held: figures.total_physical_size + figures.external_memory + figures.malloced_memory,
      };
    },
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
