import { defineSolarPvMethodology } from "../../src/entries/core.js";

/** JCM_KE_AM002 ver01.0 (Kenya), at summary level on the solar PV family. */
export const keAm002SolarPv = defineSolarPvMethodology({
  id: "JCM_KE_AM002",
  version: "01.0",
  title: "Installation of Solar PV System",
  hostCountry: "KE",
  sectoralScope: "1 (energy industries)",
  status: "approved",
  basis: "summary",
  connections: {},
  defaults: {},
  sources: [
    {
      id: "summary",
      title: "JCM_KE_AM002 ver01.0, methodology summary on the JCM website",
      note: "approved 23 Mar 2017, proposed by Pacific Consultants: RE = AC output × the conservative emission factor; PE = 0",
      status: "verified",
    },
    { id: "pdd", title: "The project's registered PDD, data and parameters fixed ex ante", note: "EF_RE" },
  ],
  card: { measure: "Solar PV systems in Kenya displace electricity counted at a conservative emission factor." },
});

export default keAm002SolarPv;
