import {
  allDeclared,
  defineMethodology,
  type EquipmentEvidence,
  Exact,
  everyEquipment,
  formatPath,
  joinIssues,
  listIds,
  type ModuleIssue,
  type Quantity,
  quote,
} from "../../src/entries/core.js";
import { CAPACITY_RANGE_MW, DRAFT_EQUATIONS_WARNING, SOURCES } from "./defaults.js";
import {
  estimatedAuxiliaryElectricity,
  projectEmissions,
  projectEmissionsOfBoiler,
  referenceEmissions,
  referenceEmissionsOfBoiler,
  totalOverBoilers,
} from "./equations.js";
import { type Boiler, fixedSchema, type Monitored, monitoredSchema } from "./parameters.js";

const MONITORED = ["HG_PJ,i,p", "EC_PJ,i,p", "t_op,i,p"] as const;
type MonitoredSymbol = (typeof MONITORED)[number];
type Entry = { quantity: Quantity; index: number };

/** A monitored per-equipment array indexed by equipment id, keeping each entry's position. */
function byEquipment(entries: readonly Quantity[] | undefined): Map<string, Entry> {
  return new Map((entries ?? []).map((quantity, index) => [quantity.id ?? "", { quantity, index }]));
}

function indexMonitored(monitored: Monitored): Record<MonitoredSymbol, Map<string, Entry>> {
  return {
    "HG_PJ,i,p": byEquipment(monitored["HG_PJ,i,p"]),
    "EC_PJ,i,p": byEquipment(monitored["EC_PJ,i,p"]),
    "t_op,i,p": byEquipment(monitored["t_op,i,p"]),
  };
}

/** Which EC_PJ,i,p case applies to a boiler (spec: monitored, else estimated, else 0). */
type Auxiliary =
  | { case: "monitored"; EC: Exact }
  | { case: "estimated"; EC: Exact; P_aux: Exact; t_op: Exact }
  | { case: "incomplete"; missing: "P_aux,i" | "t_op,i,p" }
  | { case: "none"; EC: Exact };

function auxiliary(boiler: Boiler, EC: Entry | undefined, t_op: Entry | undefined): Auxiliary {
  if (EC) return { case: "monitored", EC: EC.quantity.value };
  const P_aux = boiler["P_aux,i"]?.value;
  if (P_aux && t_op)
    return {
      case: "estimated",
      EC: estimatedAuxiliaryElectricity(P_aux, t_op.quantity.value),
      P_aux,
      t_op: t_op.quantity.value,
    };
  if (P_aux) return { case: "incomplete", missing: "t_op,i,p" };
  if (t_op) return { case: "incomplete", missing: "P_aux,i" };
  return { case: "none", EC: Exact.ZERO };
}

const quoted = (id: string) => quote(id);

/** Per-boiler evidence from declarations: all true → met, any false → not-met, else not-assessed. */
function declared(
  boilers: readonly Boiler[],
  keys: readonly (keyof NonNullable<Boiler["declarations"]>)[],
): EquipmentEvidence[] {
  const labels = keys.map((k) => `declarations.${k}`);
  // The outcome depends only on which keys are true, false or absent: each of those few patterns is
  // judged once (a number in base 3 names it), not once per boiler.
  const judged = new Map<number, { result: EquipmentEvidence["result"]; reason: string }>();
  return boilers.map((b) => {
    const given = b.declarations;
    let pattern = 0;
    for (const k of keys) pattern = pattern * 3 + (given?.[k] === true ? 1 : given?.[k] === false ? 2 : 0);
    let c = judged.get(pattern);
    if (c === undefined) {
      const { result, reason } = allDeclared(
        "",
        "",
        keys.map((k, i) => [labels[i]!, given?.[k]] as [string, boolean | undefined]),
      );
      c = { result, reason };
      judged.set(pattern, c);
    }
    return { id: b.equipment, result: c.result, reason: c.reason };
  });
}

/**
 * JCM_MN_AM002 ver01.0 — Replacement and Installation of High Efficiency Heat Only Boiler (HOB) for
 * Hot Water Supply Systems (Mongolia). Equations from the demonstration studies (the approved text
 * was not readable): RE_p = Σ_i HG ÷ η_RE × EF_coal; PE_p = Σ_i HG ÷ η_PJ × EF_coal + Σ_i EC × EF_grid.
 */
export const mnAm002HeatOnlyBoiler = defineMethodology({
  id: "JCM_MN_AM002",
  version: "01.0",
  title: "Replacement and Installation of High Efficiency Heat Only Boiler (HOB) for Hot Water Supply Systems",
  hostCountry: "MN",
  sectoralScope: "1 (energy industries)",
  status: "approved",
  family: "heat-only-boiler",
  basis: "demonstration-study draft",
  sources: [
    {
      id: "mrv-study",
      title: SOURCES.mrvStudy,
      note: "monitoring of the two registered HOB projects",
      status: "verified",
    },
    {
      id: "methodology-study",
      title: SOURCES.methodologyStudy,
      note: "equations (1)–(2), eligibility criteria 1–5, the estimated auxiliary electricity, worked example",
      status: "verified",
    },
    {
      id: "approved",
      title: SOURCES.approved,
      note: "the equations were not checked against it; no defaults shipped",
      status: "unverified",
    },
  ],
  fixedSchema,
  monitoredSchema,
  reportable: ["RE_p", "PE_p", "ER_p", "HG_p"],
  emissionReductionsEquation: "(3)",
  standingWarnings: [{ code: "study-draft-equations", message: DRAFT_EQUATIONS_WARNING }],

  validate({ period, fixed, monitored }) {
    const issues: ModuleIssue[] = [];
    const ids = fixed.boilers.map((b) => b.equipment);
    for (const symbol of MONITORED) {
      for (const issue of joinIssues({
        ids,
        definedIn: "fixed.boilers",
        idKey: "equipment",
        symbol,
        entries: monitored[symbol],
        requiredPerId: symbol === "HG_PJ,i,p",
      }))
        issues.push(issue);
    }
    const entries = indexMonitored(monitored);
    // Hours of the period as it really runs (23- and 25-hour days included): compared exactly in ms.
    const periodMs = period.endInstant - period.startInstant;
    const maxHours = Exact.from(periodMs).div(3_600_000);
    const withElectricity: string[] = [];
    fixed.boilers.forEach((boiler, b) => {
      const id = boiler.equipment;
      const EC = entries["EC_PJ,i,p"].get(id);
      const t_op = entries["t_op,i,p"].get(id);
      if (EC && t_op) {
        issues.push({
          path: ["monitored", "t_op,i,p", t_op.index],
          symbol: "t_op,i,p",
          code: "conflicting-parameters",
          message: `boiler ${quoted(id)} has both a monitored EC_PJ,i,p and t_op,i,p: give EC_PJ,i,p, or P_aux,i with t_op,i,p, not both`,
          expected: "EC_PJ,i,p or t_op,i,p for one boiler",
          found: "both",
        });
      }
      if (t_op?.quantity.value.times(3_600_000).gt(periodMs)) {
        issues.push({
          path: ["monitored", "t_op,i,p", t_op.index, "value"],
          symbol: "t_op,i,p",
          code: "out-of-range",
          message: `t_op,i,p of boiler ${quoted(id)} exceeds the hours in the period`,
          expected: `≤ ${maxHours} h (the period's length: ${period.days} days in ${period.timeZone})`,
          found: `${t_op.quantity.value} h`,
        });
      }
      const aux = auxiliary(boiler, EC, t_op);
      if (aux.case === "incomplete") {
        const path = aux.missing === "P_aux,i" ? ["fixed", "boilers", b, "P_aux,i"] : ["monitored", "t_op,i,p"];
        const given = aux.missing === "P_aux,i" ? "t_op,i,p" : "P_aux,i";
        issues.push({
          path,
          symbol: aux.missing,
          code: "missing",
          message: `boiler ${quoted(id)} gives ${given} but no ${aux.missing}: the estimated EC_PJ,i,p = P_aux,i × t_op,i,p ÷ 1000 needs both (or monitor EC_PJ,i,p)`,
          expected: `${aux.missing} for boiler ${quoted(id)}`,
          found: "nothing",
        });
      } else if (aux.EC.gt(0)) withElectricity.push(id);
    });
    if (fixed.EF_grid === undefined && withElectricity.length > 0) {
      issues.push({
        path: ["fixed", "EF_grid"],
        symbol: "EF_grid",
        code: "missing",
        message: `EF_grid is required: auxiliary electricity EC_PJ,i,p > 0 for ${listIds(withElectricity)}`,
        expected: "a grid emission factor in tCO2/MWh (> 0)",
        found: "nothing",
      });
    }
    return issues;
  },

  eligibility({ fixed }) {
    const boilers = fixed.boilers;
    const capacity = boilers.map((b): EquipmentEvidence => {
      const c = b.capacity?.value;
      if (c === undefined) return { id: b.equipment, result: "not-assessed", reason: "capacity not given" };
      const inside = c.gte(CAPACITY_RANGE_MW.min) && c.lte(CAPACITY_RANGE_MW.max);
      return {
        id: b.equipment,
        result: inside ? "met" : "not-met",
        reason: () =>
          `capacity ${c} MW is ${inside ? "within" : "outside"} ${CAPACITY_RANGE_MW.min}–${CAPACITY_RANGE_MW.max} MW`,
      };
    });
    const efficiency = boilers.map((b): EquipmentEvidence => {
      const re = b["η_RE,i"].value;
      const pj = b["η_PJ,i"].value;
      const better = pj.gt(re);
      return {
        id: b.equipment,
        result: better ? "met" : "not-met",
        reason: () => `η_PJ,i ${pj} ${better ? ">" : "≤"} η_RE,i ${re}`,
      };
    });
    return [
      everyEquipment(
        "1",
        "The project HOB is coal-fired and supplies hot water for heating",
        declared(boilers, ["coalFired", "hotWaterSupply"]),
      ),
      everyEquipment(
        "2",
        `The project HOB's capacity is between ${CAPACITY_RANGE_MW.min} MW and ${CAPACITY_RANGE_MW.max} MW inclusive (MNS 5043 range)`,
        capacity,
      ),
      everyEquipment(
        "3",
        "The activity is a new installation, a replacement of a coal-fired HOB, or a capacity expansion of one",
        declared(boilers, ["newOrReplacementOrExpansion"]),
      ),
      everyEquipment("4", "Each project HOB has a dust collector", declared(boilers, ["dustCollector"])),
      everyEquipment(
        "5",
        "An operation manual and a maintenance plan exist",
        declared(boilers, ["operationManualAndMaintenancePlan"]),
      ),
      everyEquipment(
        "6",
        "The project HOB is more efficient than its reference (η_PJ,i > η_RE,i) — library criterion",
        efficiency,
      ),
    ];
  },

  calculate({ fixed, monitored }, { trace, warn }) {
    const EF_coal = fixed.EF_coal.value;
    const EF_grid = fixed.EF_grid?.value;
    const entries = indexMonitored(monitored);
    const rows = fixed.boilers.map((boiler, b) => {
      const id = boiler.equipment;
      const η_RE = boiler["η_RE,i"].value;
      const η_PJ = boiler["η_PJ,i"].value;
      if (η_PJ.lte(η_RE)) {
        warn({
          code: "efficiency-not-improved",
          message: `boiler ${quoted(id)}: η_PJ,i ${η_PJ} is not above η_RE,i ${η_RE}, so the methodology cannot credit it (eligibility criterion 6)`,
          symbol: "η_PJ,i",
          path: formatPath(["fixed", "boilers", b, "η_PJ,i"]),
        });
      }
      // validate() guarantees an HG_PJ,i,p entry per boiler and no incomplete EC case.
      const hgSymbol = `HG_PJ,i,p[${id}]`;
      const HG = trace.record({
        symbol: hgSymbol,
        equation: "(1)",
        expression: "HG_PJ,i,p",
        inputs: {},
        value: entries["HG_PJ,i,p"].get(id)!.quantity.value,
        unit: "GJ",
      });
      const aux = auxiliary(boiler, entries["EC_PJ,i,p"].get(id), entries["t_op,i,p"].get(id));
      const ecSymbol = `EC_PJ,i,p[${id}]`;
      let EC: Exact;
      if (aux.case === "monitored")
        EC = trace.record({
          symbol: ecSymbol,
          equation: "(2)",
          expression: "monitored",
          inputs: {},
          value: aux.EC,
          unit: "MWh",
        });
      else if (aux.case === "estimated")
        EC = trace.record({
          symbol: ecSymbol,
          equation: "(2)",
          expression: "P_aux,i × t_op,i,p ÷ 1000",
          inputs: { "P_aux,i": aux.P_aux, "t_op,i,p": aux.t_op },
          value: aux.EC,
          unit: "MWh",
        });
      else {
        EC = trace.record({
          symbol: ecSymbol,
          equation: "(2)",
          expression: "0 (no auxiliary electricity given)",
          inputs: {},
          value: Exact.ZERO,
          unit: "MWh",
        });
        warn({
          code: "no-auxiliary-electricity",
          message: `boiler ${quoted(id)} has no auxiliary electricity (neither EC_PJ,i,p nor P_aux,i with t_op,i,p): EC_PJ,i,p = 0 was used`,
          symbol: "EC_PJ,i,p",
          path: formatPath(["fixed", "boilers", b]),
        });
      }
      const reSymbol = `RE_i,p[${id}]`;
      const peSymbol = `PE_i,p[${id}]`;
      const RE = trace.record({
        symbol: reSymbol,
        equation: "(1)",
        expression: "HG_PJ,i,p ÷ η_RE,i × EF_coal",
        inputs: { "HG_PJ,i,p": HG, "η_RE,i": η_RE, EF_coal },
        value: referenceEmissionsOfBoiler(HG, η_RE, EF_coal),
        unit: "tCO2",
      });
      const PE = trace.record(
        EF_grid === undefined
          ? {
              symbol: peSymbol,
              equation: "(2)",
              expression: "HG_PJ,i,p ÷ η_PJ,i × EF_coal",
              inputs: { "HG_PJ,i,p": HG, "η_PJ,i": η_PJ, EF_coal },
              value: projectEmissionsOfBoiler(HG, η_PJ, EF_coal, EC, undefined),
              unit: "tCO2",
            }
          : {
              symbol: peSymbol,
              equation: "(2)",
              expression: "HG_PJ,i,p ÷ η_PJ,i × EF_coal + EC_PJ,i,p × EF_grid",
              inputs: { "HG_PJ,i,p": HG, "η_PJ,i": η_PJ, EF_coal, "EC_PJ,i,p": EC, EF_grid },
              value: projectEmissionsOfBoiler(HG, η_PJ, EF_coal, EC, EF_grid),
              unit: "tCO2",
            },
      );
      // A row keeps the id, not the four step symbols: the totals make `RE_i,p[B-1]` again as they walk
      // their inputs, short-lived (100,000 boilers kept 400,000 symbol strings through the whole trace).
      return { id, HG, EC, RE, PE };
    });

    type Term = "HG" | "EC" | "RE" | "PE";
    const total = (
      symbol: string,
      equation: string,
      of: Term,
      term: string,
      sum: (v: Exact[]) => Exact,
      unit: string,
    ) => {
      // The expression and the inputs are written only when the step is kept: a total over 100,000
      // boilers has 100,000 inputs, and the CLI's first pass over a JSON result keeps no step.
      return trace.record({
        symbol,
        equation,
        expression: () => rows.map((row) => `${term}[${row.id}]`).join(" + "),
        inputs: (visit) => {
          for (const row of rows) visit(`${term}[${row.id}]`, row[of]);
        },
        value: sum(rows.map((row) => row[of])),
        unit,
      });
    };
    const HG_p = total("HG_p", "(1)", "HG", "HG_PJ,i,p", totalOverBoilers, "GJ");
    const EC_p = total("EC_PJ,p", "(2)", "EC", "EC_PJ,i,p", totalOverBoilers, "MWh");
    const RE_p = total("RE_p", "(1)", "RE", "RE_i,p", referenceEmissions, "tCO2");
    const PE_p = total("PE_p", "(2)", "PE", "PE_i,p", projectEmissions, "tCO2");
    return { RE_p, PE_p, figures: { HG_p: { value: HG_p, unit: "GJ" }, "EC_PJ,p": { value: EC_p, unit: "MWh" } } };
  },

  card: {
    measure:
      "Old low-efficiency coal-fired heat-only boilers (HOBs) that heat water for district heating are replaced by, or centralised into, high-efficiency coal-fired HOBs: less coal is burned for the same heat.",
    equations: [
      "(1) RE_p = Σ_i HG_PJ,i,p ÷ η_RE,i × EF_coal                                   [tCO2]",
      "(2) PE_p = Σ_i HG_PJ,i,p ÷ η_PJ,i × EF_coal  +  Σ_i EC_PJ,i,p × EF_grid       [tCO2]",
      "(3) ER_p = RE_p − PE_p                                                        [tCO2], floored to whole tonnes per period (jcm-rules §2)",
      "EC_PJ,i,p: monitored when given; else P_aux,i × t_op,i,p ÷ 1000; else 0 (with a warning).",
    ].join("\n"),
    eligibility: [
      "Study draft, paraphrased (the approved list was not readable); evidence per boiler in `fixed.boilers[]`:",
      "1. The project HOB is coal-fired and supplies hot water for heating — `declarations.coalFired`, `declarations.hotWaterSupply`.",
      `2. Its capacity is between ${CAPACITY_RANGE_MW.min} MW and ${CAPACITY_RANGE_MW.max} MW inclusive (MNS 5043) — \`capacity\`.`,
      "3. New installation, replacement of a coal-fired HOB, or capacity expansion of one — `declarations.newOrReplacementOrExpansion`.",
      "4. Each project HOB has a dust collector — `declarations.dustCollector`.",
      "5. An operation manual and maintenance plan exist — `declarations.operationManualAndMaintenancePlan`.",
      "6. (library) η_PJ,i > η_RE,i for every boiler.",
      "A criterion is `met` only when every boiler's evidence meets it, `not-met` when any boiler's evidence fails it, `not-assessed` otherwise.",
    ].join("\n"),
    notes:
      "No default is shipped for EF_coal, EF_grid or the efficiencies: enter the values fixed in the registered PDD (the study used EF_coal 0.099 tCO2/GJ, EF_grid 1.1501 tCO2/MWh, η_RE 0.50, η_PJ 0.67). EF_grid is required only when some EC_PJ,i,p > 0. Giving both a monitored EC_PJ,i,p and t_op,i,p for one boiler is an error, as is only one of P_aux,i and t_op,i,p. η_PJ,i ≤ η_RE,i is accepted with a warning and fails criterion 6.",
  },
});

export default mnAm002HeatOnlyBoiler;
