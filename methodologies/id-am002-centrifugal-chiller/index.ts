import { defineChillerMethodology } from "../../src/entries/core.js";
import { GRID_TABLE_NOTE, INDONESIAN_GRID_TABLE, SOURCES, TD_DEFAULT } from "./defaults.js";

/**
 * JCM_ID_AM002 ver02.0 — Energy Saving by Introduction of High Efficiency Centrifugal Chiller (Indonesia),
 * on the chiller family: RE_p = Σ_i EC_PJ,i,p × (COP_PJ,tc,i ÷ COP_RE,i) × EF_elec;
 * PE_p = Σ_i EC_PJ,i,p × EF_elec; ER_p = RE_p − PE_p, floored. EF_elec may be looked up in the Indonesian grid table.
 */
export const idAm002CentrifugalChiller = defineChillerMethodology({
  id: "JCM_ID_AM002",
  version: "02.0",
  title: "Energy Saving by Introduction of High Efficiency Centrifugal Chiller",
  hostCountry: "ID",
  sectoralScope: "3 (energy demand)",
  status: "approved",
  basis: "summary and monitoring spreadsheet",
  connections: {},
  defaults: { EF_elec: INDONESIAN_GRID_TABLE, TD: TD_DEFAULT },
  sources: [
    {
      id: "monitoring-sheet",
      title: SOURCES.monitoringSheet,
      note: "parameters and monitoring options",
      status: "verified",
    },
    { id: "th-am005", title: SOURCES.siblingSummary, note: "equations (1)–(3)", status: "verified" },
    {
      id: "id-am003-pdd",
      title: SOURCES.siblingPdd,
      note: "COP ratio project-over-reference; ER floored",
      status: "derived",
    },
    {
      id: "indonesian-grids",
      title: SOURCES.indonesianGrids,
      note: `EF_elec by grid and case (${GRID_TABLE_NOTE})`,
      status: "verified",
    },
    {
      id: "feasibility-study",
      title: SOURCES.feasibilityStudy,
      note: "eligibility criteria as draft text; thresholds of the approved text not found",
      status: "verified",
    },
    {
      id: "recollection",
      title: SOURCES.recollection,
      note: "equation (4) and TD_cooling = TD_chilled = 1.5 °C",
      status: "unverified",
    },
  ],
  criteria: [
    { id: "1", text: "The project chiller is a centrifugal (turbo-compressor) water chiller", kind: "centrifugal" },
    {
      id: "2",
      text: "COP_PJ,tc,i exceeds the methodology's threshold for the chiller's capacity band",
      kind: "cop-threshold",
    },
    { id: "3", text: "The refrigerant's ozone-depletion potential is zero", kind: "zero-odp" },
    {
      id: "4",
      text: "Periodic checks by the manufacturer or its agent at least 4 times a year",
      kind: "declared-count",
      declaration: "periodicChecksPerYear",
      atLeast: 4,
    },
    {
      id: "5",
      text: "A plan to prevent release of refrigerant at replacement/disposal exists",
      kind: "declaration",
      declaration: "refrigerantRecoveryPlan",
    },
  ],
  card: {
    measure:
      "A high-efficiency centrifugal (turbo) chiller replaces or avoids a reference chiller. Only the chiller's own electricity counts: pumps and cooling towers exist in both scenarios and are outside the boundary.",
    eligibility: "Draft criteria of the FY2013 feasibility study (thresholds of the approved text not found):",
  },
});

export default idAm002CentrifugalChiller;
