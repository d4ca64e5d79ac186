import * as z from "zod";
import {
  equipmentList,
  optionalQuantity,
  parameter,
  perEquipment,
  type Quantity,
  type QuantitySpec,
  quantity,
  quantityJsonSchema,
} from "../../src/entries/core.js";
import { GRID_NAMES, type GridCase, type GridName, SOURCES, TD_DEFAULT } from "./defaults.js";

const EF_ELEC: QuantitySpec = {
  symbol: "EF_elec",
  unit: "tCO2/MWh",
  description: "CO2 emission factor of the electricity the project chillers use",
  min: "0",
  minExclusive: true,
};

/** `{ "grid": "Jamali", "case": 1 }`: EF_elec looked up in the Indonesian grid table (jcm-rules §5). */
export const gridLookupSchema = z.strictObject({
  grid: z.enum(GRID_NAMES),
  case: z.literal([1, 2]),
});
export interface GridLookup {
  grid: GridName;
  case: GridCase;
}

const efValueSchema = quantity(EF_ELEC);

/**
 * EF_elec: a decimal / quantity, or a grid lookup. Not a zod union: a union reports only "invalid
 * input", while this routes an object with `grid` or `case` to the lookup schema (so an unknown grid
 * lists the known names) and everything else to the quantity parser, keeping their issues.
 */
const efElecSchema = z.unknown().transform((input, ctx): Quantity | GridLookup => {
  const isLookup =
    typeof input === "object" && input !== null && !Array.isArray(input) && ("grid" in input || "case" in input);
  const parsed = (isLookup ? gridLookupSchema : efValueSchema).safeParse(input, { reportInput: true });
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues) ctx.issues.push(issue as never);
  return z.NEVER;
});

const cop = (symbol: string, description: string): QuantitySpec => ({
  symbol,
  unit: "1",
  description,
  min: "0",
  minExclusive: true,
});
const temperature = (symbol: string, description: string): QuantitySpec => ({
  symbol,
  unit: "°C",
  description,
  requirement: "with COP_PJ,i, when COP_PJ,tc,i is not given; T_chilled-out,i < T_cooling-out,i",
});
const TD = (symbol: string, description: string): QuantitySpec => ({
  symbol,
  unit: "°C",
  description,
  min: "0",
  default: TD_DEFAULT,
  requirement: "used only by equation (4); the default is applied by the module when (4) is used, with a warning",
});

/** One `fixed.chillers[]` entry (besides `equipment`). */
const chillerShape = {
  "COP_RE,i": quantity(
    cop(
      "COP_RE,i",
      "COP of the reference chiller for this chiller's capacity band (required: the band table was not found)",
    ),
  ),
  type: parameter(z.enum(["centrifugal", "other"]).optional(), {
    symbol: "type",
    description: '"centrifugal" (turbo-compressor water chiller) or "other"; eligibility 1',
  }),
  "COP_PJ,tc,i": optionalQuantity({
    ...cop(
      "COP_PJ,tc,i",
      "Project chiller COP at standard conditions (chilled water out 7 °C, cooling water out 37 °C), as in the registered PDD",
    ),
    requirement: "give this, or COP_PJ,i with T_cooling-out,i and T_chilled-out,i (equation (4)); not both",
  }),
  "COP_PJ,i": optionalQuantity({
    ...cop("COP_PJ,i", "Rated COP of the project chiller from the manufacturer's specification"),
    requirement: "with T_cooling-out,i and T_chilled-out,i, when COP_PJ,tc,i is not given",
  }),
  "T_cooling-out,i": optionalQuantity(
    temperature("T_cooling-out,i", "Rated cooling-water outlet temperature of the project chiller"),
  ),
  "T_chilled-out,i": optionalQuantity(
    temperature(
      "T_chilled-out,i",
      "Rated chilled-water outlet temperature of the project chiller (below T_cooling-out,i)",
    ),
  ),
  capacity: optionalQuantity({
    symbol: "capacity",
    unit: "kW",
    description: "Rated cooling capacity (any power unit; USRt common)",
    min: "0",
    minExclusive: true,
    requirement: "optional; used by the magnitude check",
  }),
  COP_threshold: optionalQuantity(
    cop(
      "COP_threshold",
      "The methodology's eligibility threshold of COP_PJ,tc,i for this chiller's capacity band, copied from the PDD; eligibility 2",
    ),
  ),
  refrigerantODP: optionalQuantity({
    symbol: "refrigerantODP",
    unit: "1",
    description: "Ozone-depletion potential of the refrigerant; eligibility 3",
    min: "0",
  }),
};

/** Parameters fixed ex ante (`fixed`). */
export const fixedSchema = z.strictObject({
  EF_elec: parameter(efElecSchema, {
    symbol: "EF_elec",
    unit: "tCO2/MWh",
    description: `${EF_ELEC.description}: a decimal (> 0) in tCO2/MWh, or { "grid": "<name>", "case": 1 | 2 } looked up in the Indonesian grid table (${SOURCES.indonesianGrids}; published for renewable-energy methodologies). Grids: ${GRID_NAMES.join(", ")}`,
    requirement: "required",
    jsonSchema: {
      anyOf: [
        ...(quantityJsonSchema(EF_ELEC, undefined, undefined).anyOf as object[]),
        {
          type: "object",
          properties: { grid: { enum: [...GRID_NAMES] }, case: { enum: [1, 2] } },
          required: ["grid", "case"],
          additionalProperties: false,
        },
      ],
    },
  }),
  chillers: equipmentList("chillers", "equipment", chillerShape, "Project chillers i (required, non-empty)"),
  // Optional quantities, not `quantity` with a default: the engine would warn about an unverified
  // default in every document, while only equation (4) uses them. The module applies TD_DEFAULT.
  TD_cooling: optionalQuantity(
    TD("TD_cooling", "Temperature difference on the cooling-water side used by equation (4)"),
  ),
  TD_chilled: optionalQuantity(
    TD("TD_chilled", "Temperature difference on the chilled-water side used by equation (4)"),
  ),
  declarations: parameter(
    z
      .strictObject({
        periodicChecksPerYear: z.number().int().min(0).optional(),
        refrigerantRecoveryPlan: z.boolean().optional(),
      })
      .optional(),
    {
      symbol: "declarations",
      description:
        "Eligibility evidence: periodicChecksPerYear (whole number ≥ 0), refrigerantRecoveryPlan (boolean), each optional",
    },
  ),
});

/** Parameters monitored ex post (`monitored`). */
export const monitoredSchema = z.strictObject({
  "EC_PJ,i,p": perEquipment(
    {
      symbol: "EC_PJ,i,p",
      unit: "MWh",
      description: "Electricity consumed by project chiller i in period p (continuous metering)",
      min: "0",
      series: true,
      expectedOption: "C",
      requirement: "required per chiller: one entry per fixed.chillers equipment",
    },
    { idKey: "equipment", required: true },
  ),
  "EI_grid,p": optionalQuantity({
    symbol: "EI_grid,p",
    unit: "MWh",
    description: "Electricity imported from the grid to the site; recorded and reported, not used in (1)–(3)",
    min: "0",
    expectedOption: "B or C",
  }),
});

export type Fixed = z.output<typeof fixedSchema>;
export type Monitored = z.output<typeof monitoredSchema>;
export type Chiller = Fixed["chillers"][number];
