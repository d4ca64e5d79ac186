import * as z from "zod";
import { decimalProblem } from "../../core/decimal.js";
import { quote } from "../../core/display.js";
import { Exact } from "../../core/exact.js";
import { found, raise, specDimension } from "./leaf.js";
import { parameter, parameterRegistry } from "./metadata.js";
import {
  type DefaultValue,
  type EntryInputOf,
  type InputOf,
  makeQuantity,
  type PendingSeries,
  type Quantity,
  type QuantitySpec,
} from "./quantity.js";
import { parseQuantityInput } from "./read-quantity.js";

/**
 * Parameter declarations for methodology modules. A numeric parameter is declared once with
 * {@link quantity}: the returned zod schema validates and normalises the document value (decimal
 * string, JSON number, quantity object or series) and carries the symbol, unit, range, default and
 * provenance that the JSON Schema export, the methodology card and the result's `parameters` use.
 */
// Schema factories

export function defaultQuantity(spec: QuantitySpec): Quantity {
  if (!spec.default) throw new TypeError(`${spec.symbol} has no default`);
  const value = Exact.from(spec.default.value);
  return makeQuantity({
    symbol: spec.symbol,
    value,
    unit: spec.unit,
    origin: "default",
    source: spec.default.source,
    status: spec.default.status,
  });
}

export function validateSpec(spec: QuantitySpec): void {
  specDimension(spec);
  if (spec.default && decimalProblem(spec.default.value))
    throw new TypeError(`${spec.symbol}: default ${spec.default.value} is not a decimal`);
}

/** A parameter the document may leave out but whose output is always a Quantity (the default). */
export type DefaultedQuantitySchema<I> = z.ZodType<
  Quantity,
  I | undefined,
  z.core.$ZodTypeInternals<Quantity, I | undefined> & { optin: "optional" }
>;

/** A required numeric parameter (or, with a `default`, one the document may leave out). */
export function quantity<const S extends QuantitySpec>(
  spec: S,
): S extends { default: DefaultValue } ? DefaultedQuantitySchema<InputOf<S>> : z.ZodType<Quantity, InputOf<S>> {
  validateSpec(spec);
  const schema = spec.default
    ? z
        .unknown()
        .optional()
        .transform(
          (input, ctx) =>
            (input === undefined
              ? defaultQuantity(spec)
              : (parseQuantityInput(ctx, input, spec) ?? z.NEVER)) as Quantity,
        )
    : z.unknown().transform((input, ctx) => (parseQuantityInput(ctx, input, spec) ?? z.NEVER) as Quantity);
  schema.register(parameterRegistry, { kind: "quantity", spec, optional: spec.default !== undefined });
  return schema as never;
}

/** A numeric parameter the document may leave out (no default: absent stays absent). */
export function optionalQuantity<const S extends QuantitySpec>(
  spec: S,
): z.ZodOptional<z.ZodType<Quantity, InputOf<S>>> {
  validateSpec(spec);
  const inner = z.unknown().transform((input, ctx) => (parseQuantityInput(ctx, input, spec) ?? z.NEVER) as Quantity);
  inner.register(parameterRegistry, { kind: "quantity", spec, optional: true });
  return inner.optional() as never;
}

/**
 * A per-equipment monitored parameter: an array of quantity or series objects, each with its id
 * (`equipment`, `product` or `fuel`) merged in, ids unique within the array.
 */
export function perEquipment<const S extends QuantitySpec, const K extends string>(
  spec: S,
  options: { idKey: K; required: true },
): z.ZodType<readonly Quantity[], EntryInputOf<S, K>[]>;
export function perEquipment<const S extends QuantitySpec, const K extends string>(
  spec: S,
  options: { idKey: K; required: false },
): z.ZodOptional<z.ZodType<readonly Quantity[], EntryInputOf<S, K>[]>>;
export function perEquipment(spec: QuantitySpec, options: { idKey: string; required: boolean }): z.ZodType {
  validateSpec(spec);
  const inner = z.unknown().transform((input, ctx) => {
    if (!Array.isArray(input)) {
      raise(ctx, input, {
        path: [],
        code: input === undefined ? "missing" : "invalid-type",
        message:
          input === undefined
            ? `${spec.symbol} is required: an array of entries, one per ${options.idKey}`
            : `${spec.symbol} must be an array of entries, one per ${options.idKey}`,
        symbol: spec.symbol,
        expected: `[{ "${options.idKey}": "…", "value": "…", "unit": "${spec.unit}" }, …]`,
        found: found(input),
      });
      return z.NEVER;
    }
    if (options.required && input.length === 0) {
      raise(ctx, input, {
        path: [],
        code: "empty",
        message: `${spec.symbol} needs at least one entry`,
        symbol: spec.symbol,
        expected: "a non-empty array",
        found: "[]",
      });
      return z.NEVER;
    }
    const seen = new Map<string, number>();
    const out: (Quantity | PendingSeries)[] = [];
    let ok = true;
    input.forEach((entry: unknown, i: number) => {
      const parsed = parseQuantityInput(ctx, entry, spec, options.idKey, [i]);
      if (!parsed) {
        ok = false;
        return;
      }
      const id = parsed.id!;
      const first = seen.get(id);
      if (first !== undefined) {
        raise(ctx, input, {
          path: [i, options.idKey],
          code: "duplicate-id",
          message: `${options.idKey} ${quote(id)} appears twice in ${spec.symbol} (entries ${first} and ${i})`,
          symbol: spec.symbol,
          expected: `unique ${options.idKey} ids`,
          found: quote(id),
        });
        ok = false;
        return;
      }
      seen.set(id, i);
      out.push(parsed);
    });
    return ok ? (out as unknown as readonly Quantity[]) : z.NEVER;
  });
  inner.register(parameterRegistry, {
    kind: "quantity",
    spec,
    idKey: options.idKey,
    perEquipment: options.required ? "required" : "optional",
    optional: !options.required,
  });
  return options.required ? inner : inner.optional();
}

/** Fixed per-equipment entries (`boilers[]`, `chillers[]`, `products[]`): strict objects keyed by id. */
export function equipmentList<const K extends string, const Shape extends z.ZodRawShape>(
  listKey: string,
  idKey: K,
  shape: Shape,
  description: string,
): z.ZodArray<z.ZodObject<{ [P in K]: z.ZodString } & Shape, z.core.$strict>> {
  const entry = z.strictObject({ [idKey]: z.string().min(1), ...shape } as { [P in K]: z.ZodString } & Shape);
  const list = z
    .array(entry)
    .min(1)
    .superRefine((entries, ctx) => {
      const seen = new Map<string, number>();
      entries.forEach((e, i) => {
        const id = (e as Record<string, unknown>)[idKey] as string;
        const first = seen.get(id);
        if (first !== undefined) {
          const message = `${idKey} ${quote(id)} appears twice in ${listKey} (entries ${first} and ${i})`;
          ctx.addIssue({
            code: "custom",
            message,
            path: [i, idKey],
            params: {
              mrv: {
                path: [i, idKey],
                code: "duplicate-id",
                message,
                expected: `unique ${idKey} ids`,
                found: quote(id),
              },
            },
          });
        } else seen.set(id, i);
      });
    });
  parameter(list, {
    symbol: `${listKey}[]`,
    description: `${description} (one entry per ${idKey}; the entries define the set of ${idKey} ids)`,
  });
  return list;
}
