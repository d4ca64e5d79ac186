import { defineSolarPvMethodology } from "../../src/entries/core.js";

/** JCM_VN_AM007 ver01.0 (Viet Nam), at summary level on the solar PV family: the PV output consumed on site or sold. */
export const vnAm007SolarPv = defineSolarPvMethodology({
  id: "JCM_VN_AM007",
  version: "01.0",
  title: "Installation of Solar PV System",
  hostCountry: "VN",
  sectoralScope: "1 (energy industries)",
  status: "approved",
  basis: "summary",
  connections: {
    "national-grid": "the PV output displaces grid electricity (the summary's conservative grid emission factor)",
    "off-grid": "the PV output displaces diesel generation (the summary's conservative diesel emission factor)",
  },
  defaults: {},
  descriptions: {
    "EG_i,p":
      "Electricity out of PV system i's generation that is consumed on site or sold to the power company in period p (electricity meter); not gross generation",
  },
  sources: [
    {
      id: "summary",
      title: "JCM_VN_AM007 ver01.0, methodology summary on the JCM website",
      note: "approved 2017, proposed by IGES: RE = AC output × the conservative grid or diesel emission factor; PE = 0; monitored: electricity consumed on site or sold to the power company out of the PV generation",
      status: "verified",
    },
    { id: "pdd", title: "The project's registered PDD, data and parameters fixed ex ante", note: "EF_RE and its case" },
  ],
  card: {
    measure:
      "Solar PV systems in Viet Nam: the electricity consumed on site or sold to the power company out of their generation displaces grid or diesel electricity.",
  },
});

export default vnAm007SolarPv;
