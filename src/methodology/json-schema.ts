import { DECIMAL_PATTERN } from "../core/decimal.js";
import { dimensionOf, unitsOf } from "../core/units.js";
import { describeRange, type QuantitySpec } from "./parameters/index.js";

/**
 * JSON Schema fragments of numeric parameters, built from their declarations. The document schema
 * (`toJsonSchema`) uses them, and a module whose parameter takes another form as well (a table
 * lookup, say) composes them into that parameter's own schema.
 */

/** JSON Schema (draft 2020-12) object. */
export type JsonSchema = Record<string, unknown>;

const decimalString: JsonSchema = {
  type: "string",
  pattern: DECIMAL_PATTERN.source,
  description: "Decimal string; |exponent| ≤ 1000, magnitude < 1e30",
};
const jsonNumber: JsonSchema = {
  type: "number",
  description: "Accepted, normalised through its shortest round-trip string, and flagged with a warning",
};
export const decimalValue: JsonSchema = { anyOf: [decimalString, jsonNumber] };
const TIMESTAMP_PATTERN = "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,3})?)?(Z|[+-]\\d{2}:\\d{2})$";

function unitSchema(spec: QuantitySpec): JsonSchema {
  const dimension = dimensionOf(spec.unit)!;
  return { type: "string", enum: unitsOf(dimension), description: `Unit; converted to ${spec.unit}` };
}

function quantityObject(spec: QuantitySpec, idKey?: string): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  if (idKey) properties[idKey] = { type: "string", minLength: 1 };
  properties.value = decimalValue;
  properties.unit = unitSchema(spec);
  properties.option = { enum: ["A", "B", "C"], description: "Monitoring option (jcm-rules §3)" };
  properties.note = { type: "string" };
  return { type: "object", properties, required: idKey ? [idKey, "value"] : ["value"], additionalProperties: false };
}

function seriesObject(spec: QuantitySpec, idKey?: string): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  if (idKey) properties[idKey] = { type: "string", minLength: 1 };
  Object.assign(properties, {
    unit: unitSchema(spec),
    kind: { enum: ["interval", "cumulative"] },
    interval: { type: "string", pattern: "^(PT[1-9][0-9]{0,5}[MH]|P1D)$" },
    option: { enum: ["A", "B", "C"] },
    note: { type: "string" },
    rolloverAt: decimalValue,
    replacements: {
      type: "array",
      items: {
        type: "object",
        properties: {
          at: { type: "string", pattern: TIMESTAMP_PATTERN },
          oldFinal: decimalValue,
          newInitial: decimalValue,
        },
        required: ["at", "oldFinal", "newInitial"],
        additionalProperties: false,
      },
    },
    readings: {
      type: "array",
      items: {
        type: "object",
        properties: { at: { type: "string", pattern: TIMESTAMP_PATTERN }, value: decimalValue },
        required: ["at", "value"],
        additionalProperties: false,
      },
    },
    csv: {
      type: "string",
      description: "Path of a CSV file (columns at,value) relative to the document; read by jcm-mrv/node",
    },
  });
  return {
    type: "object",
    properties,
    required: [...(idKey ? [idKey] : []), "unit", "kind"],
    oneOf: [{ required: ["readings"] }, { required: ["csv"] }],
    additionalProperties: false,
  };
}

function describe(spec: QuantitySpec): string {
  const range = describeRange(spec);
  const parts = [`${spec.symbol} [${spec.unit}]: ${spec.description}`];
  if (range) parts.push(`range ${range}`);
  if (spec.default) parts.push(`default ${spec.default.value} (${spec.default.status}; ${spec.default.source})`);
  if (spec.requirement) parts.push(spec.requirement);
  return parts.join("; ");
}

export function quantityJsonSchema(
  spec: QuantitySpec,
  idKey: string | undefined,
  perEquipment: "required" | "optional" | undefined,
): JsonSchema {
  const annotations = { description: describe(spec), "x-jcm-symbol": spec.symbol, "x-jcm-unit": spec.unit };
  if (perEquipment) {
    const item: JsonSchema = spec.series
      ? { anyOf: [quantityObject(spec, idKey), seriesObject(spec, idKey)] }
      : quantityObject(spec, idKey);
    return { ...annotations, type: "array", items: item, ...(perEquipment === "required" && { minItems: 1 }) };
  }
  const forms: JsonSchema[] = [decimalString, jsonNumber, quantityObject(spec)];
  if (spec.series) forms.push(seriesObject(spec));
  return { ...annotations, anyOf: forms };
}
