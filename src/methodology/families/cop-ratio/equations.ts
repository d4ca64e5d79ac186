import { Exact } from "../../../core/exact.js";

/**
 * The COP-ratio family's equations (chillers: JCM_ID_AM002, JCM_TH_AM005; refrigerators: JCM_MM_AM002,
 * the same structure without equation (4)). The refrigerator's COP_PJ,i takes the place of COP_PJ,tc,i.
 */

/** Standard rating conditions of equation (4): cooling water out 37 °C, chilled water out 7 °C. */
export const T_COOLING_OUT_STANDARD = "37";
export const T_CHILLED_OUT_STANDARD = "7";

// Every equation is exact (Exact: a rational over BigInt): a COP ratio such as 4 ÷ 3 stays 4/3,
// so 6 × (4/3) × 0.5 − 6 × 0.5 is exactly 1 and floors to 1.

/**
 * EC_RE,i,p = EC_PJ,i,p × (COP_PJ,tc,i ÷ COP_RE,i) [MWh] — the electricity the reference chiller would
 * have drawn for the same cooling (the term of equation (1) before EF_elec).
 */
export function referenceConsumption(EC_PJ_i_p: Exact, COP_PJ_tc_i: Exact, COP_RE_i: Exact): Exact {
  return EC_PJ_i_p.times(COP_PJ_tc_i.div(COP_RE_i));
}

/** (1) RE_p = Σ_i EC_PJ,i,p × (COP_PJ,tc,i ÷ COP_RE,i) × EF_elec [tCO2]. */
export function referenceEmissions(EC_RE_i_p: readonly Exact[], EF_elec: Exact): Exact {
  return Exact.sum(EC_RE_i_p.map((ec) => ec.times(EF_elec)));
}

/** (2) PE_p = Σ_i EC_PJ,i,p × EF_elec [tCO2]. */
export function projectEmissions(EC_PJ_i_p: readonly Exact[], EF_elec: Exact): Exact {
  return Exact.sum(EC_PJ_i_p.map((ec) => ec.times(EF_elec)));
}

/** (3) ER_p = RE_p − PE_p [tCO2]; the engine applies it and floors the exact result (jcm-rules §2). */
export function emissionReductions(RE_p: Exact, PE_p: Exact): Exact {
  return RE_p.minus(PE_p);
}

/**
 * (4) COP_PJ,tc,i = COP_PJ,i × (T_cooling-out,i − T_chilled-out,i + TD_cooling + TD_chilled)
 *                            ÷ (37 − 7 + TD_cooling + TD_chilled) [-]
 * Unverified (recollection of the methodology); 6.5 × 30 ÷ 33 stays 65/11.
 */
export function standardConditionCop(
  COP_PJ_i: Exact,
  T_cooling_out_i: Exact,
  T_chilled_out_i: Exact,
  TD_cooling: Exact,
  TD_chilled: Exact,
): Exact {
  const lift = T_cooling_out_i.minus(T_chilled_out_i).plus(TD_cooling).plus(TD_chilled);
  const standardLift = Exact.from(T_COOLING_OUT_STANDARD)
    .minus(T_CHILLED_OUT_STANDARD)
    .plus(TD_cooling)
    .plus(TD_chilled);
  return COP_PJ_i.times(lift).div(standardLift);
}

/** Σ_i EC_PJ,i,p or Σ_i EC_RE,i,p [MWh]. */
export function total(values: readonly Exact[]): Exact {
  return Exact.sum(values);
}
