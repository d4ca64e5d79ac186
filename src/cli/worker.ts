import type { MessagePort } from "node:worker_threads";
import { loadDocumentForVerbs } from "../node/load.js";
import { takeTask, type WorkerReply, type WorkerRequest } from "./pool.js";
import { documentOutcome } from "./project.js";

/**
 * A worker thread of `--jobs N` (`src/cli/pool.ts`): takes tasks from the shared counter until none
 * is left, reading and calculating each with the same function as the main thread
 * (`documentOutcome`), so the output does not depend on the number of jobs. Its files are read with
 * the Node loader (no progress bar).
 */
export function serveProjectWorker(port: MessagePort): void {
  // `on`, not `once`: the port keeps the thread alive after its last task, until the pool stops it
  // (a thread that ran out of tasks must not end while the others still work: that means a crash).
  port.on("message", async ({ tasks, taken }: WorkerRequest) => {
    for (let id = takeTask(taken, tasks.length); id !== undefined; id = takeTask(taken, tasks.length)) {
      const outcome = await documentOutcome(tasks[id]!, (path, options) =>
        loadDocumentForVerbs(path, { ...options, dailyTotals: false }),
      );
      port.postMessage({ id, outcome } satisfies WorkerReply);
    }
  });
}
