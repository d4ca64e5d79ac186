/**
 * One year of several PV systems through the typed API: build a monitoring document in code,
 * calculate it with the JCM_MN_AM003 module, and read the figures. Run: `npx tsx examples/solar-fleet.ts`.
 */

import { mnAm003SolarPv } from "../methodologies/mn-am003-solar-pv/index.js";
import { calculate, type MonitoredInputOf, MrvValidationError } from "../src/entries/core.js";

// Monthly delivery per inverter (MWh) as a participant's monitoring sheet would list it.
const fleet: Record<string, string[]> = {
  "INV-01": ["61.2", "78.9", "104.5", "118.0", "127.3", "121.8", "116.4", "110.2", "98.7", "84.1", "63.5", "52.8"],
  "INV-02": ["59.8", "77.1", "101.9", "116.2", "125.0", "119.9", "114.8", "108.6", "96.4", "82.2", "62.1", "51.0"],
  "INV-03": ["60.4", "79.3", "103.7", "117.5", "126.1", "120.2", "115.0", "109.9", "97.8", "83.6", "62.9", "52.2"],
};

const monitored: MonitoredInputOf<typeof mnAm003SolarPv> = {
  "EG_i,p": Object.entries(fleet).map(([equipment, months]) => ({
    equipment,
    unit: "MWh",
    kind: "interval",
    option: "C",
    readings: months.map((value, m) => ({ at: `2023-${String(m + 1).padStart(2, "0")}-01T00:00:00+08:00`, value })),
  })),
};

try {
  const result = calculate(
    {
      methodology: { id: "JCM_MN_AM003", version: "02.0" },
      project: { reference: "FLEET-2023", title: "Three-inverter PV fleet", hostCountry: "MN" },
      period: { start: "2023-01-01", end: "2023-12-31", timeZone: "+08:00" },
      fixed: { connection: "national-grid", declarations: { pvInstalledInMongolia: true, modulesCertified: true } },
      monitored,
    },
    { module: mnAm003SolarPv },
  );
  console.log(`EG_p = ${result.figures.EG_p!.value} MWh`);
  console.log(`RE_p = ${result.referenceEmissions} tCO2, PE_p = ${result.projectEmissions} tCO2`);
  console.log(`ER_p = ${result.emissionReductions} tCO2 (unrounded ${result.emissionReductionsUnrounded})`);
  for (const c of result.eligibility) console.log(`eligibility ${c.id}: ${c.result}`);
  // Cross-check with plain integer arithmetic: every value has one decimal, so tenths of MWh are exact.
  const tenths = Object.values(fleet)
    .flat()
    .reduce((sum, v) => sum + BigInt(v.replace(".", "")), 0n);
  if (result.figures.EG_p!.value !== `${tenths / 10n}${tenths % 10n === 0n ? "" : `.${tenths % 10n}`}`)
    throw new Error("EG_p does not add up");
} catch (error) {
  if (error instanceof MrvValidationError) for (const issue of error.issues) console.error(issue.path, issue.message);
  throw error;
}
