import {
  type CriterionResult,
  declarationCriterion,
  defineMethodology,
  Exact,
  fuelEmissions,
  fuelIssues,
  joinIssues,
  listIds,
  type ModuleIssue,
  optionCriterion,
  type Quantity,
} from "../../src/entries/core.js";
import { SOURCES } from "./defaults.js";
import {
  binderEmissions,
  electricityEmissions,
  equivalentBricks,
  projectEmissions,
  referenceEmissions,
} from "./equations.js";
import { fixedSchema, monitoredSchema } from "./parameters.js";

const STRENGTH = "Products meet the compressive strength of the fired brick they replace";

/** Criterion 2: every strength result ≥ minStrength; either absent → not-assessed. */
function strengthCriterion(
  minStrength: Quantity | undefined,
  results: readonly Quantity[] | undefined,
): CriterionResult {
  if (minStrength === undefined || results === undefined || results.length === 0) {
    return {
      id: "2",
      text: STRENGTH,
      result: "not-assessed",
      reason: minStrength === undefined ? "minStrength not given" : "no strength results given",
    };
  }
  const min = `${minStrength.value} N/mm2`;
  const below = results.filter((r) => r.value.lt(minStrength.value));
  if (below.length > 0) {
    return {
      id: "2",
      text: STRENGTH,
      result: "not-met",
      reason: listIds(
        below.map((r) => `strength[${r.id!}] = ${r.value} N/mm2 < minStrength ${min}`),
        "; ",
        (text) => text,
      ),
    };
  }
  return {
    id: "2",
    text: STRENGTH,
    result: "met",
    reason: `every strength result (${results.length}) ≥ minStrength ${min}`,
  };
}

/**
 * DRAFT_BD_UNFIRED_BRICK v0.1 — the library's own draft (no Joint Committee approval): bricks
 * solidified with a cement binder, without firing, replace fired clay bricks from coal-fired kilns.
 * RE_p = N_eq,p × SEC_RE ÷ 1000 × NCV_coal × EF_coal; PE_p = PE_binder,p + PE_elec,p + PE_fuel,p.
 */
export const draftBdUnfiredBrick = defineMethodology({
  id: "DRAFT_BD_UNFIRED_BRICK",
  version: "0.1",
  title: "Brick manufacture by non-fired solidification (Bangladesh) — DRAFT",
  hostCountry: "BD",
  sectoralScope: "4 (manufacturing industries)",
  status: "draft",
  family: "unfired-brick",
  basis: "draft proposal",
  sources: [
    {
      id: "spec",
      title: SOURCES.spec,
      note: "the module itself (equations (1), (2), eligibility): no Joint Committee has approved a methodology for this technology",
    },
    {
      id: "ams-iii-z",
      title: SOURCES.amsIIIZ,
      note: "structure of equation (3): the cement binder's clinker CO2 is a project emission",
      status: "unverified",
    },
    {
      id: "ipcc",
      title: SOURCES.ipcc,
      note: "NCV_coal and EF_coal defaults (lower bounds of other bituminous coal), fuel defaults (upper bounds); status per row of jcm-rules §6",
      status: "unverified",
    },
    { id: "clinker", title: SOURCES.clinker, note: "EF_clinker default 0.52", status: "unverified" },
  ],
  fixedSchema,
  monitoredSchema,
  reportable: ["RE_p", "PE_p", "ER_p", "N_eq,p", "PE_binder,p", "PE_elec,p", "PE_fuel,p"],
  emissionReductionsEquation: "(4)",

  validate({ fixed, monitored }) {
    const issues: ModuleIssue[] = fuelIssues(fixed.fuels, monitored["FC_f,p"]);
    for (const issue of joinIssues({
      ids: fixed.products.map((p) => p.product),
      definedIn: "fixed.products",
      idKey: "product",
      symbol: "N_k,p",
      entries: monitored["N_k,p"],
      requiredPerId: true,
    }))
      issues.push(issue);
    if (monitored.EC_p.value.gt(0) && fixed.EF_grid === undefined) {
      issues.push({
        path: ["fixed", "EF_grid"],
        symbol: "EF_grid",
        code: "missing",
        message: "EF_grid is required when EC_p > 0",
        expected: "EF_grid in tCO2/MWh",
        found: "nothing",
      });
    }
    return issues;
  },

  eligibility({ fixed, monitored }) {
    const d = fixed.declarations;
    return [
      declarationCriterion(
        "1",
        "Bricks are solidified without firing (no kiln fuel)",
        d?.noFiring,
        "declarations.noFiring",
      ),
      strengthCriterion(fixed.minStrength, monitored.strength),
      declarationCriterion(
        "3",
        "Raw material is industrial waste or sediment, not agricultural topsoil",
        d?.wasteOrSedimentRawMaterial,
        "declarations.wasteOrSedimentRawMaterial",
      ),
      optionCriterion("4", "Accepted production is counted per product", monitored["N_k,p"], "N_k,p"),
    ];
  },

  calculate({ fixed, monitored }, context) {
    const { trace } = context;
    const production = new Map(monitored["N_k,p"].map((n) => [n.id, n.value]));
    const products = fixed.products.map((p) => ({
      id: p.product,
      N: production.get(p.product)!, // validate() guarantees one entry per product
      EQ: p.EQ_k.value,
    }));
    const N_eq = trace.record({
      symbol: "N_eq,p",
      equation: "(1)",
      expression: products.map((p) => `N_k,p[${p.id}] × EQ_k[${p.id}]`).join(" + "),
      inputs: Object.fromEntries(
        products.flatMap((p) => [
          [`N_k,p[${p.id}]`, p.N],
          [`EQ_k[${p.id}]`, p.EQ],
        ]),
      ),
      value: equivalentBricks(products),
      unit: "bricks",
    });
    const SEC_RE = fixed.SEC_RE.value;
    const NCV_coal = fixed.NCV_coal.value;
    const EF_coal = fixed.EF_coal.value;
    const RE_p = trace.record({
      symbol: "RE_p",
      equation: "(2)",
      expression: "N_eq,p × SEC_RE ÷ 1000 × NCV_coal × EF_coal",
      inputs: { "N_eq,p": N_eq, SEC_RE, NCV_coal, EF_coal },
      value: referenceEmissions(N_eq, SEC_RE, NCV_coal, EF_coal),
      unit: "tCO2",
    });

    const M_cement = monitored["M_cement,p"].value;
    const f_clinker = fixed.f_clinker.value;
    const EF_clinker = fixed.EF_clinker.value;
    const PE_binder = trace.record({
      symbol: "PE_binder,p",
      equation: "(3)",
      expression: "M_cement,p × f_clinker × EF_clinker",
      inputs: { "M_cement,p": M_cement, f_clinker, EF_clinker },
      value: binderEmissions(M_cement, f_clinker, EF_clinker),
      unit: "tCO2",
    });
    const EC = monitored.EC_p.value;
    const EF_grid = fixed.EF_grid?.value;
    // validate() guarantees EF_grid whenever EC_p > 0.
    const PE_elec =
      EF_grid === undefined
        ? trace.record({
            symbol: "PE_elec,p",
            equation: "(3)",
            expression: "0 (EC_p = 0)",
            inputs: { EC_p: EC },
            value: Exact.ZERO,
            unit: "tCO2",
          })
        : trace.record({
            symbol: "PE_elec,p",
            equation: "(3)",
            expression: "EC_p × EF_grid",
            inputs: { EC_p: EC, EF_grid },
            value: electricityEmissions(EC, EF_grid),
            unit: "tCO2",
          });
    const PE_fuel = fuelEmissions(fixed.fuels, monitored["FC_f,p"], context, { equation: "(3)" });
    const PE_p = trace.record({
      symbol: "PE_p",
      equation: "(3)",
      expression: "PE_binder,p + PE_elec,p + PE_fuel,p",
      inputs: { "PE_binder,p": PE_binder, "PE_elec,p": PE_elec, "PE_fuel,p": PE_fuel },
      value: projectEmissions(PE_binder, PE_elec, PE_fuel),
      unit: "tCO2",
    });

    return {
      RE_p,
      PE_p,
      figures: {
        "N_eq,p": { value: N_eq, unit: "bricks" },
        "PE_binder,p": { value: PE_binder, unit: "tCO2" },
        "PE_elec,p": { value: PE_elec, unit: "tCO2" },
        "PE_fuel,p": { value: PE_fuel, unit: "tCO2" },
      },
    };
  },

  card: {
    measure:
      "Bricks are formed from industrial wastes or river sediment with a cement binder under pressure and cured without firing. They replace fired clay bricks from coal-fired kilns (fixed-chimney, zig-zag, Hybrid Hoffman). The reference is the coal a kiln would burn for the same number of equivalent bricks. The cement binder is not zero-carbon: its clinker CO2 is a project emission, reported as its own line.",
    equations: [
      "(1) N_eq,p      = Σ_k N_k,p × EQ_k                              [bricks]",
      "(2) RE_p        = N_eq,p × SEC_RE ÷ 1000 × NCV_coal × EF_coal   [tCO2]",
      "(3) PE_p        = PE_binder,p + PE_elec,p + PE_fuel,p           [tCO2]",
      "    PE_binder,p = M_cement,p × f_clinker × EF_clinker",
      "    PE_elec,p   = EC_p × EF_grid",
      "    PE_fuel,p   = Σ_f FC_f,p × NCV_f × EF_CO2,f",
      "(4) ER_p        = RE_p − PE_p                                   [tCO2]  floored to whole tonnes per period",
    ].join("\n"),
    eligibility: [
      "Library draft, from the technology as described:",
      "1. Bricks are solidified without firing (no kiln fuel) — `declarations.noFiring`.",
      "2. Products meet the compressive strength of the fired brick they replace — `met` when every `strength` result ≥ `minStrength`; `not-met` when any is below; `not-assessed` when either is absent.",
      "3. Raw material is industrial waste or sediment, not agricultural topsoil — `declarations.wasteOrSedimentRawMaterial`.",
      "4. Accepted production is counted per product — `met` when every `N_k,p` states option `C`; `not-met` when one states `A` or `B`; otherwise `not-assessed`.",
      "A declaration that is `true` → `met`; `false` → `not-met`; absent → `not-assessed`.",
    ].join("\n"),
    notes: [
      '**Why a draft.** No Joint Committee has approved a methodology for this technology. This module is the library\'s own draft, following the JCM pattern (conservative reference, monitored project emissions, floor rounding) and the CDM precedent for unfired blocks replacing fired clay bricks; its id starts with `DRAFT_`, and every result says `status: "draft"` with the warning that it cannot support credit issuance.',
      "",
      "**Where each equation and value comes from.**",
      "- (1): this library draft (spec v0.1). N_k,p counts only bricks that passed the quality test (whole numbers); `EQ_k` converts product k to standard bricks (by volume or wall area laid, as the project documents) and defaults to 1, the spec's default.",
      "- (2): this library draft, conservative reference. `SEC_RE` (kg coal per brick) has no default: the project documents it (context only: about 0.22 for fixed-chimney and 0.12 for Hybrid Hoffman kilns in Bangladesh, press figures; conservativeness points to the efficient end). `NCV_coal` 19.9 GJ/t and `EF_coal` 0.0895 tCO2/GJ default to the IPCC 2006 lower bounds for other bituminous coal (Vol. 2, Ch. 1, Tables 1.2 / 1.4; jcm-rules §6; unverified, warned when used).",
      "- (3): the binder deduction follows the CDM precedent (AMS-III.Z; one registered unfired-block project deducted its cement and lime emissions). `f_clinker` has no default (Portland cement ≈ 0.95, blended lower); `EF_clinker` defaults to 0.52 tCO2/t clinker, the IPCC Tier 1 default (unverified, warned when used; 0.507 from the CaO content alone). `NCV_f` and `EF_CO2,f` default to the IPCC 2006 upper bounds (unverified, warned when used); `FC_f,p` may be a volume when `fuels[]` gives the fuel's density.",
      "- (4) and its floor rounding: jcm-rules §1–§2.",
    ].join("\n"),
  },
});

export default draftBdUnfiredBrick;
