import { DECIMAL_PATTERN } from "./decimal.js";
import { Exact, overflowed, TooManyDigitsError } from "./exact.js";

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
  /** Canonical decimal string: exact when it terminates, else rounded toward −∞ at 34 significant digits. */
  value: string;
  unit: string;
  /** `"numerator/denominator"` in lowest terms — only when `value` does not terminate (architecture §5). */
  exact?: string;
}

/**
 * A step's inputs: an object from symbol to value, or — for a total over many equipment — a walk that
 * calls `visit(symbol, value)` for each in order (the same members an object built in that order
 * would have). A walk builds no object of 100,000 members when the step is only checked, not kept.
 */
export type TraceInputs =
  | Record<string, Exact | string>
  | ((visit: (symbol: string, value: Exact | string) => void) => void);

export interface TraceEntry {
  symbol: string;
  equation: string;
  /** The equation in symbols, or a function writing it (called only when the step is kept). */
  expression: string | (() => string);
  inputs: TraceInputs;
  value: Exact;
  unit: string;
}

/** Records steps in order; `record` returns the value so equations read as assignments. */
export interface Trace {
  /**
   * Records one step and returns its value. A value or input beyond the digit bound stops the
   * calculation here with the issue `too-many-digits` naming this step's equation.
   */
  record(entry: TraceEntry): Exact;
  /** The steps kept (none when they were handed over as made). */
  steps(): TraceStep[];
  /** How many steps were recorded. */
  count(): number;
}

/**
 * A recorder that keeps every step, or — given `onStep` — hands each step over as it is made and
 * keeps none.
 */
export function createTrace(onStep?: (step: TraceStep) => void): Trace {
  const steps: TraceStep[] = [];
  const recorder = stepRecorder(printedInput, (step) => (onStep ? onStep(step) : steps.push(step)));
  return {
    record: recorder.record,
    // The steps were made here and are handed out only here: a new array is copy enough.
    steps: () => steps.slice(),
    count: recorder.count,
  };
}

/**
 * A step handed over to be written: an input that is a value stays that {@link Exact}, printed by
 * JSON.stringify (Exact's `toJSON`) when the step is written. A total over 100,000 readings of
 * 1e-1000 is then printed a piece at a time, not held as 100 MB of text until written.
 */
export type WrittenTraceStep = Omit<TraceStep, "inputs"> & { inputs: Record<string, string | Exact> };

/**
 * A recorder that hands each step over as it is made, for writing, and keeps none (the CLI writes a
 * large result's trace while a second pass of the calculation makes it). Its JSON is a
 * {@link createTrace} step's JSON.
 */
export function createWritingTrace(onStep: (step: WrittenTraceStep) => void): Trace {
  const recorder = stepRecorder(checkedInput, onStep);
  return { record: recorder.record, steps: () => [], count: recorder.count };
}

/** Makes each step from an entry, its inputs as `input` gives them, and hands it to `keep`. */
function stepRecorder<V extends string | Exact>(
  input: (entry: TraceEntry, value: Exact | string) => V,
  keep: (step: Omit<TraceStep, "inputs"> & { inputs: Record<string, V> }) => void,
): Pick<Trace, "record" | "count"> {
  let count = 0;
  return {
    record(entry) {
      if (overflowed(entry.value)) throw tooManyDigits(entry);
      const inputs: Record<string, V> = {};
      const given = entry.inputs;
      if (typeof given === "function")
        given((symbol, value) => {
          inputs[symbol] = input(entry, value);
        });
      // for…in, not Object.entries: a total over 100,000 boilers has 100,000 inputs (trust.md §3).
      else for (const symbol in given) inputs[symbol] = input(entry, given[symbol]!);
      const step: Omit<TraceStep, "inputs"> & { inputs: Record<string, V> } = {
        step: ++count,
        symbol: entry.symbol,
        equation: entry.equation,
        expression: typeof entry.expression === "function" ? entry.expression() : entry.expression,
        inputs,
        value: entry.value.toString(),
        unit: entry.unit,
      };
      if (!entry.value.terminates()) step.exact = entry.value.toFraction();
      keep(step);
      return entry.value;
    },
    count: () => count,
  };
}

/**
 * A recorder that checks each step's digit bound as {@link createTrace} does and counts the steps,
 * but prints and keeps nothing: the first pass of a calculation whose trace is written by a second.
 */
export function createCheckingTrace(): Trace {
  let count = 0;
  return {
    record(entry) {
      if (overflowed(entry.value)) throw tooManyDigits(entry);
      const check = (value: Exact | string) => {
        if (typeof value !== "string" && overflowed(value)) throw tooManyDigits(entry);
      };
      const given = entry.inputs;
      if (typeof given === "function") given((_, value) => check(value));
      else for (const symbol in given) check(given[symbol]!);
      count += 1;
      return entry.value;
    },
    steps: () => [],
    count: () => count,
  };
}

/** An input as a step shows it: a value printed; a decimal string canonically; other text (a label) as given. */
function printedInput(entry: TraceEntry, value: Exact | string): string {
  if (typeof value !== "string") {
    if (overflowed(value)) throw tooManyDigits(entry);
    return value.toString();
  }
  return DECIMAL_PATTERN.test(value) ? Exact.from(value).toString() : value;
}

/** An input as {@link printedInput} would show it, a value left unprinted: its JSON is that print. */
function checkedInput(entry: TraceEntry, value: Exact | string): Exact | string {
  if (typeof value !== "string") {
    if (overflowed(value)) throw tooManyDigits(entry);
    return value;
  }
  return printedInput(entry, value);
}

function tooManyDigits(entry: TraceEntry): TooManyDigitsError {
  return new TooManyDigitsError({ symbol: entry.symbol, equation: entry.equation });
}
