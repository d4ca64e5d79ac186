import { defineSolarPvMethodology } from "../../src/entries/core.js";

/** JCM_MV_AM001 ver01.0 (Maldives), at summary level on the solar PV family: one factor covers grid and captive supply. */
export const mvAm001SolarPv = defineSolarPvMethodology({
  id: "JCM_MV_AM001",
  version: "01.0",
  title: "Displacement of Grid and Captive Genset Electricity by Solar PV System",
  hostCountry: "MV",
  sectoralScope: "1 (energy industries)",
  status: "approved",
  basis: "summary",
  connections: {},
  defaults: {},
  sources: [
    {
      id: "summary",
      title: "JCM_MV_AM001 ver01.0, methodology summary on the JCM website",
      note: "approved 25 Mar 2015, proposed by Pacific Consultants: RE = AC output × the conservative emission factor of grid and captive electricity; PE = 0; monitoring: electricity generated",
      status: "verified",
    },
    { id: "pdd", title: "The project's registered PDD, data and parameters fixed ex ante", note: "EF_RE" },
  ],
  card: {
    measure:
      "Solar PV systems displace electricity from the grid and from captive diesel gensets in the Maldives; one conservative emission factor covers both.",
  },
});

export default mvAm001SolarPv;
