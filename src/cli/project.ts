import { registry } from "../../methodologies/index.js";
import { calculateDetailed } from "../api/calculate.js";
import type { CalculationResult, DetailedCalculation } from "../calculate.js";
import { listIds } from "../core/display.js";
import { type Issue, issueList, MrvError, MrvValidationError, TOO_MANY_ISSUES } from "../core/errors.js";
import { Exact } from "../core/exact.js";
import { HandedOverDocument } from "../document/handed-over-document.js";
import type { CsvFileContent } from "../methodology/csv-files.js";
import { isLoadedDocument, nodeSha256 } from "../node/load.js";
import { type ProjectCalculation, type ProjectEntry, projectIssues, projectOf } from "../project.js";

/**
 * A project run of the CLI: several documents, periods of one project. Each document is read (with
 * the CSV files it names, under its own folder or `--data-root`) and calculated on its own — in this
 * thread, or on worker threads with `--jobs N` (the same function runs there: `src/cli/worker.ts`) —
 * then the periods are checked together (one methodology and project, no overlap: O(n log n),
 * trust.md §6) and totalled from the exact figures. The output does not depend on `--jobs`.
 */

/** Reads a document: what {@link CliIo.loadDocument} does (JSON text, or a document with its CSV files). */
export type LoadDocument = (path: string, options: { root?: string }) => Promise<unknown>;

/** One document of a project run, as a worker receives it. */
export interface DocumentTask {
  index: number;
  /** A file path (JSON or .xlsx), or `-` for stdin (read by the main thread only). */
  path: string;
  dataRoot?: string | undefined;
  tzdata?: string | undefined;
}

/** An exact value as it crosses to another thread (bigints survive structured cloning; classes do not). */
type Fraction = { n: bigint; d: bigint };

/** What one document gave: its result and exact figures, its problems, or a fault (a bug, a missing dependency). */
export type DocumentOutcome =
  | {
      ok: true;
      result: CalculationResult;
      exact: { RE_p: Fraction; PE_p: Fraction; unrounded: Fraction; ER_p: Fraction };
      entry: ProjectEntry;
    }
  | { ok: false; issues: Issue[] }
  | { ok: false; fault: { message: string; code: string } };

/** Contents of a document's CSV files, as the verbs take them. */
export type Files = Readonly<Record<string, CsvFileContent>>;

/** The document and the contents of the CSV files it names, ready for the verbs. */
export async function readDocument(
  load: LoadDocument,
  path: string,
  dataRoot: string | undefined,
): Promise<{ document: unknown; files?: Files }> {
  try {
    const loaded = await load(path, dataRoot === undefined ? {} : { root: dataRoot });
    // The document goes to the verb in a box it empties: no frame up here keeps a 40 MB string, or the
    // loader's tree beside the verb's snapshot of it, alive through the calculation.
    if (isLoadedDocument(loaded)) return { document: new HandedOverDocument(loaded.document), files: loaded.files };
    return { document: new HandedOverDocument(loaded) };
  } catch (error) {
    if (error instanceof MrvValidationError) throw error;
    const code = (error as { code?: string }).code;
    throw new MrvValidationError([
      {
        path: "",
        code: "unreadable-file",
        message: `cannot read ${path === "-" ? "stdin" : path}${typeof code === "string" ? ` (${code})` : ""}`,
        found: path,
      },
    ]);
  }
}

const isWorkbook = (path: string) => /\.xlsx$/i.test(path);

async function detailed(task: DocumentTask, load: LoadDocument): Promise<DetailedCalculation> {
  const options = { registry, sha256: nodeSha256, ...(task.tzdata !== undefined && { tzdata: task.tzdata }) };
  if (isWorkbook(task.path)) {
    const wb = await import("./workbook.js");
    return wb.calculateWorkbook(await wb.loadWorkbook(task.path, task.dataRoot), (document, files) =>
      calculateDetailed(document, { ...options, files }),
    );
  }
  const { document, files } = await readDocument(load, task.path, task.dataRoot);
  return calculateDetailed(document, { ...options, ...(files && { files }) });
}

const fraction = (x: Exact): Fraction => ({ n: x.numerator, d: x.denominator });

/** Reads and calculates one document of a project run; never rejects. */
export async function documentOutcome(task: DocumentTask, load: LoadDocument): Promise<DocumentOutcome> {
  try {
    const d = await detailed(task, load);
    const { document, period } = d.parsed;
    return {
      ok: true,
      result: d.result,
      exact: {
        RE_p: fraction(d.exact.RE_p),
        PE_p: fraction(d.exact.PE_p),
        unrounded: fraction(d.exact.unrounded),
        ER_p: fraction(d.exact.ER_p),
      },
      entry: {
        document: {
          methodology: { id: document.methodology.id, version: document.methodology.version },
          ...(document.project && {
            project: document.project.reference === undefined ? {} : { reference: document.project.reference },
          }),
        },
        period: {
          start: period.start,
          end: period.end,
          startInstant: period.startInstant,
          endInstant: period.endInstant,
        },
      },
    };
  } catch (error) {
    if (error instanceof MrvValidationError) return { ok: false, issues: [...error.issues] };
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, fault: { message, code: error instanceof MrvError ? error.code : "internal" } };
  }
}

/**
 * Runs documents' tasks on `jobs` threads and gives their outcomes in task order (worker threads:
 * `src/cli/pool.ts`); `here` runs a task in this thread, which works too.
 */
export type RunDocuments = (
  tasks: readonly DocumentTask[],
  jobs: number,
  here: (task: DocumentTask) => Promise<DocumentOutcome>,
) => Promise<DocumentOutcome[]>;

/** Most documents one project run takes (as `calculateProject`). */
const MAX_DOCUMENTS = 100_000;

/**
 * The project calculation of `paths` (in the order given): every document's problems first (paths
 * `documents[i]…`), then the project's (methodology, project, overlapping periods), else the periods
 * in order of start and their exact totals.
 */
export async function projectRun(
  paths: readonly string[],
  options: { dataRoot?: string | undefined; tzdata?: string | undefined; jobs: number },
  load: LoadDocument,
  runDocuments?: RunDocuments,
): Promise<{ project: ProjectCalculation; sources: string[] }> {
  if (paths.length > MAX_DOCUMENTS)
    throw new MrvValidationError([
      {
        path: "",
        code: "too-many-entries",
        message: `more than ${MAX_DOCUMENTS} documents in one project`,
        found: String(paths.length),
      },
    ]);
  const tasks: DocumentTask[] = paths.map((path, index) => ({
    index,
    path,
    ...(options.dataRoot !== undefined && { dataRoot: options.dataRoot }),
    ...(options.tzdata !== undefined && { tzdata: options.tzdata }),
  }));
  const outcomes: DocumentOutcome[] = new Array(tasks.length);
  // Standard input is this process's: its document is read here, the others may go to workers.
  const here = tasks.filter((t) => t.path === "-" || runDocuments === undefined || options.jobs <= 1);
  const there = tasks.filter((t) => !here.includes(t));
  for (const task of here) outcomes[task.index] = await documentOutcome(task, load);
  if (there.length > 0) {
    const done = await runDocuments!(there, options.jobs, (task) => documentOutcome(task, load));
    there.forEach((task, i) => {
      outcomes[task.index] = done[i]!;
    });
  }

  const issues: Issue[] = issueList();
  for (let i = 0; i < outcomes.length; i++) {
    const outcome = outcomes[i]!;
    if (outcome.ok) continue;
    if ("fault" in outcome) throw new MrvError(outcome.fault.message, outcome.fault.code);
    for (const issue of outcome.issues)
      issues.push(
        issue.code === TOO_MANY_ISSUES
          ? issue
          : { ...issue, path: `documents[${i}]${issue.path ? `.${issue.path}` : ""}` },
      );
  }
  if (issues.length > 0) throw new MrvValidationError(issues);
  const done = outcomes as Extract<DocumentOutcome, { ok: true }>[];
  const checks = projectIssues(done.map((o) => o.entry));
  if (checks.length > 0) throw new MrvValidationError(checks);

  const order = done
    .map((_, i) => i)
    .sort((a, b) => done[a]!.entry.period.startInstant - done[b]!.entry.period.startInstant);
  // The parts of each document's own Exact (cloned from a worker thread): already in lowest terms.
  const exact = (f: Fraction) => Exact.ofOwnParts(f.n, f.d);
  const project = projectOf(
    order.map((i) => done[i]!.result),
    order.map((i) => {
      const e = done[i]!.exact;
      return { RE_p: exact(e.RE_p), PE_p: exact(e.PE_p), unrounded: exact(e.unrounded), ER_p: exact(e.ER_p) };
    }),
    done[0]!.result.project,
  );
  return { project, sources: order.map((i) => paths[i]!) };
}

/** "documents[2] is b.json" for the documents the issues name (at most 20 listed). */
export function documentLegend(paths: readonly string[], issues: readonly Issue[]): string {
  const named = new Set<number>();
  for (const issue of issues) {
    const m = /^documents\[(\d+)\]/.exec(issue.path);
    if (m) named.add(Number(m[1]));
  }
  if (named.size === 0) return "";
  const list = [...named]
    .sort((a, b) => a - b)
    .map((i) => `documents[${i}] is ${paths[i] === "-" ? "stdin" : paths[i]}`);
  return listIds(list, "; ", (s) => s);
}
