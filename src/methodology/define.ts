import type * as z from "zod";
import { floorToWholeTonnes } from "../core/rounding.js";
import type { Methodology, MethodologySpec, Warning } from "./types.js";

const ID = /^[A-Z][A-Z0-9_]*$/;
const FAMILY = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

/** The basis that only a methodology's published summary was seen (families.md). */
export const SUMMARY_BASIS = "summary";

/** The standing warning of a module registered at summary level. */
export function summaryBasisWarning(id: string, version: string): Warning {
  return {
    code: "summary-basis",
    message: `equations follow the published summary of ${id} ver${version}; the approved text was not checked`,
  };
}
const REQUIRED_REPORTABLE = ["RE_p", "PE_p", "ER_p"] as const;

/**
 * Checks a methodology spec and returns it as a frozen plain object. Nothing is registered: a
 * module reaches users only through a registry that lists it (`createRegistry`).
 *
 * A draft (no Joint-Committee approval) must have an id starting with `DRAFT_`, and an approved
 * module must not, so a draft can never pass for an approved methodology by its id. A module whose
 * `basis` is `"summary"` gets the standing `summary-basis` warning.
 */
export function defineMethodology<F extends z.ZodType, M extends z.ZodType>(
  spec: MethodologySpec<F, M>,
): Methodology<F, M> {
  const problems: string[] = [];
  if (!ID.test(spec.id)) problems.push(`id "${spec.id}" must be upper-case letters, digits and underscores`);
  if (spec.status === "draft" && !spec.id.startsWith("DRAFT_"))
    problems.push(`draft module id "${spec.id}" must start with DRAFT_`);
  if (spec.status === "approved" && spec.id.startsWith("DRAFT_"))
    problems.push(`approved module id "${spec.id}" must not start with DRAFT_`);
  if (spec.status !== "approved" && spec.status !== "draft") problems.push(`status must be "approved" or "draft"`);
  if (!/^[0-9]+(\.[0-9]+)*$/.test(spec.version))
    problems.push(`version "${spec.version}" must be dotted digits such as "02.0"`);
  if (typeof spec.family !== "string" || !FAMILY.test(spec.family))
    problems.push(`family "${String(spec.family)}" must be lower-case words joined by hyphens, e.g. "solar-pv"`);
  if (typeof spec.basis !== "string" || spec.basis.trim() === "")
    problems.push(`basis must say what the equations rest on, e.g. "summary" or "approved text"`);
  if (!/^[A-Z]{2}$/.test(spec.hostCountry))
    problems.push(`hostCountry "${spec.hostCountry}" must be an ISO 3166 alpha-2 code`);
  for (const symbol of REQUIRED_REPORTABLE) {
    if (!spec.reportable.includes(symbol)) problems.push(`reportable must include ${symbol}`);
  }
  if (new Set(spec.reportable).size !== spec.reportable.length) problems.push("reportable lists a symbol twice");
  if (problems.length > 0) throw new TypeError(`defineMethodology(${spec.id}): ${problems.join("; ")}`);
  const standing = [...(spec.standingWarnings ?? [])];
  if (spec.basis === SUMMARY_BASIS && !standing.some((w) => w.code === "summary-basis"))
    standing.unshift(summaryBasisWarning(spec.id, spec.version));
  return Object.freeze({
    ...spec,
    rounding: spec.rounding ?? floorToWholeTonnes,
    kind: "jcm-mrv/methodology" as const,
    sources: Object.freeze([...spec.sources]),
    reportable: Object.freeze([...spec.reportable]),
    ...(standing.length > 0 && { standingWarnings: Object.freeze(standing.map((w) => Object.freeze({ ...w }))) }),
  }) as Methodology<F, M>;
}
