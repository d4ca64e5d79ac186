import type { MessagePort } from "node:worker_threads";
import { loadDocumentForVerbs } from "../node/load.js";
import type { WorkerReply, WorkerRequest } from "./pool.js";
import { documentOutcome } from "./project.js";

/**
 * A worker thread of `--jobs N` (`src/cli/pool.ts`): reads and calculates the documents it is sent,
 * one at a time, with the same function as the main thread (`documentOutcome`), so the output does
 * not depend on the number of jobs. Its files are read with the Node loader (no progress bar).
 */
export function serveProjectWorker(port: MessagePort): void {
  port.on("message", async ({ id, task }: WorkerRequest) => {
    const outcome = await documentOutcome(task, (path, options) => loadDocumentForVerbs(path, options));
    port.postMessage({ id, outcome } satisfies WorkerReply);
  });
}
