import { Worker } from "node:worker_threads";
import type { DocumentOutcome, DocumentTask } from "./project.js";

/**
 * `--jobs N`: the documents of a project run read and calculated on N worker threads, each running
 * the CLI's own file (`dist/cli.js`: `main.ts` serves as a worker when started as one). A task is a
 * whole document (tens of milliseconds and more), so the pool is a queue: each worker gets the next
 * task when it answers. Outcomes come back in task order whatever the threads' order.
 *
 * Why not piscina: it starts its own worker file from its package folder, so it cannot live inside
 * the one bundled CLI file, and it would add a run-time dependency for the CLI alone; measured on
 * this workload it gave the same speed-up (docs/performance.md, `batch`).
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

/** Runs `tasks` on `jobs` worker threads started from `script`; resolves to their outcomes in order. */
export async function runOnWorkers(
  script: URL,
  tasks: readonly DocumentTask[],
  jobs: number,
): Promise<DocumentOutcome[]> {
  const outcomes: DocumentOutcome[] = new Array(tasks.length);
  const size = Math.max(1, Math.min(jobs, tasks.length));
  let next = 0;
  let finished = 0;
  const workers: Worker[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      const give = (worker: Worker) => {
        if (next >= tasks.length) return;
        const id = next++;
        worker.postMessage({ id, task: tasks[id]! } satisfies WorkerRequest);
      };
      for (let i = 0; i < size; i++) {
        // Workers inherit the process's execArgv and environment; stdout and stderr stay this process's.
        const worker = new Worker(script, { workerData: { mark: WORKER_MARK } });
        workers.push(worker);
        worker.on("message", ({ id, outcome }: WorkerReply) => {
          outcomes[id] = outcome;
          finished += 1;
          if (finished === tasks.length) resolve();
          else give(worker);
        });
        worker.on("error", reject);
        worker.on("exit", (code) => {
          if (finished < tasks.length) reject(new Error(`a worker thread stopped (exit code ${code})`));
        });
        give(worker);
      }
    });
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return outcomes;
}
