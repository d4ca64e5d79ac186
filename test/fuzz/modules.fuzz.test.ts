/**
 * Fuzzing every module in the bundled registry (a new module is picked up automatically, from its
 * shared example(s)): valid documents must calculate to canonical, exact, JSON-stable results;
 * corrupted documents may only be refused with a well-formed MrvValidationError; nothing may
 * pollute a prototype. fast-check prints the seed and the shrunk counterexample on failure; replay
 * one with `{ seed, path }` passed to fc.assert.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { registry } from "../../methodologies/index.js";
import { calculateForWriting } from "../../src/api/calculate.js";
import type { CalculationResult } from "../../src/calculate.js";
import { jsonText } from "../../src/cli/run.js";
import type { MrvValidationError } from "../../src/core/errors.js";
import { calculate, safeCalculate } from "../../src/entries/core.js";
import { renderText } from "../../src/report/text.js";
import {
  ADJUSTERS,
  corruptedDocumentArb,
  type GeneratedDoc,
  inputOf,
  isObject,
  modelOf,
  validDocumentArb,
} from "./arbitraries.js";
import {
  checkParameters,
  checkResult,
  checkValidationError,
  expectNoPollution,
  pathProblem,
  snapshotPrototypes,
  UNSAFE_TEXT,
} from "./checks.js";

/** Runs per module and property; CI may raise it (never below 1,000). */
const RUNS = Math.max(1000, Number(process.env.JCM_FUZZ_RUNS ?? 0) || 0);
const TIMEOUT = 120_000;

function describeIssues(error: MrvValidationError): string {
  return error.issues.map((i) => `${i.path} [${i.code}] ${i.message}`).join("\n");
}

/** Problems only the JSON text reader finds (it stops at the first too-deep nesting). */
const TEXT_LEVEL = / (too-deep|duplicate-key|malformed-json|number-out-of-range|too-large)$/;

/** Success, or the sorted `path code` pairs of the refusal. */
function outcome(
  module: (typeof registry.modules)[number],
  input: unknown,
): { ok: true; result: CalculationResult } | { ok: false; issues: string[] } {
  try {
    return { ok: true, result: calculate(module, input) };
  } catch (error) {
    checkValidationError(error, input);
    return { ok: false, issues: error.issues.map((i) => `${i.path} ${i.code}`).sort() };
  }
}

/** The document data an input stands for (undefined for text that is not JSON). */
function dataOf(input: unknown): unknown {
  if (typeof input !== "string") return input;
  try {
    return JSON.parse(input.replace(/^\ufeff/, ""));
  } catch {
    return undefined;
  }
}

function checkSeriesTotals(result: CalculationResult, g: GeneratedDoc): void {
  for (const s of g.series) {
    const p = result.parameters.find((x) => x.path === s.path);
    expect(p, `no result parameter at ${s.path}`).toBeDefined();
    expect(p!.given, `series at ${s.path} has no given total`).toBeDefined();
    expect(p!.given!.unit).toBe(s.unit);
    expect(p!.given!.value, `series total at ${s.path}`).toBe(s.total);
  }
}

for (const module of registry.modules) {
  describe(`fuzz ${module.id} ${module.version}`, () => {
    const model = modelOf(module);
    const hasAdjuster = Object.hasOwn(ADJUSTERS, module.id);

    it("has a shared example to start from", () => {
      expect(
        model.examples.length,
        `add an example for ${module.id} ${module.version} to shared/examples`,
      ).toBeGreaterThan(0);
    });

    it(
      `valid documents (${RUNS} runs): exact, canonical, JSON-stable results`,
      () => {
        const prototypes = snapshotPrototypes();
        fc.assert(
          fc.property(validDocumentArb(model), (g) => {
            const input = inputOf(g);
            const before = JSON.stringify(g.doc);
            let result: CalculationResult;
            try {
              result = calculate(module, input);
            } catch (error) {
              checkValidationError(error, g.doc);
              if (!hasAdjuster) {
                // A module without cross-field knowledge here: skip documents its own `validate`
                // refuses, but never ones its schemas refuse.
                const fixed = module.fixedSchema.safeParse(isObject(g.doc.fixed) ? g.doc.fixed : {});
                const monitored = module.monitoredSchema.safeParse(isObject(g.doc.monitored) ? g.doc.monitored : {});
                fc.pre(!(fixed.success && monitored.success));
              }
              throw new Error(`a valid document was refused:\n${describeIssues(error)}`);
            }
            expectNoPollution(prototypes);
            expect(JSON.stringify(g.doc), "calculate changed its input").toBe(before);
            checkResult(result);
            checkParameters(result, g.doc);
            checkSeriesTotals(result, g);
            // Whatever text the document carried, the terminal rendering shows none of it raw.
            const lines = renderText(result).split("\n");
            expect(
              lines.filter((line) => UNSAFE_TEXT.test(line)),
              "raw unsafe characters in renderText",
            ).toEqual([]);
            // The same document as data or as text gives the same result; safeCalculate agrees.
            const other = calculate(module, g.asText ? g.doc : JSON.stringify(g.doc));
            expect(other).toStrictEqual(result);
            const safe = safeCalculate(module, input);
            expect(safe.success).toBe(true);
            if (safe.success) expect(safe.result).toStrictEqual(result);
            // The CLI's JSON, written while a second pass makes the trace, is the same text.
            expect(jsonText(calculateForWriting(input, { module }))).toBe(jsonText(result));
            expectNoPollution(prototypes);
          }),
          { numRuns: RUNS },
        );
      },
      TIMEOUT,
    );

    it(
      `corrupted documents (${RUNS} runs): only MrvValidationError with well-formed issues`,
      () => {
        const prototypes = snapshotPrototypes();
        fc.assert(
          fc.property(corruptedDocumentArb(model), (c) => {
            let result: CalculationResult | undefined;
            let issues: string[] = [];
            try {
              result = calculate(module, c.input);
            } catch (error) {
              checkValidationError(error, c.input);
              issues = error.issues.map((i) => `${i.path} ${i.code}`).sort();
              // Every issue names a place in the document (or where a missing key belongs).
              const data = dataOf(c.input);
              if (data !== undefined) {
                for (const issue of error.issues) {
                  const problem = pathProblem(issue.path, data);
                  if (problem) throw new Error(`${problem} (issue ${JSON.stringify(issue)})`);
                }
              }
            }
            expectNoPollution(prototypes);
            // The same data as JSON text is judged the same way.
            if (c.mode === "object" && !c.mutations.some((m) => m.startsWith("non-json"))) {
              let text: string | undefined;
              try {
                text = JSON.stringify(c.input);
              } catch {
                text = undefined;
              }
              if (text !== undefined) {
                const viaText = outcome(module, text);
                expect(
                  viaText.ok,
                  `as data: ${result ? "accepted" : "refused"}; as text: ${viaText.ok ? "accepted" : "refused"}`,
                ).toBe(result !== undefined);
                if (viaText.ok) expect(viaText.result).toStrictEqual(result);
                // The text reader stops at a too-deep nesting; otherwise the same issues.
                else if (!viaText.issues.some((i) => TEXT_LEVEL.test(i))) expect(viaText.issues).toEqual(issues);
              }
            }
            // A mutation may leave the document valid (e.g. an optional key deleted), but not one
            // that certainly breaks it.
            if (result !== undefined) {
              if (c.mustReject) throw new Error(`an invalid document was accepted (${c.mutations.join("; ")})`);
              checkResult(result);
            }
            let safe: ReturnType<typeof safeCalculate> | undefined;
            expect(() => {
              safe = safeCalculate(module, c.input);
            }).not.toThrow();
            expect(safe!.success).toBe(result !== undefined);
            expectNoPollution(prototypes);
          }),
          { numRuns: RUNS },
        );
      },
      TIMEOUT,
    );
  });
}
