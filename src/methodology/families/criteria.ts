import * as z from "zod";
import { declarationCriterion, optionCriterion } from "../eligibility.js";
import { parameter, type Quantity } from "../parameters/index.js";
import type { CriterionResult } from "../types.js";

/**
 * Eligibility criteria as data: each names its evidence, and the family evaluates it. Missing
 * evidence is never `met`. A module whose criteria were not seen passes none: its results list none.
 */

/** Evidenced by one boolean declaration: true → met, false → not-met, absent → not-assessed. */
export interface DeclarationCriterion<D extends string = string> {
  id: string;
  text: string;
  kind: "declaration";
  /** The key in `fixed.declarations`. */
  declaration: D;
}

/** Evidenced by a declared whole number that must reach `atLeast` (e.g. periodic checks a year). */
export interface CountCriterion<N extends string = string> {
  id: string;
  text: string;
  kind: "declared-count";
  declaration: N;
  atLeast: number;
}

/** The monitored quantity is metered: met when every entry states option C, not-met when one states A or B. */
export interface MeteredCriterion {
  id: string;
  text: string;
  kind: "metered";
}

export type CommonCriterion = DeclarationCriterion | CountCriterion | MeteredCriterion;

/** Declaration keys of a criteria list, by type. */
export type BooleanDeclarations<C> = C extends { kind: "declaration"; declaration: infer D extends string } ? D : never;
export type CountDeclarations<C> = C extends { kind: "declared-count"; declaration: infer D extends string }
  ? D
  : never;
/** What `fixed.declarations` holds for a criteria list. */
export type DeclarationsOf<C> = { [K in BooleanDeclarations<C>]?: boolean } & { [K in CountDeclarations<C>]?: number };

function declarationsOf(criteria: readonly { kind: string }[]) {
  const out: { key: string; kind: "declaration" | "declared-count" }[] = [];
  for (const c of criteria) {
    if (c.kind !== "declaration" && c.kind !== "declared-count") continue;
    const key = (c as DeclarationCriterion | CountCriterion).declaration;
    if (!out.some((d) => d.key === key)) out.push({ key, kind: c.kind });
  }
  return out;
}

/** Refuses criteria with a repeated id or a declaration used as both a boolean and a count. */
export function checkCriteria(factory: string, id: string, criteria: readonly { id: string; kind: string }[]): void {
  const ids = criteria.map((c) => c.id);
  const repeated = ids.filter((c, i) => ids.indexOf(c) !== i);
  const problems = repeated.length > 0 ? [`criteria repeat the id ${repeated.map((r) => `"${r}"`).join(", ")}`] : [];
  for (const d of declarationsOf(criteria)) {
    const kinds = new Set(
      criteria
        .filter((c) => (c as { declaration?: string }).declaration === d.key)
        .map((c) => c.kind)
        .filter((k) => k === "declaration" || k === "declared-count"),
    );
    if (kinds.size > 1) problems.push(`declaration "${d.key}" is both a boolean and a count`);
  }
  if (problems.length > 0) throw new TypeError(`${factory}(${id}): ${problems.join("; ")}`);
}

/** `fixed.declarations` for the criteria that need one (undefined when none does). */
export function declarationsSchema(criteria: readonly { kind: string }[]) {
  const keys = declarationsOf(criteria);
  if (keys.length === 0) return undefined;
  const shape = Object.fromEntries(
    keys.map((d) => [d.key, d.kind === "declaration" ? z.boolean().optional() : z.number().int().min(0).optional()]),
  );
  const allBoolean = keys.every((d) => d.kind === "declaration");
  const list = allBoolean
    ? `${keys.map((d) => d.key).join(", ")} (${keys.length === 1 ? "boolean, optional" : "booleans, each optional"})`
    : `${keys.map((d) => `${d.key} (${d.kind === "declaration" ? "boolean" : "whole number ≥ 0"})`).join(", ")}, ${keys.length === 1 ? "optional" : "each optional"}`;
  return parameter(z.strictObject(shape).optional(), {
    symbol: "declarations",
    description: `Eligibility evidence: ${list}`,
  });
}

/** Evaluates one of the common criteria (the family evaluates its own kinds). */
export function commonCriterion(
  c: CommonCriterion,
  declarations: Readonly<Record<string, boolean | number | undefined>> | undefined,
  metered: { entries: readonly Quantity[]; symbol: string },
): CriterionResult {
  if (c.kind === "metered") return optionCriterion(c.id, c.text, metered.entries, metered.symbol);
  const evidence = `declarations.${c.declaration}`;
  const value = declarations?.[c.declaration];
  if (c.kind === "declaration") return declarationCriterion(c.id, c.text, value as boolean | undefined, evidence);
  if (value === undefined) return { id: c.id, text: c.text, result: "not-assessed", reason: `${evidence} not given` };
  return {
    id: c.id,
    text: c.text,
    result: (value as number) >= c.atLeast ? "met" : "not-met",
    reason: `${evidence} is ${value}`,
  };
}

/** The card's line for one common criterion. */
export function commonCriterionLine(c: CommonCriterion, meteredSymbol: string): string {
  if (c.kind === "metered")
    return `${c.id}. ${c.text} — \`met\` when every \`${meteredSymbol}\` entry states option \`C\`; \`not-met\` when one states \`A\` or \`B\`; otherwise \`not-assessed\`.`;
  return `${c.id}. ${c.text} — \`declarations.${c.declaration}\`${c.kind === "declared-count" ? ` (at least ${c.atLeast})` : ""}.`;
}

/** The card's eligibility section: the module's line before the list, the list, how evidence counts. */
export function eligibilityText(
  preamble: string | undefined,
  lines: readonly string[],
  footer: readonly string[],
): string {
  if (lines.length === 0)
    return [
      preamble ??
        "The eligibility criteria of the approved methodology were not seen (only its published summary was): the module assesses none, and results list none. Check them against the approved text and the registered PDD.",
    ].join("\n");
  return [...(preamble ? [preamble] : []), ...lines, ...footer].join("\n");
}
