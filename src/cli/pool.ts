import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { type CommandLine, jobsOf, parseCommandLine } from "./args.js";
import type { DocumentOutcome, DocumentTask } from "./project.js";

/**
 * `--jobs N`: the documents of a project run read and calculated by N threads — this one and N − 1
 * worker threads, each running the CLI's own file (`dist/cli.js`: `main.ts` serves as a worker when
 * started as one). Every thread takes the next task itself from one shared counter (`Atomics.add`
 * on a SharedArrayBuffer): no thread waits for another to hand it work, this thread starts while the
 * workers load, and at the end no thread is left holding tasks another could have done. Outcomes come
 * back in task order whatever the threads' order.
 *
 * Why not piscina: it starts its own worker file from its package folder, so it cannot live inside
 * the one bundled CLI file, and it would add a run-time dependency for the CLI alone; measured on
 * this workload it gave less speed-up (docs/performance.md, `batch`).
 */

/** Marks a worker started by {@link runOnWorkers}. */
export const WORKER_MARK = "jcm-mrv/project-worker";

/** What a worker is sent once: every task, and the counter of tasks taken (shared by all threads). */
export interface WorkerRequest {
  tasks: readonly DocumentTask[];
  taken: Int32Array;
}
export interface WorkerReply {
  id: number;
  outcome: DocumentOutcome;
}

/** Takes the next task index from the shared counter; `undefined` when every task is taken. */
export function takeTask(taken: Int32Array, count: number): number | undefined {
  const id = Atomics.add(taken, 0, 1);
  return id < count ? id : undefined;
}

/**
 * Worker threads for `jobs` threads on `documents` documents with `cpus` CPUs: one thread per
 * document and per CPU at most (this thread is one of them). `--jobs 256` on two cores would
 * otherwise start 255 threads that only compete for memory.
 */
export function workerCount(jobs: number, documents: number, cpus: number): number {
  return Math.max(0, Math.min(jobs, documents, Math.max(1, cpus)) - 1);
}

/**
 * The worker threads `jcm-mrv calculate --jobs N a.json b.json …` will use, read from the command line
 * before anything else loads: 0 for any other command line, an invalid one included (its error
 * comes later, from the command, before any thread was started).
 */
export function plannedWorkers(argv: readonly string[], cpus: number): number {
  let line: CommandLine;
  let jobs: number;
  try {
    line = parseCommandLine(argv);
    if (line.kind !== "run" || line.parsed.command !== "calculate" || line.parsed.positional.length < 2) return 0;
    jobs = jobsOf(line.parsed);
  } catch {
    return 0;
  }
  return workerCount(jobs, line.parsed.positional.filter((path) => path !== "-").length, cpus);
}

/** Starts `count` worker threads from `script` (the CLI starts them before it loads the library). */
export function startWorkers(script: URL, count: number): Worker[] {
  // Workers inherit the process's execArgv and environment; stdout and stderr stay this process's
  // (each worker adds a listener to both: raise their limit by as many, so Node does not warn).
  for (const stream of [process.stdout, process.stderr])
    if (count > 0) stream.setMaxListeners(stream.getMaxListeners() + count);
  return Array.from({ length: count }, () => new Worker(script, { workerData: { mark: WORKER_MARK } }));
}

/**
 * Runs `tasks` on `jobs` threads: `here` in this thread and `jobs − 1` worker threads started from
 * `script` (the `started` ones first); resolves to the outcomes in task order.
 */
export async function runOnWorkers(
  script: URL,
  tasks: readonly DocumentTask[],
  jobs: number,
  here: (task: DocumentTask) => Promise<DocumentOutcome>,
  started: Worker[] = [],
): Promise<DocumentOutcome[]> {
  const outcomes: DocumentOutcome[] = new Array(tasks.length);
  const size = workerCount(jobs, tasks.length, availableParallelism());
  const taken = new Int32Array(new SharedArrayBuffer(4));
  let finished = 0;
  const workers: Worker[] = [];
  let fail: (error: unknown) => void = () => undefined;
  let succeed: () => void = () => undefined;
  const allDone = new Promise<void>((resolve, reject) => {
    succeed = resolve;
    fail = reject;
  });
  const done = (id: number, outcome: DocumentOutcome) => {
    outcomes[id] = outcome;
    finished += 1;
    if (finished === tasks.length) succeed();
  };
  // Workers started early and not needed (fewer tasks than expected) are stopped with the others.
  const more = Math.max(0, size - started.length);
  workers.push(...started.splice(0), ...startWorkers(script, more));
  try {
    for (const [i, worker] of workers.entries()) {
      if (i >= size) break;
      worker.on("message", ({ id, outcome }: WorkerReply) => done(id, outcome));
      worker.on("error", (error) => fail(error));
      worker.on("exit", (code) => {
        if (finished < tasks.length) fail(new Error(`a worker thread stopped (exit code ${code})`));
      });
      worker.postMessage({ tasks, taken } satisfies WorkerRequest);
    }
    // This thread works too; the workers' outcomes arrive while its tasks await their file reads.
    for (let id = takeTask(taken, tasks.length); id !== undefined; id = takeTask(taken, tasks.length))
      done(id, await here(tasks[id]!));
    await allDone;
  } finally {
    // Idle workers are stopped without waiting for them: the outcomes are all in.
    for (const worker of workers) void worker.terminate();
  }
  return outcomes;
}
