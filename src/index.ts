/**
 * jcm-mrv: exact, traceable JCM emission-reduction calculations.
 * Everything from `jcm-mrv/core`, plus the bundled registry of every shipped methodology.
 */
export * from "./core.js";
export { registry, modules } from "../methodologies/index.js";
export { mnAm002HeatOnlyBoiler, mnAm003SolarPv } from "../methodologies/index.js";

import { calculateDocumentWith } from "./calculate.js";
import type { CalculationResult } from "./calculate.js";
import type { Registry } from "./methodology/registry.js";
import { registry as bundled } from "../methodologies/index.js";

/** Looks the document's methodology up (default: the bundled registry) and calculates. */
export function calculateDocument(document: unknown, registry: Registry = bundled): CalculationResult {
  return calculateDocumentWith(registry, document);
}
