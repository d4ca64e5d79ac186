import type * as z from "zod";
import { collectParameterMeta, describeRange, type ParameterMeta } from "./parameters/index.js";
import type { AnyMethodology } from "./types.js";

/**
 * The methodology card (`methodologies/<folder>/README.md`), generated from the module: its
 * metadata, its card texts and the parameter metadata its schemas carry. A test keeps the
 * committed cards equal to what this renders, so a card can never drift from the code.
 */

const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\n/g, " ");

function parameterRows(schema: z.ZodType): string {
  const rows: string[] = [];
  for (const [symbol, meta] of collectParameterMeta(schema)) rows.push(row(symbol, meta));
  return [
    "| symbol | unit | meaning | range | default | source | status | when |",
    "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ...rows,
  ].join("\n");
}

function row(symbol: string, meta: ParameterMeta): string {
  if (meta.kind === "quantity") {
    const s = meta.spec;
    const when = [
      meta.perEquipment ? `per ${meta.idKey} (${meta.perEquipment})` : "",
      s.requirement ?? (meta.optional ? "optional" : "required"),
      s.series ? "quantity or series" : "",
    ]
      .filter(Boolean)
      .join("; ");
    return `| \`${cell(symbol)}\` | ${s.unit === "1" ? "–" : cell(s.unit)} | ${cell(s.description)} | ${cell(describeRange(s) ?? "")} | ${s.default ? cell(s.default.value) : "none"} | ${s.default ? cell(s.default.source) : ""} | ${s.default?.status ?? ""} | ${cell(when)} |`;
  }
  return `| \`${cell(symbol)}\` | ${cell(meta.unit ?? "–")} | ${cell(meta.description)} |  | ${meta.default ? cell(meta.default.value) : ""} | ${meta.default ? cell(meta.default.source) : ""} | ${meta.default?.status ?? ""} | ${cell(meta.requirement ?? "")} |`;
}

export function renderCard(module: AnyMethodology): string {
  const draft = module.status === "draft";
  const lines = [
    `# ${module.id} ver ${module.version} — ${module.title}`,
    "",
    `<!-- Generated from the module by \`npm run cards\`; edit the module, not this file. -->`,
    "",
    draft
      ? `> **DRAFT — not an approved JCM methodology.** No Joint Committee has approved a methodology for this technology. Results are indicative and cannot support credit issuance; every result says \`status: "draft"\` and carries a warning.`
      : `> Status: **approved** by the Joint Committee.`,
    "",
    `| id | version | status | host country | sectoral scope |`,
    `| --- | --- | --- | --- | --- |`,
    `| \`${module.id}\` | ${module.version} | ${module.status} | ${module.hostCountry} | ${cell(module.sectoralScope)} |`,
    "",
    "## Measure",
    "",
    module.card.measure,
    "",
    "## Equations",
    "",
    "```",
    module.card.equations,
    "```",
    "",
    `Rounding: ${module.rounding.description}.`,
    "",
    "## Parameters fixed ex ante (`fixed`)",
    "",
    parameterRows(module.fixedSchema),
    "",
    "## Parameters monitored ex post (`monitored`)",
    "",
    parameterRows(module.monitoredSchema),
    "",
    `Reportable symbols for \`verify\`: ${module.reportable.map((s) => `\`${s}\``).join(", ")}.`,
    "",
    "## Eligibility",
    "",
    module.card.eligibility,
    "",
  ];
  if (module.standingWarnings?.length) {
    lines.push("## Standing warnings", "", ...module.standingWarnings.map((w) => `- ${w.message}`), "");
  }
  if (module.card.notes) lines.push("## Notes", "", module.card.notes, "");
  lines.push(
    "## Sources",
    "",
    "| id | document | used for | status |",
    "| --- | --- | --- | --- |",
    ...module.sources.map((s) => `| ${cell(s.id)} | ${cell(s.title)} | ${cell(s.note ?? "")} | ${s.status ?? ""} |`),
    "",
  );
  return lines.join("\n");
}

/** `docs/methodologies.md`: one row per bundled module, linking to its card and schema. */
export function renderMethodologyIndex(byFolder: Readonly<Record<string, AnyMethodology>>): string {
  const rows = Object.entries(byFolder)
    .sort(([, a], [, b]) => (a.status === b.status ? a.id.localeCompare(b.id) : a.status === "approved" ? -1 : 1))
    .map(
      ([folder, m]) =>
        `| [\`${m.id}\`](../methodologies/${folder}/README.md) | ${m.version} | ${m.status === "draft" ? "**draft**" : "approved"} | ${m.hostCountry} | ${cell(m.title)} | \`jcm-mrv/methodologies/${folder}\` | [schema](../schemas/${m.id}-${m.version}.json) |`,
    );
  return [
    "# Methodology index",
    "",
    "<!-- Generated from the bundled registry by `npm run cards`; edit the modules, not this file. -->",
    "",
    "| id | version | status | host | title | import | JSON Schema |",
    "| --- | --- | --- | --- | --- | --- | --- |",
    ...rows,
    "",
    'Drafts have no Joint-Committee approval: their ids start with `DRAFT_`, their results say `status: "draft"` and carry a warning that they cannot support credit issuance.',
    "",
  ].join("\n");
}
