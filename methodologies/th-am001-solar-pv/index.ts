import { defineSolarPvMethodology } from "../../src/entries/core.js";

/** JCM_TH_AM001 ver01.0 (Thailand), at summary level on the solar PV family. */
export const thAm001SolarPv = defineSolarPvMethodology({
  id: "JCM_TH_AM001",
  version: "01.0",
  title: "Installation of Solar PV System",
  hostCountry: "TH",
  sectoralScope: "1 (energy industries)",
  status: "approved",
  basis: "summary",
  connections: {
    "national-grid": "the PV feeds the national grid, or an internal grid tied only to it",
    "grid-and-captive": "an internal grid tied to both the national grid and a captive generator",
    "off-grid": "an internal grid not tied to the national grid (captive supply only)",
  },
  defaults: {},
  sources: [
    {
      id: "summary",
      title: "JCM_TH_AM001 ver01.0, methodology summary on the JCM website",
      note: "approved 23 Aug 2016, proposed by Pacific Consultants: RE = AC output × the conservative emission factor of grid and/or captive electricity; PE = 0",
      status: "verified",
    },
    { id: "pdd", title: "The project's registered PDD, data and parameters fixed ex ante", note: "EF_RE and its case" },
  ],
  card: {
    measure: "Solar PV systems in Thailand displace grid and/or captive electricity.",
    notes:
      "Most Thai projects apply later versions (ver02.0, ver03.0), whose content was not seen; a registry holding their approved text registers them with the same factory (docs/writing-a-methodology.md).",
  },
});

export default thAm001SolarPv;
