import type { DefaultValue } from "../../src/entries/core.js";

export type Connection = "national-grid" | "grid-and-captive" | "off-grid";

export const SOURCES = {
  summary: "JCM_MN_AM003 ver02.0, methodology summary on the Mongolian JCM site (approved 30 Jan 2017)",
  mongoliaFactor:
    "Additional information on calculating the conservative emission factor of Mongolia (with JCM_MN_AM003 ver02.0): most efficient coal-fired CHP plant",
  diesel:
    "JCM conservative diesel-generator factor (IGES additional information on Indonesian grid factors; jcm-rules §4)",
} as const;

/** EF_RE by connection case (tCO2/MWh), each with its source and status. */
export const EF_RE_BY_CONNECTION: Readonly<Record<Connection, DefaultValue>> = Object.freeze({
  "national-grid": { value: "0.797", source: SOURCES.mongoliaFactor, status: "verified" },
  "grid-and-captive": { value: "0.533", source: SOURCES.diesel, status: "verified" },
  "off-grid": { value: "0.533", source: SOURCES.diesel, status: "verified" },
});
