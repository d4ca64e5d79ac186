import { ROUNDING_POLICIES } from "../core/rounding.js";
import {
  collectParameterMeta,
  type ParameterMeta,
  QUANTITY_KEYS,
  type QuantitySpec,
  SERIES_KEYS,
} from "../methodology/parameters/index.js";
import type { AnyMethodology } from "../methodology/types.js";
import { type JsonSchema, toJsonSchema } from "../schema.js";

/**
 * What a workbook can say for one module, generated from the module's own JSON Schema (itself
 * generated from its zod schemas and parameter metadata, `src/schema.ts`) and the parameter metadata
 * (`collectParameterMeta`): every key of `fixed` and `monitored` becomes one or more **slots**, a
 * slot being one kind of row of the fixed-parameter table or of Table 1, named by its label in the
 * parameter column. Nothing here is written per module: a new module gets its workbook for free.
 *
 * - a numeric parameter (a quantity): one row, label = its symbol (`EF_RE`);
 * - a per-equipment quantity array (`EG_i,p`, `FC_f,p`): one row per entry, the id (`equipment`,
 *   `product`, `fuel`, …) in the monitoring-point column;
 * - an array of entries keyed by an id (`boilers`, `chillers`, `products`, `fuels`): a member row
 *   (label = the array's key, id in the monitoring-point column) and one row per field of an entry
 *   (label = the field, `declarations.coalFired` for a field inside an object);
 * - an object (`declarations`): one row per field, `declarations.modulesCertified`;
 * - a quantity with another form besides (`EF_elec`: a decimal, or `{ grid, case }`): the quantity
 *   row and one row per field of the other form (`EF_elec.grid`, `EF_elec.case`);
 * - anything else (an enum, a string, a boolean, a whole number): one row holding its value.
 */

export interface LeafNode {
  kind: "leaf";
  type: "string" | "boolean" | "integer" | "any";
  enum?: readonly (string | number | boolean)[];
  description: string;
}

export interface QuantityNode {
  kind: "quantity";
  symbol: string;
  /** Canonical unit (`1`: none). */
  canonical: string;
  /** Units the document may give. */
  units: readonly string[];
  /** Accepts a series of readings (a CSV file in a workbook). */
  series: boolean;
  description: string;
  spec?: QuantitySpec;
}

export interface ListInfo {
  /** Key of the array (`boilers`, `EG_i,p`). */
  key: string;
  /** Key of the id inside each entry (`equipment`, `fuel`). */
  idKey: string;
  id: LeafNode;
  /** `entities`: entries with fields (`boilers`); `quantities`: each entry is a quantity (`EG_i,p`). */
  entries: "entities" | "quantities";
  required: boolean;
  description: string;
}

export type Section = "fixed" | "monitored";

export interface Slot {
  label: string;
  section: Section;
  /** Key under `fixed` / `monitored`. */
  top: string;
  /** Path below the top value, or below the list entry for list fields; empty for member rows. */
  path: readonly string[];
  /** Undefined for a list's member row. */
  node?: QuantityNode | LeafNode;
  list?: ListInfo;
  /** A field of a quantity's other form (`EF_elec.grid`). */
  alternative?: boolean;
  required: boolean;
  default?: { value: string; source: string; status: string };
}

export interface DocumentSlot {
  label: string;
  path: readonly string[];
  description: string;
  enum?: readonly string[];
}

export interface WorkbookModel {
  module: AnyMethodology;
  fixed: readonly Slot[];
  monitored: readonly Slot[];
  document: readonly DocumentSlot[];
  /** Whether any slot takes a CSV-backed series. */
  series: boolean;
}

const QUANTITY_KEY_SET: ReadonlySet<string> = new Set(QUANTITY_KEYS);
const SERIES_KEY_SET: ReadonlySet<string> = new Set(SERIES_KEYS);

function props(schema: JsonSchema | undefined): Record<string, JsonSchema> | undefined {
  const p = schema?.properties;
  return p && typeof p === "object" ? (p as Record<string, JsonSchema>) : undefined;
}

function branches(schema: JsonSchema): JsonSchema[] {
  return Array.isArray(schema.anyOf)
    ? (schema.anyOf as JsonSchema[])
    : Array.isArray(schema.oneOf)
      ? (schema.oneOf as JsonSchema[])
      : [schema];
}

const isQuantityObject = (s: JsonSchema) => props(s)?.value !== undefined;
const isSeriesObject = (s: JsonSchema) => props(s)?.kind !== undefined && props(s)?.unit !== undefined;

function isQuantity(schema: JsonSchema): boolean {
  return schema["x-jcm-unit"] !== undefined || branches(schema).some(isQuantityObject);
}

function text(value: unknown): string {
  return typeof value === "string" ? value : "";
}

class ModelBuilder {
  readonly slots: Slot[] = [];
  private readonly meta: Map<string, ParameterMeta>;
  constructor(
    private readonly section: Section,
    schema: AnyMethodology["fixedSchema"],
    private readonly root: JsonSchema,
  ) {
    this.meta = collectParameterMeta(schema);
  }

  /** Resolves a local `$ref` (zod inlines today; a module may register shared schemas). */
  deref(schema: JsonSchema): JsonSchema {
    let s = schema;
    for (let i = 0; i < 16 && typeof s.$ref === "string"; i++) {
      const parts = (s.$ref as string).replace(/^#\//, "").split("/");
      let target: unknown = this.root;
      for (const p of parts) target = (target as Record<string, unknown> | undefined)?.[p];
      if (!target || typeof target !== "object") break;
      s = target as JsonSchema;
    }
    return s;
  }

  private symbolMeta(symbol: string): ParameterMeta | undefined {
    return this.meta.get(symbol);
  }

  leaf(schema: JsonSchema): LeafNode {
    const s = this.deref(schema);
    const description = text(s.description);
    if (Array.isArray(s.enum)) {
      const values = s.enum.filter((v) => ["string", "number", "boolean"].includes(typeof v)) as (
        | string
        | number
        | boolean
      )[];
      const type = values.every((v) => typeof v === "string")
        ? "string"
        : values.every((v) => typeof v === "number" && Number.isSafeInteger(v))
          ? "integer"
          : "any";
      return { kind: "leaf", type, enum: values, description };
    }
    if (s.const !== undefined && ["string", "number", "boolean"].includes(typeof s.const))
      return this.leaf({ ...s, enum: [s.const], const: undefined });
    if (s.type === "boolean") return { kind: "leaf", type: "boolean", description };
    if (s.type === "integer" || s.type === "number") return { kind: "leaf", type: "integer", description };
    if (s.type === "string") return { kind: "leaf", type: "string", description };
    return { kind: "leaf", type: "any", description };
  }

  quantity(key: string, schema: JsonSchema, forms: JsonSchema[]): QuantityNode {
    const symbol = text(schema["x-jcm-symbol"]) || key;
    const meta = this.symbolMeta(symbol);
    const spec = meta?.kind === "quantity" ? meta.spec : undefined;
    const units = new Set<string>();
    for (const form of forms.map((f) => this.deref(f))) {
      const unit = props(form)?.unit;
      if (unit && Array.isArray(unit.enum)) for (const u of unit.enum) if (typeof u === "string") units.add(u);
    }
    const canonical =
      text(schema["x-jcm-unit"]) ||
      spec?.unit ||
      (meta?.kind === "other" ? meta.unit : undefined) ||
      [...units][0] ||
      "1";
    if (!units.has(canonical)) units.add(canonical);
    const description =
      spec?.description ?? (meta?.kind === "other" ? meta.description : undefined) ?? text(schema.description);
    return {
      kind: "quantity",
      symbol,
      canonical,
      units: [canonical, ...[...units].filter((u) => u !== canonical)],
      series: forms.some((f) => isSeriesObject(this.deref(f))),
      description,
      ...(spec && { spec }),
    };
  }

  private defaultOf(node: QuantityNode | LeafNode | undefined, symbol: string): Slot["default"] {
    const meta = this.symbolMeta(symbol);
    const d = node?.kind === "quantity" ? node.spec?.default : meta?.kind === "other" ? meta.default : undefined;
    return d ? { value: d.value, source: d.source, status: d.status } : undefined;
  }

  /** Slots of one value at `path` (below a top-level key, or below a list entry). */
  value(
    top: string,
    path: string[],
    schema: JsonSchema,
    required: boolean,
    list?: ListInfo,
    alternative = false,
  ): void {
    const s = this.deref(schema);
    if (s.type === "array") {
      if (path.length > 0 || list)
        throw new TypeError(`${[top, ...path].join(".")}: a nested array cannot be written to a workbook`);
      this.array(top, s, required);
      return;
    }
    if (isQuantity(s)) {
      const forms = branches(s).map((f) => this.deref(f));
      const node = this.quantity(
        path.at(-1) ?? top,
        s,
        forms.filter((f) => isQuantityObject(f) || isSeriesObject(f)),
      );
      this.add({ top, path, node, required, list, alternative, default: this.defaultOf(node, node.symbol) });
      for (const other of forms.filter((f) => props(f) && !isQuantityObject(f) && !isSeriesObject(f)))
        this.object(top, path, other, false, list, true);
      return;
    }
    if (s.type === "object" && props(s)) {
      this.object(top, path, s, required, list, alternative);
      return;
    }
    const node = this.leaf(s);
    const symbol = text(s["x-jcm-symbol"]) || (path.at(-1) ?? top);
    this.add({ top, path, node, required, list, alternative, default: this.defaultOf(node, symbol) });
  }

  private object(
    top: string,
    path: string[],
    s: JsonSchema,
    required: boolean,
    list: ListInfo | undefined,
    alternative: boolean,
  ): void {
    const requiredKeys = Array.isArray(s.required) ? (s.required as string[]) : [];
    const before = this.slots.length;
    for (const [key, child] of Object.entries(props(s)!))
      this.value(top, [...path, key], child, required && requiredKeys.includes(key), list, alternative);
    // Fields without a description of their own (`declarations.coalFired`) show the object's.
    const description = text(s.description) || this.symbolDescription(path.at(-1) ?? top);
    for (const slot of this.slots.slice(before))
      if (slot.node && !slot.node.description) slot.node = { ...slot.node, description };
  }

  private symbolDescription(symbol: string): string {
    const meta = this.symbolMeta(symbol);
    return meta?.kind === "quantity" ? meta.spec.description : (meta?.description ?? "");
  }

  private array(top: string, s: JsonSchema, required: boolean): void {
    const item = this.deref((s.items as JsonSchema) ?? {});
    const forms = branches(item).map((f) => this.deref(f));
    const first = forms.find((f) => props(f));
    const fields = first ? Object.keys(props(first)!) : [];
    const isEntryQuantity = forms.some((f) => isQuantityObject(f) || isSeriesObject(f));
    const idKey = fields.find((k) => !(isEntryQuantity ? QUANTITY_KEY_SET.has(k) || SERIES_KEY_SET.has(k) : false));
    if (!first || idKey === undefined)
      throw new TypeError(`${top}: an array without an id field cannot be written to a workbook`);
    const meta = this.symbolMeta(text(s["x-jcm-symbol"]) || top);
    const list: ListInfo = {
      key: top,
      idKey,
      id: this.leaf(props(first)![idKey]!),
      entries: isEntryQuantity ? "quantities" : "entities",
      required: required && (typeof s.minItems === "number" ? s.minItems > 0 : false),
      description: meta?.kind === "other" ? meta.description : text(s.description),
    };
    if (isEntryQuantity) {
      const node = this.quantity(top, s, forms);
      this.add({ top, path: [], node, required: list.required, list, default: this.defaultOf(node, node.symbol) });
      return;
    }
    this.add({ top, path: [], required: list.required, list });
    const requiredKeys = Array.isArray(first.required) ? (first.required as string[]) : [];
    for (const [key, child] of Object.entries(props(first)!)) {
      if (key === idKey) continue;
      this.value(top, [key], child, requiredKeys.includes(key), list);
    }
  }

  private add(slot: {
    top: string;
    path: string[];
    node?: QuantityNode | LeafNode;
    required: boolean;
    list?: ListInfo | undefined;
    alternative?: boolean;
    default?: Slot["default"] | undefined;
  }): void {
    const { top, path, node, required, list, alternative, default: d } = slot;
    // Top-level values carry their key (`EF_RE`, `declarations.modulesCertified`); list fields are
    // named within the entry (`capacity`, `declarations.coalFired`); a list's own row by its key.
    const label = list ? (path.length > 0 ? path.join(".") : top) : [top, ...path].join(".");
    this.slots.push({
      label,
      section: this.section,
      top,
      path,
      ...(node && { node }),
      required,
      ...(list && { list }),
      ...(alternative && { alternative: true }),
      ...(d && { default: d }),
    });
  }
}

/** Gives a list field the label `<list>.<field>` where two lists share a field name. */
function disambiguate(slots: Slot[]): void {
  const withPoint = new Map<string, Slot[]>();
  for (const s of slots) if (s.list) withPoint.set(s.label, [...(withPoint.get(s.label) ?? []), s]);
  for (const [, same] of withPoint)
    if (same.length > 1) for (const s of same) if (s.path.length > 0) s.label = `${s.list!.key}.${s.label}`;
  const seen = new Set<string>();
  for (const s of slots) {
    const key = `${s.list ? "point" : "none"}:${s.label}`;
    if (seen.has(key)) throw new TypeError(`two workbook rows would share the label "${s.label}"`);
    seen.add(key);
  }
}

function sectionSlots(module: AnyMethodology, root: JsonSchema, section: Section): Slot[] {
  const builder = new ModelBuilder(section, section === "fixed" ? module.fixedSchema : module.monitoredSchema, root);
  const schema = builder.deref(props(root)?.[section] ?? {});
  const required = Array.isArray(schema.required) ? (schema.required as string[]) : [];
  for (const [key, child] of Object.entries(props(schema) ?? {})) builder.value(key, [], child, required.includes(key));
  disambiguate(builder.slots);
  return builder.slots;
}

function documentSlots(module: AnyMethodology): DocumentSlot[] {
  const slot = (label: string, description: string, extra: Partial<DocumentSlot> = {}): DocumentSlot => ({
    label,
    path: label.split("."),
    description,
    ...extra,
  });
  return [
    slot("methodology.id", `Methodology id (${module.title})`),
    slot("methodology.version", "Methodology version"),
    slot("project.reference", "Project reference (free text; add rows project.<name> for more project fields)"),
    slot("project.title", "Project title"),
    slot("project.hostCountry", `Host country, ISO 3166 alpha-2 (the methodology's: ${module.hostCountry})`),
    slot("period.start", "First day of the monitoring period, inclusive (YYYY-MM-DD)"),
    slot("period.end", "Last day of the monitoring period, inclusive (YYYY-MM-DD)"),
    slot("period.timeZone", "Where the period's dates are local dates: a UTC offset ±hh:mm (default +00:00)"),
    slot("options.rounding", "Rounding of ER_p (empty: the methodology's own)", {
      enum: Object.keys(ROUNDING_POLICIES),
    }),
    ...module.reportable.map((symbol) =>
      slot(`reported.${symbol}`, `The participant's reported ${symbol} (for verify), a plain decimal such as 11303.05`),
    ),
  ];
}

const cache = new WeakMap<AnyMethodology, WorkbookModel>();

/** The workbook model of a module (cached per module object). */
export function workbookModel(module: AnyMethodology): WorkbookModel {
  const cached = cache.get(module);
  if (cached) return cached;
  const root = toJsonSchema(module);
  const fixed = sectionSlots(module, root, "fixed");
  const monitored = sectionSlots(module, root, "monitored");
  const model: WorkbookModel = {
    module,
    fixed,
    monitored,
    document: documentSlots(module),
    series: [...fixed, ...monitored].some((s) => s.node?.kind === "quantity" && s.node.series),
  };
  cache.set(module, model);
  return model;
}

/** The parameter label (symbol) of a slot as the parameter column shows it, for messages. */
export function describeSlot(slot: Slot): string {
  return slot.list && slot.path.length > 0 ? `${slot.label} of ${slot.list.key}` : slot.label;
}
