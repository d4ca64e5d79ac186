import { Decimal, ZERO } from "./decimal.js";

/**
 * Rounding policies are values a module names (jcm-rules §2), in the spirit of dinero.js rounding
 * modes: the engine applies whatever policy the module carries and records it in the trace.
 */
export interface RoundingPolicy {
  /** Name shown in results: `floor`. */
  readonly name: "floor";
  /** The only figure a policy rounds. */
  readonly appliedTo: "ER_p";
  readonly description: string;
  /** Unclamped whole-tonne value, e.g. ⌊ER⌋ — what period-splitting properties are stated on. */
  unclamped(unrounded: Decimal): Decimal;
  /** The credited value: the unclamped one, but never below zero. */
  apply(unrounded: Decimal): Decimal;
}

/** JCM crediting rule: ER_p rounded down to a whole tonne per period, 0 when negative. */
export const floorToWholeTonnes: RoundingPolicy = Object.freeze({
  name: "floor",
  appliedTo: "ER_p",
  description: "ER_p rounded down to a whole tCO2 per monitoring period; 0 when negative",
  unclamped: (unrounded: Decimal) => unrounded.toDecimalPlaces(0, Decimal.ROUND_FLOOR),
  apply: (unrounded: Decimal) => Decimal.max(ZERO, unrounded.toDecimalPlaces(0, Decimal.ROUND_FLOOR)),
});

/** Policies a document may name in `options.rounding`. */
export const ROUNDING_POLICIES: Readonly<Record<string, RoundingPolicy>> = Object.freeze({ floor: floorToWholeTonnes });

/** Rounds half away from zero to `places` decimal places (how `verify` reads a reported figure). */
export function roundHalfAwayFromZero(value: Decimal, places: number): Decimal {
  return value.toDecimalPlaces(places, Decimal.ROUND_HALF_UP);
}

/** Decimal places shown by a plain decimal string: "11303.05" → 2, "11303" → 0. */
export function decimalPlacesShown(text: string): number {
  const point = text.indexOf(".");
  return point < 0 ? 0 : text.length - point - 1;
}
