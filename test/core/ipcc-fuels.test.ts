import { describe, expect, it } from "vitest";
import { Decimal } from "../../src/core/decimal.js";
import {
  FUEL_NAMES,
  type FuelName,
  IPCC_FUEL_TABLE,
  IPCC_SOURCE,
  ipccValue,
  isFuelName,
  unknownFuelMessage,
} from "../../src/core/ipcc-fuels.js";

/** jcm-rules §6 transcribed independently: NCV (GJ/t) and CO2 factor (kgCO2/TJ), default / lower / upper. */
const SPEC: Record<FuelName, { NCV: string; EF_CO2: string }> = {
  "gas/diesel oil": { NCV: "43.0 / 41.4 / 43.3", EF_CO2: "74,100 / 72,600 / 74,800" },
  "residual fuel oil": { NCV: "40.4 / 39.8 / 41.7", EF_CO2: "77,400 / 75,500 / 78,800" },
  LPG: { NCV: "47.3 / 44.8 / 52.2", EF_CO2: "63,100 / 61,600 / 65,600" },
  "natural gas": { NCV: "48.0 / 46.5 / 50.4", EF_CO2: "56,100 / 54,300 / 58,300" },
  "other bituminous coal": { NCV: "25.8 / 19.9 / 30.5", EF_CO2: "94,600 / 89,500 / 99,700" },
  "sub-bituminous coal": { NCV: "18.9 / 11.5 / 26.0", EF_CO2: "96,100 / 92,800 / 100,000" },
  lignite: { NCV: "11.9 / 5.5 / 21.6", EF_CO2: "101,000 / 90,900 / 115,000" },
  anthracite: { NCV: "26.7 / 21.6 / 32.2", EF_CO2: "98,300 / 94,600 / 101,000" },
};
const BOUNDS = ["default", "lower", "upper"] as const;
const QUANTITIES = ["NCV", "EF_CO2"] as const;

describe("IPCC 2006 fuel table (jcm-rules §6)", () => {
  it("names exactly the eight fuels of §6, spelt as written", () => {
    expect([...FUEL_NAMES]).toEqual([
      "gas/diesel oil",
      "residual fuel oil",
      "LPG",
      "natural gas",
      "other bituminous coal",
      "sub-bituminous coal",
      "lignite",
      "anthracite",
    ]);
  });

  it("holds every fuel × quantity × bound exactly once, with the published value and unit", () => {
    expect(IPCC_FUEL_TABLE).toHaveLength(FUEL_NAMES.length * QUANTITIES.length * BOUNDS.length);
    for (const fuel of FUEL_NAMES) {
      for (const quantity of QUANTITIES) {
        const published = SPEC[fuel][quantity].split(" / ").map((v) => v.replace(/,/g, ""));
        BOUNDS.forEach((bound, i) => {
          const rows = IPCC_FUEL_TABLE.filter((r) => r.fuel === fuel && r.quantity === quantity && r.bound === bound);
          expect(rows, `${fuel} ${quantity} ${bound}`).toHaveLength(1);
          expect(new Decimal(rows[0]!.value).eq(published[i]!), `${fuel} ${quantity} ${bound}`).toBe(true);
          expect(rows[0]!.unit).toBe(quantity === "NCV" ? "GJ/t" : "kgCO2/TJ");
          expect(rows[0]!.source).toBe(IPCC_SOURCE);
        });
      }
    }
    expect(IPCC_SOURCE).toBe("IPCC 2006 Guidelines, Vol. 2, Ch. 1, Table 1.2 (NCV) / Table 1.4 (CO2 factor)");
  });

  it("marks only the default CO2 factors of gas/diesel oil and other bituminous coal verified", () => {
    const verified = IPCC_FUEL_TABLE.filter((r) => r.status === "verified").map(
      (r) => `${r.fuel} ${r.quantity} ${r.bound}`,
    );
    expect(verified.sort()).toEqual(["gas/diesel oil EF_CO2 default", "other bituminous coal EF_CO2 default"]);
    expect(IPCC_FUEL_TABLE.filter((r) => r.status !== "verified").every((r) => r.status === "unverified")).toBe(true);
  });

  it("returns the CO2 factor converted exactly to tCO2/GJ", () => {
    const upper = ipccValue("gas/diesel oil", "EF_CO2", "upper");
    expect(upper.value.toString()).toBe("0.0748");
    expect(upper.unit).toBe("tCO2/GJ");
    expect(upper.status).toBe("unverified");
    expect(ipccValue("sub-bituminous coal", "EF_CO2", "upper").value.toString()).toBe("0.1");
    expect(ipccValue("other bituminous coal", "EF_CO2", "lower").value.toString()).toBe("0.0895");
    const verified = ipccValue("gas/diesel oil", "EF_CO2", "default");
    expect(verified.value.toString()).toBe("0.0741");
    expect(verified.status).toBe("verified");
    for (const row of IPCC_FUEL_TABLE.filter((r) => r.quantity === "EF_CO2")) {
      // kgCO2/TJ ÷ 1,000,000 = tCO2/GJ, exactly.
      expect(ipccValue(row.fuel, "EF_CO2", row.bound).value.times(1_000_000).eq(row.value)).toBe(true);
    }
  });

  it("returns the NCV as published, in GJ/t, with source and status", () => {
    const ncv = ipccValue("gas/diesel oil", "NCV", "upper");
    expect(ncv.value.toString()).toBe("43.3");
    expect(ncv).toMatchObject({ unit: "GJ/t", source: IPCC_SOURCE, status: "unverified" });
  });

  it("rejects an unknown fuel with a text listing every known name", () => {
    expect(isFuelName("diesel")).toBe(false);
    expect(isFuelName("LPG")).toBe(true);
    expect(isFuelName("lpg")).toBe(false);
    const message = unknownFuelMessage("diesel");
    expect(message).toContain('"diesel"');
    for (const name of FUEL_NAMES) expect(message).toContain(`"${name}"`);
    expect(() => ipccValue("diesel" as FuelName, "NCV", "upper")).toThrow(/unknown fuel "diesel".*"gas\/diesel oil"/);
  });

  it("is frozen data", () => {
    expect(Object.isFrozen(IPCC_FUEL_TABLE)).toBe(true);
    expect(Object.isFrozen(IPCC_FUEL_TABLE[0])).toBe(true);
  });
});
