import { MrvError, MrvValidationError } from "../core/errors.js";

/**
 * What every `safe…` verb returns (zod's convention): the value, or the problems as data. A safe verb
 * never throws, whatever it is given (trust.md §5).
 */
export type SafeResult<T> =
  | {
      success: true;
      data: T;
      /** @deprecated Use `data`; `result` is kept beside it until the next minor version. */
      result: T;
    }
  | { success: false; error: MrvValidationError };

/**
 * Runs a throwing verb and returns its outcome as a value. Invalid input is the error's `issues`; an
 * internal fault (a bug) becomes one issue with code `internal-error`, so a registry gets data, not a throw.
 */
export function safely<T>(run: () => T): SafeResult<T> {
  try {
    const data = run();
    return { success: true, data, result: data };
  } catch (error) {
    return { success: false, error: asValidationError(error) };
  }
}

function asValidationError(error: unknown): MrvValidationError {
  if (error instanceof MrvValidationError) return error;
  let cause = "unknown fault";
  try {
    cause = error instanceof Error ? error.message : String(error);
  } catch {
    // An exotic thrown value whose message cannot even be read: the generic text stands.
  }
  const wrapped = new MrvValidationError([
    {
      path: "",
      code: "internal-error",
      message: `internal error in jcm-mrv (a bug, please report it): ${cause.slice(0, 200)}`,
    },
  ]);
  (wrapped as { cause?: unknown }).cause = error instanceof MrvError ? (error.cause ?? error) : error;
  return wrapped;
}
