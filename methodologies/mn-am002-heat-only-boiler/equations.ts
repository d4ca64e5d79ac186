import { type Decimal, sumExact } from "../../src/entries/core.js";
import { KWH_PER_MWH } from "./defaults.js";

// Each boiler term multiplies before it divides (HG × EF ÷ η = HG ÷ η × EF): one rounding at most,
// and none when the quotient terminates, as in the worked example.

/** (1) RE_i,p = HG_PJ,i,p ÷ η_RE,i × EF_coal [tCO2] — boiler i's term of RE_p. */
export function referenceEmissionsOfBoiler(HG_PJ_i_p: Decimal, η_RE_i: Decimal, EF_coal: Decimal): Decimal {
  return HG_PJ_i_p.times(EF_coal).div(η_RE_i);
}

/** (1) RE_p = Σ_i RE_i,p [tCO2], exact. */
export function referenceEmissions(RE_i_p: readonly Decimal[]): Decimal {
  return sumExact(RE_i_p);
}

/**
 * (2) PE_i,p = HG_PJ,i,p ÷ η_PJ,i × EF_coal + EC_PJ,i,p × EF_grid [tCO2] — boiler i's term of PE_p.
 * Without EF_grid (allowed only when EC_PJ,i,p = 0) the electricity term is 0.
 */
export function projectEmissionsOfBoiler(
  HG_PJ_i_p: Decimal,
  η_PJ_i: Decimal,
  EF_coal: Decimal,
  EC_PJ_i_p: Decimal,
  EF_grid: Decimal | undefined,
): Decimal {
  const coal = HG_PJ_i_p.times(EF_coal).div(η_PJ_i);
  return EF_grid === undefined ? coal : sumExact([coal, EC_PJ_i_p.times(EF_grid)]);
}

/** (2) PE_p = Σ_i PE_i,p [tCO2], exact. */
export function projectEmissions(PE_i_p: readonly Decimal[]): Decimal {
  return sumExact(PE_i_p);
}

/** EC_PJ,i,p estimated = P_aux,i [kW] × t_op,i,p [h] ÷ 1000 [MWh], as the study did. */
export function estimatedAuxiliaryElectricity(P_aux_i: Decimal, t_op_i_p: Decimal): Decimal {
  return P_aux_i.times(t_op_i_p).div(KWH_PER_MWH);
}

/** Σ_i of a per-boiler quantity (HG_p in GJ, EC_PJ,p in MWh), exact. */
export function totalOverBoilers(values: readonly Decimal[]): Decimal {
  return sumExact(values);
}
