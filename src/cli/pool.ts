import { Worker } from "node:worker_threads";
import type { DocumentOutcome, DocumentTask } from "./project.js";

/**
 * `--jobs N`: the documents of a project run read and calculated by N threads — this one and N − 1
 * worker threads, each running the CLI's own file (`dist/cli.js`: `main.ts` serves as a worker when
 * started as one). A task is a whole document (tens of milliseconds and more), so the pool is a
 * queue: a worker holds two tasks at a time (it never waits for this thread to hand it the next), and
 * this thread takes the next task whenever it is free, starting while the workers load. Outcomes come
 * back in task order whatever the threads' order.
 *
 * Why not piscina: it starts its own worker file from its package folder, so it cannot live inside
 * the one bundled CLI file, and it would add a run-time dependency for the CLI alone; measured on
 * this workload it gave no more speed-up (docs/performance.md, `batch`).
 */

/** Marks a worker started by {@link runOnWorkers}. */
export const WORKER_MARK = "jcm-mrv/project-worker";

export interface WorkerRequest {
  id: number;
  task: DocumentTask;
}
export interface WorkerReply {
  id: number;
  outcome: DocumentOutcome;
}

/** Tasks a worker holds at once: one running, one waiting. */
const IN_FLIGHT = 2;

/**
 * Runs `tasks` on `jobs` threads: `here` in this thread and `jobs − 1` worker threads started from
 * `script`; resolves to the outcomes in task order.
 */
export async function runOnWorkers(
  script: URL,
  tasks: readonly DocumentTask[],
  jobs: number,
  here: (task: DocumentTask) => Promise<DocumentOutcome>,
): Promise<DocumentOutcome[]> {
  const outcomes: DocumentOutcome[] = new Array(tasks.length);
  const size = Math.max(0, Math.min(jobs, tasks.length) - 1);
  let next = 0;
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
  const give = (worker: Worker) => {
    if (next >= tasks.length) return;
    const id = next++;
    worker.postMessage({ id, task: tasks[id]! } satisfies WorkerRequest);
  };
  try {
    for (let i = 0; i < size; i++) {
      // Workers inherit the process's execArgv and environment; stdout and stderr stay this process's.
      const worker = new Worker(script, { workerData: { mark: WORKER_MARK } });
      workers.push(worker);
      worker.on("message", ({ id, outcome }: WorkerReply) => {
        done(id, outcome);
        give(worker);
      });
      worker.on("error", (error) => fail(error));
      worker.on("exit", (code) => {
        if (finished < tasks.length) fail(new Error(`a worker thread stopped (exit code ${code})`));
      });
      for (let k = 0; k < IN_FLIGHT; k++) give(worker);
    }
    // This thread works too, between the workers' messages (each task awaits its file reads).
    const local = (async () => {
      while (next < tasks.length) {
        const id = next++;
        done(id, await here(tasks[id]!));
      }
    })();
    await Promise.all([local, allDone]);
  } finally {
    // Idle workers are stopped without waiting for them: the outcomes are all in.
    for (const worker of workers) void worker.terminate();
  }
  return outcomes;
}
