import { Exact } from "../../src/entries/core.js";

/** (1) N_eq,p = Σ_k N_k,p × EQ_k [standard bricks] */
export function equivalentBricks(products: readonly { N: Exact; EQ: Exact }[]): Exact {
  return Exact.sum(products.map((p) => p.N.times(p.EQ)));
}

/** (2) RE_p = N_eq,p × SEC_RE ÷ 1000 × NCV_coal × EF_coal [tCO2] (SEC_RE in kg coal per brick). */
export function referenceEmissions(N_eq: Exact, SEC_RE: Exact, NCV_coal: Exact, EF_coal: Exact): Exact {
  return N_eq.times(SEC_RE).div(1000).times(NCV_coal).times(EF_coal);
}

/** (3) PE_binder,p = M_cement,p × f_clinker × EF_clinker [tCO2] */
export function binderEmissions(M_cement: Exact, f_clinker: Exact, EF_clinker: Exact): Exact {
  return M_cement.times(f_clinker).times(EF_clinker);
}

/** (3) PE_elec,p = EC_p × EF_grid [tCO2] */
export function electricityEmissions(EC: Exact, EF_grid: Exact): Exact {
  return EC.times(EF_grid);
}

/** (3) PE_p = PE_binder,p + PE_elec,p + PE_fuel,p [tCO2] (PE_fuel,p: `fuelEmissions`, src/methodology/fuels.ts). */
export function projectEmissions(PE_binder: Exact, PE_elec: Exact, PE_fuel: Exact): Exact {
  return PE_binder.plus(PE_elec).plus(PE_fuel);
}
