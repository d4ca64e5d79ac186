import { existsSync, readdirSync, readFileSync } from "node:fs";
import { expect } from "vitest";
import type { CalculationResult } from "../../src/calculate.js";
import { Decimal } from "../../src/core/decimal.js";

/** The shared examples (authoritative) — beside the project in CI and for every developer. */
export const SHARED_EXAMPLES = new URL("../../../shared/examples/", import.meta.url);
export const LOCAL_EXAMPLES = new URL("../../examples/", import.meta.url);

export interface Example {
  name: string;
  text: string;
  expected: Record<string, unknown>;
}

export function loadExamples(dir: URL = existsSync(SHARED_EXAMPLES) ? SHARED_EXAMPLES : LOCAL_EXAMPLES): Example[] {
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
