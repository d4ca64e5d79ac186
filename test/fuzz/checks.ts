/**
 * Assertions shared by the fuzz properties: what every result and every validation error must look
 * like, whatever document produced it.
 */
import { expect } from "vitest";
import type { CalculationResult } from "../../src/calculate.js";
import { MrvValidationError } from "../../src/core/errors.js";
import { exactOf } from "../helpers/exact-result.js";
import { dec, div, eq, floor, mul, print, sub, terminates } from "../helpers/fraction.js";

/** Canonical decimal string: plain, no exponent, no trailing zeros or point, no "-0". */
export const CANONICAL = /^-?(0|[1-9][0-9]*)(\.[0-9]*[1-9])?$/;

function fail(message: string): never {
  throw new Error(message);
}

export function expectCanonical(value: unknown, where: string): void {
  if (typeof value !== "string") fail(`${where} is not a string: ${String(value)}`);
  if (!CANONICAL.test(value) || value === "-0")
    fail(
      `${where} is not a canonical decimal: ${JSON.stringify(value.length > 200 ? `${value.slice(0, 200)}…` : value)}`,
    );
}

/**
 * Every numeric field of a result: canonical; RE_p − PE_p equal to the unrounded ER_p exactly (the
 * trace's exact values, read back as independent fractions), every figure printed by the §5 rule,
 * ER_p = max(0, ⌊exact⌋); JSON-stable.
 */
export function checkResult(result: CalculationResult): void {
  const fields = [
    "referenceEmissions",
    "projectEmissions",
    "emissionReductionsUnrounded",
    "emissionReductions",
  ] as const;
  for (const f of fields) expectCanonical(result[f], f);
  for (const [symbol, figure] of Object.entries(result.figures))
    expectCanonical(figure.value, `figures[${symbol}].value`);
  result.parameters.forEach((p, i) => {
    expectCanonical(p.value, `parameters[${i}] (${p.symbol}).value`);
    if (p.given !== undefined) expectCanonical(p.given.value, `parameters[${i}] (${p.symbol}).given.value`);
  });
  result.trace.forEach((step, i) => {
    expectCanonical(step.value, `trace[${i}] (${step.symbol}).value`);
    for (const [name, input] of Object.entries(step.inputs))
      expectCanonical(input, `trace[${i}] (${step.symbol}).inputs[${name}]`);
  });

  const { RE, PE, ER } = exactOf(result);
  if (!eq(ER, sub(RE, PE))) fail(`unrounded ER_p ${print(ER)} ≠ RE − PE = ${print(sub(RE, PE))} (exact values)`);
  for (const [field, value] of [
    ["referenceEmissions", RE],
    ["projectEmissions", PE],
    ["emissionReductionsUnrounded", ER],
  ] as const) {
    if (result[field] !== print(value))
      fail(`${field} ${result[field]} is not its exact value printed (${print(value)})`);
  }
  const floored = floor(ER);
  if (result.emissionReductions !== (floored < 0n ? 0n : floored).toString())
    fail(`emissionReductions ${result.emissionReductions} ≠ max(0, ⌊${ER.n}/${ER.d}⌋)`);
  if (ER.n < 0n && !result.warnings.some((w) => w.code === "negative-reductions"))
    fail("negative ER without a negative-reductions warning");
  result.trace.forEach((step, i) => {
    if ((step.exact === undefined) !== terminates(step.exact === undefined ? dec(step.value) : fractionOf(step.exact)))
      fail(`trace[${i}] (${step.symbol}) carries exact ${step.exact} although its value ${step.value} terminates`);
    if (step.exact !== undefined && print(fractionOf(step.exact)) !== step.value)
      fail(`trace[${i}] (${step.symbol}) value ${step.value} is not exact ${step.exact} printed`);
  });

  // Plain JSON: a round trip changes nothing (no undefined members, no class instances, no -0).
  expect(JSON.parse(JSON.stringify(result))).toStrictEqual(result);
}

const ISSUE_FIELDS = new Set(["path", "symbol", "code", "message", "expected", "found"]);

/** Characters no issue or text output may carry as they are (trust.md §4). */
export const UNSAFE_TEXT =
  /[\u0000-\u001f\u007f-\u009f\u200b-\u200d\u2060\u202a-\u202e\u2066-\u2069\ufeff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Why an issue is malformed, or undefined. Plain checks: a document may produce 10,000 issues. */
export function issueProblem(issue: unknown, inputText = ""): string | undefined {
  if (typeof issue !== "object" || issue === null) return "issue is not an object";
  const i = issue as Record<string, unknown>;
  if (typeof i.path !== "string") return "path is not a string";
  // A path spelling undefined/NaN/[object …] that the document does not contain comes from a bug.
  const odd = /undefined|\[object |NaN/.exec(i.path);
  if (odd && !inputText.includes(odd[0])) return `suspicious path ${i.path}`;
  if (typeof i.code !== "string" || i.code.length === 0) return "no code";
  if (typeof i.message !== "string" || i.message.length === 0) return "no message";
  for (const key of ["symbol", "expected", "found"]) {
    if (i[key] !== undefined && typeof i[key] !== "string")
      return `${key} is a ${typeof i[key]}, not a string (${String(i[key]).slice(0, 60)})`;
  }
  for (const key of Reflect.ownKeys(i))
    if (typeof key !== "string" || !ISSUE_FIELDS.has(key)) return `unexpected field ${String(key)}`;
  // trust.md §2 and §4: short, escaped.
  for (const key of ISSUE_FIELDS) {
    const value = i[key];
    if (typeof value === "string" && UNSAFE_TEXT.test(value))
      return `${key} carries a raw control, bidi or invisible character`;
  }
  if (typeof i.found === "string" && i.found.length > 200) return `found is ${i.found.length} characters (at most 200)`;
  return undefined;
}

/** What `calculate` may throw: only MrvValidationError, with well-formed, JSON-safe issues. */
export function checkValidationError(error: unknown, input?: unknown): asserts error is MrvValidationError {
  if (!(error instanceof MrvValidationError)) {
    const e = error as { name?: string; code?: string; message?: string; cause?: unknown };
    const cause = e.cause instanceof Error ? `\ncause: ${e.cause.stack ?? e.cause.message}` : "";
    throw new Error(
      `calculate threw ${e.name ?? typeof error}${e.code ? ` (code ${e.code})` : ""}, not MrvValidationError: ${e.message ?? String(error)}${cause}`,
    );
  }
  if (!Array.isArray(error.issues) || error.issues.length === 0)
    throw new Error("an MrvValidationError without issues");
  // trust.md §3: at most 1,000 issues, then one too-many-issues, last.
  if (error.issues.length > 1001) throw new Error(`${error.issues.length} issues (at most 1,001)`);
  error.issues.forEach((issue, n) => {
    if (issue.code === "too-many-issues" && n !== error.issues.length - 1)
      throw new Error(`too-many-issues at ${n} of ${error.issues.length}, not last`);
  });
  if (error.message.split("\n").some((line) => UNSAFE_TEXT.test(line)))
    throw new Error("the error message carries a raw unsafe character");
  let inputText = "";
  try {
    inputText = typeof input === "string" ? input : (JSON.stringify(input) ?? "");
  } catch {
    inputText = "undefined NaN [object "; // not serialisable: do not judge paths by the text
  }
  for (const issue of error.issues) {
    const problem = issueProblem(issue, inputText);
    if (problem !== undefined) throw new Error(`malformed issue: ${problem}: ${JSON.stringify(issue)}`);
  }
  if (typeof error.message !== "string") throw new Error("error message is not a string");
}

// ---------------------------------------------------------------------------------------------
// Prototype pollution

const PROTOTYPES: [string, object][] = [
  ["Object.prototype", Object.prototype],
  ["Array.prototype", Array.prototype],
  ["Function.prototype", Function.prototype],
  ["String.prototype", String.prototype],
];

export type PrototypeSnapshot = Map<string, string[]>;

export function snapshotPrototypes(): PrototypeSnapshot {
  return new Map(PROTOTYPES.map(([name, proto]) => [name, Reflect.ownKeys(proto).map(String).sort()]));
}

export function expectNoPollution(before: PrototypeSnapshot): void {
  for (const [name, proto] of PROTOTYPES)
    expect(Reflect.ownKeys(proto).map(String).sort(), `${name} changed`).toEqual(before.get(name));
  const probe = {} as Record<string, unknown>;
  expect(probe.polluted, "({}).polluted").toBeUndefined();
  expect(([] as unknown as Record<string, unknown>).polluted, "[].polluted").toBeUndefined();
  // eslint-disable-next-line guard-for-in
  for (const key in probe) throw new Error(`Object.prototype gained an enumerable key ${key}`);
}

// ---------------------------------------------------------------------------------------------
// Issue paths point into the document

/** Splits a path as `formatPath` writes it (`monitored["EG_i,p"][2].value`); undefined if malformed. */
export function parsePath(path: string): (string | number)[] | undefined {
  const out: (string | number)[] = [];
  let i = 0;
  const ident = /^[A-Za-z_$][A-Za-z0-9_$]*/;
  while (i < path.length) {
    const rest = path.slice(i);
    if (rest.startsWith("[")) {
      const index = /^\[(\d+)\]/.exec(rest);
      if (index) {
        out.push(Number(index[1]));
        i += index[0].length;
        continue;
      }
      const key = /^\["((?:[^"\\]|\\.)*)"\]/.exec(rest);
      if (!key) return undefined;
      out.push(JSON.parse(`"${key[1]}"`) as string);
      i += key[0].length;
      continue;
    }
    const dotted = out.length === 0 ? ident.exec(rest) : rest.startsWith(".") ? ident.exec(rest.slice(1)) : null;
    if (!dotted) return undefined;
    out.push(dotted[0]);
    i += dotted[0].length + (out.length === 1 ? 0 : 1);
  }
  return out;
}

/**
 * Why an issue path cannot name a place in `doc`: malformed, an array index past the end, or a
 * step through a string, number, boolean or null. (A path may end in keys that are absent: a
 * missing parameter is named where it belongs.)
 */
export function pathProblem(path: string, doc: unknown): string | undefined {
  if (path === "") return undefined;
  const segments = parsePath(path);
  if (!segments) return `malformed path ${path}`;
  let node: unknown = doc;
  for (let k = 0; k < segments.length; k++) {
    const segment = segments[k]!;
    if (node === undefined) return undefined; // below an absent key
    if (typeof node !== "object" || node === null)
      return `path ${path} steps into ${node === null ? "null" : typeof node} at segment ${k}`;
    if (Array.isArray(node)) {
      if (typeof segment !== "number") return `path ${path} uses key ${JSON.stringify(segment)} on an array`;
      if (segment >= node.length) return `path ${path}: index ${segment} past the end (${node.length} entries)`;
      node = node[segment];
    } else {
      node = Object.hasOwn(node, String(segment)) ? (node as Record<string, unknown>)[String(segment)] : undefined;
    }
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Parameters in the result match the document (an independent unit table, jcm-rules §7)

/** Factor of each unit to its dimension's canonical unit, as exact decimals [numerator, denominator]. */
const FACTORS: Record<string, [string, string]> = {
  MWh: ["1", "1"],
  kWh: ["1", "1000"],
  GWh: ["1000", "1"],
  GJ: ["1", "3.6"],
  TJ: ["1000", "3.6"],
  Gcal: ["4.1868", "3.6"],
  t: ["1", "1"],
  kg: ["1", "1000"],
  kL: ["1", "1"],
  L: ["1", "1000"],
  m3: ["1", "1"],
  kW: ["1", "1"],
  MW: ["1000", "1"],
  W: ["1", "1000"],
  USRt: ["10.5505585262", "3"],
  h: ["1", "1"],
  d: ["24", "1"],
  "°C": ["1", "1"],
  degC: ["1", "1"],
  "tCO2/MWh": ["1", "1"],
  "tCO2/GJ": ["3.6", "1"],
  "kgCO2/TJ": ["3.6", "1000000"],
  "tCO2/t": ["1", "1"],
  "GJ/t": ["1", "1"],
  "MJ/kg": ["1", "1"],
  "t/kL": ["1", "1"],
  "kg/L": ["1", "1"],
  "t/m3": ["1", "1"],
  "N/mm2": ["1", "1"],
  MPa: ["1", "1"],
  "1": ["1", "1"],
};
const SAME_DIMENSION: string[][] = [
  ["MWh", "kWh", "GWh", "GJ", "TJ", "Gcal"],
  ["t", "kg"],
  ["kL", "L", "m3"],
  ["kW", "MW", "W", "USRt"],
  ["h", "d"],
  ["°C", "degC"],
  ["tCO2/MWh", "tCO2/GJ", "kgCO2/TJ"],
  ["GJ/t", "MJ/kg"],
  ["t/kL", "kg/L", "t/m3"],
  ["N/mm2", "MPa"],
];

function fractionOf(text: string) {
  const [n, d] = text.split("/");
  return div(dec(n!), dec(d ?? "1"));
}

/** `value` (a decimal string) in `from` expressed in `to` (same dimension), exactly, printed by the §5 rule. */
export function expectedConversion(value: string, from: string, to: string): string | undefined {
  if (from === to) return print(dec(value));
  if (!SAME_DIMENSION.some((units) => units.includes(from) && units.includes(to))) return undefined;
  const [nf, df] = FACTORS[from]!;
  const [nt, dt] = FACTORS[to]!;
  return print(div(mul(mul(dec(value), dec(nf)), dec(dt)), mul(dec(df), dec(nt))));
}

function documentDecimal(node: unknown): string | undefined {
  const raw =
    typeof node === "object" && node !== null && !Array.isArray(node) ? (node as Record<string, unknown>).value : node;
  if (typeof raw === "number") return String(raw);
  if (typeof raw === "string") return raw;
  return undefined;
}

/**
 * Every result parameter sits at a path of the document; its canonical value is the document's
 * value (or series total) converted once; warnings' paths point into the document too.
 */
export function checkParameters(result: CalculationResult, doc: unknown): void {
  for (const p of result.parameters) {
    const problem = pathProblem(p.path, doc);
    if (problem) fail(`parameter ${p.symbol}: ${problem}`);
    if (p.given !== undefined) {
      const expected = expectedConversion(p.given.value, p.given.unit, p.unit);
      if (expected !== undefined && expected !== p.value)
        fail(
          `parameter ${p.symbol} at ${p.path}: ${p.given.value} ${p.given.unit} is ${expected} ${p.unit}, result says ${p.value}`,
        );
    }
    if (p.source !== undefined) continue; // a default or a derived value, not the document's
    const node = getPath(doc, p.path);
    const isSeries = typeof node === "object" && node !== null && ("readings" in node || "kind" in node);
    if (node === undefined || isSeries) continue;
    const given = documentDecimal(node);
    if (given === undefined) fail(`parameter ${p.symbol} at ${p.path}: no decimal in the document there`);
    const unit =
      typeof node === "object" && node !== null && typeof (node as Record<string, unknown>).unit === "string"
        ? ((node as Record<string, unknown>).unit as string)
        : p.unit;
    const expected = expectedConversion(given, unit === "1" ? p.unit : unit, p.unit);
    if (expected !== undefined && expected !== p.value)
      fail(
        `parameter ${p.symbol} at ${p.path}: document gives ${given} ${unit}, result value ${p.value} ${p.unit} (expected ${expected})`,
      );
  }
  for (const w of result.warnings) {
    if (typeof w.code !== "string" || typeof w.message !== "string" || w.message === "")
      fail(`malformed warning ${JSON.stringify(w)}`);
    if (w.path !== undefined) {
      const problem = pathProblem(w.path, doc);
      if (problem) fail(`warning ${w.code}: ${problem}`);
    }
  }
  // The trace ends with ER_p unrounded, then rounded; RE_p and PE_p appear as computed.
  const steps = result.trace;
  const last = steps[steps.length - 1];
  const before = steps[steps.length - 2];
  if (last?.symbol !== "ER_p" || last.value !== result.emissionReductions)
    fail(`last trace step is not ER_p = ${result.emissionReductions}: ${JSON.stringify(last)}`);
  if (before?.symbol !== "ER_p" || before.value !== result.emissionReductionsUnrounded)
    fail(`trace step before last is not ER_p = ${result.emissionReductionsUnrounded}`);
  if (before.inputs.RE_p !== result.referenceEmissions || before.inputs.PE_p !== result.projectEmissions)
    fail(`ER_p trace inputs ${JSON.stringify(before.inputs)} differ from RE/PE`);
}

function getPath(doc: unknown, path: string): unknown {
  const segments = parsePath(path);
  if (!segments) return undefined;
  let node = doc;
  for (const s of segments) {
    if (typeof node !== "object" || node === null) return undefined;
    node = Object.hasOwn(node, String(s)) ? (node as Record<string, unknown>)[String(s)] : undefined;
  }
  return node;
}
