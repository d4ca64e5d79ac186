import { defineSolarPvMethodology } from "../../src/entries/core.js";
import { EF_RE_BY_CONNECTION, SOURCES } from "./defaults.js";

/**
 * JCM_MN_AM003 ver02.0 — Installation of Solar PV System (Mongolia), on the solar PV family:
 * RE_p = Σ_i EG_i,p × EF_RE; PE_p = 0; ER_p = RE_p − PE_p, floored. EF_RE by connection case.
 */
export const mnAm003SolarPv = defineSolarPvMethodology({
  id: "JCM_MN_AM003",
  version: "02.0",
  title: "Installation of Solar PV System",
  hostCountry: "MN",
  sectoralScope: "1 (energy industries)",
  status: "approved",
  basis: "summary and published factors",
  connections: {
    "national-grid": "the PV feeds a national grid (CES, WES, AUES, EES, SES) or an internal grid tied only to it",
    "grid-and-captive": "an internal grid tied to both the national grid and a captive generator",
    "off-grid": "an internal grid not tied to the national grid",
  },
  defaults: { EF_RE: EF_RE_BY_CONNECTION },
  sources: [
    {
      id: "summary",
      title: SOURCES.summary,
      note: "measure, equation structure, monitoring parameter",
      status: "verified",
    },
    {
      id: "mongolia-factor",
      title: SOURCES.mongoliaFactor,
      note: "EF_RE 0.797 and when each factor applies",
      status: "verified",
    },
    { id: "diesel", title: SOURCES.diesel, note: "EF_RE 0.533 for captive/off-grid cases", status: "verified" },
    {
      id: "feasibility-study",
      title: "JCM feasibility study of solar PV in Mongolia",
      note: "eligibility criteria drafted by the library; the approved list was not readable",
      status: "unverified",
    },
  ],
  criteria: [
    {
      id: "1",
      text: "The project installs solar PV system(s) in Mongolia",
      kind: "declaration",
      declaration: "pvInstalledInMongolia",
    },
    {
      id: "2",
      text: "PV modules are certified for design qualification and safety (IEC 61215 / IEC 61646 and IEC 61730, or an equivalent national standard)",
      kind: "declaration",
      declaration: "modulesCertified",
    },
    { id: "3", text: "The electricity delivered is metered (AC side)", kind: "metered" },
  ],
  card: {
    measure: "Solar PV displaces electricity from the Mongolian grid and/or from captive diesel generators.",
    eligibility: "Library draft (the approved list was not readable):",
  },
});

export default mnAm003SolarPv;
