import * as z from "zod";
import { quote } from "../core/display.js";
import { Exact } from "../core/exact.js";
import {
  FUEL_NAMES,
  FUEL_NAMES_TEXT,
  type FuelName,
  type IpccBound,
  type IpccQuantity,
  ipccValue,
  isFuelName,
  unknownFuelMessage,
} from "../core/ipcc-fuels.js";
import { formatPath, type PathSegment } from "../core/path.js";
import { DIMENSION_LABEL, dimensionOf, isKnownUnit, unitsOf } from "../core/units.js";
import { decimalValue } from "./json-schema.js";
import {
  optionalQuantity,
  parameter,
  perEquipment,
  type Quantity,
  type QuantityObjectInput,
  type QuantitySpec,
} from "./parameters/index.js";
import { pushIssue } from "./parameters/leaf.js";
import type { CalculationContext, ModuleIssue } from "./types.js";

/**
 * Auxiliary fossil fuels shared by modules (jcm-rules §6): the `fuels[]` fixed entries, the
 * `FC_f,p` monitored consumption, the join between them, and PE_fuel,p = Σ_f FC_f,p × NCV_f × EF_CO2,f
 * with NCV and EF defaulting to an IPCC bound (upper for project emissions).
 */

/** One `fuels[]` entry: the fuel's name and the factors the project documents. */
const fuelEntry = z.strictObject({
  fuel: z.enum(FUEL_NAMES, { error: () => `unknown fuel: one of ${FUEL_NAMES_TEXT}` }),
  NCV_f: optionalQuantity({
    symbol: "NCV_f",
    unit: "GJ/t",
    description: "Net calorific value of fuel f",
    min: "0",
    minExclusive: true,
    requirement: "optional; default: the IPCC 2006 bound (jcm-rules §6)",
  }),
  "EF_CO2,f": optionalQuantity({
    symbol: "EF_CO2,f",
    unit: "tCO2/GJ",
    description: "CO2 emission factor of fuel f per energy",
    min: "0",
    minExclusive: true,
    requirement: "optional; default: the IPCC 2006 bound (jcm-rules §6)",
  }),
  density: optionalQuantity({
    symbol: "density",
    unit: "t/kL",
    description: "Density of fuel f, to read a consumption given as a volume",
    min: "0",
    minExclusive: true,
    requirement: "required when FC_f,p of this fuel is a volume; no default",
  }),
});
export type FuelEntry = z.output<typeof fuelEntry>;

/** `fixed.fuels`: optional array of fuel entries, unique by `fuel`. */
export const fuelsSchema = parameter(
  z
    .array(fuelEntry)
    .superRefine((entries, ctx) => {
      const seen = new Map<string, number>();
      entries.forEach((e, i) => {
        const first = seen.get(e.fuel);
        if (first === undefined) {
          seen.set(e.fuel, i);
          return;
        }
        const message = `fuel "${e.fuel}" appears twice in fuels (entries ${first} and ${i})`;
        ctx.addIssue({
          code: "custom",
          message,
          path: [i, "fuel"],
          params: {
            mrv: {
              code: "duplicate-id",
              message,
              symbol: "fuels",
              expected: "unique fuel names",
              found: JSON.stringify(e.fuel),
            },
          },
        });
      });
    })
    .optional(),
  {
    symbol: "fuels",
    description: `Auxiliary fossil fuels, one entry per fuel keyed by "fuel" (${FUEL_NAMES_TEXT}), with optional NCV_f (GJ/t), EF_CO2,f (tCO2/GJ) and density (t/kL)`,
    requirement: "exactly the fuels that FC_f,p lists; NCV_f and EF_CO2,f default to the IPCC 2006 upper bounds",
  },
);

const FC_SPEC: QuantitySpec = {
  symbol: "FC_f,p",
  unit: "t",
  description: "Fossil fuel f consumed in period p",
  min: "0",
  expectedOption: "B or C",
};
// One entry at a time: the unit decides whether it is read as a mass (canonical) or a volume.
const massEntry = perEquipment(FC_SPEC, { idKey: "fuel", required: true });
const volumeEntry = perEquipment({ ...FC_SPEC, unit: "kL" }, { idKey: "fuel", required: true });
const FC_UNITS = `a mass unit (${unitsOf("mass").join(", ")}), or a volume unit (${unitsOf("volume").join(", ")}) when fuels[] gives that fuel's density`;

type Ctx = { issues: unknown[] };
function raise(
  ctx: Ctx,
  input: unknown,
  path: PathSegment[],
  code: string,
  message: string,
  expected: string,
  found: string,
): void {
  pushIssue(ctx, {
    code: "custom",
    message,
    input,
    path,
    params: { mrv: { code, message, symbol: "FC_f,p", expected, found } },
  });
}

function parseConsumption(input: unknown, ctx: Ctx): readonly Quantity[] {
  if (!Array.isArray(input)) {
    raise(
      ctx,
      input,
      [],
      "invalid-type",
      "FC_f,p must be an array of entries, one per fuel",
      `[{ "fuel": "…", "value": "…", "unit": "t" }, …]`,
      typeof input,
    );
    return z.NEVER;
  }
  const out: Quantity[] = [];
  const seen = new Map<string, number>();
  let ok = true;
  input.forEach((entry: unknown, i: number) => {
    const object =
      typeof entry === "object" && entry !== null && !Array.isArray(entry) ? (entry as Record<string, unknown>) : {};
    if (typeof object.fuel === "string" && object.fuel !== "" && !isFuelName(object.fuel)) {
      ok = false;
      raise(
        ctx,
        entry,
        [i, "fuel"],
        "unknown-fuel",
        unknownFuelMessage(object.fuel),
        `one of ${FUEL_NAMES_TEXT}`,
        quote(object.fuel),
      );
      return;
    }
    const unit = object.unit;
    const dimension = typeof unit === "string" && isKnownUnit(unit) ? dimensionOf(unit) : undefined;
    if (typeof unit === "string" && dimension !== "mass" && dimension !== "volume") {
      ok = false;
      const message =
        dimension === undefined
          ? `unknown unit ${quote(unit)} for FC_f,p`
          : `FC_f,p is a mass (or a volume with density), but ${quote(unit)} is a unit of ${DIMENSION_LABEL[dimension]}`;
      raise(
        ctx,
        entry,
        [i, "unit"],
        dimension === undefined ? "unknown-unit" : "wrong-unit-dimension",
        message,
        FC_UNITS,
        quote(unit),
      );
      return;
    }
    const parsed = (dimension === "volume" ? volumeEntry : massEntry).safeParse([entry]);
    if (!parsed.success) {
      ok = false;
      for (const issue of parsed.error.issues)
        pushIssue(ctx, { ...issue, input: entry, path: [i, ...issue.path.slice(1)] });
      return;
    }
    const q = parsed.data[0]!;
    const first = seen.get(q.id!);
    if (first !== undefined) {
      ok = false;
      raise(
        ctx,
        entry,
        [i, "fuel"],
        "duplicate-id",
        `fuel "${q.id!}" appears twice in FC_f,p (entries ${first} and ${i})`,
        "unique fuel names",
        JSON.stringify(q.id),
      );
      return;
    }
    seen.set(q.id!, i);
    out.push(q);
  });
  return ok ? out : z.NEVER;
}

export type FuelConsumptionInput = { fuel: FuelName } & QuantityObjectInput;
/**
 * `monitored["FC_f,p"]`: per fuel a mass (t canonical, any mass unit), or a volume (kL canonical)
 * that {@link fuelIssues} accepts only when the fuel's `density` is given.
 */
export const fuelConsumptionSchema = parameter(
  z.unknown().transform(parseConsumption) as z.ZodType<readonly Quantity[], FuelConsumptionInput[]>,
  {
    symbol: "FC_f,p",
    unit: "t",
    description: `Fossil fuel f consumed in period p: array of { "fuel", "value", "unit", "option", "note" }, ≥ 0; ${FC_UNITS}`,
    requirement: "optional; every fuel listed needs a fuels[] entry and every fuels[] entry needs consumption",
    // A mass, or a volume (valid only with the fuel's density — a cross-field rule JSON Schema cannot state).
    jsonSchema: {
      type: "array",
      items: {
        type: "object",
        properties: {
          fuel: { enum: [...FUEL_NAMES] },
          value: decimalValue,
          unit: { enum: [...unitsOf("mass"), ...unitsOf("volume")] },
          option: { enum: ["A", "B", "C"] },
          note: { type: "string" },
        },
        required: ["fuel", "value"],
        additionalProperties: false,
      },
    },
  },
).optional();

export function isVolume(q: Quantity): boolean {
  return dimensionOf(q.unit) === "volume";
}

/** Cross-checks `fuels[]` and `FC_f,p`: the join on `fuel` both ways, and density for volumes. */
export function fuelIssues(
  fuels: readonly FuelEntry[] | undefined,
  consumption: readonly Quantity[] | undefined,
): ModuleIssue[] {
  const issues: ModuleIssue[] = [];
  const declared = fuels ?? [];
  const consumed = consumption ?? [];
  const declaredByFuel = new Map<string, FuelEntry>(declared.map((e) => [e.fuel, e]));
  const consumedFuels = new Set(consumed.map((q) => q.id));
  consumed.forEach((q, i) => {
    const entry = declaredByFuel.get(q.id!);
    if (!entry) {
      issues.push({
        path: ["monitored", "FC_f,p", i, "fuel"],
        symbol: "FC_f,p",
        code: "fuel-not-declared",
        message: `fuel "${q.id!}" is consumed (FC_f,p) but has no fuels[] entry`,
        expected: `a fixed.fuels entry { "fuel": "${q.id!}" }`,
        found: "nothing",
      });
    } else if (isVolume(q) && entry.density === undefined) {
      issues.push({
        path: ["monitored", "FC_f,p", i, "unit"],
        symbol: "FC_f,p",
        code: "volume-without-density",
        message: `FC_f,p of "${q.id!}" is a volume (${q.given.unit}) but fuels[] gives no density for "${q.id!}"`,
        expected: `fixed.fuels entry "${q.id!}" with density (t/kL), or FC_f,p as a mass`,
        found: `${q.given.value} ${q.given.unit}`,
      });
    }
  });
  declared.forEach((e, j) => {
    if (!consumedFuels.has(e.fuel)) {
      issues.push({
        path: ["fixed", "fuels", j, "fuel"],
        symbol: "fuels",
        code: "fuel-not-consumed",
        message: `fuels[] lists "${e.fuel}" but FC_f,p has no consumption for it`,
        expected: `a monitored FC_f,p entry { "fuel": "${e.fuel}", … }`,
        found: "nothing",
      });
    }
  });
  return issues;
}

const FACTOR = {
  NCV: { symbol: "NCV_f", key: "NCV_f", name: "NCV" },
  EF_CO2: { symbol: "EF_CO2,f", key: "EF_CO2,f", name: "CO2 emission factor EF_CO2" },
} as const;

/** The document's factor, or the IPCC table's (recorded in parameters, warned about when unverified). */
function factor(
  entry: FuelEntry,
  j: number,
  quantity: IpccQuantity,
  bound: IpccBound,
  context: CalculationContext,
): Exact {
  const { symbol, key, name } = FACTOR[quantity];
  const given = entry[key];
  if (given !== undefined) return given.value;
  const fuel: FuelName = entry.fuel;
  const row = ipccValue(fuel, quantity, bound);
  const path = formatPath(["fixed", "fuels", j, key]);
  const source = `${row.source}: ${bound} bound for ${fuel}`;
  context.useParameter({
    symbol: `${symbol}[${fuel}]`,
    path,
    value: row.value,
    unit: row.unit,
    kind: "fixed",
    source,
    status: row.status,
  });
  if (row.status === "unverified") {
    context.warn({
      code: "unverified-default",
      message: `IPCC ${bound} bound ${name} of ${fuel} = ${row.value.toString()} ${row.unit} is unverified (${row.source}); supply ${symbol} for "${fuel}" from the registered PDD to override it`,
      symbol,
      path,
    });
  }
  return row.value;
}

/**
 * PE_fuel,p = Σ_f FC_f,p × NCV_f × EF_CO2,f [tCO2]. Expects {@link fuelIssues} to have passed.
 * `bound` picks the IPCC value used when the document gives none: `upper` for project emissions.
 */
export function fuelEmissions(
  fuels: readonly FuelEntry[] | undefined,
  consumption: readonly Quantity[] | undefined,
  context: CalculationContext,
  options: { equation: string; bound?: IpccBound },
): Exact {
  const { trace } = context;
  const bound = options.bound ?? "upper";
  const terms: string[] = [];
  const inputs: Record<string, Exact> = {};
  const products: Exact[] = [];
  const position = new Map((fuels ?? []).map((e, j) => [e.fuel as string, j]));
  (consumption ?? []).forEach((q, i) => {
    const fuel = q.id!;
    const j = position.get(fuel)!;
    const entry = fuels![j]!;
    const FC = `FC_f,p[${fuel}]`;
    let mass = q.value;
    if (isVolume(q)) {
      const density = entry.density!.value;
      const V = `V_f,p[${fuel}]`;
      const D = `density[${fuel}]`;
      mass = trace.record({
        symbol: FC,
        equation: options.equation,
        expression: `${V} × ${D}`,
        inputs: { [V]: q.value, [D]: density },
        value: q.value.times(density),
        unit: "t",
      });
      context.useParameter({
        symbol: FC,
        path: formatPath(["monitored", "FC_f,p", i]),
        value: mass,
        unit: "t",
        kind: "monitored",
        given: { value: q.given.value, unit: q.given.unit },
        source: `volume × density of fixed.fuels[${j}]`,
        ...(q.option !== undefined && { option: q.option }),
      });
    } else {
      trace.record({ symbol: FC, equation: options.equation, expression: FC, inputs: {}, value: mass, unit: "t" });
    }
    const NCV = factor(entry, j, "NCV", bound, context);
    const EF = factor(entry, j, "EF_CO2", bound, context);
    const N = `NCV_f[${fuel}]`;
    const E = `EF_CO2,f[${fuel}]`;
    terms.push(`${FC} × ${N} × ${E}`);
    Object.assign(inputs, { [FC]: mass, [N]: NCV, [E]: EF });
    products.push(mass.times(NCV).times(EF));
  });
  return trace.record({
    symbol: "PE_fuel,p",
    equation: options.equation,
    expression: terms.length > 0 ? terms.join(" + ") : "0",
    inputs,
    value: Exact.sum(products),
    unit: "tCO2",
  });
}
