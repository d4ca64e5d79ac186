import { DECIMAL_PATTERN, Decimal, toCanonicalString } from "./decimal.js";

/** One calculation step as it appears in a result: which equation, with which inputs, gave what. */
export interface TraceStep {
  step: number;
  /** Official symbol of the computed quantity, e.g. `RE_p`, or `EC_RE,i,p[CH-1]` per equipment. */
  symbol: string;
  /** Equation label as numbered in the methodology, e.g. `(1)`. */
  equation: string;
  /** The equation in symbols; every key of `inputs` appears in it as a token. */
  expression: string;
  inputs: Record<string, string>;
  value: string;
  unit: string;
}

export interface TraceEntry {
  symbol: string;
  equation: string;
  expression: string;
  inputs: Record<string, Decimal | string>;
  value: Decimal;
  unit: string;
}

/** Records steps in order; `record` returns the value so equations read as assignments. */
export interface Trace {
  record(entry: TraceEntry): Decimal;
  steps(): TraceStep[];
}

export function createTrace(): Trace {
  const steps: TraceStep[] = [];
  return {
    record(entry) {
      const inputs: Record<string, string> = {};
      for (const [symbol, value] of Object.entries(entry.inputs)) {
        // Decimal strings are written canonically too; other text (a label) stays as given.
        inputs[symbol] =
          typeof value !== "string"
            ? toCanonicalString(value)
            : DECIMAL_PATTERN.test(value)
              ? toCanonicalString(new Decimal(value))
              : value;
      }
      steps.push({
        step: steps.length + 1,
        symbol: entry.symbol,
        equation: entry.equation,
        expression: entry.expression,
        inputs,
        value: toCanonicalString(entry.value),
        unit: entry.unit,
      });
      return entry.value;
    },
    steps: () => steps.map((s) => ({ ...s, inputs: { ...s.inputs } })),
  };
}
