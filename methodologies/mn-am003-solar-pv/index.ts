import {
  declarationCriterion,
  defineMethodology,
  Exact,
  type ModuleIssue,
  optionCriterion,
} from "../../src/entries/core.js";
import { EF_RE_BY_CONNECTION, SOURCES } from "./defaults.js";
import { projectEmissions, referenceEmissions, totalGeneration } from "./equations.js";
import { fixedSchema, monitoredSchema } from "./parameters.js";

/**
 * JCM_MN_AM003 ver02.0 — Installation of Solar PV System (Mongolia).
 * RE_p = Σ_i EG_i,p × EF_RE; PE_p = 0; ER_p = RE_p − PE_p, floored.
 */
export const mnAm003SolarPv = defineMethodology({
  id: "JCM_MN_AM003",
  version: "02.0",
  title: "Installation of Solar PV System",
  hostCountry: "MN",
  sectoralScope: "1 (energy industries)",
  status: "approved",
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
  fixedSchema,
  monitoredSchema,
  reportable: ["RE_p", "PE_p", "ER_p", "EG_p"],
  emissionReductionsEquation: "(3)",

  validate({ fixed }) {
    const issues: ModuleIssue[] = [];
    if (fixed.connection === undefined && fixed.EF_RE === undefined) {
      issues.push({
        path: ["fixed", "connection"],
        symbol: "connection",
        code: "missing",
        message: "state the connection case (it selects EF_RE), or give EF_RE",
        expected: '"national-grid", "grid-and-captive" or "off-grid"',
        found: "nothing",
      });
    }
    return issues;
  },

  eligibility({ fixed, monitored }) {
    return [
      declarationCriterion(
        "1",
        "The project installs solar PV system(s) in Mongolia",
        fixed.declarations?.pvInstalledInMongolia,
        "declarations.pvInstalledInMongolia",
      ),
      declarationCriterion(
        "2",
        "PV modules are certified for design qualification and safety (IEC 61215 / IEC 61646 and IEC 61730, or an equivalent national standard)",
        fixed.declarations?.modulesCertified,
        "declarations.modulesCertified",
      ),
      optionCriterion("3", "The electricity delivered is metered (AC side)", monitored["EG_i,p"], "EG_i,p"),
    ];
  },

  calculate({ fixed, monitored }, { trace, warn, useParameter }) {
    const table = fixed.connection === undefined ? undefined : EF_RE_BY_CONNECTION[fixed.connection];
    let EF_RE = fixed.EF_RE?.value;
    if (EF_RE === undefined) {
      // validate() guarantees a connection when EF_RE is absent.
      EF_RE = Exact.from(table!.value);
      useParameter({
        symbol: "EF_RE",
        path: "fixed.EF_RE",
        value: EF_RE,
        unit: "tCO2/MWh",
        kind: "fixed",
        source: `${table!.source} (connection "${fixed.connection}")`,
        status: table!.status,
      });
    } else if (table === undefined) {
      warn({
        code: "connection-not-stated",
        message: `EF_RE = ${EF_RE} tCO2/MWh was given without a connection case, so it could not be checked against the methodology's factors (0.797 national-grid, 0.533 grid-and-captive / off-grid)`,
        symbol: "EF_RE",
        path: "fixed.EF_RE",
      });
    } else if (!EF_RE.eq(table.value)) {
      warn({
        code: "ef-override",
        message: `EF_RE = ${EF_RE} tCO2/MWh differs from the methodology's ${table.value} tCO2/MWh for connection "${fixed.connection}"; the given value was used`,
        symbol: "EF_RE",
        path: "fixed.EF_RE",
      });
    }

    const generation = monitored["EG_i,p"];
    const EG_p = trace.record({
      symbol: "EG_p",
      equation: "(1)",
      expression: generation.map((eg) => `EG_i,p[${eg.id}]`).join(" + "),
      inputs: Object.fromEntries(generation.map((eg) => [`EG_i,p[${eg.id}]`, eg.value])),
      value: totalGeneration(generation.map((eg) => eg.value)),
      unit: "MWh",
    });
    const RE_p = trace.record({
      symbol: "RE_p",
      equation: "(1)",
      expression: "EG_p × EF_RE",
      inputs: { EG_p, EF_RE },
      value: referenceEmissions(EG_p, EF_RE),
      unit: "tCO2",
    });
    const PE_p = trace.record({
      symbol: "PE_p",
      equation: "(2)",
      expression: "0",
      inputs: {},
      value: projectEmissions(),
      unit: "tCO2",
    });
    return { RE_p, PE_p, figures: { EG_p: { value: EG_p, unit: "MWh" } } };
  },

  card: {
    measure: "Solar PV displaces electricity from the Mongolian grid and/or from captive diesel generators.",
    equations: [
      "(1) RE_p = Σ_i EG_i,p × EF_RE          [tCO2]",
      "(2) PE_p = 0                           [tCO2]   (PV generation emits nothing)",
      "(3) ER_p = RE_p − PE_p                 [tCO2], floored to whole tonnes per period (jcm-rules §2)",
    ].join("\n"),
    eligibility: [
      "Library draft (the approved list was not readable):",
      "1. The project installs solar PV system(s) in Mongolia — `declarations.pvInstalledInMongolia`.",
      "2. PV modules are certified (IEC 61215 / IEC 61646 and IEC 61730, or equivalent) — `declarations.modulesCertified`.",
      "3. The electricity delivered is metered (AC side) — `met` when every `EG_i,p` entry states option `C`; `not-met` when one states `A` or `B`; otherwise `not-assessed`.",
      "A declaration that is `true` → `met`; `false` → `not-met`; absent → `not-assessed`.",
    ].join("\n"),
    notes: [
      "EF_RE follows the connection case; a user-given EF_RE that differs from the case's value is used with a warning naming both, and EF_RE without `connection` is used with a warning that the case was not stated.",
      "",
      "| connection | EF_RE (tCO2/MWh) | source | status |",
      "| --- | --- | --- | --- |",
      ...Object.entries(EF_RE_BY_CONNECTION).map(([c, d]) => `| \`${c}\` | ${d.value} | ${d.source} | ${d.status} |`),
    ].join("\n"),
  },
});

export default mnAm003SolarPv;
