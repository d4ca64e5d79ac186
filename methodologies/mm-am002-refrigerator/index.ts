import { defineRefrigeratorMethodology } from "../../src/entries/core.js";

/** JCM_MM_AM002 ver01.0 (Myanmar), at summary level on the refrigerator family. */
export const mmAm002Refrigerator = defineRefrigeratorMethodology({
  id: "JCM_MM_AM002",
  version: "01.0",
  title: "Installation of Energy-efficient Refrigerators Using Natural Refrigerant at Cold Storage",
  hostCountry: "MM",
  sectoralScope: "3 (energy demand)",
  status: "approved",
  basis: "summary",
  connections: {},
  defaults: {},
  sources: [
    {
      id: "summary",
      title: "JCM_MM_AM002 ver01.0, methodology summary on the JCM website",
      note: "approved 16 Jan 2020, proposed by Ryobi Holdings: RE from the power consumption of the project refrigerator, the ratio of the COPs of reference and project refrigerators and the CO2 emission factor; monitored: electricity consumed by the project refrigerator",
      status: "verified",
    },
    {
      id: "id-am003-pdd",
      title: "PDD of a registered project under JCM_ID_AM003 (the same structure)",
      note: "COP ratio project-over-reference; ER floored (135 MWh, COP 1.63 against 1.32: RE printed 136, ER 25)",
      status: "derived",
    },
    {
      id: "pdd",
      title: "The project's registered PDD, data and parameters fixed ex ante",
      note: "EF_elec, COP_PJ,i and COP_RE,i",
    },
  ],
  card: {
    measure:
      "Energy-efficient refrigerators using a natural refrigerant at cold storage in Myanmar replace reference refrigerators; only the refrigerators' own electricity counts.",
  },
});

export default mmAm002Refrigerator;
