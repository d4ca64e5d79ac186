import { describe, expectTypeOf, it } from "vitest";
import {
  type CalculationResult,
  calculate,
  documentFor,
  type FixedInputOf,
  type MonitoredInputOf,
  type MonitoredOf,
  type MrvValidationError,
  type Quantity,
  safeCalculate,
} from "../src/entries/core.js";
import {
  type idAm002CentrifugalChiller,
  type mmAm002Refrigerator,
  type mnAm002HeatOnlyBoiler,
  mnAm003SolarPv,
  mvAm001SolarPv,
  type thAm001SolarPv,
  type thAm005CentrifugalChiller,
} from "../src/entries/index.js";

describe("typed API", () => {
  it("module input types are inferred from the schemas", () => {
    type PvFixed = FixedInputOf<typeof mnAm003SolarPv>;
    expectTypeOf<PvFixed["connection"]>().toEqualTypeOf<
      "national-grid" | "grid-and-captive" | "off-grid" | undefined
    >();
    type PvMonitored = MonitoredInputOf<typeof mnAm003SolarPv>;
    expectTypeOf<PvMonitored>().toHaveProperty("EG_i,p");
    expectTypeOf<PvMonitored["EG_i,p"][number]["equipment"]>().toEqualTypeOf<string>();
    // What the module's calculate sees: validated quantities.
    expectTypeOf<MonitoredOf<typeof mnAm003SolarPv>["EG_i,p"]>().toEqualTypeOf<readonly Quantity[]>();
    type Boiler = FixedInputOf<typeof mnAm002HeatOnlyBoiler>["boilers"][number];
    expectTypeOf<Boiler>().toHaveProperty("η_RE,i");
    expectTypeOf<FixedInputOf<typeof idAm002CentrifugalChiller>>().toHaveProperty("chillers");
  });

  it("factory-made modules are typed by their data: connection cases, lists, grid lookups", () => {
    expectTypeOf<FixedInputOf<typeof thAm001SolarPv>["connection"]>().toEqualTypeOf<
      "national-grid" | "grid-and-captive" | "off-grid" | undefined
    >();
    expectTypeOf<FixedInputOf<typeof mmAm002Refrigerator>["refrigerators"][number]>().toHaveProperty("COP_PJ,i");
    // A grid lookup where the module has a grid table (ID_AM002), never where it has none (TH_AM005).
    expectTypeOf<{ grid: "Jamali"; case: 1 }>().toMatchTypeOf<
      FixedInputOf<typeof idAm002CentrifugalChiller>["EF_elec"]
    >();
    expectTypeOf<{ grid: "Jamali"; case: 1 }>().not.toMatchTypeOf<
      FixedInputOf<typeof thAm005CentrifugalChiller>["EF_elec"]
    >();
    expectTypeOf<FixedInputOf<typeof thAm005CentrifugalChiller>>().toHaveProperty("TD_cooling");
    const base = {
      methodology: { id: "JCM_MV_AM001", version: "01.0" },
      period: { start: "2019-01-01", end: "2019-12-31" },
      monitored: { "EG_i,p": [{ equipment: "PV-1", value: "1" }] },
    };
    documentFor(mvAm001SolarPv, { ...base, fixed: { EF_RE: "0.8" } });
    // @ts-expect-error JCM_MV_AM001 names no connection case
    documentFor(mvAm001SolarPv, { ...base, fixed: { EF_RE: "0.8", connection: "off-grid" } });
  });

  it("safeCalculate's result narrows on success", () => {
    const outcome = safeCalculate(mnAm003SolarPv, {});
    if (outcome.success) expectTypeOf(outcome.result).toEqualTypeOf<CalculationResult>();
    else expectTypeOf(outcome.error).toEqualTypeOf<MrvValidationError>();
    expectTypeOf(calculate(mnAm003SolarPv, "{}").emissionReductions).toEqualTypeOf<string>();
  });

  it("wrong symbol keys and value forms fail to compile", () => {
    const base = {
      methodology: { id: "JCM_MN_AM003", version: "02.0" },
      period: { start: "2019-01-01", end: "2019-12-31" },
    };
    documentFor(mnAm003SolarPv, {
      ...base,
      fixed: { connection: "national-grid" },
      monitored: { "EG_i,p": [{ equipment: "PV-1", value: "1", unit: "MWh" }] },
    });
    // @ts-expect-error misspelt symbol EF_re (the schema knows EF_RE)
    documentFor(mnAm003SolarPv, { ...base, fixed: { EF_re: "0.9" }, monitored: { "EG_i,p": [] } });
    // @ts-expect-error unknown connection case
    documentFor(mnAm003SolarPv, { ...base, fixed: { connection: "mini-grid" }, monitored: { "EG_i,p": [] } });
    // @ts-expect-error misspelt monitored symbol
    documentFor(mnAm003SolarPv, { ...base, fixed: {}, monitored: { EG_ip: [] } });
    // @ts-expect-error a value must be a decimal string or number, not a boolean
    documentFor(mnAm003SolarPv, { ...base, fixed: {}, monitored: { "EG_i,p": [{ equipment: "PV-1", value: true }] } });
    // @ts-expect-error per-equipment entries need their id
    documentFor(mnAm003SolarPv, { ...base, fixed: {}, monitored: { "EG_i,p": [{ value: "1" }] } });
  });
});
