import { listIds } from "../core/display.js";
import type { MonitoringOption } from "./parameters/index.js";
import type { CriterionOutcome, CriterionResult } from "./types.js";

/**
 * Building blocks for eligibility criteria. Missing evidence is never `met`: it is `not-assessed`.
 */

/** A criterion evidenced by one declaration: true → met, false → not-met, absent → not-assessed. */
export function declarationCriterion(
  id: string,
  text: string,
  declared: boolean | undefined,
  evidence: string,
): CriterionResult {
  if (declared === true) return { id, text, result: "met", reason: `${evidence} is true` };
  if (declared === false) return { id, text, result: "not-met", reason: `${evidence} is false` };
  return { id, text, result: "not-assessed", reason: `${evidence} not given` };
}

/** Metering criterion: met when every entry states option C, not-met when any states A or B. */
export function optionCriterion(
  id: string,
  text: string,
  entries: readonly { option?: MonitoringOption; id?: string }[],
  symbol: string,
): CriterionResult {
  const label = (e: { id?: string }) => (e.id === undefined ? symbol : `${symbol}[${e.id}]`);
  const notMetered = entries.filter((e) => e.option === "A" || e.option === "B");
  if (notMetered.length > 0)
    return {
      id,
      text,
      result: "not-met",
      reason: listIds(notMetered, "; ", (e) => `${label(e)} states option ${e.option}`),
    };
  const unstated = entries.filter((e) => e.option === undefined);
  if (entries.length === 0 || unstated.length > 0)
    return {
      id,
      text,
      result: "not-assessed",
      reason:
        entries.length === 0
          ? `no ${symbol} given`
          : `no monitoring option stated for ${listIds(unstated, ", ", label)}`,
    };
  return { id, text, result: "met", reason: `every ${symbol} entry states option C` };
}

/**
 * One piece of per-equipment evidence: the outcome for that equipment and why. The reason may be a
 * function: a criterion's reason shows 20 equipment, so 100,000 boilers need only 20 reasons written.
 */
export interface EquipmentEvidence {
  id: string;
  result: CriterionOutcome;
  reason: string | (() => string);
}

/** Per-equipment reasons for a criterion's reason: the first 20, then how many more (trust.md §3). */
function reasons(evidence: readonly EquipmentEvidence[]): string {
  return listIds(evidence, "; ", (e) => `${e.id}: ${typeof e.reason === "function" ? e.reason() : e.reason}`);
}

/**
 * Combines per-equipment evidence: met only when every equipment meets it, not-met when any
 * fails, not-assessed otherwise.
 */
export function everyEquipment(id: string, text: string, evidence: readonly EquipmentEvidence[]): CriterionResult {
  const failed = evidence.filter((e) => e.result === "not-met");
  if (failed.length > 0) return { id, text, result: "not-met", reason: reasons(failed) };
  const open = evidence.filter((e) => e.result === "not-assessed");
  if (open.length > 0 || evidence.length === 0)
    return {
      id,
      text,
      result: "not-assessed",
      reason: reasons(open) || "no equipment",
    };
  return { id, text, result: "met", reason: reasons(evidence) };
}

/** Combines several criteria's worth of declarations: all true → met, any false → not-met. */
export function allDeclared(
  id: string,
  text: string,
  declarations: readonly [string, boolean | undefined][],
): CriterionResult {
  const falses = declarations.filter(([, v]) => v === false).map(([k]) => k);
  if (falses.length > 0)
    return { id, text, result: "not-met", reason: `${falses.join(", ")} ${falses.length === 1 ? "is" : "are"} false` };
  const missing = declarations.filter(([, v]) => v === undefined).map(([k]) => k);
  if (missing.length > 0) return { id, text, result: "not-assessed", reason: `${missing.join(", ")} not given` };
  return {
    id,
    text,
    result: "met",
    reason: `${declarations.map(([k]) => k).join(", ")} ${declarations.length === 1 ? "is" : "are"} true`,
  };
}
