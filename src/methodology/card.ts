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
      : `> Status: **approved** by the Joint Committee.${module.basis === "summary" ? " Registered at **summary level**: only the methodology's published summary was seen, and every result carries the `summary-basis` warning." : ""}`,
    "",
    `| id | version | status | host country | sectoral scope | family | basis |`,
    `| --- | --- | --- | --- | --- | --- | --- |`,
    `| \`${module.id}\` | ${module.version} | ${module.status} | ${module.hostCountry} | ${cell(module.sectoralScope)} | ${module.family} | ${cell(module.basis)} |`,
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

/** `docs/methodologies.md`: the bundled modules grouped by family, each row linking to its card and schema. */
export function renderMethodologyIndex(byFolder: Readonly<Record<string, AnyMethodology>>): string {
  const entries = Object.entries(byFolder);
  const families = [...new Set(entries.map(([, m]) => m.family))].sort();
  const row = ([folder, m]: [string, AnyMethodology]) =>
    `| [\`${m.id}\`](../methodologies/${folder}/README.md) | ${m.version} | ${m.status === "draft" ? "**draft**" : "approved"} | ${cell(m.basis)} | ${m.hostCountry} | ${cell(m.title)} | \`jcm-mrv/methodologies/${folder}\` | [schema](../schemas/${m.id}-${m.version}.json) |`;
  const sections = families.flatMap((family) => [
    `## ${family}`,
    "",
    "| id | version | status | basis | host | title | import | JSON Schema |",
    "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ...entries
      .filter(([, m]) => m.family === family)
      .sort(([, a], [, b]) =>
        a.status === b.status
          ? a.id.localeCompare(b.id) || a.version.localeCompare(b.version)
          : a.status === "approved"
            ? -1
            : 1,
      )
      .map(row),
    "",
  ]);
  return [
    "# Methodology index",
    "",
    "<!-- Generated from the bundled registry by `npm run cards`; edit the modules, not this file. -->",
    "",
    `${entries.length} modules in ${families.length} families (\`jcm-mrv list --family <name>\`). A family shares its equations: each country's module is data — its id, texts, cases, factors, sources and criteria ([writing a methodology](writing-a-methodology.md)).`,
    "",
    ...sections,
    "**basis** says what the equations rest on. `summary`: only the methodology's published summary on the JCM website was seen — the module takes every factor from the document (the registered PDD's \"data and parameters fixed ex ante\"), lists no eligibility criteria it has not seen, and every result carries the `summary-basis` warning.",
    "",
    'Drafts have no Joint-Committee approval: their ids start with `DRAFT_`, their results say `status: "draft"` and carry a warning that they cannot support credit issuance.',
    "",
  ].join("\n");
}
