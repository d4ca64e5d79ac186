/**
 * `jcm-mrv`: exact, traceable JCM emission-reduction calculations. Everything from `jcm-mrv/core`,
 * plus the bundled registry of every shipped methodology as the default of every verb.
 *
 * @packageDocumentation
 * @module jcm-mrv
 */

// Every bundled module by name, `modules` and `registry`: adding a methodology touches nothing here.
export * from "../../methodologies/index.js";
export * from "./core.js";

import { registry as bundled } from "../../methodologies/index.js";
import * as core from "../api/calculate.js";
import type { CalculateOptions, ReportOptions } from "../api/options.js";
import * as project from "../api/project.js";
import * as report from "../api/report.js";
import { type SafeResult, safely } from "../api/safe.js";
import * as verification from "../api/verify.js";
import type { CalculationResult } from "../calculate.js";
import type { Registry } from "../methodology/registry.js";
import type { AnyMethodology } from "../methodology/types.js";
import type { ProjectCalculation } from "../project.js";
import type { Verification } from "../verify.js";

/** The caller's options with the bundled registry as the default. */
function withBundled<O extends CalculateOptions>(options: O): O {
  return options.module || options.registry ? options : { ...options, registry: bundled };
}

/** {@inheritDoc jcm-mrv/core!calculate} */
export function calculate(document: unknown, options?: CalculateOptions): CalculationResult;
/** @deprecated Use `calculate(document, { module })`; this form goes in the next minor version. */
export function calculate(module: AnyMethodology, document: unknown): CalculationResult;
export function calculate(first: unknown, second?: unknown): CalculationResult {
  const [document, options] = core.calculateArguments(first, second);
  return core.calculate(document, withBundled(options));
}

/** {@inheritDoc jcm-mrv/core!safeCalculate} */
export function safeCalculate(document: unknown, options?: CalculateOptions): SafeResult<CalculationResult>;
/** @deprecated Use `safeCalculate(document, { module })`; this form goes in the next minor version. */
export function safeCalculate(module: AnyMethodology, document: unknown): SafeResult<CalculationResult>;
export function safeCalculate(first: unknown, second?: unknown): SafeResult<CalculationResult> {
  return safely(() => {
    const [document, options] = core.calculateArguments(first, second);
    return core.calculate(document, withBundled(options));
  });
}

/** {@inheritDoc jcm-mrv/core!verify} */
export function verify(document: unknown, options?: CalculateOptions): Verification;
/** @deprecated Use `verify(document, { registry })`; this form goes in the next minor version. */
export function verify(document: unknown, registry: Registry): Verification;
export function verify(document: unknown, options?: CalculateOptions | Registry): Verification {
  return verification.verify(document, withBundled(verification.registryOrOptions(options)));
}

/** {@inheritDoc jcm-mrv/core!safeVerify} */
export function safeVerify(document: unknown, options?: CalculateOptions): SafeResult<Verification> {
  return safely(() => verify(document, options));
}

/** {@inheritDoc jcm-mrv/core!calculateProject} */
export function calculateProject(documents: readonly unknown[], options?: CalculateOptions): ProjectCalculation;
/** @deprecated Use `calculateProject(documents, { registry })`; this form goes in the next minor version. */
export function calculateProject(documents: readonly unknown[], registry: Registry): ProjectCalculation;
export function calculateProject(
  documents: readonly unknown[],
  options?: CalculateOptions | Registry,
): ProjectCalculation {
  return project.calculateProject(documents, withBundled(verification.registryOrOptions(options)));
}

/** {@inheritDoc jcm-mrv/core!safeCalculateProject} */
export function safeCalculateProject(
  documents: readonly unknown[],
  options?: CalculateOptions,
): SafeResult<ProjectCalculation> {
  return safely(() => calculateProject(documents, options));
}

/** {@inheritDoc jcm-mrv/core!renderReport} */
export function renderReport(document: unknown, options?: ReportOptions): string {
  return report.renderReport(document, withBundled(verification.registryOrOptions(options)));
}

/** @deprecated Use `calculate(document)` (the bundled registry is the default) or `calculate(document, { registry })`. */
export function calculateDocument(document: unknown, registry: Registry = bundled): CalculationResult {
  return core.calculate(document, { registry });
}
