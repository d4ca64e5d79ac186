import * as z from "zod";
import {
  equipmentList,
  fuelConsumptionSchema,
  fuelsSchema,
  optionalQuantity,
  parameter,
  perEquipment,
  quantity,
} from "../../src/entries/core.js";
import { EC_DEFAULT, EF_CLINKER_DEFAULT, EF_COAL_DEFAULT, EQ_K_DEFAULT, NCV_COAL_DEFAULT } from "./defaults.js";

/** Parameters fixed ex ante (`fixed`). */
export const fixedSchema = z.strictObject({
  products: equipmentList(
    "products",
    "product",
    {
      EQ_k: quantity({
        symbol: "EQ_k",
        unit: "1",
        description:
          "Standard-brick equivalents per brick of product k (by volume or wall area laid, as the project documents)",
        min: "0",
        minExclusive: true,
        default: EQ_K_DEFAULT,
      }),
    },
    "Brick products (required, non-empty), each with its standard-brick equivalence EQ_k",
  ),
  SEC_RE: quantity({
    symbol: "SEC_RE",
    unit: "1",
    description: "Specific coal consumption of the reference kiln, kg coal per brick (bare decimal)",
    min: "0",
    minExclusive: true,
    requirement:
      "required; no default (context only: about 0.22 for fixed-chimney and 0.12 for Hybrid Hoffman kilns in Bangladesh, press figures; conservativeness points to the efficient end)",
  }),
  NCV_coal: quantity({
    symbol: "NCV_coal",
    unit: "GJ/t",
    description: "Net calorific value of the reference coal",
    min: "0",
    minExclusive: true,
    default: NCV_COAL_DEFAULT,
  }),
  EF_coal: quantity({
    symbol: "EF_coal",
    unit: "tCO2/GJ",
    description: "CO2 emission factor of the reference coal",
    min: "0",
    minExclusive: true,
    default: EF_COAL_DEFAULT,
  }),
  f_clinker: quantity({
    symbol: "f_clinker",
    unit: "1",
    description: "Clinker fraction of the binder, t clinker per t cement",
    min: "0",
    max: "1",
    requirement: "required; no default (Portland cement ≈ 0.95, blended cements lower)",
  }),
  EF_clinker: quantity({
    symbol: "EF_clinker",
    unit: "tCO2/t",
    description: "Process CO2 of clinker, per t clinker",
    min: "0",
    minExclusive: true,
    default: EF_CLINKER_DEFAULT,
  }),
  EF_grid: optionalQuantity({
    symbol: "EF_grid",
    unit: "tCO2/MWh",
    description: "Emission factor of the plant's electricity",
    min: "0",
    requirement: "required when EC_p > 0",
  }),
  fuels: fuelsSchema,
  minStrength: optionalQuantity({
    symbol: "minStrength",
    unit: "N/mm2",
    description: "Compressive strength the replaced fired brick must reach",
    min: "0",
    requirement: "optional; eligibility 2",
  }),
  declarations: parameter(
    z.strictObject({ noFiring: z.boolean().optional(), wasteOrSedimentRawMaterial: z.boolean().optional() }).optional(),
    {
      symbol: "declarations",
      description: "Eligibility evidence 1 and 3: noFiring, wasteOrSedimentRawMaterial (booleans, each optional)",
    },
  ),
});

/** Parameters monitored ex post (`monitored`). */
export const monitoredSchema = z.strictObject({
  "N_k,p": perEquipment(
    {
      symbol: "N_k,p",
      unit: "1",
      description: "Accepted bricks of product k (passed the quality test) in period p",
      min: "0",
      integer: true,
      expectedOption: "C",
      requirement: "required per product; a whole number",
    },
    { idKey: "product", required: true },
  ),
  "M_cement,p": quantity({
    symbol: "M_cement,p",
    unit: "t",
    description: "Cement (binder) consumed in period p",
    min: "0",
    expectedOption: "B",
    requirement: "required",
  }),
  EC_p: quantity({
    symbol: "EC_p",
    unit: "MWh",
    description: "Electricity for mixing, pressing and curing in period p",
    min: "0",
    expectedOption: "B or C",
    default: EC_DEFAULT,
  }),
  "FC_f,p": fuelConsumptionSchema,
  strength: perEquipment(
    {
      symbol: "strength",
      unit: "N/mm2",
      description: "Compressive strength test results, one entry per sample",
      min: "0",
      expectedOption: "C",
      requirement: "optional; eligibility 2",
    },
    { idKey: "sample", required: false },
  ),
});

export type Fixed = z.output<typeof fixedSchema>;
export type Monitored = z.output<typeof monitoredSchema>;
