import { type Decimal, sumExact } from "../../src/entries/core.js";

/** (1) N_eq,p = Σ_k N_k,p × EQ_k [standard bricks] */
export function equivalentBricks(products: readonly { N: Decimal; EQ: Decimal }[]): Decimal {
  return sumExact(products.map((p) => p.N.times(p.EQ)));
}

/** (2) RE_p = N_eq,p × SEC_RE ÷ 1000 × NCV_coal × EF_coal [tCO2] (SEC_RE in kg coal per brick). */
export function referenceEmissions(N_eq: Decimal, SEC_RE: Decimal, NCV_coal: Decimal, EF_coal: Decimal): Decimal {
  return N_eq.times(SEC_RE).div(1000).times(NCV_coal).times(EF_coal);
}

/** (3) PE_binder,p = M_cement,p × f_clinker × EF_clinker [tCO2] */
export function binderEmissions(M_cement: Decimal, f_clinker: Decimal, EF_clinker: Decimal): Decimal {
  return M_cement.times(f_clinker).times(EF_clinker);
}

/** (3) PE_elec,p = EC_p × EF_grid [tCO2] */
export function electricityEmissions(EC: Decimal, EF_grid: Decimal): Decimal {
  return EC.times(EF_grid);
}

/** (3) PE_p = PE_binder,p + PE_elec,p + PE_fuel,p [tCO2] (PE_fuel,p: `fuelEmissions`, src/methodology/fuels.ts). */
export function projectEmissions(PE_binder: Decimal, PE_elec: Decimal, PE_fuel: Decimal): Decimal {
  return sumExact([PE_binder, PE_elec, PE_fuel]);
}
