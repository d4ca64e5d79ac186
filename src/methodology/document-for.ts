import type { MonitoringDocumentFor } from "./types.js";

/**
 * Identity at run time; at compile time it checks a document written in code against the module's
 * schemas, so a misspelt symbol or a wrong value form fails to compile:
 * `calculate(pv, documentFor(pv, { …, fixed: { EF_re: "1" } }))` is a type error.
 */
export function documentFor<M>(module: M, document: MonitoringDocumentFor<M>): MonitoringDocumentFor<M> {
  void module;
  return document;
}
