import {
  type CriterionOutcome,
  declarationCriterion,
  defineMethodology,
  type EquipmentEvidence,
  Exact,
  everyEquipment,
  formatPath,
  isQuantity,
  joinIssues,
  type ModuleIssue,
  quote,
} from "../../src/entries/core.js";
import { GRID_TABLE_NOTE, INDONESIAN_GRID_FACTORS, SOURCES, TD_DEFAULT } from "./defaults.js";
import {
  projectEmissions,
  referenceConsumption,
  referenceEmissions,
  standardConditionCop,
  total,
} from "./equations.js";
import { type Chiller, type Fixed, fixedSchema, monitoredSchema } from "./parameters.js";

const RATED = ["COP_PJ,i", "T_cooling-out,i", "T_chilled-out,i"] as const;

/** TD_cooling and TD_chilled as given, else the unverified default (applied here, see parameters.ts). */
function temperatureDifferences(fixed: Fixed) {
  const td = (q: Fixed["TD_cooling"]) => ({
    value: q?.value ?? Exact.from(TD_DEFAULT.value),
    defaulted: q === undefined,
  });
  return { TD_cooling: td(fixed.TD_cooling), TD_chilled: td(fixed.TD_chilled) };
}

/** COP_PJ,tc,i as given, or by equation (4) from the rated COP; undefined when neither form is complete. */
function standardCop(chiller: Chiller, fixed: Fixed): { value: Exact; byEquation4: boolean } | undefined {
  const given = chiller["COP_PJ,tc,i"];
  if (given) return { value: given.value, byEquation4: false };
  const [cop, cooling, chilled] = RATED.map((symbol) => chiller[symbol]);
  if (!cop || !cooling || !chilled) return undefined;
  const { TD_cooling, TD_chilled } = temperatureDifferences(fixed);
  return {
    value: standardConditionCop(cop.value, cooling.value, chilled.value, TD_cooling.value, TD_chilled.value),
    byEquation4: true,
  };
}

const evidence = (id: string, result: CriterionOutcome, reason: string): EquipmentEvidence => ({ id, result, reason });
const text = (d: Exact) => d.toString();

/**
 * JCM_ID_AM002 ver02.0 — Energy Saving by Introduction of High Efficiency Centrifugal Chiller (Indonesia).
 * RE_p = Σ_i EC_PJ,i,p × (COP_PJ,tc,i ÷ COP_RE,i) × EF_elec; PE_p = Σ_i EC_PJ,i,p × EF_elec; ER_p = RE_p − PE_p, floored.
 */
export const idAm002CentrifugalChiller = defineMethodology({
  id: "JCM_ID_AM002",
  version: "02.0",
  title: "Energy Saving by Introduction of High Efficiency Centrifugal Chiller",
  hostCountry: "ID",
  sectoralScope: "3 (energy demand)",
  status: "approved",
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
  fixedSchema,
  monitoredSchema,
  reportable: ["RE_p", "PE_p", "ER_p", "EC_PJ,p", "EC_RE,p"],
  emissionReductionsEquation: "(3)",

  validate({ fixed, monitored }) {
    const issues: ModuleIssue[] = [];
    const EC = "EC_PJ,i,p";
    for (const issue of joinIssues({
      ids: fixed.chillers.map((c) => c.equipment),
      definedIn: "fixed.chillers",
      idKey: "equipment",
      symbol: EC,
      entries: monitored[EC],
      requiredPerId: true,
    }))
      issues.push(issue);
    fixed.chillers.forEach((chiller, i) => {
      const at = (key: string) => ["fixed", "chillers", i, key];
      const id = chiller.equipment;
      const rated = RATED.filter((symbol) => chiller[symbol] !== undefined);
      if (chiller["COP_PJ,tc,i"] !== undefined && rated.length > 0) {
        issues.push({
          path: at("COP_PJ,tc,i"),
          symbol: "COP_PJ,tc,i",
          code: "conflicting-forms",
          message: `chiller ${quote(id)} gives both COP_PJ,tc,i and the rated form (${rated.join(", ")}); give one`,
          expected: "COP_PJ,tc,i, or COP_PJ,i with T_cooling-out,i and T_chilled-out,i",
          found: `COP_PJ,tc,i and ${rated.join(", ")}`,
        });
      } else if (chiller["COP_PJ,tc,i"] === undefined && rated.length === 0) {
        issues.push({
          path: at("COP_PJ,tc,i"),
          symbol: "COP_PJ,tc,i",
          code: "missing",
          message: `chiller ${quote(id)} needs COP_PJ,tc,i, or COP_PJ,i with T_cooling-out,i and T_chilled-out,i`,
          expected: "COP_PJ,tc,i, or COP_PJ,i with T_cooling-out,i and T_chilled-out,i",
          found: "nothing",
        });
      } else if (chiller["COP_PJ,tc,i"] === undefined) {
        for (const symbol of RATED.filter((s) => chiller[s] === undefined)) {
          issues.push({
            path: at(symbol),
            symbol,
            code: "missing",
            message: `chiller ${quote(id)} gives ${rated.join(", ")} but not ${symbol}: equation (4) needs all three`,
            expected: `${symbol} of chiller ${quote(id)}`,
            found: "nothing",
          });
        }
      }
      const cooling = chiller["T_cooling-out,i"];
      const chilled = chiller["T_chilled-out,i"];
      if (cooling && chilled?.value.gte(cooling.value)) {
        issues.push({
          path: at("T_chilled-out,i"),
          symbol: "T_chilled-out,i",
          code: "out-of-range",
          message: `chiller ${quote(id)}: the rated chilled-water outlet temperature must be below the cooling-water outlet temperature`,
          expected: `< ${text(cooling.value)} °C (T_cooling-out,i)`,
          found: `${text(chilled.value)} °C`,
        });
      }
    });
    return issues;
  },

  eligibility({ fixed }) {
    const chillers = fixed.chillers;
    const checks = fixed.declarations?.periodicChecksPerYear;
    return [
      everyEquipment(
        "1",
        "The project chiller is a centrifugal (turbo-compressor) water chiller",
        chillers.map((c) =>
          c.type === undefined
            ? evidence(c.equipment, "not-assessed", "type not given")
            : evidence(c.equipment, c.type === "centrifugal" ? "met" : "not-met", `type is "${c.type}"`),
        ),
      ),
      everyEquipment(
        "2",
        "COP_PJ,tc,i exceeds the methodology's threshold for the chiller's capacity band",
        chillers.map((c) => {
          const cop = standardCop(c, fixed);
          const threshold = c.COP_threshold?.value;
          if (threshold === undefined) return evidence(c.equipment, "not-assessed", "COP_threshold not given");
          if (cop === undefined) return evidence(c.equipment, "not-assessed", "COP_PJ,tc,i not known");
          const how = cop.byEquation4 ? " (by the unverified equation (4))" : "";
          return evidence(
            c.equipment,
            cop.value.gt(threshold) ? "met" : "not-met",
            `COP_PJ,tc,i ${text(cop.value)}${how} ${cop.value.gt(threshold) ? ">" : "≤"} COP_threshold ${text(threshold)}`,
          );
        }),
      ),
      everyEquipment(
        "3",
        "The refrigerant's ozone-depletion potential is zero",
        chillers.map((c) => {
          const odp = c.refrigerantODP?.value;
          if (odp === undefined) return evidence(c.equipment, "not-assessed", "refrigerantODP not given");
          return evidence(c.equipment, odp.isZero() ? "met" : "not-met", `refrigerantODP is ${text(odp)}`);
        }),
      ),
      checks === undefined
        ? {
            id: "4",
            text: "Periodic checks by the manufacturer or its agent at least 4 times a year",
            result: "not-assessed",
            reason: "declarations.periodicChecksPerYear not given",
          }
        : {
            id: "4",
            text: "Periodic checks by the manufacturer or its agent at least 4 times a year",
            result: checks >= 4 ? "met" : "not-met",
            reason: `declarations.periodicChecksPerYear is ${checks}`,
          },
      declarationCriterion(
        "5",
        "A plan to prevent release of refrigerant at replacement/disposal exists",
        fixed.declarations?.refrigerantRecoveryPlan,
        "declarations.refrigerantRecoveryPlan",
      ),
    ];
  },

  calculate({ fixed, monitored, period }, { trace, warn, useParameter }) {
    let EF_elec: Exact;
    if (isQuantity(fixed.EF_elec)) {
      EF_elec = fixed.EF_elec.value;
    } else {
      const { grid, case: gridCase } = fixed.EF_elec;
      const entry = INDONESIAN_GRID_FACTORS[grid][gridCase];
      EF_elec = Exact.from(entry.value);
      useParameter({
        symbol: "EF_elec",
        path: "fixed.EF_elec",
        value: EF_elec,
        unit: "tCO2/MWh",
        kind: "fixed",
        source: `${entry.source}, grid ${grid} case ${gridCase} (${GRID_TABLE_NOTE})`,
        status: entry.status,
      });
    }

    const TD = temperatureDifferences(fixed);
    let defaultsRecorded = false;
    const consumption = new Map(monitored["EC_PJ,i,p"].map((q, index) => [q.id, { q, index }]));
    const rows = fixed.chillers.map((chiller, i) => {
      const id = chiller.equipment;
      const { q: entry, index } = consumption.get(id)!; // validate() guarantees one entry per chiller
      const EC_PJ = entry.value;
      const COP_RE = chiller["COP_RE,i"].value;
      const cop = standardCop(chiller, fixed)!; // validate() guarantees one complete form
      let COP_PJ_tc = cop.value;
      if (cop.byEquation4) {
        if (!defaultsRecorded) {
          for (const [symbol, td] of Object.entries(TD)) {
            if (td.defaulted)
              useParameter({
                symbol,
                path: `fixed.${symbol}`,
                value: td.value,
                unit: "°C",
                kind: "fixed",
                source: TD_DEFAULT.source,
                status: TD_DEFAULT.status,
              });
          }
          defaultsRecorded = true;
        }
        const l = (symbol: string) => `${symbol}[${id}]`;
        COP_PJ_tc = trace.record({
          symbol: l("COP_PJ,tc,i"),
          equation: "(4)",
          expression: `${l("COP_PJ,i")} × (${l("T_cooling-out,i")} − ${l("T_chilled-out,i")} + TD_cooling + TD_chilled) ÷ (37 − 7 + TD_cooling + TD_chilled)`,
          inputs: {
            [l("COP_PJ,i")]: chiller["COP_PJ,i"]!.value,
            [l("T_cooling-out,i")]: chiller["T_cooling-out,i"]!.value,
            [l("T_chilled-out,i")]: chiller["T_chilled-out,i"]!.value,
            TD_cooling: TD.TD_cooling.value,
            TD_chilled: TD.TD_chilled.value,
          },
          value: cop.value,
          unit: "-",
        });
        const tdText = (symbol: "TD_cooling" | "TD_chilled") =>
          `${symbol} = ${text(TD[symbol].value)} °C${TD[symbol].defaulted ? " (unverified default)" : " (given)"}`;
        warn({
          code: "unverified-equation",
          message: `COP_PJ,tc,i of chiller ${quote(id)} = ${text(COP_PJ_tc)} was computed by equation (4), which is unverified (recollection of the methodology), with ${tdText("TD_cooling")} and ${tdText("TD_chilled")}; give COP_PJ,tc,i from the registered PDD to avoid it`,
          symbol: "COP_PJ,tc,i",
          path: formatPath(["fixed", "chillers", i]),
        });
      }
      const EC_RE = trace.record({
        symbol: `EC_RE,i,p[${id}]`,
        equation: "(1)",
        expression: `EC_PJ,i,p[${id}] × (COP_PJ,tc,i[${id}] ÷ COP_RE,i[${id}])`,
        inputs: { [`EC_PJ,i,p[${id}]`]: EC_PJ, [`COP_PJ,tc,i[${id}]`]: COP_PJ_tc, [`COP_RE,i[${id}]`]: COP_RE },
        value: referenceConsumption(EC_PJ, COP_PJ_tc, COP_RE),
        unit: "MWh",
      });

      // Magnitude check: at most full rated electric power, every hour of the period.
      const capacity = chiller.capacity?.value;
      if (capacity !== undefined) {
        const copForPower = chiller["COP_PJ,i"]?.value ?? COP_PJ_tc;
        // kW × the period's real length in hours (23- and 25-hour days included) ÷ 1000 = MWh.
        const most = capacity
          .div(copForPower)
          .times(period.endInstant - period.startInstant)
          .div(3_600_000_000);
        if (EC_PJ.gt(most)) {
          warn({
            code: "implausible-magnitude",
            message: `EC_PJ,i,p of chiller ${quote(id)} = ${text(EC_PJ)} MWh exceeds ${text(most.roundSignificant(6, "half-even"))} MWh, the most it could draw at full rated power (${text(capacity)} kW cooling ÷ COP ${text(copForPower)}) every hour of the period (${period.days} days): check for a kWh/MWh mix-up`,
            symbol: "EC_PJ,i,p",
            path: formatPath(["monitored", "EC_PJ,i,p", index]),
          });
        }
      }
      return { id, EC_PJ, EC_RE };
    });

    const sumStep = (symbol: string, part: string, equation: string, values: { id: string; value: Exact }[]) =>
      trace.record({
        symbol,
        equation,
        expression: values.map((v) => `${part}[${v.id}]`).join(" + "),
        inputs: Object.fromEntries(values.map((v) => [`${part}[${v.id}]`, v.value])),
        value: total(values.map((v) => v.value)),
        unit: "MWh",
      });
    const EC_PJ_p = sumStep(
      "EC_PJ,p",
      "EC_PJ,i,p",
      "(2)",
      rows.map((r) => ({ id: r.id, value: r.EC_PJ })),
    );
    const EC_RE_p = sumStep(
      "EC_RE,p",
      "EC_RE,i,p",
      "(1)",
      rows.map((r) => ({ id: r.id, value: r.EC_RE })),
    );

    const RE_p = trace.record({
      symbol: "RE_p",
      equation: "(1)",
      expression: rows.map((r) => `EC_RE,i,p[${r.id}] × EF_elec`).join(" + "),
      inputs: { ...Object.fromEntries(rows.map((r) => [`EC_RE,i,p[${r.id}]`, r.EC_RE])), EF_elec },
      value: referenceEmissions(
        rows.map((r) => r.EC_RE),
        EF_elec,
      ),
      unit: "tCO2",
    });
    const PE_p = trace.record({
      symbol: "PE_p",
      equation: "(2)",
      expression: rows.map((r) => `EC_PJ,i,p[${r.id}] × EF_elec`).join(" + "),
      inputs: { ...Object.fromEntries(rows.map((r) => [`EC_PJ,i,p[${r.id}]`, r.EC_PJ])), EF_elec },
      value: projectEmissions(
        rows.map((r) => r.EC_PJ),
        EF_elec,
      ),
      unit: "tCO2",
    });

    const EI_grid = monitored["EI_grid,p"];
    return {
      RE_p,
      PE_p,
      figures: {
        "EC_PJ,p": { value: EC_PJ_p, unit: "MWh" },
        "EC_RE,p": { value: EC_RE_p, unit: "MWh" },
        ...(EI_grid && { "EI_grid,p": { value: EI_grid.value, unit: "MWh" } }),
      },
    };
  },

  card: {
    measure:
      "A high-efficiency centrifugal (turbo) chiller replaces or avoids a reference chiller. Only the chiller's own electricity counts: pumps and cooling towers exist in both scenarios and are outside the boundary.",
    equations: [
      "(1) RE_p = Σ_i EC_PJ,i,p × (COP_PJ,tc,i ÷ COP_RE,i) × EF_elec        [tCO2]",
      "(2) PE_p = Σ_i EC_PJ,i,p × EF_elec                                   [tCO2]",
      "(3) ER_p = RE_p − PE_p                                               [tCO2], floored to whole tonnes per period (jcm-rules §2)",
      "(4) COP_PJ,tc,i = COP_PJ,i × (T_cooling-out,i − T_chilled-out,i + TD_cooling + TD_chilled)",
      "                           ÷ (37 − 7 + TD_cooling + TD_chilled)      [-]   (unverified)",
    ].join("\n"),
    eligibility: [
      "Draft criteria of the FY2013 feasibility study (thresholds of the approved text not found):",
      "1. The project chiller is a centrifugal (turbo-compressor) water chiller — `chillers[].type`.",
      "2. COP_PJ,tc,i exceeds the methodology's threshold for its capacity band — `chillers[].COP_threshold`.",
      "3. The refrigerant's ozone-depletion potential is zero — `chillers[].refrigerantODP`.",
      "4. Periodic checks by the manufacturer or its agent at least 4 times a year — `declarations.periodicChecksPerYear`.",
      "5. A plan to prevent release of refrigerant at replacement/disposal exists — `declarations.refrigerantRecoveryPlan`.",
      "Per-chiller criteria are `met` only when every chiller's evidence meets them, `not-met` when any fails, `not-assessed` otherwise; missing evidence is never `met`.",
    ].join("\n"),
    notes: [
      "The COP ratio is project over reference: the reference chiller would have drawn EC_PJ,i,p × COP_PJ,tc,i ÷ COP_RE,i for the same cooling (derived from an ID_AM003 PDD).",
      "Each chiller gives COP_PJ,tc,i as in the registered PDD (no warning), or its rated COP_PJ,i with T_cooling-out,i and T_chilled-out,i: then equation (4) converts it to standard conditions (7 °C / 37 °C) with TD_cooling = TD_chilled = 1.5 °C unless given, and a warning says the formula and the defaults are unverified.",
      `EF_elec is a decimal in tCO2/MWh, or { "grid": "Jamali", "case": 1 } looked up in the Indonesian grid table (${SOURCES.indonesianGrids}), which was ${GRID_TABLE_NOTE}; the lookup is recorded in the result's parameters with that note.`,
      "Magnitude check: an EC_PJ,i,p above capacity ÷ COP × 24 h × days (the rated COP when given, else COP_PJ,tc,i) warns of a likely kWh/MWh mix-up.",
      "EI_grid,p (site grid import) is recorded and reported; it does not enter (1)–(3).",
    ].join("\n"),
  },
});

export default idAm002CentrifugalChiller;
