import * as z from "zod";
import type { DefaultValue, QuantitySpec } from "./quantity.js";

/** Parameter metadata (symbol, unit, range, default, provenance) kept beside each schema in a private zod registry. */
/** Metadata the JSON Schema export, cards and issue mapping read back from a schema. */
export type ParameterMeta =
  | { kind: "quantity"; spec: QuantitySpec; idKey?: string; perEquipment?: "required" | "optional"; optional: boolean }
  | {
      kind: "other";
      symbol: string;
      description: string;
      unit?: string;
      requirement?: string;
      default?: DefaultValue;
      jsonSchema?: Record<string, unknown>;
    };

/** Private registry (not zod's global one): importing a module leaves no global trace. */
export const parameterRegistry = z.registry<ParameterMeta>();

/** Attaches card / JSON Schema metadata to a non-numeric parameter (enums, declarations, …). */
export function parameter<T extends z.ZodType>(
  schema: T,
  meta: Omit<Extract<ParameterMeta, { kind: "other" }>, "kind">,
): T {
  (schema as z.ZodType).register(parameterRegistry, { kind: "other", ...meta } as ParameterMeta);
  return schema;
}

/** Symbols and metadata of every parameter reachable from a schema (cards, issue symbols). */
export function collectParameterMeta(schema: z.ZodType): Map<string, ParameterMeta> {
  const found = new Map<string, ParameterMeta>();
  const seen = new Set<unknown>();
  const visit = (s: unknown): void => {
    if (!s || typeof s !== "object" || seen.has(s)) return;
    seen.add(s);
    const meta = parameterRegistry.get(s as z.ZodType);
    if (meta) found.set(meta.kind === "quantity" ? meta.spec.symbol : meta.symbol, meta);
    const def = (s as { _zod?: { def?: Record<string, unknown> } })._zod?.def;
    if (!def) return;
    for (const key of ["innerType", "in", "out", "element", "left", "right", "schema"]) visit(def[key]);
    if (Array.isArray(def.options)) def.options.forEach(visit);
    const shape = def.shape as Record<string, unknown> | undefined;
    if (shape) for (const v of Object.values(shape)) visit(v);
  };
  visit(schema);
  return found;
}
