import type { DefaultValue, GridTable } from "../../src/entries/core.js";

export const SOURCES = {
  monitoringSheet:
    "JCM_ID_AM002 ver02.0 Monitoring Report Sheet of a registered project: parameters and monitoring options",
  siblingSummary: "JCM_TH_AM005 ver3.0 methodology summary (approved sibling methodology): equation structure",
  siblingPdd: "PDD of a registered project under JCM_ID_AM003: direction of the COP ratio and rounding",
  feasibilityStudy: "FY2013 JCM feasibility study behind JCM_ID_AM002: draft eligibility criteria",
  indonesianGrids:
    "IGES, Additional information on calculating the emission factors of Indonesian electricity grids for the JCM",
  recollection:
    "recollection of JCM_ID_AM002 ver02.0 (the methodology PDF was not readable); supply the value from the registered PDD",
} as const;

/** Published for renewable-energy methodologies; ID_AM002 projects use it for the electricity a chiller draws. */
export const GRID_TABLE_NOTE = "published for renewable-energy methodologies";

/**
 * jcm-rules §5, one row per line of the annex table (tCO2/MWh). Case 1: national/regional grid only;
 * case 2: the site grid is also tied to an isolated grid and/or a captive generator (= min(case 1, 0.533)).
 */
const GRID_ROWS = [
  { grids: ["Jamali", "3 Nusa", "Karimun Jawa"], case1: "0.619", case2: "0.533" },
  { grids: ["Sumatra"], case1: "0.458", case2: "0.458" },
  { grids: ["Nias", "Pulau Tello"], case1: "0.533", case2: "0.533" },
  { grids: ["Siberut", "Siberut Utara", "Sipora", "Pagai Selatan"], case1: "0.529", case2: "0.529" },
  {
    grids: [
      "Alai",
      "Batam",
      "Batam-Tanjung Pinang",
      "Durai",
      "Kelong",
      "Ladan",
      "Letung",
      "Midai",
      "Moro",
      "Penuba",
      "Ranai",
      "Sedanau",
      "Serasan",
      "Tambelan",
      "Tanjung Balai Karimun",
      "Tanjung Batu",
      "Tarempa",
    ],
    case1: "0.499",
    case2: "0.499",
  },
  {
    grids: [
      "Bengkalis",
      "Benteng",
      "Concong Luar",
      "Kota Lama",
      "Lemang",
      "Selat Panjang",
      "Sungai Guntung",
      "Tanjung Samak",
      "Teluk Dalam",
      "Teluk Ketapang",
      "Masohi",
    ],
    case1: "0.545",
    case2: "0.533",
  },
  { grids: ["Bangka", "Belitung"], case1: "0.628", case2: "0.533" },
  { grids: ["Barito"], case1: "0.653", case2: "0.533" },
  { grids: ["Khatulistiwa"], case1: "0.549", case2: "0.533" },
  { grids: ["Mahakam", "Tarakan"], case1: "0.534", case2: "0.533" },
  { grids: ["Sulutgo"], case1: "0.274", case2: "0.274" },
  { grids: ["Sulselbar"], case1: "0.243", case2: "0.243" },
] as const;

export type GridName = (typeof GRID_ROWS)[number]["grids"][number];
export type GridCase = 1 | 2;

/** Every grid name the lookup accepts, each on its own, matched case-sensitively. */
export const GRID_NAMES = GRID_ROWS.flatMap((row) => row.grids) as readonly GridName[] as readonly [
  GridName,
  ...GridName[],
];

const verified = (value: string): DefaultValue => ({ value, source: SOURCES.indonesianGrids, status: "verified" });

/** EF_elec by grid and case (tCO2/MWh). */
export const INDONESIAN_GRID_FACTORS: Readonly<Record<GridName, Readonly<Record<GridCase, DefaultValue>>>> =
  Object.freeze(
    Object.fromEntries(
      GRID_ROWS.flatMap((row) =>
        row.grids.map((grid) => [grid, Object.freeze({ 1: verified(row.case1), 2: verified(row.case2) })]),
      ),
    ) as Record<GridName, Record<GridCase, DefaultValue>>,
  );

/** The table EF_elec may be looked up in, as the chiller family takes it. */
export const INDONESIAN_GRID_TABLE: GridTable<GridName> = Object.freeze({
  name: "Indonesian grid table",
  source: SOURCES.indonesianGrids,
  note: GRID_TABLE_NOTE,
  factors: INDONESIAN_GRID_FACTORS,
});

/** Temperature differences of equation (4): unverified, so using them warns. */
export const TD_DEFAULT: DefaultValue = Object.freeze({
  value: "1.5",
  source: SOURCES.recollection,
  status: "unverified",
});
