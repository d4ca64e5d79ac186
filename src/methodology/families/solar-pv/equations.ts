import { Exact } from "../../../core/exact.js";

/** EG_p = Σ_i EG_i,p [MWh] — the sum inside equation (1), exact (3 GJ + 7 GJ is exactly 10/3.6 MWh). */
export function totalGeneration(EG_i_p: readonly Exact[]): Exact {
  return Exact.sum(EG_i_p);
}

/** (1) RE_p = Σ_i EG_i,p × EF_RE [tCO2] */
export function referenceEmissions(EG_p: Exact, EF_RE: Exact): Exact {
  return EG_p.times(EF_RE);
}

/** (2) PE_p = 0 [tCO2] — PV generation emits nothing. */
export function projectEmissions(): Exact {
  return Exact.ZERO;
}
