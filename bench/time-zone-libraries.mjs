// `date-fns` v4 + `@date-fns/tz` against jcm-mrv's own `Intl` code (src/core/time-zone.ts), for what the
// library needs: the instants of local midnights and the offset changes in a period, whatever the host's
// TZ. Not a dependency: `npm run build && npm i --no-save date-fns@4 @date-fns/tz@1`, then
// `TZ=America/Santiago node bench/time-zone-libraries.mjs --time` (docs/performance.md has the figures).
import { TZDate, tzOffset, tzScan } from "@date-fns/tz";
import { startOfDay } from "date-fns";
import { createPeriod } from "../dist/core.js";

const cases = [
  ["Asia/Ulaanbaatar", "2016-07-01"], // +09:00 midnight in summer time
  ["Asia/Ulaanbaatar", "2016-09-24"], // first +08:00 midnight after the 25-hour day
  ["America/Santiago", "2018-08-12"], // midnight skipped: day starts 01:00 -03:00
  ["America/Sao_Paulo", "2018-11-04"], // midnight skipped
  ["America/Goose_Bay", "2009-11-01"], // midnight happens twice (back at 00:01)
  ["Pacific/Apia", "2011-12-31"], // after the skipped 2011-12-30
];
const iso = (ms) => new Date(ms).toISOString();
const ours = (zone, date) => {
  const p = createPeriod(date, date, zone);
  return p.ok ? p.period.startInstant : NaN;
};
const dateFns = (zone, date) => {
  const [y, m, d] = date.split("-").map(Number);
  return +startOfDay(new TZDate(y, m - 1, d, zone));
};
const out = { host: process.env.TZ ?? "(unset)", boundaries: [] };
for (const [zone, date] of cases) {
  const a = ours(zone, date);
  const b = dateFns(zone, date);
  out.boundaries.push(
    `${zone} ${date}: Intl ${iso(a)} | date-fns ${Number.isNaN(b) ? "Invalid" : iso(b)}${a === b ? "" : "  <-- differs"}`,
  );
}
// Hostile names: an unknown name must be refused, not read as an offset.
out.unknownNames = ["Asia/Ulanbaatar", "Foo/Bar+05", "x+14:00"].map(
  (n) =>
    `${n}: tzOffset ${tzOffset(n, new Date(0))}, Intl ${createPeriod("2016-01-01", "2016-01-01", n).ok ? "accepted" : "refused"}`,
);
if (process.argv.includes("--time")) {
  const time = (f, n) => {
    for (let i = 0; i < 3; i++) f();
    const s = process.hrtime.bigint();
    for (let i = 0; i < n; i++) f();
    return Number(process.hrtime.bigint() - s) / 1e6 / n;
  };
  const year = ["2016-01-01", "2016-12-31"];
  const decade = ["2016-01-01", "2026-01-07"];
  for (const [label, [s, e]] of [
    ["1 year", year],
    ["3,660 days", decade],
  ]) {
    const intl = time(() => createPeriod(s, e, "Asia/Ulaanbaatar"), 20);
    const df = time(() => {
      const [sy, sm, sd] = s.split("-").map(Number);
      const [ey, em, ed] = e.split("-").map(Number);
      const start = +startOfDay(new TZDate(sy, sm - 1, sd, "Asia/Ulaanbaatar"));
      const end = +startOfDay(new TZDate(ey, em - 1, ed + 1, "Asia/Ulaanbaatar"));
      return tzScan("Asia/Ulaanbaatar", { start: new Date(start), end: new Date(end) });
    }, 20);
    out[`period ${label} (ms)`] = `Intl ${intl.toFixed(2)} | date-fns ${df.toFixed(2)}`;
  }
}
console.log(JSON.stringify(out, null, 1));
// tzScan steps months, days, then hours: a change that is not on the hour is reported late.
for (const [zone, s, e] of [
  ["America/Goose_Bay", "2009-10-25", "2009-11-07"],
  ["Asia/Ulaanbaatar", "2016-03-20", "2016-03-31"],
]) {
  const p = createPeriod(s, e, zone).period;
  const scan = tzScan(zone, { start: new Date(p.startInstant), end: new Date(p.endInstant) });
  console.log(
    `${zone} changes: Intl ${p.offsetChanges.map((c) => iso(c.at)).join(", ")} | tzScan ${scan.map((c) => c.date.toISOString()).join(", ")}`,
  );
}
