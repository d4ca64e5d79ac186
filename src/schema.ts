import * as z from "zod";
import { PLAIN_DECIMAL_PATTERN } from "./core/decimal.js";
import { envelopeSchema } from "./document/parse.js";
import { type JsonSchema, quantityJsonSchema } from "./methodology/json-schema.js";
import { parameterRegistry } from "./methodology/parameters/index.js";
import type { AnyMethodology } from "./methodology/types.js";

export type { JsonSchema };

/** The JSON Schema of a module's complete monitoring document, generated from its zod schemas. */
export function toJsonSchema(module: AnyMethodology): JsonSchema {
  const document = envelopeSchema.extend({
    methodology: z.strictObject({ id: z.literal(module.id), version: z.literal(module.version) }),
    fixed: module.fixedSchema,
    monitored: module.monitoredSchema,
    reported: z
      .strictObject(
        Object.fromEntries(
          module.reportable.map((symbol) => [symbol, z.string().regex(PLAIN_DECIMAL_PATTERN).optional()]),
        ),
      )
      .optional(),
  });
  const schema = z.toJSONSchema(document, {
    io: "input",
    target: "draft-2020-12",
    unrepresentable: "any",
    override(ctx) {
      const meta = parameterRegistry.get(ctx.zodSchema as unknown as z.ZodType);
      if (!meta) return;
      const js = ctx.jsonSchema as Record<string, unknown>;
      if (meta.kind === "quantity") {
        for (const key of Object.keys(js)) delete js[key];
        Object.assign(js, quantityJsonSchema(meta.spec, meta.idKey, meta.perEquipment));
      } else {
        if (meta.jsonSchema) {
          for (const key of Object.keys(js)) delete js[key];
          Object.assign(js, meta.jsonSchema);
        }
        js.description = meta.requirement ? `${meta.description} (${meta.requirement})` : meta.description;
        js["x-jcm-symbol"] = meta.symbol;
      }
    },
  }) as JsonSchema;
  return {
    ...schema,
    $id: `urn:jcm-mrv:schema:${module.id}-${module.version}`,
    title: `${module.id} ${module.version} monitoring document${module.status === "draft" ? " (DRAFT methodology, not approved)" : ""}`,
    description: `${module.title}. Monitoring document for jcm-mrv (monitoring-document.md).`,
  };
}

/** File name of a module's committed schema: `<ID>-<version>.json`. */
export function schemaFileName(module: Pick<AnyMethodology, "id" | "version">): string {
  return `${module.id}-${module.version}.json`;
}
