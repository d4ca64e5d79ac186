import { existsSync, readdirSync, readFileSync } from "node:fs";
import { expect } from "vitest";
import type { CalculationResult } from "../../src/calculate.js";
import { Decimal } from "../../src/core/decimal.js";

/**
 * The project's own examples: every test reads these, so a fresh clone tests itself. They hold every
 * file of the shared reference set unchanged (examples.test.ts compares them when `../shared` exists).
 */
export const LOCAL_EXAMPLES = new URL("../../examples/", import.meta.url);
/** The shared reference set beside the project (developers' machines and CI; absent in a plain clone). */
export const SHARED_EXAMPLES = new URL("../../../shared/examples/", import.meta.url);
export const HAS_SHARED_EXAMPLES = existsSync(SHARED_EXAMPLES);

export interface Example {
  name: string;
  text: string;
  expected: Record<string, unknown>;
}

export function loadExamples(dir: URL = LOCAL_EXAMPLES): Example[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith(".json") && !f.endsWith(".expected.json"))
    .sort()
    .map((f) => ({
      name: f.replace(/\.json$/, ""),
      text: readFileSync(new URL(f, dir), "utf8"),
      expected: JSON.parse(readFileSync(new URL(f.replace(/\.json$/, ".expected.json"), dir), "utf8")) as Record<
        string,
        unknown
      >,
    }));
}

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
const offsetOf = (text: string) => {
  const zone = text.slice(-6);
  return text.endsWith("Z") || zone === "+00:00" || zone === "-00:00" ? "+00:00" : zone;
};

const FIELDS = ["referenceEmissions", "projectEmissions", "emissionReductionsUnrounded", "emissionReductions"] as const;

/** Checks a result against an `.expected.json` exactly as shared/README.md defines the fields. */
export function expectMatches(result: CalculationResult, expected: Record<string, unknown>): void {
  let checked = 0;
  for (const [key, value] of Object.entries(expected)) {
    checked += 1;
    if ((FIELDS as readonly string[]).includes(key)) {
      const actual = result[key as (typeof FIELDS)[number]];
      expect(new Decimal(actual).eq(value as string), `${key}: ${actual} vs expected ${String(value)}`).toBe(true);
    } else if (key.endsWith("StartsWith")) {
      const field = key.slice(0, -"StartsWith".length) as (typeof FIELDS)[number];
      expect(
        result[field].startsWith(value as string),
        `${field}: ${result[field]} should start with ${String(value)}`,
      ).toBe(true);
    } else if (key.includes(".")) {
      // A nested field; ISO date-times compare as the same instant written with the same offset.
      const actual = key.split(".").reduce<unknown>((node, part) => (node as Record<string, unknown>)?.[part], result);
      if (typeof value === "string" && DATE_TIME.test(value) && typeof actual === "string") {
        expect(Date.parse(actual), `${key}: ${actual} vs expected ${value}`).toBe(Date.parse(value));
        expect(offsetOf(actual), `${key}: ${actual} vs expected ${value}`).toBe(offsetOf(value));
      } else expect(actual, key).toEqual(value);
    } else if (key === "status") {
      expect(result.methodology.status).toBe(value);
    } else if (key === "warnings") {
      expect(result.warnings, JSON.stringify(result.warnings)).toHaveLength((value as unknown[]).length);
    } else if (key === "warningsMention") {
      for (const needle of value as string[]) {
        const hit = result.warnings.some(
          (w) => w.message.includes(needle) || (w.symbol ?? "").includes(needle) || (w.path ?? "").includes(needle),
        );
        expect(hit, `no warning mentions "${needle}": ${JSON.stringify(result.warnings)}`).toBe(true);
      }
    } else {
      throw new Error(`unknown expectation key ${key}`);
    }
  }
  expect(checked).toBeGreaterThan(0);
}
