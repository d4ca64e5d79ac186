import type * as z from "zod";
import { quote } from "../../../core/display.js";
import { Exact } from "../../../core/exact.js";
import { formatPath } from "../../../core/path.js";
import { defineMethodology } from "../../define.js";
import { type EquipmentEvidence, everyEquipment } from "../../eligibility.js";
import { joinIssues } from "../../joins.js";
import { type DefaultValue, isQuantity, type Quantity, type QuantityInput } from "../../parameters/index.js";
import type { CriterionOutcome, CriterionResult, Methodology, ModuleIssue } from "../../types.js";
import {
  type Connections,
  checkFamilyOptions,
  connectionNotStated,
  describer,
  type FamilyOptionsBase,
  FIXED_EX_ANTE,
  familyCard,
  identity,
  orList,
} from "../common.js";
import {
  type CommonCriterion,
  checkCriteria,
  commonCriterion,
  commonCriterionLine,
  type DeclarationsOf,
  eligibilityText,
} from "../criteria.js";
import {
  projectEmissions,
  referenceConsumption,
  referenceEmissions,
  standardConditionCop,
  total,
} from "./equations.js";
import {
  copRatioSchemas,
  type EquipmentEvidenceFields,
  type GridCase,
  type GridLookup,
  type GridTable,
  RATED,
  type Variant,
} from "./parameters.js";

export type { GridCase, GridLookup, GridTable } from "./parameters.js";

/**
 * The COP-ratio family (families.md): RE_p = Σ_i EC_PJ,i,p × (COP_PJ ÷ COP_RE,i) × EF_elec,
 * PE_p = Σ_i EC_PJ,i,p × EF_elec. Chillers use the COP at standard conditions (given, or by the
 * unverified equation (4)); refrigerators use the project COP as the PDD states it. One body of code
 * serves both; a country module is data.
 */

/** Per-equipment criteria the family evaluates from `fixed.<list>[]` evidence. */
export interface EquipmentCriterion {
  id: string;
  text: string;
  /** `centrifugal`: `type` is "centrifugal"; `cop-threshold`: the project COP exceeds `COP_threshold`; `zero-odp`: `refrigerantODP` is 0. */
  kind: "centrifugal" | "cop-threshold" | "zero-odp";
}
export type ChillerCriterion = CommonCriterion | EquipmentCriterion;
export type RefrigeratorCriterion = CommonCriterion | (EquipmentCriterion & { kind: "cop-threshold" | "zero-odp" });

interface CopRatioDefaults<G extends string> {
  /** A published grid table EF_elec may be looked up in (Indonesia's, jcm-rules §5); absent: EF_elec is a value. */
  EF_elec?: GridTable<G>;
}
export interface ChillerDefaults<G extends string> extends CopRatioDefaults<G> {
  /** TD_cooling = TD_chilled of equation (4) when the document gives none; absent: required when (4) is used. */
  TD?: DefaultValue;
}

export interface ChillerOptions<C extends string, G extends string, K extends ChillerCriterion>
  extends FamilyOptionsBase {
  connections: Connections<C>;
  defaults: ChillerDefaults<G>;
  criteria?: readonly K[];
}
export interface RefrigeratorOptions<C extends string, G extends string, K extends RefrigeratorCriterion>
  extends FamilyOptionsBase {
  connections: Connections<C>;
  defaults: CopRatioDefaults<G>;
  criteria?: readonly K[];
}

type Declared<K> = [K] extends [never] ? unknown : { declarations?: DeclarationsOf<K> };
type Connected<C extends string> = [C] extends [never] ? unknown : { connection?: C };
type EfElecInput<G extends string> = QuantityInput | ([G] extends [never] ? never : { grid: G; case: GridCase });
type EfElec<G extends string> = [G] extends [never] ? Quantity : Quantity | GridLookup;
/** One fixed entry, with `Q` = the document's value (input) or the read Quantity (output). */
interface ChillerEntry<Q> {
  equipment: string;
  "COP_RE,i": Q;
  type?: "centrifugal" | "other";
  "COP_PJ,tc,i"?: Q;
  "COP_PJ,i"?: Q;
  "T_cooling-out,i"?: Q;
  "T_chilled-out,i"?: Q;
  capacity?: Q;
  COP_threshold?: Q;
  refrigerantODP?: Q;
}
interface RefrigeratorEntry<Q> {
  equipment: string;
  "COP_PJ,i": Q;
  "COP_RE,i": Q;
  COP_threshold?: Q;
  refrigerantODP?: Q;
}
type ChillerFixed<Q, E> = { EF_elec: E; chillers: ChillerEntry<Q>[]; TD_cooling?: Q; TD_chilled?: Q };
type RefrigeratorFixed<Q, E> = { EF_elec: E; refrigerators: RefrigeratorEntry<Q>[] };
type Consumption = { "EC_PJ,i,p": readonly Quantity[] };
type ConsumptionInput = { "EC_PJ,i,p": ({ equipment: string } & Record<string, unknown>)[] };

type Extras<C extends string, K> = Connected<C> & Declared<K>;
type Typed<FixedOut, FixedIn, MonitoredOut, MonitoredIn> = Methodology<
  z.ZodType<FixedOut, FixedIn>,
  z.ZodType<MonitoredOut, MonitoredIn>
>;
/** A chiller module: the family's schemas typed by the module's cases, grid names and declarations. */
export type ChillerMethodology<C extends string = string, G extends string = string, K = ChillerCriterion> = Typed<
  ChillerFixed<Quantity, EfElec<G>> & Extras<C, K>,
  ChillerFixed<QuantityInput, EfElecInput<G>> & Extras<C, K>,
  Consumption & { "EI_grid,p"?: Quantity },
  ConsumptionInput & { "EI_grid,p"?: QuantityInput }
>;
/** A refrigerator module. */
export type RefrigeratorMethodology<
  C extends string = string,
  G extends string = string,
  K = RefrigeratorCriterion,
> = Typed<
  RefrigeratorFixed<Quantity, EfElec<G>> & Extras<C, K>,
  RefrigeratorFixed<QuantityInput, EfElecInput<G>> & Extras<C, K>,
  Consumption,
  ConsumptionInput
>;

const CHILLER: Variant = {
  factory: "defineChillerMethodology",
  family: "chiller",
  list: "chillers",
  noun: "chiller",
  cop: "COP_PJ,tc,i",
  standardisation: true,
  reportable: ["RE_p", "PE_p", "ER_p", "EC_PJ,p", "EC_RE,p"],
};
const REFRIGERATOR: Variant = {
  factory: "defineRefrigeratorMethodology",
  family: "refrigerator",
  list: "refrigerators",
  noun: "refrigerator",
  cop: "COP_PJ,i",
  standardisation: false,
  reportable: ["RE_p", "PE_p", "ER_p", "EC_PJ,p"],
};

/**
 * Registers a chiller methodology of the family (the JCM_ID_AM002 equations): `{ id, version, title,
 * hostCountry, sectoralScope, status, basis, connections, defaults, sources, criteria?, descriptions? }`.
 * EF_elec is required (a value, or a lookup when `defaults.EF_elec` gives a grid table); equation (4)
 * uses `defaults.TD` or, without it, needs TD_cooling and TD_chilled from the document.
 */
export function defineChillerMethodology<
  const C extends string = never,
  const G extends string = never,
  const K extends ChillerCriterion = never,
>(options: ChillerOptions<C, G, K>): ChillerMethodology<C, G, K> {
  return defineCopRatio(CHILLER, options) as unknown as ChillerMethodology<C, G, K>;
}

/**
 * Registers a refrigerator methodology of the family (the chiller structure without temperature
 * standardisation): per refrigerator `COP_PJ,i` and `COP_RE,i`, monitored `EC_PJ,i,p`, `EF_elec`.
 */
export function defineRefrigeratorMethodology<
  const C extends string = never,
  const G extends string = never,
  const K extends RefrigeratorCriterion = never,
>(options: RefrigeratorOptions<C, G, K>): RefrigeratorMethodology<C, G, K> {
  return defineCopRatio(REFRIGERATOR, options) as unknown as RefrigeratorMethodology<C, G, K>;
}

type AnyEntry = ChillerEntry<Quantity> & Partial<RefrigeratorEntry<Quantity>>;
interface AnyFixed {
  connection?: string;
  EF_elec: Quantity | GridLookup;
  chillers?: AnyEntry[];
  refrigerators?: AnyEntry[];
  TD_cooling?: Quantity;
  TD_chilled?: Quantity;
  declarations?: Record<string, boolean | number | undefined>;
}
interface AnyMonitored {
  "EC_PJ,i,p": readonly Quantity[];
  "EI_grid,p"?: Quantity;
}

const EQUIPMENT_KINDS: readonly string[] = ["centrifugal", "cop-threshold", "zero-odp"];
const isEquipmentCriterion = (c: ChillerCriterion): c is EquipmentCriterion => EQUIPMENT_KINDS.includes(c.kind);
const evidence = (id: string, result: CriterionOutcome, reason: string): EquipmentEvidence => ({ id, result, reason });
const text = (d: Exact) => d.toString();

function defineCopRatio(
  variant: Variant,
  options: FamilyOptionsBase & {
    connections: Readonly<Record<string, string>>;
    defaults: ChillerDefaults<string>;
    criteria?: readonly ChillerCriterion[];
  },
) {
  const { factory, list, noun, cop: COP } = variant;
  checkFamilyOptions(factory, options);
  const criteria = options.criteria ?? [];
  checkCriteria(factory, options.id, criteria);
  const allowed = variant.standardisation
    ? ["centrifugal", "cop-threshold", "zero-odp"]
    : ["cop-threshold", "zero-odp"];
  const wrong = criteria.filter((c) => !["declaration", "declared-count", "metered", ...allowed].includes(c.kind));
  if (wrong.length > 0)
    throw new TypeError(
      `${factory}(${options.id}): criteria kind ${wrong.map((c) => `"${c.kind}"`).join(", ")} is not one a ${noun} module evaluates`,
    );
  const table = options.defaults.EF_elec;
  const TD_DEFAULT = variant.standardisation ? options.defaults.TD : undefined;
  const cases = Object.keys(options.connections);
  const evidenceFields: EquipmentEvidenceFields = {};
  for (const c of criteria) if (isEquipmentCriterion(c)) evidenceFields[c.kind] = c.id;
  const symbols = [
    "EF_elec",
    "COP_RE,i",
    "COP_PJ,i",
    "EC_PJ,i,p",
    ...(variant.standardisation ? ["COP_PJ,tc,i", "T_cooling-out,i", "T_chilled-out,i"] : []),
  ];
  const describe = describer(factory, options, symbols);
  const { fixedSchema, monitoredSchema } = copRatioSchemas(variant, options, {
    connections: Object.fromEntries(cases.map((c) => [c, options.connections[c]!])),
    table,
    TD: TD_DEFAULT,
    criteria,
    evidence: evidenceFields,
    describe,
  });

  /** TD_cooling and TD_chilled as given, else the default (or undefined: validate() requires them then). */
  const temperatureDifferences = (fixed: AnyFixed) => {
    const td = (q: Quantity | undefined) => ({
      value: q?.value ?? (TD_DEFAULT ? Exact.from(TD_DEFAULT.value) : undefined),
      defaulted: q === undefined,
    });
    return { TD_cooling: td(fixed.TD_cooling), TD_chilled: td(fixed.TD_chilled) };
  };
  /** The project COP of equation (1): given, or by equation (4) from the rated form; undefined when incomplete. */
  const projectCop = (e: AnyEntry, fixed: AnyFixed): { value: Exact; byEquation4: boolean } | undefined => {
    const given = e[COP];
    if (given) return { value: given.value, byEquation4: false };
    if (!variant.standardisation) return undefined;
    const [rated, cooling, chilled] = RATED.map((symbol) => e[symbol]);
    const { TD_cooling, TD_chilled } = temperatureDifferences(fixed);
    if (!rated || !cooling || !chilled || !TD_cooling.value || !TD_chilled.value) return undefined;
    return {
      value: standardConditionCop(rated.value, cooling.value, chilled.value, TD_cooling.value, TD_chilled.value),
      byEquation4: true,
    };
  };
  const entriesOf = (fixed: AnyFixed): AnyEntry[] => fixed[list]!;

  const lines = criteria.map((c) => {
    if (isEquipmentCriterion(c)) {
      const field = { centrifugal: "type", "cop-threshold": "COP_threshold", "zero-odp": "refrigerantODP" }[c.kind];
      return `${c.id}. ${c.text} — \`${list}[].${field}\`.`;
    }
    return commonCriterionLine(c, "EC_PJ,i,p");
  });
  const perEquipment = criteria.some(isEquipmentCriterion);
  const declared = criteria.some((c) => c.kind === "declaration" || c.kind === "declared-count");
  const equationsText = variant.standardisation
    ? [
        "(1) RE_p = Σ_i EC_PJ,i,p × (COP_PJ,tc,i ÷ COP_RE,i) × EF_elec        [tCO2]",
        "(2) PE_p = Σ_i EC_PJ,i,p × EF_elec                                   [tCO2]",
        "(3) ER_p = RE_p − PE_p                                               [tCO2], floored to whole tonnes per period (jcm-rules §2)",
        "(4) COP_PJ,tc,i = COP_PJ,i × (T_cooling-out,i − T_chilled-out,i + TD_cooling + TD_chilled)",
        "                           ÷ (37 − 7 + TD_cooling + TD_chilled)      [-]   (unverified)",
      ]
    : [
        "(1) RE_p = Σ_i EC_PJ,i,p × (COP_PJ,i ÷ COP_RE,i) × EF_elec           [tCO2]",
        "(2) PE_p = Σ_i EC_PJ,i,p × EF_elec                                   [tCO2]",
        "(3) ER_p = RE_p − PE_p                                               [tCO2], floored to whole tonnes per period (jcm-rules §2)",
      ];
  const firstGrid = table ? Object.keys(table.factors)[0] : undefined;
  const notes = [
    `The COP ratio is project over reference: the reference ${noun} would have drawn EC_PJ,i,p × ${COP} ÷ COP_RE,i for the same ${variant.standardisation ? "cooling" : "cold"} (derived from an ID_AM003 PDD).`,
    ...(variant.standardisation
      ? [
          `Each chiller gives COP_PJ,tc,i as in the registered PDD (no warning), or its rated COP_PJ,i with T_cooling-out,i and T_chilled-out,i: then equation (4) converts it to standard conditions (7 °C / 37 °C) with ${TD_DEFAULT ? `TD_cooling = TD_chilled = ${TD_DEFAULT.value} °C unless given, and a warning says the formula and the defaults are unverified.` : `TD_cooling and TD_chilled from the document (no default here: ${FIXED_EX_ANTE} states them), and a warning says the formula is unverified.`}`,
        ]
      : []),
    table
      ? `EF_elec is a decimal in tCO2/MWh, or { "grid": "${firstGrid}", "case": 1 } looked up in the ${table.name} (${table.source}), which was ${table.note}; the lookup is recorded in the result's parameters with that note.`
      : `EF_elec has no default here: ${FIXED_EX_ANTE} states it, a document without it is refused, and the result records the given value with that source.`,
    ...(cases.length > 0
      ? [
          `\`connection\` may state the case the PDD applies (${orList(cases)}); the result records it with EF_elec, and a result without it carries a warning that the case was not stated.`,
        ]
      : []),
    ...(variant.standardisation
      ? [
          "Magnitude check: an EC_PJ,i,p above capacity ÷ COP × 24 h × days (the rated COP when given, else COP_PJ,tc,i) warns of a likely kWh/MWh mix-up.",
          "EI_grid,p (site grid import) is recorded and reported; it does not enter (1)–(3).",
        ]
      : []),
  ];

  return defineMethodology({
    ...identity(options, variant.family),
    fixedSchema,
    monitoredSchema,
    reportable: variant.reportable,
    emissionReductionsEquation: "(3)",

    validate(input) {
      const fixed = input.fixed as AnyFixed;
      const monitored = input.monitored as AnyMonitored;
      const issues: ModuleIssue[] = [];
      const EC = "EC_PJ,i,p";
      for (const issue of joinIssues({
        ids: entriesOf(fixed).map((c) => c.equipment),
        definedIn: `fixed.${list}`,
        idKey: "equipment",
        symbol: EC,
        entries: monitored[EC],
        requiredPerId: true,
      }))
        issues.push(issue);
      if (!variant.standardisation) return issues;
      let equation4 = false;
      entriesOf(fixed).forEach((chiller, i) => {
        const at = (key: string) => ["fixed", list, i, key];
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
          equation4 = true;
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
      if (equation4 && !TD_DEFAULT) {
        for (const symbol of ["TD_cooling", "TD_chilled"] as const) {
          if (fixed[symbol] !== undefined) continue;
          issues.push({
            path: ["fixed", symbol],
            symbol,
            code: "missing",
            message: `${symbol} is required when equation (4) is used: ${options.id} ver${options.version} has no default for it; ${FIXED_EX_ANTE} states it`,
            expected: `${symbol} in °C, as the registered PDD states it`,
            found: "nothing",
          });
        }
      }
      return issues;
    },

    eligibility(input) {
      const fixed = input.fixed as AnyFixed;
      const monitored = input.monitored as AnyMonitored;
      const entries = entriesOf(fixed);
      return criteria.map((c): CriterionResult => {
        if (!isEquipmentCriterion(c))
          return commonCriterion(c, fixed.declarations, { entries: monitored["EC_PJ,i,p"], symbol: "EC_PJ,i,p" });
        switch (c.kind) {
          case "centrifugal":
            return everyEquipment(
              c.id,
              c.text,
              entries.map((e) =>
                e.type === undefined
                  ? evidence(e.equipment, "not-assessed", "type not given")
                  : evidence(e.equipment, e.type === "centrifugal" ? "met" : "not-met", `type is "${e.type}"`),
              ),
            );
          case "cop-threshold":
            return everyEquipment(
              c.id,
              c.text,
              entries.map((e) => {
                const cop = projectCop(e, fixed);
                const threshold = e.COP_threshold?.value;
                if (threshold === undefined) return evidence(e.equipment, "not-assessed", "COP_threshold not given");
                if (cop === undefined) return evidence(e.equipment, "not-assessed", `${COP} not known`);
                const how = cop.byEquation4 ? " (by the unverified equation (4))" : "";
                return evidence(
                  e.equipment,
                  cop.value.gt(threshold) ? "met" : "not-met",
                  `${COP} ${text(cop.value)}${how} ${cop.value.gt(threshold) ? ">" : "≤"} COP_threshold ${text(threshold)}`,
                );
              }),
            );
          default:
            return everyEquipment(
              c.id,
              c.text,
              entries.map((e) => {
                const odp = e.refrigerantODP?.value;
                if (odp === undefined) return evidence(e.equipment, "not-assessed", "refrigerantODP not given");
                return evidence(e.equipment, odp.isZero() ? "met" : "not-met", `refrigerantODP is ${text(odp)}`);
              }),
            );
        }
      });
    },

    calculate(input, { trace, warn, useParameter }) {
      const fixed = input.fixed as AnyFixed;
      const monitored = input.monitored as AnyMonitored;
      const { period } = input;
      let EF_elec: Exact;
      if (isQuantity(fixed.EF_elec)) {
        EF_elec = fixed.EF_elec.value;
        if (fixed.connection === undefined && cases.length > 0)
          warn(connectionNotStated("EF_elec", EF_elec, "tCO2/MWh", cases));
      } else {
        // The schema accepts a lookup only when the module has a grid table.
        const { grid, case: gridCase } = fixed.EF_elec;
        const entry = table!.factors[grid]![gridCase];
        EF_elec = Exact.from(entry.value);
        useParameter({
          symbol: "EF_elec",
          path: "fixed.EF_elec",
          value: EF_elec,
          unit: "tCO2/MWh",
          kind: "fixed",
          source: `${entry.source}, grid ${grid} case ${gridCase} (${table!.note})`,
          status: entry.status,
        });
      }

      const TD = temperatureDifferences(fixed);
      let defaultsRecorded = false;
      const consumption = new Map(monitored["EC_PJ,i,p"].map((q, index) => [q.id, { q, index }]));
      const rows = entriesOf(fixed).map((e, i) => {
        const id = e.equipment;
        const { q: entry, index } = consumption.get(id)!; // validate() guarantees one entry per equipment
        const EC_PJ = entry.value;
        const COP_RE = e["COP_RE,i"].value;
        const cop = projectCop(e, fixed)!; // validate() guarantees one complete form
        let COP_PJ = cop.value;
        if (cop.byEquation4) {
          if (!defaultsRecorded && TD_DEFAULT) {
            for (const [symbol, td] of Object.entries(TD)) {
              if (td.defaulted)
                useParameter({
                  symbol,
                  path: `fixed.${symbol}`,
                  value: td.value!,
                  unit: "°C",
                  kind: "fixed",
                  source: TD_DEFAULT.source,
                  status: TD_DEFAULT.status,
                });
            }
            defaultsRecorded = true;
          }
          const l = (symbol: string) => `${symbol}[${id}]`;
          COP_PJ = trace.record({
            symbol: l("COP_PJ,tc,i"),
            equation: "(4)",
            expression: `${l("COP_PJ,i")} × (${l("T_cooling-out,i")} − ${l("T_chilled-out,i")} + TD_cooling + TD_chilled) ÷ (37 − 7 + TD_cooling + TD_chilled)`,
            inputs: {
              [l("COP_PJ,i")]: e["COP_PJ,i"]!.value,
              [l("T_cooling-out,i")]: e["T_cooling-out,i"]!.value,
              [l("T_chilled-out,i")]: e["T_chilled-out,i"]!.value,
              TD_cooling: TD.TD_cooling.value!,
              TD_chilled: TD.TD_chilled.value!,
            },
            value: cop.value,
            unit: "-",
          });
          const tdText = (symbol: "TD_cooling" | "TD_chilled") =>
            `${symbol} = ${text(TD[symbol].value!)} °C${TD[symbol].defaulted ? " (unverified default)" : " (given)"}`;
          warn({
            code: "unverified-equation",
            message: `COP_PJ,tc,i of chiller ${quote(id)} = ${text(COP_PJ)} was computed by equation (4), which is unverified (recollection of the methodology), with ${tdText("TD_cooling")} and ${tdText("TD_chilled")}; give COP_PJ,tc,i from the registered PDD to avoid it`,
            symbol: "COP_PJ,tc,i",
            path: formatPath(["fixed", list, i]),
          });
        }
        const EC_RE = trace.record({
          symbol: `EC_RE,i,p[${id}]`,
          equation: "(1)",
          expression: `EC_PJ,i,p[${id}] × (${COP}[${id}] ÷ COP_RE,i[${id}])`,
          inputs: { [`EC_PJ,i,p[${id}]`]: EC_PJ, [`${COP}[${id}]`]: COP_PJ, [`COP_RE,i[${id}]`]: COP_RE },
          value: referenceConsumption(EC_PJ, COP_PJ, COP_RE),
          unit: "MWh",
        });

        // Magnitude check: at most full rated electric power, every hour of the period.
        const capacity = e.capacity?.value;
        if (capacity !== undefined) {
          const copForPower = e["COP_PJ,i"]?.value ?? COP_PJ;
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

      // Σ_i of a per-equipment term [MWh], and the emissions (1) and (2): Σ_i term × EF_elec [tCO2].
      const label = (part: "EC_PJ" | "EC_RE", id: string) => `${part},i,p[${id}]`;
      // Expressions and inputs are written only when a step is kept (a first pass over a streamed
      // result keeps none): walks, not objects of one member per equipment.
      const terms = (part: "EC_PJ" | "EC_RE", visit: (symbol: string, value: Exact) => void) => {
        for (const r of rows) visit(label(part, r.id), r[part]);
      };
      const sumStep = (part: "EC_PJ" | "EC_RE", equation: string) =>
        trace.record({
          symbol: `${part},p`,
          equation,
          expression: () => rows.map((r) => label(part, r.id)).join(" + "),
          inputs: (visit) => terms(part, visit),
          value: total(rows.map((r) => r[part])),
          unit: "MWh",
        });
      const emissionsStep = (
        symbol: "RE_p" | "PE_p",
        equation: string,
        part: "EC_PJ" | "EC_RE",
        equationOf: (values: readonly Exact[], EF_elec: Exact) => Exact,
      ) =>
        trace.record({
          symbol,
          equation,
          expression: () => rows.map((r) => `${label(part, r.id)} × EF_elec`).join(" + "),
          inputs: (visit) => {
            terms(part, visit);
            visit("EF_elec", EF_elec);
          },
          value: equationOf(
            rows.map((r) => r[part]),
            EF_elec,
          ),
          unit: "tCO2",
        });
      const EC_PJ_p = sumStep("EC_PJ", "(2)");
      const EC_RE_p = sumStep("EC_RE", "(1)");
      const RE_p = emissionsStep("RE_p", "(1)", "EC_RE", referenceEmissions);
      const PE_p = emissionsStep("PE_p", "(2)", "EC_PJ", projectEmissions);

      const EI_grid = monitored["EI_grid,p"];
      return {
        RE_p,
        PE_p,
        figures: {
          "EC_PJ,p": { value: EC_PJ_p, unit: "MWh" },
          ...(variant.reportable.includes("EC_RE,p") && { "EC_RE,p": { value: EC_RE_p, unit: "MWh" } }),
          ...(EI_grid && { "EI_grid,p": { value: EI_grid.value, unit: "MWh" } }),
        },
      };
    },

    card: familyCard(options, {
      measure: variant.standardisation
        ? "A high-efficiency chiller replaces or avoids a reference chiller. Only the chiller's own electricity counts."
        : "An energy-efficient refrigerator replaces or avoids a reference refrigerator. Only the refrigerator's own electricity counts.",
      equations: equationsText.join("\n"),
      eligibility: eligibilityText(options.card?.eligibility, lines, [
        ...(perEquipment
          ? [
              `Per-${noun} criteria are \`met\` only when every ${noun}'s evidence meets them, \`not-met\` when any fails, \`not-assessed\` otherwise; missing evidence is never \`met\`.`,
            ]
          : []),
        ...(declared && !perEquipment
          ? ["A declaration that is `true` → `met`; `false` → `not-met`; absent → `not-assessed`."]
          : []),
      ]),
      notes,
    }),
  });
}
