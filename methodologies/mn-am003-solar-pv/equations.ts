import { type Decimal, sumExact, ZERO } from "../../src/entries/core.js";

/** EG_p = Σ_i EG_i,p [MWh] — the sum inside equation (1), exact. */
export function totalGeneration(EG_i_p: readonly Decimal[]): Decimal {
  return sumExact(EG_i_p);
}

/** (1) RE_p = Σ_i EG_i,p × EF_RE [tCO2] */
export function referenceEmissions(EG_p: Decimal, EF_RE: Decimal): Decimal {
  return EG_p.times(EF_RE);
}

/** (2) PE_p = 0 [tCO2] — PV generation emits nothing. */
export function projectEmissions(): Decimal {
  return ZERO;
}
