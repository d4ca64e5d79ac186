import * as z from "zod";
import { quantityJsonSchema } from "../../json-schema.js";
import {
  type DefaultValue,
  equipmentList,
  optionalQuantity,
  parameter,
  perEquipment,
  type Quantity,
  type QuantitySpec,
  quantity,
} from "../../parameters/index.js";
import { connectionParameter, FIXED_EX_ANTE, pddFactor, requiredFactor } from "../common.js";
import { declarationsSchema } from "../criteria.js";

/** Case 1: the national/regional grid only; case 2: the site grid is also tied to an isolated grid or a captive generator. */
export type GridCase = 1 | 2;

/**
 * A published table of grid emission factors (jcm-rules §5): EF_elec may then be given as
 * `{ "grid": "<name>", "case": 1 | 2 }` and is looked up, recorded with the table's source and note.
 */
export interface GridTable<G extends string = string> {
  /** As the card and messages name it, e.g. "Indonesian grid table". */
  name: string;
  /** The document the table comes from. */
  source: string;
  /** What the table was published for, recorded with each lookup. */
  note: string;
  /** By grid name (matched case-sensitively) and case. */
  factors: Readonly<Record<G, Readonly<Record<GridCase, DefaultValue>>>>;
}

export interface GridLookup {
  grid: string;
  case: GridCase;
}

/** Which member of the family: chillers (equation (4), rated form, capacity) or refrigerators. */
export interface Variant {
  factory: string;
  family: "chiller" | "refrigerator";
  /** `fixed.chillers` or `fixed.refrigerators`. */
  list: "chillers" | "refrigerators";
  noun: "chiller" | "refrigerator";
  /** The project COP of equation (1): at standard conditions for chillers, as specified for refrigerators. */
  cop: "COP_PJ,tc,i" | "COP_PJ,i";
  /** Chillers: equation (4) from the rated COP and temperatures, the capacity check, EI_grid,p. */
  standardisation: boolean;
  reportable: readonly string[];
}

/** Evidence fields of the per-equipment criteria, by criterion kind, with the criterion's id. */
export interface EquipmentEvidenceFields {
  centrifugal?: string;
  "cop-threshold"?: string;
  "zero-odp"?: string;
}

export const RATED = ["COP_PJ,i", "T_cooling-out,i", "T_chilled-out,i"] as const;

const cop = (symbol: string, description: string): QuantitySpec => ({
  symbol,
  unit: "1",
  description,
  min: "0",
  minExclusive: true,
});

/** The fixed entry of one chiller or refrigerator (besides `equipment`), in the order the card lists it. */
function entryShape(variant: Variant, evidence: EquipmentEvidenceFields, describe: (s: string, t: string) => string) {
  const { noun } = variant;
  const COP_RE = quantity(
    cop(
      "COP_RE,i",
      describe(
        "COP_RE,i",
        variant.standardisation
          ? `COP of the reference ${noun} for this ${noun}'s capacity band (required: the band table was not found)`
          : `COP of the reference ${noun} (required: as the registered PDD states it)`,
      ),
    ),
  );
  const type = evidence.centrifugal && {
    type: parameter(z.enum(["centrifugal", "other"]).optional(), {
      symbol: "type",
      description: `"centrifugal" (turbo-compressor water chiller) or "other"; eligibility ${evidence.centrifugal}`,
    }),
  };
  const threshold = evidence["cop-threshold"] && {
    COP_threshold: optionalQuantity(
      cop(
        "COP_threshold",
        `The methodology's eligibility threshold of ${variant.cop} for this ${noun}'s capacity band, copied from the PDD; eligibility ${evidence["cop-threshold"]}`,
      ),
    ),
  };
  const odp = evidence["zero-odp"] && {
    refrigerantODP: optionalQuantity({
      symbol: "refrigerantODP",
      unit: "1",
      description: `Ozone-depletion potential of the refrigerant; eligibility ${evidence["zero-odp"]}`,
      min: "0",
    }),
  };
  if (!variant.standardisation)
    return {
      "COP_PJ,i": quantity(
        cop("COP_PJ,i", describe("COP_PJ,i", `COP of the project ${noun}, as the registered PDD states it`)),
      ),
      "COP_RE,i": COP_RE,
      ...threshold,
      ...odp,
    };
  const temperature = (symbol: string, description: string): QuantitySpec => ({
    symbol,
    unit: "°C",
    description: describe(symbol, description),
    requirement: "with COP_PJ,i, when COP_PJ,tc,i is not given; T_chilled-out,i < T_cooling-out,i",
  });
  return {
    "COP_RE,i": COP_RE,
    ...type,
    "COP_PJ,tc,i": optionalQuantity({
      ...cop(
        "COP_PJ,tc,i",
        describe(
          "COP_PJ,tc,i",
          "Project chiller COP at standard conditions (chilled water out 7 °C, cooling water out 37 °C), as in the registered PDD",
        ),
      ),
      requirement: "give this, or COP_PJ,i with T_cooling-out,i and T_chilled-out,i (equation (4)); not both",
    }),
    "COP_PJ,i": optionalQuantity({
      ...cop(
        "COP_PJ,i",
        describe("COP_PJ,i", "Rated COP of the project chiller from the manufacturer's specification"),
      ),
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
    ...threshold,
    ...odp,
  };
}

/**
 * EF_elec: a decimal / quantity, or a lookup in the module's grid table. Not a zod union: a union
 * reports only "invalid input", while this routes an object with `grid` or `case` to the lookup
 * schema (so an unknown grid lists the known names) and everything else to the quantity parser.
 */
function efElecWithTable(spec: QuantitySpec, table: GridTable) {
  const names = Object.keys(table.factors) as [string, ...string[]];
  const lookupSchema = z.strictObject({ grid: z.enum(names), case: z.literal([1, 2]) });
  const valueSchema = quantity(spec);
  const schema = z.unknown().transform((input, ctx): Quantity | GridLookup => {
    const isLookup =
      typeof input === "object" && input !== null && !Array.isArray(input) && ("grid" in input || "case" in input);
    const parsed = (isLookup ? lookupSchema : valueSchema).safeParse(input, { reportInput: true });
    if (parsed.success) return parsed.data as Quantity | GridLookup;
    for (const issue of parsed.error.issues) ctx.issues.push(issue as never);
    return z.NEVER;
  });
  return parameter(schema, {
    symbol: "EF_elec",
    unit: "tCO2/MWh",
    description: `${spec.description}: a decimal (> 0) in tCO2/MWh, or { "grid": "<name>", "case": 1 | 2 } looked up in the ${table.name} (${table.source}; ${table.note}). Grids: ${names.join(", ")}`,
    requirement: "required",
    jsonSchema: {
      anyOf: [
        ...(quantityJsonSchema(spec, undefined, undefined).anyOf as object[]),
        {
          type: "object",
          properties: { grid: { enum: [...names] }, case: { enum: [1, 2] } },
          required: ["grid", "case"],
          additionalProperties: false,
        },
      ],
    },
  });
}

/** The family's `fixed` and `monitored` schemas for one module's data. */
export function copRatioSchemas(
  variant: Variant,
  module: { id: string; version: string },
  data: {
    connections: Readonly<Record<string, string>>;
    table: GridTable | undefined;
    TD: DefaultValue | undefined;
    criteria: readonly { kind: string }[];
    evidence: EquipmentEvidenceFields;
    describe: (symbol: string, text: string) => string;
  },
) {
  const { noun, list } = variant;
  const { describe, table, TD } = data;
  const cases = Object.keys(data.connections);
  const EF_ELEC: QuantitySpec = {
    symbol: "EF_elec",
    unit: "tCO2/MWh",
    description: describe("EF_elec", `CO2 emission factor of the electricity the project ${list} use`),
    min: "0",
    minExclusive: true,
  };
  const td = (symbol: string, description: string) =>
    optionalQuantity({
      symbol,
      unit: "°C",
      description,
      min: "0",
      ...(TD
        ? {
            default: TD,
            requirement:
              "used only by equation (4); the default is applied by the module when (4) is used, with a warning",
          }
        : { requirement: `required when equation (4) is used: ${FIXED_EX_ANTE} states it (no default)` }),
    });
  const declarations = declarationsSchema(data.criteria);
  const shape = {
    ...(cases.length > 0 && {
      connection: connectionParameter(
        data.connections,
        "optional: the case the registered PDD applies, recorded with EF_elec; a warning when absent",
      ),
    }),
    EF_elec: table
      ? efElecWithTable(EF_ELEC, table)
      : requiredFactor({ ...EF_ELEC, requirement: `required: ${FIXED_EX_ANTE} states it (no default)` }, module),
    [list]: equipmentList(
      list,
      "equipment",
      entryShape(variant, data.evidence, describe),
      `Project ${list} i (required, non-empty)`,
    ),
    // Optional quantities, not `quantity` with a default: the engine would warn about an unverified
    // default in every document, while only equation (4) uses them. The module applies the default.
    ...(variant.standardisation && {
      TD_cooling: td("TD_cooling", "Temperature difference on the cooling-water side used by equation (4)"),
      TD_chilled: td("TD_chilled", "Temperature difference on the chilled-water side used by equation (4)"),
    }),
    ...(declarations && { declarations }),
  };
  const object = z.strictObject(shape);
  const monitoredSchema = z.strictObject({
    "EC_PJ,i,p": perEquipment(
      {
        symbol: "EC_PJ,i,p",
        unit: "MWh",
        description: describe(
          "EC_PJ,i,p",
          `Electricity consumed by project ${noun} i in period p (continuous metering)`,
        ),
        min: "0",
        series: true,
        expectedOption: "C",
        requirement: `required per ${noun}: one entry per fixed.${list} equipment`,
      },
      { idKey: "equipment", required: true },
    ),
    ...(variant.standardisation && {
      "EI_grid,p": optionalQuantity({
        symbol: "EI_grid,p",
        unit: "MWh",
        description: "Electricity imported from the grid to the site; recorded and reported, not used in (1)–(3)",
        min: "0",
        expectedOption: "B or C",
      }),
    }),
  });
  return { fixedSchema: table ? object : pddFactor(object, "EF_elec"), monitoredSchema };
}
