/**
 * Assertions shared by the fuzz properties: what every result and every validation error must look
 * like, whatever document produced it.
 */
import { expect } from "vitest";
import type { CalculationResult } from "../../src/calculate.js";
import { MrvValidationError } from "../../src/core/errors.js";
import { Exact } from "./arbitraries.js";

/** Canonical decimal string: plain, no exponent, no trailing zeros or point, no "-0". */
export const CANONICAL = /^-?(0|[1-9][0-9]*)(\.[0-9]*[1-9])?$/;

export function expectCanonical(value: unknown, where: string): void {
  expect(typeof value, `${where} is not a string: ${String(value)}`).toBe("string");
  const text = value as string;
  expect(CANONICAL.test(text) && text !== "-0", `${where} is not a canonical decimal: ${JSON.stringify(text.length > 200 ? `${text.slice(0, 200)}…` : text)}`).toBe(true);
}

/** Every numeric field of a result: canonical, exact ER, floor rounding, JSON-stable. */
export function checkResult(result: CalculationResult): void {
  const fields = ["referenceEmissions", "projectEmissions", "emissionReductionsUnrounded", "emissionReductions"] as const;
  for (const f of fields) expectCanonical(result[f], f);
  for (const [symbol, figure] of Object.entries(result.figures)) expectCanonical(figure.value, `figures[${symbol}].value`);
  result.parameters.forEach((p, i) => {
    expectCanonical(p.value, `parameters[${i}] (${p.symbol}).value`);
    if (p.given !== undefined) expectCanonical(p.given.value, `parameters[${i}] (${p.symbol}).given.value`);
  });
  result.trace.forEach((step, i) => {
    expectCanonical(step.value, `trace[${i}] (${step.symbol}).value`);
    for (const [name, input] of Object.entries(step.inputs)) expectCanonical(input, `trace[${i}] (${step.symbol}).inputs[${name}]`);
  });

  const RE = new Exact(result.referenceEmissions);
  const PE = new Exact(result.projectEmissions);
  const ERu = new Exact(result.emissionReductionsUnrounded);
  expect(ERu.eq(RE.minus(PE)), `ER_unrounded ${result.emissionReductionsUnrounded} ≠ RE − PE = ${RE.minus(PE).toFixed()}`).toBe(true);
  const floored = Exact.max(0, ERu.floor());
  expect(new Exact(result.emissionReductions).eq(floored), `ER ${result.emissionReductions} ≠ max(0, ⌊${result.emissionReductionsUnrounded}⌋)`).toBe(true);
  if (ERu.isNegative()) expect(result.warnings.some((w) => w.code === "negative-reductions")).toBe(true);

  // Plain JSON: a round trip changes nothing (no undefined members, no class instances, no -0).
  expect(JSON.parse(JSON.stringify(result))).toStrictEqual(result);
}

/** What `calculate` may throw: only MrvValidationError, with well-formed, JSON-safe issues. */
export function checkValidationError(error: unknown): asserts error is MrvValidationError {
  if (!(error instanceof MrvValidationError)) {
    const e = error as { name?: string; code?: string; message?: string; cause?: unknown };
    const cause = e.cause instanceof Error ? `\ncause: ${e.cause.stack ?? e.cause.message}` : "";
    throw new Error(`calculate threw ${e.name ?? typeof error}${e.code ? ` (code ${e.code})` : ""}, not MrvValidationError: ${e.message ?? String(error)}${cause}`);
  }
  expect(error.issues.length, "an MrvValidationError without issues").toBeGreaterThan(0);
  for (const issue of error.issues) {
    expect(typeof issue.path, JSON.stringify(issue)).toBe("string");
    expect(/undefined|\[object |NaN/.test(issue.path), `suspicious issue path ${issue.path}`).toBe(false);
    expect(typeof issue.code === "string" && issue.code.length > 0, `issue without code: ${JSON.stringify(issue)}`).toBe(true);
    expect(typeof issue.message === "string" && issue.message.length > 0, `issue without message: ${JSON.stringify(issue)}`).toBe(true);
    for (const key of ["symbol", "expected", "found"] as const) {
      if (issue[key] !== undefined) expect(typeof issue[key], `${key} of ${JSON.stringify(issue)}`).toBe("string");
    }
    for (const key of Object.keys(issue)) expect(["path", "symbol", "code", "message", "expected", "found"], `unexpected issue field ${key}`).toContain(key);
    expect(JSON.parse(JSON.stringify(issue))).toStrictEqual({ ...issue });
  }
  expect(typeof error.message).toBe("string");
}

// ---------------------------------------------------------------------------------------------
// Prototype pollution

const PROTOTYPES: [string, object][] = [
  ["Object.prototype", Object.prototype],
  ["Array.prototype", Array.prototype],
  ["Function.prototype", Function.prototype],
  ["String.prototype", String.prototype],
];

export type PrototypeSnapshot = Map<string, string[]>;

export function snapshotPrototypes(): PrototypeSnapshot {
  return new Map(PROTOTYPES.map(([name, proto]) => [name, Reflect.ownKeys(proto).map(String).sort()]));
}

export function expectNoPollution(before: PrototypeSnapshot): void {
  for (const [name, proto] of PROTOTYPES) expect(Reflect.ownKeys(proto).map(String).sort(), `${name} changed`).toEqual(before.get(name));
  const probe = {} as Record<string, unknown>;
  expect(probe.polluted, "({}).polluted").toBeUndefined();
  expect(([] as unknown as Record<string, unknown>).polluted, "[].polluted").toBeUndefined();
  // eslint-disable-next-line guard-for-in
  for (const key in probe) throw new Error(`Object.prototype gained an enumerable key ${key}`);
}
