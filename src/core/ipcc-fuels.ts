import { quote } from "./display.js";
import { Exact } from "./exact.js";
import { convert } from "./units.js";

/**
 * IPCC 2006 default net calorific values and CO2 emission factors of fuels (jcm-rules §6): one data
 * table shared by every module. Values are stored as published (NCV in GJ/t, CO2 factor in
 * kgCO2/TJ); {@link ipccValue} returns the CO2 factor converted exactly to tCO2/GJ.
 */

/** The closed set of fuel names, spelt exactly as in jcm-rules §6. */
export const FUEL_NAMES = [
  "gas/diesel oil",
  "residual fuel oil",
  "LPG",
  "natural gas",
  "other bituminous coal",
  "sub-bituminous coal",
  "lignite",
  "anthracite",
] as const;
export type FuelName = (typeof FUEL_NAMES)[number];

export type IpccQuantity = "NCV" | "EF_CO2";
/** Default value, or the lower / upper bound of the 95 % interval. */
export type IpccBound = "default" | "lower" | "upper";
export type IpccStatus = "verified" | "derived" | "unverified";

export interface IpccRow {
  readonly fuel: FuelName;
  readonly quantity: IpccQuantity;
  readonly bound: IpccBound;
  /** As published. */
  readonly value: string;
  readonly unit: "GJ/t" | "kgCO2/TJ";
  readonly source: string;
  readonly status: IpccStatus;
}

export const IPCC_SOURCE = "IPCC 2006 Guidelines, Vol. 2, Ch. 1, Table 1.2 (NCV) / Table 1.4 (CO2 factor)";

const row = (
  fuel: FuelName,
  quantity: IpccQuantity,
  bound: IpccBound,
  value: string,
  status: IpccStatus = "unverified",
): IpccRow =>
  Object.freeze({
    fuel,
    quantity,
    bound,
    value,
    unit: quantity === "NCV" ? "GJ/t" : "kgCO2/TJ",
    source: IPCC_SOURCE,
    status,
  });

/** jcm-rules §6, row by row. Only the default CO2 factors of gas/diesel oil and other bituminous coal were seen in the IPCC text. */
export const IPCC_FUEL_TABLE: readonly IpccRow[] = Object.freeze([
  row("gas/diesel oil", "NCV", "default", "43.0"),
  row("gas/diesel oil", "NCV", "lower", "41.4"),
  row("gas/diesel oil", "NCV", "upper", "43.3"),
  row("gas/diesel oil", "EF_CO2", "default", "74100", "verified"),
  row("gas/diesel oil", "EF_CO2", "lower", "72600"),
  row("gas/diesel oil", "EF_CO2", "upper", "74800"),
  row("residual fuel oil", "NCV", "default", "40.4"),
  row("residual fuel oil", "NCV", "lower", "39.8"),
  row("residual fuel oil", "NCV", "upper", "41.7"),
  row("residual fuel oil", "EF_CO2", "default", "77400"),
  row("residual fuel oil", "EF_CO2", "lower", "75500"),
  row("residual fuel oil", "EF_CO2", "upper", "78800"),
  row("LPG", "NCV", "default", "47.3"),
  row("LPG", "NCV", "lower", "44.8"),
  row("LPG", "NCV", "upper", "52.2"),
  row("LPG", "EF_CO2", "default", "63100"),
  row("LPG", "EF_CO2", "lower", "61600"),
  row("LPG", "EF_CO2", "upper", "65600"),
  row("natural gas", "NCV", "default", "48.0"),
  row("natural gas", "NCV", "lower", "46.5"),
  row("natural gas", "NCV", "upper", "50.4"),
  row("natural gas", "EF_CO2", "default", "56100"),
  row("natural gas", "EF_CO2", "lower", "54300"),
  row("natural gas", "EF_CO2", "upper", "58300"),
  row("other bituminous coal", "NCV", "default", "25.8"),
  row("other bituminous coal", "NCV", "lower", "19.9"),
  row("other bituminous coal", "NCV", "upper", "30.5"),
  row("other bituminous coal", "EF_CO2", "default", "94600", "verified"),
  row("other bituminous coal", "EF_CO2", "lower", "89500"),
  row("other bituminous coal", "EF_CO2", "upper", "99700"),
  row("sub-bituminous coal", "NCV", "default", "18.9"),
  row("sub-bituminous coal", "NCV", "lower", "11.5"),
  row("sub-bituminous coal", "NCV", "upper", "26.0"),
  row("sub-bituminous coal", "EF_CO2", "default", "96100"),
  row("sub-bituminous coal", "EF_CO2", "lower", "92800"),
  row("sub-bituminous coal", "EF_CO2", "upper", "100000"),
  row("lignite", "NCV", "default", "11.9"),
  row("lignite", "NCV", "lower", "5.5"),
  row("lignite", "NCV", "upper", "21.6"),
  row("lignite", "EF_CO2", "default", "101000"),
  row("lignite", "EF_CO2", "lower", "90900"),
  row("lignite", "EF_CO2", "upper", "115000"),
  row("anthracite", "NCV", "default", "26.7"),
  row("anthracite", "NCV", "lower", "21.6"),
  row("anthracite", "NCV", "upper", "32.2"),
  row("anthracite", "EF_CO2", "default", "98300"),
  row("anthracite", "EF_CO2", "lower", "94600"),
  row("anthracite", "EF_CO2", "upper", "101000"),
]);

export function isFuelName(name: unknown): name is FuelName {
  return typeof name === "string" && (FUEL_NAMES as readonly string[]).includes(name);
}

/** The known names, quoted, for error texts. */
export const FUEL_NAMES_TEXT = FUEL_NAMES.map((name) => JSON.stringify(name)).join(", ");

export function unknownFuelMessage(name: string): string {
  return `unknown fuel ${quote(name)}: the IPCC 2006 fuel table (jcm-rules §6) knows ${FUEL_NAMES_TEXT}`;
}

export interface IpccValue {
  /** NCV in GJ/t; CO2 factor in tCO2/GJ. */
  value: Exact;
  unit: "GJ/t" | "tCO2/GJ";
  source: string;
  status: IpccStatus;
}

/** One value of the table, the CO2 factor converted exactly to tCO2/GJ (74,800 kgCO2/TJ = 0.0748). */
export function ipccValue(fuel: FuelName, quantity: IpccQuantity, bound: IpccBound): IpccValue {
  const found = IPCC_FUEL_TABLE.find((r) => r.fuel === fuel && r.quantity === quantity && r.bound === bound);
  if (!found)
    throw new TypeError(isFuelName(fuel) ? `no IPCC row for ${fuel} ${quantity} ${bound}` : unknownFuelMessage(fuel));
  const published = Exact.from(found.value);
  if (found.quantity === "NCV") return { value: published, unit: "GJ/t", source: found.source, status: found.status };
  return {
    value: convert(published, found.unit, "tCO2/GJ"),
    unit: "tCO2/GJ",
    source: found.source,
    status: found.status,
  };
}
