import * as z from "zod";
import type { Exact } from "../../core/exact.js";
import {
  type DefaultValue,
  isQuantity,
  makeQuantity,
  parameter,
  parameterRegistry,
  type Quantity,
  type QuantitySpec,
  validateSpec,
} from "../parameters/index.js";
import { found, raise } from "../parameters/leaf.js";
import { parseQuantityInput } from "../parameters/read-quantity.js";
import type { MethodologyCard, MethodologySpec, Warning } from "../types.js";

/**
 * What every family factory takes besides its family's own `connections`, `defaults` and `criteria`
 * (families.md § "Registering a sibling yourself"): the module's identity as `defineMethodology` takes
 * it (the id starting with `JCM_`, or `DRAFT_` for a draft; an approved module needs a source), and
 * texts. A country module is this data and nothing else.
 */
export interface FamilyOptionsBase
  extends Pick<
    MethodologySpec,
    "id" | "version" | "title" | "hostCountry" | "sectoralScope" | "status" | "basis" | "sources"
  > {
  /** Overrides a parameter's text by its symbol, e.g. `{ "EG_i,p": "…consumed on site or sold…" }`. */
  descriptions?: Readonly<Record<string, string>>;
  /** Card texts the family cannot write itself: the measure, a line before the criteria, notes. */
  card?: { measure?: string; eligibility?: string; notes?: string };
}

/** The module's identity from the factory's options, with the family the factory names. */
export function identity(options: FamilyOptionsBase, family: string) {
  const { id, version, title, hostCountry, sectoralScope, status, basis, sources } = options;
  return { id, version, title, hostCountry, sectoralScope, status, family, basis, sources };
}

/** The connection cases a methodology names, each with its meaning (`{}` when it names none). */
export type Connections<C extends string> = Readonly<Record<C, string>>;

const ID_PREFIX = /^(JCM|DRAFT)_/;

/** The checks every factory makes before building a module (defineMethodology makes the rest). */
export function checkFamilyOptions(factory: string, options: FamilyOptionsBase): void {
  const problems: string[] = [];
  if (typeof options.id !== "string" || !ID_PREFIX.test(options.id))
    problems.push(`id "${String(options.id)}" must start with JCM_ (approved) or DRAFT_ (draft)`);
  if (options.status === "approved" && (!Array.isArray(options.sources) || options.sources.length === 0))
    problems.push("an approved module needs at least one source (the document its equations come from)");
  if (problems.length > 0) throw new TypeError(`${factory}(${String(options.id)}): ${problems.join("; ")}`);
}

/** A parameter's description, or the module's override of it (checked: an unknown symbol is refused). */
export function describer(
  factory: string,
  options: FamilyOptionsBase,
  known: readonly string[],
): (symbol: string, text: string) => string {
  const overrides = options.descriptions ?? {};
  const unknown = Object.keys(overrides).filter((symbol) => !known.includes(symbol));
  if (unknown.length > 0)
    throw new TypeError(
      `${factory}(${options.id}): descriptions names ${unknown.map((s) => JSON.stringify(s)).join(", ")}, which the module does not have (it has ${known.join(", ")})`,
    );
  return (symbol, text) => overrides[symbol] ?? text;
}

/** Where a factor without a default is found (families.md): the message of a missing one. */
export const FIXED_EX_ANTE = `the registered PDD's "data and parameters fixed ex ante"`;

/** The source a factor the document gives is recorded with when the module holds no default for it. */
export function pddSource(connection: string | undefined): string {
  const stated = connection === undefined ? "" : `; connection "${connection}"`;
  return `registered PDD, "data and parameters fixed ex ante" (given by the document${stated})`;
}

/**
 * A factor the module has no default for: required, and a document without it is refused with an
 * issue naming the parameter and where the registered PDD states it.
 */
export function requiredFactor(spec: QuantitySpec, module: { id: string; version: string }): z.ZodType<Quantity> {
  validateSpec(spec);
  const schema = z.unknown().transform((input, ctx) => {
    if (input === undefined) {
      raise(ctx, input, {
        path: [],
        code: "missing",
        message: `${spec.symbol} is required: ${module.id} ver${module.version} has no default for it; ${FIXED_EX_ANTE} states it`,
        symbol: spec.symbol,
        expected: `${spec.symbol} in ${spec.unit}, as the registered PDD states it`,
        found: found(input),
      });
      return z.NEVER;
    }
    return (parseQuantityInput(ctx, input, spec) ?? z.NEVER) as Quantity;
  });
  schema.register(parameterRegistry, { kind: "quantity", spec, optional: false });
  return schema;
}

/**
 * With no default factor, the document's factor is the PDD's: `fixed` with that factor recorded as
 * from the registered PDD, with the connection case when the document states one.
 */
export function pddFactor<T extends z.ZodType>(fixed: T, symbol: string) {
  return fixed.transform((value) => {
    const f = value as Record<string, unknown>;
    const q = f[symbol];
    if (!isQuantity(q)) return value;
    return {
      ...f,
      [symbol]: makeQuantity({ ...q, source: pddSource(f.connection as string | undefined) }),
    } as typeof value;
  });
}

/** The warning of a factor given without the connection case the methodology distinguishes. */
export function connectionNotStated(symbol: string, value: Exact, unit: string, cases: readonly string[]): Warning {
  return {
    code: "connection-not-stated",
    message: `${symbol} = ${value} ${unit} was given without a connection case: state which of the methodology's cases (${orList(cases)}) the registered PDD applies`,
    symbol,
    path: `fixed.${symbol}`,
  };
}

/** `fixed.connection`: one of the cases the methodology names. */
export function connectionParameter<C extends string>(connections: Connections<C>, requirement: string) {
  const cases = Object.keys(connections) as C[];
  return parameter(z.enum(cases as [C, ...C[]]).optional(), {
    symbol: "connection",
    description: cases.map((c) => `"${c}": ${connections[c]}`).join("; "),
    requirement,
  });
}

/** `"a", "b" or "c"`. */
export function orList(items: readonly string[]): string {
  const quoted = items.map((i) => `"${i}"`);
  return quoted.length <= 1 ? quoted.join("") : `${quoted.slice(0, -1).join(", ")} or ${quoted.at(-1)}`;
}

/** `0.797 (national-grid), 0.533 (grid-and-captive, off-grid)`: default values with the cases that use them. */
export function valuesByCase(defaults: Readonly<Record<string, DefaultValue>>): { value: string; cases: string[] }[] {
  const groups: { value: string; cases: string[] }[] = [];
  for (const [c, d] of Object.entries(defaults)) {
    const group = groups.find((g) => g.value === d.value);
    if (group) group.cases.push(c);
    else groups.push({ value: d.value, cases: [c] });
  }
  return groups;
}

/** The card lines every summary-level module carries. */
export function summaryNotes(options: FamilyOptionsBase): string[] {
  if (options.basis !== "summary") return [];
  return [
    `Registered at summary level: the equations follow the published summary of ${options.id} ver${options.version}; the approved methodology text was not checked, and equation numbers are the library's. Every result carries the \`summary-basis\` warning.`,
  ];
}

/** The card of a family module: the family's texts, the module's own where it gives them. */
export function familyCard(
  options: FamilyOptionsBase,
  texts: { measure: string; equations: string; eligibility: string; notes: readonly string[] },
): MethodologyCard {
  const notes = [...summaryNotes(options), ...texts.notes, ...(options.card?.notes ? [options.card.notes] : [])];
  return {
    measure: options.card?.measure ?? texts.measure,
    equations: texts.equations,
    eligibility: texts.eligibility,
    ...(notes.length > 0 && { notes: notes.join("\n") }),
  };
}
