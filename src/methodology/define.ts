import type * as z from "zod";
import { floorToWholeTonnes } from "../core/rounding.js";
import type { Methodology, MethodologySpec } from "./types.js";

const ID = /^[A-Z][A-Z0-9_]*$/;
const REQUIRED_REPORTABLE = ["RE_p", "PE_p", "ER_p"] as const;

/**
 * Checks a methodology spec and returns it as a frozen plain object. Nothing is registered: a
 * module reaches users only through a registry that lists it (`createRegistry`).
 *
 * A draft (no Joint-Committee approval) must have an id starting with `DRAFT_`, and an approved
 * module must not, so a draft can never pass for an approved methodology by its id.
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
  if (!/^[A-Z]{2}$/.test(spec.hostCountry))
    problems.push(`hostCountry "${spec.hostCountry}" must be an ISO 3166 alpha-2 code`);
  for (const symbol of REQUIRED_REPORTABLE) {
    if (!spec.reportable.includes(symbol)) problems.push(`reportable must include ${symbol}`);
  }
  if (new Set(spec.reportable).size !== spec.reportable.length) problems.push("reportable lists a symbol twice");
  if (problems.length > 0) throw new TypeError(`defineMethodology(${spec.id}): ${problems.join("; ")}`);
  return Object.freeze({
    ...spec,
    rounding: spec.rounding ?? floorToWholeTonnes,
    kind: "jcm-mrv/methodology" as const,
    sources: Object.freeze([...spec.sources]),
    reportable: Object.freeze([...spec.reportable]),
    ...(spec.standingWarnings && { standingWarnings: Object.freeze([...spec.standingWarnings]) }),
  }) as Methodology<F, M>;
}
