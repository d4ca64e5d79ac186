import type { Exact } from "../../src/entries/core.js";

/** (1) EG_net,p = EG_gross,p − EC_aux,p [MWh] (skipped when net generation is metered). */
export function netGeneration(EG_gross: Exact, EC_aux: Exact): Exact {
  return EG_gross.minus(EC_aux);
}

/** (2) RE_p = EG_net,p × EF_RE [tCO2] */
export function referenceEmissions(EG_net: Exact, EF_RE: Exact): Exact {
  return EG_net.times(EF_RE);
}

/**
 * (3) PE_p = Σ_f FC_f,p × NCV_f × EF_CO2,f + EC_grid,p × EF_grid [tCO2]; the fuel sum comes from
 * `fuelEmissions` (src/methodology/fuels.ts).
 */
export function projectEmissions(PE_fuel: Exact, EC_grid: Exact, EF_grid: Exact): Exact {
  return PE_fuel.plus(EC_grid.times(EF_grid));
}

/** BC_p ÷ EG_net,p in t/MWh = kg/kWh (plausibility check only). */
export function specificHuskConsumption(BC: Exact, EG_net: Exact): Exact {
  return BC.div(EG_net);
}
