import { expect } from "vitest";
import type { CalculationResult } from "../../src/calculate.js";
import type { TraceStep } from "../../src/core/trace.js";
import { dec, eq, type Frac, floor, parseFraction, print, sub, terminates } from "./fraction.js";

/** The exact value of a trace step: its `exact` n/d when it does not terminate, else its value. */
export function stepValue(step: TraceStep): Frac {
  return step.exact === undefined ? dec(step.value) : parseFraction(step.exact);
}

/** The last trace step recording `symbol`. */
export function lastStep(result: CalculationResult, symbol: string): TraceStep {
  for (let i = result.trace.length - 1; i >= 0; i--) if (result.trace[i]!.symbol === symbol) return result.trace[i]!;
  throw new Error(`no trace step ${symbol}`);
}

/** Exact RE_p, PE_p and RE_p − PE_p of a result, read back from its trace (independently of the library). */
export function exactOf(result: CalculationResult): { RE: Frac; PE: Frac; ER: Frac } {
  const er = result.trace[result.trace.length - 2]!;
  expect(er.symbol).toBe("ER_p");
  return { RE: stepValue(lastStep(result, "RE_p")), PE: stepValue(lastStep(result, "PE_p")), ER: stepValue(er) };
}

/**
 * What every result must satisfy (architecture §5): RE_p − PE_p exactly equals the unrounded ER_p;
 * each figure prints its exact value by the rule; `exact` appears exactly on non-terminating
 * steps; ER_p = max(0, ⌊RE_p − PE_p⌋) of the exact value.
 */
export function expectExactResult(result: CalculationResult): { RE: Frac; PE: Frac; ER: Frac } {
  const { RE, PE, ER } = exactOf(result);
  expect(eq(ER, sub(RE, PE)), `ER ${print(ER)} ≠ RE − PE`).toBe(true);
  expect(result.referenceEmissions).toBe(print(RE));
  expect(result.projectEmissions).toBe(print(PE));
  expect(result.emissionReductionsUnrounded).toBe(print(ER));
  const floored = floor(ER);
  expect(result.emissionReductions).toBe((floored < 0n ? 0n : floored).toString());
  for (const step of result.trace) {
    const value = stepValue(step);
    expect(step.value, `trace ${step.symbol}`).toBe(print(value));
    expect(step.exact === undefined, `trace ${step.symbol} carries exact only when it does not terminate`).toBe(
      terminates(value),
    );
  }
  return { RE, PE, ER };
}
