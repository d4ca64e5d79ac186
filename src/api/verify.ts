import { type Checkpoint, calculateParsedDetailedForWriting, guard } from "../calculate.js";
import { parseDocument } from "../document/parse.js";
import type { Registry } from "../methodology/registry.js";
import { type StreamedVerification, type Verification, verifyCalculation } from "../verify.js";
import { calculateDetailed, optionsOf } from "./calculate.js";
import { type CalculateOptions, isRegistry, moduleFor } from "./options.js";
import { type SafeResult, safely } from "./safe.js";

/** `verify(document, registry)` (deprecated) told apart from `verify(document, options)`. */
export function registryOrOptions(value: unknown): CalculateOptions {
  return isRegistry(value) ? { registry: value } : optionsOf(value);
}

/**
 * Recomputes a document and compares each figure of its `reported` block (architecture §7): a
 * figure matches when the exact recomputed value, rounded half away from zero to the reported
 * decimal places, equals it; ER_p is compared after the module's rounding. Every mismatch is listed.
 *
 * @throws {MrvValidationError} for an invalid document, or one without `reported` figures.
 */
export function verify(document: unknown, options?: CalculateOptions): Verification;
/** @deprecated Use `verify(document, { registry })`; this form goes in the next minor version. */
export function verify(document: unknown, registry: Registry): Verification;
export function verify(document: unknown, options?: CalculateOptions | Registry): Verification {
  return guard(() => verifyCalculation(calculateDetailed(document, registryOrOptions(options))));
}

/**
 * Internal (the CLI's `verify`): {@link verify}'s verification with the result's `parameters` and
 * `trace` made while they are written, so the result of 100,000 boilers never exists whole
 * (`checkpoint`: called between the calculation's phases, where the CLI checks its memory).
 */
export function verifyForWriting(
  document: unknown,
  options: CalculateOptions,
  checkpoint?: Checkpoint,
): StreamedVerification {
  return guard(() => {
    const parsed = parseDocument(document, options);
    return verifyCalculation(
      calculateParsedDetailedForWriting(moduleFor(parsed, options), parsed, options, checkpoint),
    );
  });
}

/** Like {@link verify}, but never throws. */
export function safeVerify(document: unknown, options?: CalculateOptions): SafeResult<Verification> {
  return safely(() => verify(document, options));
}
