/**
 * Sources of JCM_MN_AM002. No default is shipped for the efficiencies or the coal factor: the
 * approved methodology and its default table were not readable, so the user enters the values
 * fixed in the registered PDD (the study's values are quoted in parameter texts only).
 */
export const SOURCES = {
  mrvStudy:
    "FY2012 JCM MRV demonstration study, high-efficiency heat-only boilers in Mongolia (Bornuur soum; 118th School, Ulaanbaatar)",
  methodologyStudy:
    "FY2013 JCM methodology demonstration study that produced JCM_MN_AM002: eligibility criteria, the equation in words, the monitored heat and a worked ex-ante example",
  approved: "JCM_MN_AM002 ver01.0 (approved methodology PDF, default table and version history): not readable",
} as const;

/** Criterion 2: rated capacity range of the Mongolian standard MNS 5043, in MW, both ends inclusive. */
export const CAPACITY_RANGE_MW = { min: "0.10", max: "3.15" } as const;

/** Auxiliary power (kW) × operating hours (h) ÷ this = electricity in MWh, as the study estimated it. */
export const KWH_PER_MWH = "1000";

export const DRAFT_EQUATIONS_WARNING =
  "equations follow the demonstration-study draft of JCM_MN_AM002; not checked against the approved text";
