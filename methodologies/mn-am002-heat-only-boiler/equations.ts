import { Exact } from "../../src/entries/core.js";
import { KWH_PER_MWH } from "./defaults.js";

// Every equation is exact (Exact: a rational over BigInt): HG ÷ η stays a fraction such as
// 8400/0.7 = 12000 or 4876/0.63 = 487600/63, and nothing rounds before ER_p is floored.

/** (1) RE_i,p = HG_PJ,i,p ÷ η_RE,i × EF_coal [tCO2] — boiler i's term of RE_p. */
export function referenceEmissionsOfBoiler(HG_PJ_i_p: Exact, η_RE_i: Exact, EF_coal: Exact): Exact {
  return HG_PJ_i_p.div(η_RE_i).times(EF_coal);
}

/** (1) RE_p = Σ_i RE_i,p [tCO2]. */
export function referenceEmissions(RE_i_p: readonly Exact[]): Exact {
  return Exact.sum(RE_i_p);
}

/**
 * (2) PE_i,p = HG_PJ,i,p ÷ η_PJ,i × EF_coal + EC_PJ,i,p × EF_grid [tCO2] — boiler i's term of PE_p.
 * Without EF_grid (allowed only when EC_PJ,i,p = 0) the electricity term is 0.
 */
export function projectEmissionsOfBoiler(
  HG_PJ_i_p: Exact,
  η_PJ_i: Exact,
  EF_coal: Exact,
  EC_PJ_i_p: Exact,
  EF_grid: Exact | undefined,
): Exact {
  const coal = HG_PJ_i_p.div(η_PJ_i).times(EF_coal);
  return EF_grid === undefined ? coal : coal.plus(EC_PJ_i_p.times(EF_grid));
}

/** (2) PE_p = Σ_i PE_i,p [tCO2]. */
export function projectEmissions(PE_i_p: readonly Exact[]): Exact {
  return Exact.sum(PE_i_p);
}

/** EC_PJ,i,p estimated = P_aux,i [kW] × t_op,i,p [h] ÷ 1000 [MWh], as the study did. */
export function estimatedAuxiliaryElectricity(P_aux_i: Exact, t_op_i_p: Exact): Exact {
  return P_aux_i.times(t_op_i_p).div(KWH_PER_MWH);
}

/** Σ_i of a per-boiler quantity (HG_p in GJ, EC_PJ,p in MWh). */
export function totalOverBoilers(values: readonly Exact[]): Exact {
  return Exact.sum(values);
}
