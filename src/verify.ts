import type { CalculationResult, DecimalString, DetailedCalculation } from "./calculate.js";
import { Decimal, subtractExact, toCanonicalString } from "./core/decimal.js";
import { MrvValidationError } from "./core/errors.js";
import { decimalPlacesShown, roundHalfAwayFromZero } from "./core/rounding.js";
import type { ParsedDocument } from "./document/parse.js";

export interface VerificationCheck {
  symbol: string;
  /** The participant's figure, as reported. */
  reported: DecimalString;
  /** The recomputed figure at full precision (ER_p: after the module's rounding). */
  recomputed: DecimalString;
  status: "match" | "mismatch";
  /** reported − recomputed, at full precision. */
  difference: DecimalString;
}

export interface Verification {
  /** True when every reported figure matches. */
  ok: boolean;
  checks: VerificationCheck[];
  result: CalculationResult;
}

function recomputedFigure(result: CalculationResult, symbol: string): Decimal {
  switch (symbol) {
    case "RE_p":
      return new Decimal(result.referenceEmissions);
    case "PE_p":
      return new Decimal(result.projectEmissions);
    case "ER_p":
      return new Decimal(result.emissionReductions);
    default: {
      const figure = result.figures[symbol];
      if (!figure) throw new Error(`module lists ${symbol} as reportable but does not compute it`);
      return new Decimal(figure.value);
    }
  }
}

function requireReported(parsed: ParsedDocument): Record<string, string> {
  const reported = parsed.document.reported;
  if (!reported || Object.keys(reported).length === 0) {
    throw new MrvValidationError([
      {
        path: "reported",
        code: "nothing-to-verify",
        message: "the document has no reported figures: nothing to verify",
        expected: 'reported: { "RE_p": "…", "PE_p": "…", "ER_p": "…" }',
        found: "nothing",
      },
    ]);
  }
  return reported;
}

/** Compares an already computed document with its `reported` block. */
export function verifyCalculation(detailed: DetailedCalculation): Verification {
  const reported = requireReported(detailed.parsed);
  const { module, result } = detailed;
  const order = (s: string) => module.reportable.indexOf(s) + 1 || 99;
  const checks = Object.entries(reported)
    .sort(([a], [b]) => order(a) - order(b))
    .map(([symbol, text]): VerificationCheck => {
      const exact = recomputedFigure(result, symbol);
      const shown = symbol === "ER_p" ? exact : roundHalfAwayFromZero(exact, decimalPlacesShown(text));
      const matches = shown.eq(text);
      return {
        symbol,
        reported: text,
        recomputed: toCanonicalString(exact),
        status: matches ? "match" : "mismatch",
        difference: toCanonicalString(subtractExact(new Decimal(text), exact)),
      };
    });
  return { ok: checks.every((c) => c.status === "match"), checks, result };
}
