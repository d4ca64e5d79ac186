import type {
  CalculationResult,
  DecimalString,
  DetailedCalculation,
  StreamedCalculationResult,
  StreamedDetailedCalculation,
} from "./calculate.js";
import { MrvValidationError } from "./core/errors.js";
import { Exact } from "./core/exact.js";
import { decimalPlacesShown, roundHalfAwayFromZero } from "./core/rounding.js";
import type { ParsedDocument } from "./document/parse.js";

export interface VerificationCheck {
  symbol: string;
  /** The participant's figure, as reported. */
  reported: DecimalString;
  /** The recomputed figure, printed (architecture §5; ER_p: after the module's rounding). */
  recomputed: DecimalString;
  status: "match" | "mismatch";
  /** reported − recomputed, of the exact value (printed by the same rule). */
  difference: DecimalString;
}

export interface Verification {
  /** True when every reported figure matches. */
  ok: boolean;
  checks: VerificationCheck[];
  result: CalculationResult;
}

function recomputedFigure(detailed: Pick<DetailedCalculation, "exact">, symbol: string): Exact {
  const { exact } = detailed;
  switch (symbol) {
    case "RE_p":
      return exact.RE_p;
    case "PE_p":
      return exact.PE_p;
    case "ER_p":
      return exact.ER_p;
    default: {
      const figure = exact.figures[symbol];
      if (!figure) throw new Error(`module lists ${symbol} as reportable but does not compute it`);
      return figure;
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
/** A {@link Verification} whose result is made while it is written (the CLI's verify). */
export type StreamedVerification = Omit<Verification, "result"> & { result: StreamedCalculationResult };

export function verifyCalculation(detailed: DetailedCalculation): Verification;
export function verifyCalculation(detailed: StreamedDetailedCalculation): StreamedVerification;
export function verifyCalculation(
  detailed: DetailedCalculation | StreamedDetailedCalculation,
): Verification | StreamedVerification {
  const reported = requireReported(detailed.parsed);
  const { module, result } = detailed;
  const order = (s: string) => module.reportable.indexOf(s) + 1 || 99;
  const checks = Object.entries(reported)
    .sort(([a], [b]) => order(a) - order(b))
    .map(([symbol, text]): VerificationCheck => {
      // The exact value, never its printed 34-digit form (architecture §5).
      const exact = recomputedFigure(detailed, symbol);
      const reportedValue = Exact.from(text);
      const shown = symbol === "ER_p" ? exact : roundHalfAwayFromZero(exact, decimalPlacesShown(text));
      const matches = shown.eq(reportedValue);
      return {
        symbol,
        reported: text,
        recomputed: exact.toString(),
        status: matches ? "match" : "mismatch",
        difference: reportedValue.minus(exact).toString(),
      };
    });
  return { ok: checks.every((c) => c.status === "match"), checks, result } as Verification | StreamedVerification;
}
