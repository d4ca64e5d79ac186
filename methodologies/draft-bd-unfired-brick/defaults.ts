import { type DefaultValue, IPCC_SOURCE, ipccValue } from "../../src/entries/core.js";

export const SOURCES = {
  spec: "jcm-mrv DRAFT_BD_UNFIRED_BRICK v0.1 spec (library draft, no Joint Committee approval)",
  amsIIIZ:
    "CDM small-scale methodology AMS-III.Z (brick manufacture) and one registered CDM unfired-block project that deducted its cement and lime emissions: precedent for unfired blocks replacing fired clay bricks and for equation (3), as summarised in the spec",
  ipcc: IPCC_SOURCE,
  clinker:
    "IPCC 2006 Guidelines, cement production, Tier 1 default clinker emission factor 0.52 tCO2/t clinker (0.507 from the CaO content alone), as cited by the DRAFT_BD_UNFIRED_BRICK v0.1 spec; not checked against the IPCC text",
} as const;

/** Reference coal: the IPCC lower bounds for other bituminous coal (conservative for RE_p), from the shared table. */
function lowerBound(quantity: "NCV" | "EF_CO2"): DefaultValue {
  const row = ipccValue("other bituminous coal", quantity, "lower");
  return {
    value: row.value.toString(),
    source: `${row.source}: lower bound for other bituminous coal`,
    status: row.status,
  };
}
export const NCV_COAL_DEFAULT: DefaultValue = lowerBound("NCV");
export const EF_COAL_DEFAULT: DefaultValue = lowerBound("EF_CO2");

export const EF_CLINKER_DEFAULT: DefaultValue = { value: "0.52", source: SOURCES.clinker, status: "unverified" };

export const EQ_K_DEFAULT: DefaultValue = {
  value: "1",
  source: "DRAFT_BD_UNFIRED_BRICK v0.1 spec: default equivalence 1 (a standard brick)",
  status: "derived",
};

/** EC_p when the document gives none: no electricity monitored (the spec's default). */
export const EC_DEFAULT: DefaultValue = {
  value: "0",
  source: "DRAFT_BD_UNFIRED_BRICK v0.1 spec: default 0 (no electricity monitored)",
  status: "derived",
};
