/**
 * Run by test/time-zones.test.ts in a child process under another TZ: prints the results of a few
 * named-zone and offset documents, and the host's own offset to prove the TZ took effect.
 */
import { readFileSync } from "node:fs";
import { calculate, renderReport } from "../../src/entries/index.js";

const example = readFileSync(new URL("../../examples/mn-am003-ulaanbaatar-summer-time.json", import.meta.url), "utf8");
const hourly = (start: number, hours: number, offset: string) =>
  Array.from({ length: hours }, (_, h) => {
    const local = new Date(start + h * 3_600_000 + (offset === "+09:00" ? 9 : 8) * 3_600_000);
    return { at: `${local.toISOString().slice(0, 19)}${offset}`, value: String((h % 7) + 0.5) };
  });
const santiago = {
  methodology: { id: "JCM_MN_AM003", version: "02.0" },
  period: { start: "2018-08-11", end: "2018-08-13", timeZone: "America/Santiago" },
  fixed: { connection: "national-grid" },
  monitored: {
    "EG_i,p": [
      {
        equipment: "x",
        unit: "kWh",
        kind: "interval",
        interval: "PT1H",
        readings: Array.from({ length: 71 }, (_, h) => ({
          at: new Date(Date.UTC(2018, 7, 11, 4) + h * 3_600_000).toISOString(),
          value: String(h),
        })),
      },
    ],
  },
};
const results = [
  calculate(example, { tzdata: "test" }),
  calculate(santiago),
  renderReport(santiago, { format: "md" }),
  calculate({
    ...santiago,
    period: { start: "2016-03-25", end: "2016-03-26", timeZone: "Asia/Ulaanbaatar" },
    monitored: {
      "EG_i,p": [
        {
          equipment: "x",
          unit: "kWh",
          kind: "interval",
          interval: "PT1H",
          readings: [
            ...hourly(Date.UTC(2016, 2, 24, 16), 26, "+08:00"),
            ...hourly(Date.UTC(2016, 2, 25, 18), 21, "+09:00"),
          ],
        },
      ],
    },
  }),
];
process.stdout.write(JSON.stringify({ hostOffset: new Date(2016, 0, 1).getTimezoneOffset(), results }));
