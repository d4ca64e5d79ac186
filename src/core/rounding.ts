import { Exact } from "./exact.js";

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
  /** Unclamped whole-tonne value, e.g. ⌊ER⌋ of the exact value — what period-splitting properties are stated on. */
  unclamped(unrounded: Exact): Exact;
  /** The credited value: the unclamped one, but never below zero. */
  apply(unrounded: Exact): Exact;
}

/** JCM crediting rule: ER_p = ⌊RE_p − PE_p⌋ of the exact value, per period; 0 when negative. */
export const floorToWholeTonnes: RoundingPolicy = Object.freeze({
  name: "floor",
  appliedTo: "ER_p",
  description: "ER_p rounded down to a whole tCO2 per monitoring period; 0 when negative",
  unclamped: (unrounded: Exact) => unrounded.floor(),
  apply: (unrounded: Exact) => Exact.max(Exact.ZERO, unrounded.floor()),
});

/** Policies a document may name in `options.rounding`. */
export const ROUNDING_POLICIES: Readonly<Record<string, RoundingPolicy>> = Object.freeze({ floor: floorToWholeTonnes });

/** Rounds the exact value half away from zero to `places` decimal places (how `verify` reads a reported figure). */
export function roundHalfAwayFromZero(value: Exact, places: number): Exact {
  return value.round(places, "half-away-from-zero");
}

/** Decimal places shown by a plain decimal string: "11303.05" → 2, "11303" → 0. */
export function decimalPlacesShown(text: string): number {
  const point = text.indexOf(".");
  return point < 0 ? 0 : text.length - point - 1;
}
