import {
  type CriterionResult,
  declarationCriterion,
  defineMethodology,
  type Exact,
  everyEquipment,
  fuelEmissions,
  fuelIssues,
  type ModuleIssue,
  type Quantity,
} from "../../src/entries/core.js";
import { EF_RE_DEFAULT, HUSK_PER_KWH, SOURCES } from "./defaults.js";
import { netGeneration, projectEmissions, referenceEmissions, specificHuskConsumption } from "./equations.js";
import { fixedSchema, type Monitored, monitoredSchema } from "./parameters.js";

const GENERATION = ["EG_net,p", "EG_gross,p", "EC_aux,p"] as const;
const METERED = "Net generation is monitored";

/** Criterion 5: every generation quantity given states option C. */
function meteredCriterion(monitored: Monitored): CriterionResult {
  const given = GENERATION.map((symbol) => monitored[symbol]).filter((q): q is Quantity => q !== undefined);
  return everyEquipment(
    "5",
    METERED,
    given.map((q) => ({
      id: q.symbol,
      result: q.option === "C" ? "met" : q.option === undefined ? "not-assessed" : "not-met",
      reason: q.option === undefined ? "no monitoring option stated" : `states option ${q.option}`,
    })),
  );
}

/**
 * DRAFT_KH_RICE_HUSK_STIRLING v0.1 — the library's own draft (no Joint Committee approval):
 * rice husk fires Stirling-engine generators that displace a rice mill's captive diesel power.
 * RE_p = EG_net,p × EF_RE; PE_p = Σ_f FC_f,p × NCV_f × EF_CO2,f + EC_grid,p × EF_grid.
 */
export const draftKhRiceHuskStirling = defineMethodology({
  id: "DRAFT_KH_RICE_HUSK_STIRLING",
  version: "0.1",
  title: "Small-scale rice-husk power with Stirling engines at rice mills (Cambodia) — DRAFT",
  hostCountry: "KH",
  sectoralScope: "1 (energy industries, renewable)",
  status: "draft",
  family: "rice-husk-stirling",
  basis: "draft proposal",
  sources: [
    {
      id: "spec",
      title: SOURCES.spec,
      note: "the module itself (equations (1), (3), the husk plausibility bound): no Joint Committee has approved a methodology for this technology in any host country",
    },
    {
      id: "feasibility-study",
      title: SOURCES.feasibilityStudy,
      note: "eligibility criteria 1–4 (draft text, paraphrased)",
      status: "verified",
    },
    { id: "solar-pv-diesel", title: SOURCES.solarPvDiesel, note: "structure of equation (2)", status: "verified" },
    { id: "diesel", title: SOURCES.diesel, note: "EF_RE default 0.533 tCO2/MWh", status: "verified" },
    {
      id: "ipcc",
      title: SOURCES.ipcc,
      note: "NCV_f and EF_CO2,f defaults (upper bounds), status per row of jcm-rules §6: the upper bounds are unverified",
      status: "unverified",
    },
  ],
  fixedSchema,
  monitoredSchema,
  reportable: ["RE_p", "PE_p", "ER_p", "EG_net,p"],
  emissionReductionsEquation: "(4)",

  validate({ fixed, monitored }) {
    const issues: ModuleIssue[] = fuelIssues(fixed.fuels, monitored["FC_f,p"]);
    const { "EG_net,p": net, "EG_gross,p": gross, "EC_aux,p": aux } = monitored;
    const form = "EG_net,p, or the pair EG_gross,p and EC_aux,p";
    if (net !== undefined && (gross !== undefined || aux !== undefined)) {
      issues.push({
        path: ["monitored", "EG_net,p"],
        symbol: "EG_net,p",
        code: "conflicting-keys",
        message: "give net generation one way: EG_net,p or the pair (EG_gross,p, EC_aux,p), not both",
        expected: form,
        found: `EG_net,p and ${gross && aux ? "EG_gross,p and EC_aux,p" : gross ? "EG_gross,p" : "EC_aux,p"}`,
      });
    } else if (net === undefined && gross === undefined && aux === undefined) {
      issues.push({
        path: ["monitored", "EG_net,p"],
        symbol: "EG_net,p",
        code: "missing",
        message: "net generation is required: EG_net,p or the pair (EG_gross,p, EC_aux,p)",
        expected: form,
        found: "nothing",
      });
    } else if (net === undefined && (gross === undefined || aux === undefined)) {
      const missing = gross === undefined ? "EG_gross,p" : "EC_aux,p";
      issues.push({
        path: ["monitored", missing],
        symbol: missing,
        code: "missing",
        message: `${missing} is missing: EG_gross,p and EC_aux,p are given together`,
        expected: form,
        found: `only ${missing === "EG_gross,p" ? "EC_aux,p" : "EG_gross,p"}`,
      });
    } else if (gross && aux?.value.gt(gross.value)) {
      issues.push({
        path: ["monitored", "EC_aux,p"],
        symbol: "EC_aux,p",
        code: "out-of-range",
        message: "auxiliary consumption EC_aux,p exceeds gross generation EG_gross,p",
        expected: `≤ EG_gross,p = ${gross.value} MWh`,
        found: `${aux.value} MWh`,
      });
    }

    const EF_RE = fixed.EF_RE.value;
    const justified = fixed.EF_RE_justification !== undefined;
    if (!EF_RE.eq(EF_RE_DEFAULT.value) && !justified) {
      issues.push({
        path: ["fixed", "EF_RE_justification"],
        symbol: "EF_RE_justification",
        code: "missing",
        message: `EF_RE = ${EF_RE} tCO2/MWh differs from the conservative diesel factor ${EF_RE_DEFAULT.value}: EF_RE_justification is required`,
        expected: "a non-empty justification text",
        found: "nothing",
      });
    } else if (EF_RE.eq(EF_RE_DEFAULT.value) && justified) {
      issues.push({
        path: ["fixed", "EF_RE_justification"],
        symbol: "EF_RE_justification",
        code: "not-applicable",
        message: `EF_RE_justification is required exactly when EF_RE ≠ ${EF_RE_DEFAULT.value}, but EF_RE is ${EF_RE_DEFAULT.value}`,
        expected: `no EF_RE_justification, or an EF_RE other than ${EF_RE_DEFAULT.value}`,
        found: "a justification",
      });
    }

    if (monitored["EC_grid,p"].value.gt(0) && fixed.EF_grid === undefined) {
      issues.push({
        path: ["fixed", "EF_grid"],
        symbol: "EF_grid",
        code: "missing",
        message: "EF_grid is required when EC_grid,p > 0 (imported electricity)",
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
        "The project newly introduces biomass power generation at a rice mill",
        d?.newBiomassPowerAtRiceMill,
        "declarations.newBiomassPowerAtRiceMill",
      ),
      declarationCriterion(
        "2",
        "It replaces fossil fuel used for captive generation not connected to the grid",
        d?.replacesOffGridCaptiveFossil,
        "declarations.replacesOffGridCaptiveFossil",
      ),
      declarationCriterion(
        "3",
        "The only fuel for generation is renewable biomass (start-up fuel allowed, counted in (3))",
        d?.renewableBiomassOnly,
        "declarations.renewableBiomassOnly",
      ),
      declarationCriterion(
        "4",
        "The technology releases no serious hazardous by-products",
        d?.noHazardousByProducts,
        "declarations.noHazardousByProducts",
      ),
      meteredCriterion(monitored),
    ];
  },

  calculate({ fixed, monitored }, context) {
    const { trace, warn } = context;
    const EF_RE = fixed.EF_RE.value;
    if (!EF_RE.eq(EF_RE_DEFAULT.value)) {
      warn({
        code: "ef-re-override",
        message: `EF_RE = ${EF_RE} tCO2/MWh was used instead of the conservative diesel factor ${EF_RE_DEFAULT.value} tCO2/MWh (jcm-rules §4); justification: ${JSON.stringify(fixed.EF_RE_justification ?? "")}`,
        symbol: "EF_RE",
        path: "fixed.EF_RE",
      });
    }

    // validate() guarantees exactly one form of net generation.
    const metered = monitored["EG_net,p"];
    let EG_net: Exact;
    if (metered !== undefined) {
      EG_net = trace.record({
        symbol: "EG_net,p",
        equation: "(1)",
        expression: "EG_net,p",
        inputs: {},
        value: metered.value,
        unit: "MWh",
      });
    } else {
      const EG_gross = monitored["EG_gross,p"]!.value;
      const EC_aux = monitored["EC_aux,p"]!.value;
      EG_net = trace.record({
        symbol: "EG_net,p",
        equation: "(1)",
        expression: "EG_gross,p − EC_aux,p",
        inputs: { "EG_gross,p": EG_gross, "EC_aux,p": EC_aux },
        value: netGeneration(EG_gross, EC_aux),
        unit: "MWh",
      });
    }
    const RE_p = trace.record({
      symbol: "RE_p",
      equation: "(2)",
      expression: "EG_net,p × EF_RE",
      inputs: { "EG_net,p": EG_net, EF_RE },
      value: referenceEmissions(EG_net, EF_RE),
      unit: "tCO2",
    });

    const PE_fuel = fuelEmissions(fixed.fuels, monitored["FC_f,p"], context, { equation: "(3)" });
    const EC_grid = monitored["EC_grid,p"].value;
    const EF_grid = fixed.EF_grid?.value;
    const PE_p =
      EF_grid === undefined
        ? trace.record({
            symbol: "PE_p",
            equation: "(3)",
            expression: "PE_fuel,p (EC_grid,p = 0)",
            inputs: { "PE_fuel,p": PE_fuel, "EC_grid,p": EC_grid },
            value: PE_fuel,
            unit: "tCO2",
          })
        : trace.record({
            symbol: "PE_p",
            equation: "(3)",
            expression: "PE_fuel,p + EC_grid,p × EF_grid",
            inputs: { "PE_fuel,p": PE_fuel, "EC_grid,p": EC_grid, EF_grid },
            value: projectEmissions(PE_fuel, EC_grid, EF_grid),
            unit: "tCO2",
          });

    const BC = monitored.BC_p?.value;
    if (BC !== undefined && !(BC.isZero() && EG_net.isZero())) {
      const ratio = EG_net.isZero() ? undefined : specificHuskConsumption(BC, EG_net);
      if (ratio === undefined || ratio.lt(HUSK_PER_KWH.min) || ratio.gt(HUSK_PER_KWH.max)) {
        const shown =
          ratio === undefined
            ? "not defined (EG_net,p = 0: no net generation)"
            : `${ratio.roundSignificant(4, "half-even")} kg/kWh`;
        warn({
          code: "husk-consumption-implausible",
          message: `specific husk consumption BC_p ÷ EG_net,p = ${shown} is outside the plausible ${HUSK_PER_KWH.min}–${HUSK_PER_KWH.max} kg/kWh (the library's bound, not a methodology rule: husk ≈ 13–16 GJ/t at 5–35 % electric efficiency); check BC_p and EG_net,p`,
          symbol: "BC_p",
          path: "monitored.BC_p",
        });
      }
    }
    return { RE_p, PE_p, figures: { "EG_net,p": { value: EG_net, unit: "MWh" } } };
  },

  card: {
    measure:
      "Rice husk, a milling residue, fires an externally heated Stirling-engine generator at a rice mill that today runs on its own diesel generator (off-grid captive power). The husk power displaces diesel power.",
    equations: [
      "(1) EG_net,p = EG_gross,p − EC_aux,p                                [MWh]   skipped when EG_net,p is metered",
      "(2) RE_p     = EG_net,p × EF_RE                                     [tCO2]",
      "(3) PE_p     = Σ_f FC_f,p × NCV_f × EF_CO2,f + EC_grid,p × EF_grid  [tCO2]  start-up/support fuel, imported auxiliary electricity",
      "(4) ER_p     = RE_p − PE_p                                          [tCO2]  floored to whole tonnes per period",
    ].join("\n"),
    eligibility: [
      "From the draft criteria of the FY2012 JCM feasibility study of this project (Pro-Material Co.; verified as draft text, paraphrased):",
      "1. The project newly introduces biomass power generation at a rice mill — `declarations.newBiomassPowerAtRiceMill`.",
      "2. It replaces fossil fuel used for captive generation not connected to the grid — `declarations.replacesOffGridCaptiveFossil`.",
      "3. The only fuel for generation is renewable biomass (start-up fuel allowed, counted in (3)) — `declarations.renewableBiomassOnly`.",
      "4. The technology releases no serious hazardous by-products — `declarations.noHazardousByProducts`.",
      "5. Net generation is monitored — `met` when every given generation quantity (EG_net,p, or EG_gross,p and EC_aux,p) states option `C`; `not-met` when one states `A` or `B`; otherwise `not-assessed`.",
      "A declaration that is `true` → `met`; `false` → `not-met`; absent → `not-assessed`.",
    ].join("\n"),
    notes: [
      '**Why a draft.** No Joint Committee has approved a methodology for this technology (none was found for any host country). This module is the library\'s own draft, built the way the JCM methodology-development guidelines build one; its id starts with `DRAFT_` so it can never collide with an approved id, and every result says `status: "draft"` with the warning that it cannot support credit issuance.',
      "",
      "**Where each equation and value comes from.**",
      "- (1), (3): this library draft (spec v0.1), following the JCM pattern of monitored project emissions. CH4/N2O from husk combustion and leakage are not counted (the small-scale CDM convention).",
      "- (2): structure of the captive-diesel branch of the approved JCM solar-PV methodologies (verified). `EF_RE` defaults to 0.533 tCO2/MWh, the JCM conservative diesel-generator factor (verified: IGES annex on Indonesian grid factors, jcm-rules §4); another value requires `EF_RE_justification` and is reported with a warning naming it and 0.533.",
      "- `NCV_f`, `EF_CO2,f`: default to the IPCC 2006 upper bounds (Vol. 2, Ch. 1, Tables 1.2 / 1.4; jcm-rules §6), conservative for project emissions; these bounds are unverified, so using one adds a warning naming fuel, quantity, bound and value. `FC_f,p` may be a volume when `fuels[]` gives the fuel's density.",
      "- (4) and its floor rounding: jcm-rules §1–§2.",
      "- Eligibility 1–4: FY2012 feasibility study (draft text); criterion 5 and the husk plausibility warning (BC_p ÷ EG_net,p outside 0.8–5 kg/kWh: husk ≈ 13–16 GJ/t at 5–35 % electric efficiency) are the library's, not methodology rules.",
    ].join("\n"),
  },
});

export default draftKhRiceHuskStirling;
