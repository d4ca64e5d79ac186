import * as z from "zod";
import { optionalQuantity, parameter, perEquipment } from "../../src/entries/core.js";

/** Parameters fixed ex ante (`fixed`). */
export const fixedSchema = z.strictObject({
  connection: parameter(z.enum(["national-grid", "grid-and-captive", "off-grid"]).optional(), {
    symbol: "connection",
    description:
      '"national-grid": the PV feeds a national grid (CES, WES, AUES, EES, SES) or an internal grid tied only to it; "grid-and-captive": an internal grid tied to both the national grid and a captive generator; "off-grid": an internal grid not tied to the national grid',
    requirement: "required unless EF_RE is given",
  }),
  EF_RE: optionalQuantity({
    symbol: "EF_RE",
    unit: "tCO2/MWh",
    description: "Reference CO2 emission factor of the displaced electricity",
    min: "0",
    minExclusive: true,
    requirement:
      "by connection: 0.797 (national-grid), 0.533 (grid-and-captive, off-grid); a different value is accepted with a warning",
  }),
  declarations: parameter(
    z
      .strictObject({
        pvInstalledInMongolia: z.boolean().optional(),
        modulesCertified: z.boolean().optional(),
      })
      .optional(),
    {
      symbol: "declarations",
      description: "Eligibility evidence: pvInstalledInMongolia, modulesCertified (booleans, each optional)",
    },
  ),
});

/** Parameters monitored ex post (`monitored`). */
export const monitoredSchema = z.strictObject({
  "EG_i,p": perEquipment(
    {
      symbol: "EG_i,p",
      unit: "MWh",
      description: "AC electricity delivered by PV system i in period p (electricity meter)",
      min: "0",
      series: true,
      expectedOption: "C",
      requirement: "required: a non-empty array, one entry per PV system (keyed by equipment)",
    },
    { idKey: "equipment", required: true },
  ),
});

export type Fixed = z.output<typeof fixedSchema>;
export type Monitored = z.output<typeof monitoredSchema>;
