import { closeSync, readSync } from "node:fs";
import { type MessagePort, Worker } from "node:worker_threads";
import type { CsvFileOpener, OpenedCsvFile } from "../node/load.js";
import { type Access, errorCode, openChecked } from "../node/open-checked.js";

/**
 * The CLI's CSV files opened on a worker thread. A document naming 100,000 one-row files spent more
 * than half of its run in five system calls per file (`lstat`, `open`, `fstat`, `read`, `close`) on
 * this thread, between the readers' work; on a worker they run beside it. The worker checks and opens
 * each file with the same {@link openChecked} as the library, reads a small file whole (and closes
 * it), and hands a larger one over open, for this thread to stream as before. Files come back in
 * order, in batches; the worker stays at most {@link LOOK_AHEAD} files ahead, and hands over one open
 * file at a time, so neither memory nor open descriptors follow the document's length.
 *
 * Through the thread pool (asynchronous `fs`) the same calls took twice as long as on this thread
 * (100,000 files: 3.5 s against 1.7 s): the pool's round trip costs more than a call.
 */

/** Marks a worker started by {@link openOnWorker} (`main.ts` then serves files, see {@link serveFileReader}). */
export const FILE_READER_MARK = "jcm-mrv/file-reader";

/** Documents naming fewer files open them on this thread: a worker costs a few tens of milliseconds to start. */
export const WORKER_FROM = 1_000;

/** Files of at most this many bytes are read whole on the worker; larger ones are handed over open. */
const READ_WHOLE = 64 * 1024;
/** The worker waits while it is this many files ahead of the reader. */
const LOOK_AHEAD = 4_096;
/** A batch is sent at this many files or bytes (or before the worker waits). */
const BATCH_FILES = 256;
const BATCH_BYTES = 1 << 20;

/** What the worker is started with. `done`: files this thread has finished (shared, updated by it). */
interface FileReaderData {
  mark: typeof FILE_READER_MARK;
  paths: readonly string[];
  root: string;
  maxBytes: number;
  done: Int32Array;
}

/** One file of a batch: refused, handed over open, or read whole (`at`, `length` in the batch's bytes). */
type Entry = Access | { ok: true; at: number; length: number; size: number };

interface Batch {
  entries: Entry[];
  bytes: ArrayBuffer;
}

/**
 * An opener for the Node loader that opens on a worker thread started from `script` (the CLI's own
 * file), or on this thread for a document naming fewer than {@link WORKER_FROM} files.
 */
export function openOnWorker(script: URL, inThisThread: CsvFileOpener): CsvFileOpener {
  return (paths, root, maxBytes) =>
    paths.length < WORKER_FROM ? inThisThread(paths, root, maxBytes) : fromWorker(script, paths, root, maxBytes);
}

async function* fromWorker(
  script: URL,
  paths: readonly string[],
  root: string,
  maxBytes: number,
): AsyncGenerator<OpenedCsvFile> {
  const done = new Int32Array(new SharedArrayBuffer(4));
  const worker = new Worker(script, {
    workerData: { mark: FILE_READER_MARK, paths, root, maxBytes, done } satisfies FileReaderData,
    // A file handed over open is this thread's to close: a worker that tracked it would close its
    // number again when it ends — by then perhaps another file of this thread.
    trackUnmanagedFds: false,
    // The worker keeps little alive (a batch, the paths): a small young generation spares this
    // process ~25 MB of resident memory (trust.md §3's bound counts the whole process).
    resourceLimits: { maxYoungGenerationSizeMb: 4 },
  });
  const batches: Batch[] = [];
  let failure: Error | undefined;
  let wake: (() => void) | undefined;
  const signal = () => {
    wake?.();
    wake = undefined;
  };
  worker.on("message", (batch: Batch) => {
    batches.push(batch);
    signal();
  });
  worker.on("error", (error) => {
    failure ??= error;
    signal();
  });
  worker.on("exit", (code) => {
    failure ??= new Error(`the thread reading CSV files stopped (exit code ${code})`);
    signal();
  });
  let index = 0;
  try {
    while (index < paths.length) {
      const batch = batches.shift();
      if (batch === undefined) {
        if (failure !== undefined) throw failure;
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
        continue;
      }
      for (const entry of batch.entries) {
        yield "at" in entry
          ? { ok: true, bytes: new Uint8Array(batch.bytes, entry.at, entry.length), size: entry.size }
          : entry;
        index += 1;
        Atomics.store(done, 0, index);
        Atomics.notify(done, 0);
      }
    }
  } finally {
    void worker.terminate();
  }
}

/** The worker's side: checks, opens and reads the files in order, and posts them in batches. */
export function serveFileReader(port: MessagePort, data: FileReaderData): void {
  const { paths, root, maxBytes, done } = data;
  const folders = new Map<string, string>();
  let entries: Entry[] = [];
  // Files are read into one buffer; a batch carries a copy of the part used (a few kilobytes for
  // 256 one-row files), not a new megabyte each time.
  const bytes = new Uint8Array(BATCH_BYTES);
  let used = 0;
  const send = () => {
    if (entries.length === 0) return;
    const batch: Batch = { entries, bytes: bytes.slice(0, used).buffer };
    port.postMessage(batch, [batch.bytes]);
    entries = [];
    used = 0;
  };
  /** Sends what is ready, then waits until the reader has finished file `index` − `ahead`. */
  const waitFor = (index: number, ahead: number) => {
    for (;;) {
      const finished = Atomics.load(done, 0);
      if (index - finished <= ahead) return;
      send();
      // With a timeout: a reader that stopped (and terminates this thread) is not waited on for long.
      Atomics.wait(done, 0, finished, 250);
    }
  };
  for (let index = 0; index < paths.length; index++) {
    waitFor(index, LOOK_AHEAD);
    const access = openChecked(paths[index]!, maxBytes, root, folders);
    if (access.ok && access.size <= READ_WHOLE && used + access.size + 1 > bytes.length) send();
    const entry = access.ok && access.size <= READ_WHOLE ? readWhole(access, bytes, used) : access;
    entries.push(entry);
    if (entry.ok && "at" in entry) used += entry.length;
    else if (entry.ok) {
      // A file handed over open is sent at once, and the next file is opened only once the reader has
      // finished this one: one open descriptor at a time, whatever the document names.
      send();
      waitFor(index + 1, 0);
    }
    if (entries.length >= BATCH_FILES) send();
  }
  send();
}

/**
 * Reads a small open file whole into `bytes` at `at`, from its start (`pread`: the file's position
 * stays at 0) and closes it; a file that grew past the size `fstat` gave is handed over open instead,
 * for the reader to stream to its end like any large file.
 */
function readWhole(access: Extract<Access, { ok: true }>, bytes: Uint8Array, at: number): Entry {
  const room = access.size + 1;
  let length = 0;
  try {
    for (;;) {
      const read = readSync(access.fd, bytes, at + length, room - length, length);
      if (read === 0) break;
      length += read;
      if (length === room) return access;
    }
  } catch (error) {
    closeSync(access.fd);
    return { ok: false, code: "unreadable-file", message: `cannot read the file (${errorCode(error)})` };
  }
  closeSync(access.fd);
  return { ok: true, at, length, size: access.size };
}
