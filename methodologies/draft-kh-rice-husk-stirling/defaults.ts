import { type DefaultValue, IPCC_SOURCE } from "../../src/entries/core.js";

export const SOURCES = {
  spec: "jcm-mrv DRAFT_KH_RICE_HUSK_STIRLING v0.1 spec (library draft, no Joint Committee approval)",
  feasibilityStudy:
    "FY2012 JCM feasibility study of rice-husk Stirling-engine power at rice mills in Cambodia (Pro-Material Co.; Kandal, Kampong Cham, Kampong Speu): draft eligibility criteria",
  solarPvDiesel:
    "Approved JCM solar-PV methodologies, captive-diesel branch (e.g. JCM_MN_AM003 ver02.0): reference emissions = generation × conservative diesel generator factor",
  diesel:
    'IGES, "Additional information on calculating the emission factors of Indonesian electricity grids for the JCM": conservative diesel generator factor (jcm-rules §4)',
  ipcc: IPCC_SOURCE,
} as const;

/** EF_RE: the JCM conservative diesel factor, 0.533 tCO2/MWh (jcm-rules §4, verified). */
export const EF_RE_DEFAULT: DefaultValue = { value: "0.533", source: SOURCES.diesel, status: "verified" };

/** EC_grid,p when the document gives none: nothing imported (the spec's default). */
export const EC_GRID_DEFAULT: DefaultValue = {
  value: "0",
  source: `${SOURCES.spec}: default 0 (no imported electricity monitored)`,
  status: "derived",
};

/**
 * Plausible specific husk consumption in kg/kWh (= t/MWh): the library's bound, not a methodology
 * rule (husk ≈ 13–16 GJ/t at 5–35 % electric efficiency).
 */
export const HUSK_PER_KWH = { min: "0.8", max: "5" } as const;
