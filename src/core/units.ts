import { Exact } from "./exact.js";

/**
 * One table of units (jcm-rules §7). Each factor is an exact ratio `numerator / denominator` to the
 * dimension's canonical unit, so a conversion is one exact rational product: 1 GJ is exactly
 * 1/3.6 MWh and 1 USRt exactly 10/3 × 1.05505585262 kW — nothing rounds.
 */
export type Dimension =
  | "energy"
  | "mass"
  | "volume"
  | "power"
  | "time"
  | "temperature"
  | "emission-factor-energy"
  | "emission-factor-mass"
  | "calorific-value"
  | "density"
  | "strength"
  | "dimensionless";

interface UnitDefinition {
  dimension: Dimension;
  numerator: string;
  denominator: string;
}

const unit = (dimension: Dimension, numerator = "1", denominator = "1"): UnitDefinition => ({
  dimension,
  numerator,
  denominator,
});

/** Unit symbol → definition. Canonical unit of each dimension listed first (factor 1). */
const UNITS: Readonly<Record<string, UnitDefinition>> = Object.freeze({
  MWh: unit("energy"),
  kWh: unit("energy", "1", "1000"),
  GWh: unit("energy", "1000"),
  GJ: unit("energy", "1", "3.6"),
  TJ: unit("energy", "1000", "3.6"),
  // International-table calorie: 1 Gcal = 4.1868 GJ.
  Gcal: unit("energy", "4.1868", "3.6"),
  t: unit("mass"),
  kg: unit("mass", "1", "1000"),
  kL: unit("volume"),
  L: unit("volume", "1", "1000"),
  m3: unit("volume"),
  kW: unit("power"),
  MW: unit("power", "1000"),
  W: unit("power", "1", "1000"),
  // US refrigeration ton = 12,000 Btu(IT)/h = 10/3 × 1.05505585262 kW exactly.
  USRt: unit("power", "10.5505585262", "3"),
  h: unit("time"),
  d: unit("time", "24"),
  "°C": unit("temperature"),
  degC: unit("temperature"),
  "tCO2/MWh": unit("emission-factor-energy"),
  "tCO2/GJ": unit("emission-factor-energy", "3.6"),
  "kgCO2/TJ": unit("emission-factor-energy", "3.6", "1000000"),
  "tCO2/t": unit("emission-factor-mass"),
  "GJ/t": unit("calorific-value"),
  "MJ/kg": unit("calorific-value"),
  "t/kL": unit("density"),
  "kg/L": unit("density"),
  "t/m3": unit("density"),
  "N/mm2": unit("strength"),
  MPa: unit("strength"),
  "1": unit("dimensionless"),
});

export const DIMENSION_LABEL: Readonly<Record<Dimension, string>> = Object.freeze({
  energy: "energy",
  mass: "mass",
  volume: "volume",
  power: "power",
  time: "time",
  temperature: "temperature",
  "emission-factor-energy": "emission factor per energy",
  "emission-factor-mass": "emission factor per mass",
  "calorific-value": "calorific value",
  density: "density",
  strength: "strength",
  dimensionless: "dimensionless",
});

export function isKnownUnit(symbol: string): boolean {
  return Object.hasOwn(UNITS, symbol);
}

export function dimensionOf(symbol: string): Dimension | undefined {
  return Object.hasOwn(UNITS, symbol) ? UNITS[symbol]!.dimension : undefined;
}

/** Every unit of a dimension, canonical first. */
export function unitsOf(dimension: Dimension): string[] {
  return Object.keys(UNITS).filter((symbol) => UNITS[symbol]!.dimension === dimension);
}

export class UnitError extends Error {}

/** Exact factor from one unit to another of the same dimension, computed once per pair. */
const RATIOS = new Map<string, Exact>();

/**
 * Converts `value` from one unit to another of the same dimension:
 * value × (num_from × den_to) ÷ (den_from × num_to), exactly (one rational, no rounding).
 */
export function convert(value: Exact, from: string, to: string): Exact {
  const a = Object.hasOwn(UNITS, from) ? UNITS[from] : undefined;
  const b = Object.hasOwn(UNITS, to) ? UNITS[to] : undefined;
  if (!a) throw new UnitError(`unknown unit "${from}"`);
  if (!b) throw new UnitError(`unknown unit "${to}"`);
  if (a.dimension !== b.dimension) {
    throw new UnitError(
      `cannot convert ${DIMENSION_LABEL[a.dimension]} (${from}) to ${DIMENSION_LABEL[b.dimension]} (${to})`,
    );
  }
  if (from === to) return value;
  const key = `${from}\u0000${to}`;
  let ratio = RATIOS.get(key);
  if (ratio === undefined) {
    ratio = Exact.from(a.numerator).times(b.denominator).div(Exact.from(a.denominator).times(b.numerator));
    RATIOS.set(key, ratio);
  }
  return value.times(ratio);
}
