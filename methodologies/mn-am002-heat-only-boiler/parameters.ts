import * as z from "zod";
import { equipmentList, optionalQuantity, parameter, perEquipment, quantity } from "../../src/entries/core.js";

const efficiency = (symbol: string, description: string) =>
  quantity({
    symbol,
    unit: "1",
    description,
    min: "0",
    minExclusive: true,
    max: "1",
    requirement: "required; no default (enter the PDD value)",
  });

/** Eligibility evidence per boiler (criteria 1, 3, 4, 5). */
const declarations = parameter(
  z
    .strictObject({
      coalFired: z.boolean().optional(),
      hotWaterSupply: z.boolean().optional(),
      newOrReplacementOrExpansion: z.boolean().optional(),
      dustCollector: z.boolean().optional(),
      operationManualAndMaintenancePlan: z.boolean().optional(),
    })
    .optional(),
  {
    symbol: "declarations",
    description:
      "Eligibility evidence per boiler: coalFired, hotWaterSupply, newOrReplacementOrExpansion, dustCollector, operationManualAndMaintenancePlan (booleans, each optional)",
  },
);

/** Fields of one `fixed.boilers[]` entry besides its `equipment` id. */
const boilerShape = {
  "η_RE,i": efficiency("η_RE,i", "Efficiency of the reference HOB for project HOB i (the study used 0.50)"),
  "η_PJ,i": efficiency("η_PJ,i", "Efficiency of project HOB i (the study used 0.67)"),
  capacity: optionalQuantity({
    symbol: "capacity",
    unit: "MW",
    description: "Rated thermal output of project HOB i (any power unit); used by eligibility criterion 2",
    min: "0",
    minExclusive: true,
  }),
  "P_aux,i": optionalQuantity({
    symbol: "P_aux,i",
    unit: "kW",
    description: "Rated power of HOB i's auxiliaries (pumps, fans), for the estimated EC_PJ,i,p",
    min: "0",
    requirement: "optional; with t_op,i,p when EC_PJ,i,p is not monitored",
  }),
  declarations,
};

const boilers = equipmentList("boilers", "equipment", boilerShape, "Project HOBs");

/** One project HOB i as calculate() sees it. */
export type Boiler = z.output<typeof boilers>[number];

/** Parameters fixed ex ante (`fixed`). */
export const fixedSchema = z.strictObject({
  EF_coal: quantity({
    symbol: "EF_coal",
    unit: "tCO2/GJ",
    description: "CO2 emission factor of the coal burned, per GJ of coal energy",
    min: "0",
    minExclusive: true,
    requirement: "required; no default (the study used 0.099)",
  }),
  EF_grid: optionalQuantity({
    symbol: "EF_grid",
    unit: "tCO2/MWh",
    description: "CO2 emission factor of the grid electricity used by the boilers' auxiliaries",
    min: "0",
    minExclusive: true,
    requirement: "required when any boiler's EC_PJ,i,p > 0 (the study used 1.1501)",
  }),
  boilers,
});

/** Parameters monitored ex post (`monitored`). */
export const monitoredSchema = z.strictObject({
  "HG_PJ,i,p": perEquipment(
    {
      symbol: "HG_PJ,i,p",
      unit: "GJ",
      description:
        "Heat supplied by project HOB i to the hot-water network in period p (heat meter meeting the host-country standard; any energy unit, 1 Gcal = 4.1868 GJ)",
      min: "0",
      series: true,
      expectedOption: "C",
      requirement: "required per boiler",
    },
    { idKey: "equipment", required: true },
  ),
  "EC_PJ,i,p": perEquipment(
    {
      symbol: "EC_PJ,i,p",
      unit: "MWh",
      description: "Electricity consumed by HOB i's auxiliaries in period p",
      min: "0",
      series: true,
      expectedOption: "B or C",
      requirement: "optional per boiler; not together with t_op,i,p",
    },
    { idKey: "equipment", required: false },
  ),
  "t_op,i,p": perEquipment(
    {
      symbol: "t_op,i,p",
      unit: "h",
      description: "Operating hours of HOB i in period p (with P_aux,i, estimates EC_PJ,i,p)",
      min: "0",
      expectedOption: "C",
      requirement: "optional per boiler; at most 24 × days of the period",
    },
    { idKey: "equipment", required: false },
  ),
});

export type Fixed = z.output<typeof fixedSchema>;
export type Monitored = z.output<typeof monitoredSchema>;
