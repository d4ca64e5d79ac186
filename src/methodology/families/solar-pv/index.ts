import * as z from "zod";
import { Exact } from "../../../core/exact.js";
import { defineMethodology } from "../../define.js";
import {
  type DefaultValue,
  type EntryInputOf,
  optionalQuantity,
  perEquipment,
  type Quantity,
  type QuantityInput,
  type QuantitySpec,
} from "../../parameters/index.js";
import type { Methodology, ModuleIssue } from "../../types.js";
import {
  type Connections,
  checkFamilyOptions,
  connectionNotStated,
  connectionParameter,
  describer,
  type FamilyOptionsBase,
  FIXED_EX_ANTE,
  familyCard,
  identity,
  orList,
  pddFactor,
  requiredFactor,
  valuesByCase,
} from "../common.js";
import {
  type BooleanDeclarations,
  type CommonCriterion,
  type CountDeclarations,
  checkCriteria,
  commonCriterion,
  commonCriterionLine,
  type DeclarationsOf,
  declarationsSchema,
  eligibilityText,
} from "../criteria.js";
import { projectEmissions, referenceEmissions, totalGeneration } from "./equations.js";

/**
 * The solar PV family (families.md): RE_p = Σ_i EG_i,p × EF_RE, PE_p = 0, ER_p = RE_p − PE_p floored.
 * A country module is data — its ids, texts, connection cases, default factors (if any), sources and
 * criteria; the equations, parameters and checks are this family's, once.
 */

export type SolarPvCriterion = CommonCriterion;

export interface SolarPvOptions<C extends string, K extends SolarPvCriterion> extends FamilyOptionsBase {
  /**
   * The connection cases the methodology names (`fixed.connection` takes one), each with its
   * meaning; `{}` when it names none (one factor covers every supply).
   */
  connections: Connections<C>;
  /** EF_RE by connection case, each with its source and status; `{}` when the module holds none. */
  defaults: { EF_RE?: Readonly<Partial<Record<C, DefaultValue>>> };
  /** Eligibility criteria as data; absent or empty when they were not seen. */
  criteria?: readonly K[];
}

type SolarFixedInput<C extends string, K> = { EF_RE?: QuantityInput } & ([C] extends [never]
  ? unknown
  : { connection?: C }) &
  ([BooleanDeclarations<K> | CountDeclarations<K>] extends [never] ? unknown : { declarations?: DeclarationsOf<K> });
type SolarFixed<C extends string, K> = { EF_RE?: Quantity } & ([C] extends [never] ? unknown : { connection?: C }) &
  ([BooleanDeclarations<K> | CountDeclarations<K>] extends [never] ? unknown : { declarations?: DeclarationsOf<K> });
type GenerationSpec = QuantitySpec & { series: true };
type SolarMonitoredInput = { "EG_i,p": EntryInputOf<GenerationSpec, "equipment">[] };
type SolarMonitored = { "EG_i,p": readonly Quantity[] };

/** A solar PV module: the family's schemas typed by the module's connection cases and declarations. */
export type SolarPvMethodology<C extends string = string, K = SolarPvCriterion> = Methodology<
  z.ZodType<SolarFixed<C, K>, SolarFixedInput<C, K>>,
  z.ZodType<SolarMonitored, SolarMonitoredInput>
>;

const FACTORY = "defineSolarPvMethodology";
const EQUATIONS = [
  "(1) RE_p = Σ_i EG_i,p × EF_RE          [tCO2]",
  "(2) PE_p = 0                           [tCO2]   (PV generation emits nothing)",
  "(3) ER_p = RE_p − PE_p                 [tCO2], floored to whole tonnes per period (jcm-rules §2)",
].join("\n");

/**
 * Registers a solar PV methodology of the family: `{ id, version, title, hostCountry, sectoralScope,
 * status, basis, connections, defaults, sources, criteria?, descriptions? }`. Refuses an id without
 * `JCM_` or `DRAFT_` and an approved module without a source. EF_RE is required unless `defaults`
 * gives it for the stated connection case; a missing one is an error saying the registered PDD states it.
 */
export function defineSolarPvMethodology<const C extends string = never, const K extends SolarPvCriterion = never>(
  options: SolarPvOptions<C, K>,
): SolarPvMethodology<C, K> {
  checkFamilyOptions(FACTORY, options);
  const criteria: readonly SolarPvCriterion[] = options.criteria ?? [];
  checkCriteria(FACTORY, options.id, criteria);
  const cases = Object.keys(options.connections) as C[];
  const defaults: Readonly<Partial<Record<string, DefaultValue>>> = options.defaults.EF_RE ?? {};
  const defaulted = Object.keys(defaults);
  const stray = defaulted.filter((c) => !cases.includes(c as C));
  if (stray.length > 0)
    throw new TypeError(
      `${FACTORY}(${options.id}): defaults.EF_RE names cases not in connections: ${stray.join(", ")}`,
    );
  const describe = describer(FACTORY, options, ["EG_i,p", "EF_RE", ...(cases.length > 0 ? ["connection"] : [])]);
  const table = defaulted.length > 0 ? valuesByCase(defaults as Record<string, DefaultValue>) : [];
  const uncovered = cases.filter((c) => defaults[c] === undefined);

  const EF_RE: QuantitySpec = {
    symbol: "EF_RE",
    unit: "tCO2/MWh",
    description: describe("EF_RE", "Reference CO2 emission factor of the displaced electricity"),
    min: "0",
    minExclusive: true,
  };
  const declarations = declarationsSchema(criteria);
  const shape = {
    ...(cases.length > 0 && {
      connection: connectionParameter(
        Object.fromEntries(cases.map((c) => [c, describe("connection", options.connections[c])])) as Connections<C>,
        table.length > 0
          ? "required unless EF_RE is given"
          : "optional: the case the registered PDD applies, recorded with EF_RE; a warning when absent",
      ),
    }),
    EF_RE:
      table.length > 0
        ? optionalQuantity({
            ...EF_RE,
            requirement: `by connection: ${table.map((g) => `${g.value} (${g.cases.join(", ")})`).join(", ")}${uncovered.length > 0 ? `; required for ${uncovered.join(", ")}` : ""}; a different value is accepted with a warning`,
          })
        : requiredFactor({ ...EF_RE, requirement: `required: ${FIXED_EX_ANTE} states it (no default)` }, options),
    ...(declarations && { declarations }),
  };
  const object = z.strictObject(shape);
  const fixedSchema = table.length > 0 ? object : pddFactor(object, "EF_RE");
  const monitoredSchema = z.strictObject({
    "EG_i,p": perEquipment(
      {
        symbol: "EG_i,p",
        unit: "MWh",
        description: describe("EG_i,p", "AC electricity delivered by PV system i in period p (electricity meter)"),
        min: "0",
        series: true,
        expectedOption: "C",
        requirement: "required: a non-empty array, one entry per PV system (keyed by equipment)",
      },
      { idKey: "equipment", required: true },
    ),
  });
  const factorsText = table.map((g) => `${g.value} ${g.cases.join(" / ")}`).join(", ");
  const meteredLine = (c: SolarPvCriterion) => commonCriterionLine(c, "EG_i,p");

  return defineMethodology({
    ...identity(options, "solar-pv"),
    fixedSchema,
    monitoredSchema,
    reportable: ["RE_p", "PE_p", "ER_p", "EG_p"],
    emissionReductionsEquation: "(3)",

    validate({ fixed }) {
      const f = fixed as SolarFixed<string, never> & { connection?: string };
      const issues: ModuleIssue[] = [];
      if (f.EF_RE !== undefined) return issues;
      if (f.connection === undefined) {
        issues.push({
          path: ["fixed", "connection"],
          symbol: "connection",
          code: "missing",
          message: "state the connection case (it selects EF_RE), or give EF_RE",
          expected: orList(cases),
          found: "nothing",
        });
      } else if (defaults[f.connection] === undefined) {
        issues.push({
          path: ["fixed", "EF_RE"],
          symbol: "EF_RE",
          code: "missing",
          message: `EF_RE is required for connection "${f.connection}": ${options.id} ver${options.version} has no default for that case; ${FIXED_EX_ANTE} states it`,
          expected: "EF_RE in tCO2/MWh, as the registered PDD states it",
          found: "nothing",
        });
      }
      return issues;
    },

    eligibility({ fixed, monitored }) {
      const declared = (fixed as { declarations?: Record<string, boolean | number | undefined> }).declarations;
      return criteria.map((c) => commonCriterion(c, declared, { entries: monitored["EG_i,p"], symbol: "EG_i,p" }));
    },

    calculate({ fixed, monitored }, { trace, warn, useParameter }) {
      const f = fixed as SolarFixed<string, never> & { connection?: string };
      const entry = f.connection === undefined ? undefined : defaults[f.connection];
      let EF_RE = f.EF_RE?.value;
      if (EF_RE === undefined) {
        // validate() guarantees a connection with a default when EF_RE is absent.
        EF_RE = Exact.from(entry!.value);
        useParameter({
          symbol: "EF_RE",
          path: "fixed.EF_RE",
          value: EF_RE,
          unit: "tCO2/MWh",
          kind: "fixed",
          source: `${entry!.source} (connection "${f.connection}")`,
          status: entry!.status,
        });
      } else if (f.connection === undefined && cases.length > 0) {
        warn(
          table.length > 0
            ? {
                code: "connection-not-stated",
                message: `EF_RE = ${EF_RE} tCO2/MWh was given without a connection case, so it could not be checked against the methodology's factors (${factorsText})`,
                symbol: "EF_RE",
                path: "fixed.EF_RE",
              }
            : connectionNotStated("EF_RE", EF_RE, "tCO2/MWh", cases),
        );
      } else if (entry !== undefined && !EF_RE.eq(entry.value)) {
        warn({
          code: "ef-override",
          message: `EF_RE = ${EF_RE} tCO2/MWh differs from the methodology's ${entry.value} tCO2/MWh for connection "${f.connection}"; the given value was used`,
          symbol: "EF_RE",
          path: "fixed.EF_RE",
        });
      }

      const generation = monitored["EG_i,p"];
      const EG_p = trace.record({
        symbol: "EG_p",
        equation: "(1)",
        // Written only when the step is kept (a first pass over a streamed result keeps none).
        expression: () => generation.map((eg) => `EG_i,p[${eg.id}]`).join(" + "),
        inputs: (visit) => {
          for (const eg of generation) visit(`EG_i,p[${eg.id}]`, eg.value);
        },
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

    card: familyCard(options, {
      measure: "Solar PV systems displace electricity from the grid and/or from captive generators.",
      equations: EQUATIONS,
      eligibility: eligibilityText(
        options.card?.eligibility,
        criteria.map(meteredLine),
        declarations ? ["A declaration that is `true` → `met`; `false` → `not-met`; absent → `not-assessed`."] : [],
      ),
      notes:
        table.length > 0
          ? [
              "EF_RE follows the connection case; a user-given EF_RE that differs from the case's value is used with a warning naming both, and EF_RE without `connection` is used with a warning that the case was not stated.",
              "",
              "| connection | EF_RE (tCO2/MWh) | source | status |",
              "| --- | --- | --- | --- |",
              ...defaulted.map(
                (c) => `| \`${c}\` | ${defaults[c]!.value} | ${defaults[c]!.source} | ${defaults[c]!.status} |`,
              ),
            ]
          : [
              `EF_RE has no default here: ${FIXED_EX_ANTE} states it, a document without it is refused, and the result records the given value with that source.`,
              ...(cases.length > 0
                ? [
                    `\`connection\` may state the case the PDD applies (${orList(cases)}); the result records it with EF_RE, and a result without it carries a warning that the case was not stated.`,
                  ]
                : ["The methodology names no connection cases: one conservative factor covers the displaced supply."]),
            ],
    }),
  }) as unknown as SolarPvMethodology<C, K>;
}
