import { type Decimal, subtractExact, sumExact } from "../../src/entries/core.js";

/** (1) EG_net,p = EG_gross,p − EC_aux,p [MWh] (skipped when net generation is metered). */
export function netGeneration(EG_gross: Decimal, EC_aux: Decimal): Decimal {
  return subtractExact(EG_gross, EC_aux);
}

/** (2) RE_p = EG_net,p × EF_RE [tCO2] */
export function referenceEmissions(EG_net: Decimal, EF_RE: Decimal): Decimal {
  return EG_net.times(EF_RE);
}

/**
 * (3) PE_p = Σ_f FC_f,p × NCV_f × EF_CO2,f + EC_grid,p × EF_grid [tCO2]; the fuel sum comes from
 * `fuelEmissions` (src/methodology/fuels.ts).
 */
export function projectEmissions(PE_fuel: Decimal, EC_grid: Decimal, EF_grid: Decimal): Decimal {
  return sumExact([PE_fuel, EC_grid.times(EF_grid)]);
}

/** BC_p ÷ EG_net,p in t/MWh = kg/kWh (plausibility check only). */
export function specificHuskConsumption(BC: Decimal, EG_net: Decimal): Decimal {
  return BC.div(EG_net);
}
