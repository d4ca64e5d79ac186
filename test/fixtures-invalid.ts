/**
 * Bad monitoring documents, each with the issue it must produce. Shared by the API, CLI and JSON
 * Schema tests (a JSON Schema can express some of these rules; `schemaRejects` says which).
 */
export interface InvalidCase {
  name: string;
  text: string;
  /** Path of an issue the error must contain. */
  path: string;
  /** Symbol that issue must name, when the problem concerns a parameter. */
  symbol?: string;
  code?: string;
  /** True when the module's JSON Schema also rejects the document. */
  schemaRejects: boolean;
}

type Doc = Record<string, unknown>;

export const pvBase = (): Doc => ({
  methodology: { id: "JCM_MN_AM003", version: "02.0" },
  project: { reference: "TEST-PV", hostCountry: "MN" },
  period: { start: "2019-01-01", end: "2019-12-31", timeZone: "+08:00" },
  fixed: { connection: "national-grid" },
  monitored: { "EG_i,p": [{ equipment: "PV-1", value: "14182", unit: "MWh", option: "C" }] },
});

function pv(edit: (doc: Doc & { fixed: Doc; monitored: Doc; period: Doc; methodology: Doc }) => void): string {
  const doc = pvBase() as Doc & { fixed: Doc; monitored: Doc; period: Doc; methodology: Doc };
  edit(doc);
  return JSON.stringify(doc, null, 2);
}

const eg = (entry: Doc) => ({ "EG_i,p": [{ equipment: "PV-1", ...entry }] });

export const invalidPvCases: InvalidCase[] = [
  {
    name: "negative energy",
    text: pv((d) => (d.monitored = eg({ value: "-5", unit: "MWh" }))),
    path: 'monitored["EG_i,p"][0].value',
    symbol: "EG_i,p",
    code: "out-of-range",
    schemaRejects: false,
  },
  {
    name: "unknown methodology id",
    text: pv((d) => (d.methodology.id = "JCM_XX_AM999")),
    path: "methodology.id",
    code: "unknown-methodology",
    schemaRejects: true,
  },
  {
    name: "unknown methodology version",
    text: pv((d) => (d.methodology.version = "01.0")),
    path: "methodology.version",
    code: "unknown-version",
    schemaRejects: true,
  },
  {
    name: "end before start",
    text: pv((d) => (d.period = { start: "2019-12-31", end: "2019-01-01" })),
    path: "period.end",
    code: "end-before-start",
    schemaRejects: false,
  },
  {
    name: "impossible date 2019-02-30",
    text: pv((d) => (d.period = { start: "2019-02-01", end: "2019-02-30" })),
    path: "period.end",
    code: "invalid-date",
    schemaRejects: false,
  },
  {
    name: "unit of the wrong dimension (t for energy)",
    text: pv((d) => (d.monitored = eg({ value: "5", unit: "t" }))),
    path: 'monitored["EG_i,p"][0].unit',
    symbol: "EG_i,p",
    code: "wrong-unit-dimension",
    schemaRejects: true,
  },
  {
    name: "unknown unit",
    text: pv((d) => (d.monitored = eg({ value: "5", unit: "kwh" }))),
    path: 'monitored["EG_i,p"][0].unit',
    symbol: "EG_i,p",
    code: "unknown-unit",
    schemaRejects: true,
  },
  {
    name: 'decimal comma "12,5"',
    text: pv((d) => (d.monitored = eg({ value: "12,5", unit: "MWh" }))),
    path: 'monitored["EG_i,p"][0].value',
    symbol: "EG_i,p",
    code: "invalid-decimal",
    schemaRejects: true,
  },
  {
    name: '"Infinity"',
    text: pv((d) => (d.monitored = eg({ value: "Infinity", unit: "MWh" }))),
    path: 'monitored["EG_i,p"][0].value',
    symbol: "EG_i,p",
    code: "invalid-decimal",
    schemaRejects: true,
  },
  {
    name: '"NaN"',
    text: pv((d) => (d.monitored = eg({ value: "NaN", unit: "MWh" }))),
    path: 'monitored["EG_i,p"][0].value',
    symbol: "EG_i,p",
    code: "invalid-decimal",
    schemaRejects: true,
  },
  {
    name: "misspelt key in fixed (EF_re)",
    text: pv((d) => (d.fixed = { connection: "national-grid", EF_re: "0.9" })),
    path: "fixed.EF_re",
    code: "unknown-key",
    schemaRejects: true,
  },
  {
    name: "unknown connection",
    text: pv((d) => (d.fixed = { connection: "mini-grid" })),
    path: "fixed.connection",
    symbol: "connection",
    code: "invalid-value",
    schemaRejects: true,
  },
  {
    name: "duplicate equipment ids",
    text: pv(
      (d) =>
        (d.monitored = {
          "EG_i,p": [
            { equipment: "PV-1", value: "1", unit: "MWh" },
            { equipment: "PV-1", value: "2", unit: "MWh" },
          ],
        }),
    ),
    path: 'monitored["EG_i,p"][1].equipment',
    symbol: "EG_i,p",
    code: "duplicate-id",
    schemaRejects: false,
  },
  {
    name: "missing monitored parameter",
    text: pv((d) => (d.monitored = {})),
    path: 'monitored["EG_i,p"]',
    symbol: "EG_i,p",
    code: "missing",
    schemaRejects: true,
  },
  {
    name: "__proto__ key",
    text: pv((d) => (d.fixed = { connection: "national-grid", POLLUTE: { polluted: true } })).replace(
      '"POLLUTE"',
      '"__proto__"',
    ),
    path: "fixed.__proto__",
    code: "forbidden-key",
    schemaRejects: true,
  },
  {
    name: "timestamp without offset",
    text: pv(
      (d) =>
        (d.monitored = eg({ unit: "kWh", kind: "interval", readings: [{ at: "2019-01-01T00:00:00", value: "1" }] })),
    ),
    path: 'monitored["EG_i,p"][0].readings[0].at',
    symbol: "EG_i,p",
    code: "missing-offset",
    schemaRejects: true,
  },
  {
    name: "cumulative meter that goes down without rolloverAt",
    text: pv((d) => {
      d.period = { start: "2019-01-01", end: "2019-01-31", timeZone: "+08:00" };
      d.monitored = eg({
        unit: "MWh",
        kind: "cumulative",
        readings: [
          { at: "2019-01-01T00:00:00+08:00", value: "500" },
          { at: "2019-01-15T00:00:00+08:00", value: "400" },
          { at: "2019-02-01T00:00:00+08:00", value: "600" },
        ],
      });
    }),
    path: 'monitored["EG_i,p"][0].readings[1].value',
    symbol: "EG_i,p",
    code: "meter-went-down",
    schemaRejects: false,
  },
];
