/**
 * Methodology families (families.md): one factory per family, each returning an ordinary plug-in
 * module. A country's methodology is the factory's data — ids, texts, cases, factors, sources,
 * criteria — and never a copy of the family's equations.
 */
export type { Connections, FamilyOptionsBase } from "./common.js";
export {
  type ChillerCriterion,
  type ChillerDefaults,
  type ChillerMethodology,
  type ChillerOptions,
  defineChillerMethodology,
  defineRefrigeratorMethodology,
  type EquipmentCriterion,
  type GridCase,
  type GridLookup,
  type GridTable,
  type RefrigeratorCriterion,
  type RefrigeratorMethodology,
  type RefrigeratorOptions,
} from "./cop-ratio/index.js";
export type {
  CommonCriterion,
  CountCriterion,
  DeclarationCriterion,
  DeclarationsOf,
  MeteredCriterion,
} from "./criteria.js";
export {
  defineSolarPvMethodology,
  type SolarPvCriterion,
  type SolarPvMethodology,
  type SolarPvOptions,
} from "./solar-pv/index.js";
