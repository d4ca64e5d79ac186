import { type Decimal, subtractExact, sumExact, toDecimal } from "../../src/entries/core.js";
import { T_CHILLED_OUT_STANDARD, T_COOLING_OUT_STANDARD } from "./defaults.js";

/**
 * EC_RE,i,p = EC_PJ,i,p × (COP_PJ,tc,i ÷ COP_RE,i) [MWh] — the electricity the reference chiller would
 * have drawn for the same cooling (the term of equation (1) before EF_elec). The ratio is taken first,
 * as (1) is written: with the per-chiller product below this reproduces worked example B to 34
 * digits, where multiplying the sum Σ_i EC_RE,i,p by EF_elec differs in the 34th.
 */
export function referenceConsumption(EC_PJ_i_p: Decimal, COP_PJ_tc_i: Decimal, COP_RE_i: Decimal): Decimal {
  return EC_PJ_i_p.times(COP_PJ_tc_i.div(COP_RE_i));
}

/** (1) RE_p = Σ_i EC_PJ,i,p × (COP_PJ,tc,i ÷ COP_RE,i) × EF_elec [tCO2]: each chiller's product, summed exactly. */
export function referenceEmissions(EC_RE_i_p: readonly Decimal[], EF_elec: Decimal): Decimal {
  return sumExact(EC_RE_i_p.map((ec) => ec.times(EF_elec)));
}

/** (2) PE_p = Σ_i EC_PJ,i,p × EF_elec [tCO2]: each chiller's product, summed exactly. */
export function projectEmissions(EC_PJ_i_p: readonly Decimal[], EF_elec: Decimal): Decimal {
  return sumExact(EC_PJ_i_p.map((ec) => ec.times(EF_elec)));
}

/** (3) ER_p = RE_p − PE_p [tCO2], exact; the engine applies it and floors the result (jcm-rules §2). */
export function emissionReductions(RE_p: Decimal, PE_p: Decimal): Decimal {
  return subtractExact(RE_p, PE_p);
}

/**
 * (4) COP_PJ,tc,i = COP_PJ,i × (T_cooling-out,i − T_chilled-out,i + TD_cooling + TD_chilled)
 *                            ÷ (37 − 7 + TD_cooling + TD_chilled) [-]
 * Unverified (recollection of the methodology). Multiplies first and divides once, as the spec's
 * example writes it (6.5 × 30 ÷ 33).
 */
export function standardConditionCop(
  COP_PJ_i: Decimal,
  T_cooling_out_i: Decimal,
  T_chilled_out_i: Decimal,
  TD_cooling: Decimal,
  TD_chilled: Decimal,
): Decimal {
  const lift = sumExact([T_cooling_out_i, T_chilled_out_i.neg(), TD_cooling, TD_chilled]);
  const standardLift = sumExact([
    toDecimal(T_COOLING_OUT_STANDARD),
    toDecimal(T_CHILLED_OUT_STANDARD).neg(),
    TD_cooling,
    TD_chilled,
  ]);
  return COP_PJ_i.times(lift).div(standardLift);
}

/** Σ_i EC_PJ,i,p or Σ_i EC_RE,i,p [MWh], exact. */
export function total(values: readonly Decimal[]): Decimal {
  return sumExact(values);
}
