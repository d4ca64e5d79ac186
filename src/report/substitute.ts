import type { TraceStep } from "../core/trace.js";

/**
 * The expression of a trace step with each input symbol replaced by its value:
 * `EG_p × EF_RE` → `14182 × 0.797`. Longest symbols first, so `EC_PJ,i,p[A]` is not split.
 */
export function substitute(step: Pick<TraceStep, "expression" | "inputs">): string {
  const symbols = Object.keys(step.inputs).sort((a, b) => b.length - a.length);
  if (symbols.length === 0) return step.expression;
  const escaped = symbols.map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  // A symbol is a token: not preceded or followed by a character that continues a symbol.
  const pattern = new RegExp(`(?<![\\w,\\-\\]])(${escaped.join("|")})(?![\\w,\\[])`, "gu");
  return step.expression.replace(pattern, (match) => step.inputs[match] ?? match);
}
