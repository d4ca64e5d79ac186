/**
 * Named time zones (IANA names such as `Asia/Ulaanbaatar`) through the runtime's `Intl`: the only
 * place the time-zone database is read. Everything else works on integer milliseconds: the offset
 * changes of a zone are found here once per period, and the rest is arithmetic on them.
 *
 * `Intl` is asked only for an offset at an instant, in the fixed `en-US` form `GMT+08:00`, so
 * neither the host's time zone nor its locale can change an answer; the answers follow the
 * runtime's time-zone database, whose version the caller may record (`options.tzdata`).
 */

const MS_PER_MINUTE = 60_000;
const MS_PER_DAY = 86_400_000;

/** An offset in force from `at` (ms since the epoch) on. */
export interface OffsetChange {
  at: number;
  /** Minutes east of UTC. */
  offsetMinutes: number;
}

/** Longer names are refused without asking `Intl` (the longest IANA name has 32 characters). */
export const MAX_TIME_ZONE_NAME = 64;

type OffsetReader = (epochMs: number) => number;

/** A few readers kept (a document names one zone); bounded so hostile names cannot grow it. */
const readers = new Map<string, OffsetReader>();
const MAX_READERS = 32;

const LONG_OFFSET = /GMT(?:([+-])(\d{1,2})(?::(\d{2}))?(?::(\d{2}))?)?$/;

/**
 * Reads the offset of `timeZone` at an instant, in ms east of UTC; undefined when `Intl` does not
 * know the name. Offsets before 1972 may hold seconds; they are kept exactly.
 */
function offsetReader(timeZone: string): OffsetReader | undefined {
  const known = readers.get(timeZone);
  if (known) return known;
  if (timeZone.length === 0 || timeZone.length > MAX_TIME_ZONE_NAME) return undefined;
  let parts: Intl.DateTimeFormat;
  try {
    parts = new Intl.DateTimeFormat("en-US", {
      timeZone,
      calendar: "iso8601",
      numberingSystem: "latn",
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
  } catch {
    return undefined;
  }
  // The wall clock read field by field: slower, but free of any offset notation.
  const fromParts: OffsetReader = (epochMs) => {
    const fields: Record<string, number> = {};
    for (const part of parts.formatToParts(epochMs)) fields[part.type] = Number(part.value);
    const wall = new Date(0).setUTCFullYear(fields.year!, fields.month! - 1, fields.day!);
    const seconds = ((fields.hour! * 60 + fields.minute!) * 60 + fields.second!) * 1000;
    const whole = epochMs - (((epochMs % 1000) + 1000) % 1000);
    return wall + seconds - whole;
  };
  // `GMT+08:00` (ES2021 `longOffset`) is four times faster to read; runtimes without it use the fields.
  let long: Intl.DateTimeFormat | undefined;
  try {
    long = new Intl.DateTimeFormat("en-US", { timeZone, timeZoneName: "longOffset" });
  } catch {
    long = undefined;
  }
  const reader: OffsetReader =
    long === undefined
      ? fromParts
      : (epochMs) => {
          const m = LONG_OFFSET.exec(long.format(epochMs));
          if (!m) return fromParts(epochMs);
          if (m[1] === undefined) return 0;
          const ms = ((Number(m[2]) * 60 + Number(m[3] ?? 0)) * 60 + Number(m[4] ?? 0)) * 1000;
          return m[1] === "-" ? -ms : ms;
        };
  if (readers.size >= MAX_READERS) readers.delete(readers.keys().next().value!);
  readers.set(timeZone, reader);
  return reader;
}

/** True when the runtime's `Intl` accepts `name` as a time zone (aliases and `UTC` included). */
export function isKnownTimeZone(name: string): boolean {
  return offsetReader(name) !== undefined;
}

/** The offset of a named zone at an instant, in minutes east of UTC; undefined for an unknown name. */
export function zoneOffsetMinutes(timeZone: string, epochMs: number): number | undefined {
  const read = offsetReader(timeZone);
  return read === undefined ? undefined : read(epochMs) / MS_PER_MINUTE;
}

/**
 * The offset in force at `from` and every change of it in `(from, to]`, each at its exact instant.
 * The zone is sampled once a day (no zone changes offset twice within a day and back) and each
 * change is located by bisection to the millisecond: about 40 `Intl` calls a change.
 */
export function offsetChanges(
  timeZone: string,
  from: number,
  to: number,
): { initialMinutes: number; changes: OffsetChange[] } | undefined {
  const read = offsetReader(timeZone);
  if (read === undefined) return undefined;
  const changes: OffsetChange[] = [];
  const initial = read(from);
  let known = from;
  let offset = initial;
  while (known < to) {
    const probe = Math.min(known + MS_PER_DAY, to);
    let probed = read(probe);
    // Several changes between two samples are found one after the other.
    while (probed !== offset) {
      let before = known;
      let after = probe;
      while (after - before > 1) {
        // Integer milliseconds (safe integers): halving and flooring them is exact.
        const mid = before + Math.floor((after - before) / 2);
        if (read(mid) === offset) before = mid;
        else after = mid;
      }
      offset = read(after);
      changes.push({ at: after, offsetMinutes: offset / MS_PER_MINUTE });
      known = after;
      probed = read(probe);
    }
    known = probe;
  }
  return { initialMinutes: initial / MS_PER_MINUTE, changes };
}

/** Levenshtein distance, case-insensitive (names are short: at most 64 × 40 steps). */
function distance(a: string, b: string): number {
  const s = a.toLowerCase();
  const t = b.toLowerCase();
  let previous = Array.from({ length: t.length + 1 }, (_, j) => j);
  for (let i = 1; i <= s.length; i++) {
    const current = [i];
    for (let j = 1; j <= t.length; j++) {
      const substitution = previous[j - 1]! + (s[i - 1] === t[j - 1] ? 0 : 1);
      current.push(Math.min(previous[j]! + 1, current[j - 1]! + 1, substitution));
    }
    previous = current;
  }
  return previous[t.length]!;
}

/** The zones `Intl` lists (canonical names), plus `UTC`; empty where the runtime cannot list them. */
function listedTimeZones(): string[] {
  const intl = Intl as { supportedValuesOf?: (key: "timeZone") => string[] };
  try {
    const names = intl.supportedValuesOf?.("timeZone") ?? [];
    return names.includes("UTC") ? names : [...names, "UTC"];
  } catch {
    return ["UTC"];
  }
}

/**
 * Up to three known names close to an unknown one, closest first: by edit distance to the whole
 * name or to its last part (`Ulanbaatar` → `Asia/Ulaanbaatar`), within a third of its length.
 */
export function suggestTimeZones(name: string): string[] {
  if (name.length === 0 || name.length > MAX_TIME_ZONE_NAME) return [];
  // Edit-distance budget from a string length (a small integer), not a measured value.
  const limit = Math.max(2, Math.floor(name.length / 3));
  const scored: { name: string; score: number }[] = [];
  for (const candidate of listedTimeZones()) {
    const city = candidate.slice(candidate.lastIndexOf("/") + 1);
    const score = Math.min(distance(name, candidate), distance(name, city) + 1);
    if (score <= limit) scored.push({ name: candidate, score });
  }
  scored.sort((a, b) => a.score - b.score || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return scored.slice(0, 3).map((s) => s.name);
}
