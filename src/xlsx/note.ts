/**
 * The note form: how the four descriptive columns of Table 1 — (h) source of data, (i) measurement
 * methods and procedures, (j) monitoring frequency, (k) other comments — travel in one quantity's
 * `note` and split back into the same four cells (docs/workbooks.md).
 *
 * - Only (k) filled: the note is that text, unchanged.
 * - Otherwise one line per filled column, in the order (h), (i), (j), (k): the label, a colon, a
 *   space, the text; a line break inside a text continues on the next line indented by two spaces:
 *
 *       Source of data: Electricity meter MT-1 (export)
 *       Monitoring frequency: Continuous; read monthly
 *       Other comments: Meter replaced on 2016-07-02,
 *         see the replacement sheet
 *
 * Any note that is not exactly in that form (a free text written in JSON, say) is read back as (k)
 * alone, so a note always splits into cells that join to the same note, and cells always join into
 * a note that splits into the same cells: nothing is dropped or altered either way.
 */

export type NotePart = "source" | "method" | "frequency" | "comments";
export type NoteParts = Partial<Record<NotePart, string>>;

export const NOTE_LABELS: Readonly<Record<NotePart, string>> = Object.freeze({
  source: "Source of data",
  method: "Measurement methods and procedures",
  frequency: "Monitoring frequency",
  comments: "Other comments",
});

const ORDER: readonly NotePart[] = ["source", "method", "frequency", "comments"];
/** Every part: Table 1. The fixed-parameter table has (h) and (k) only. */
export const ALL_PARTS: readonly NotePart[] = ORDER;
export const FIXED_PARTS: readonly NotePart[] = ["source", "comments"];

function filled(parts: NoteParts): NotePart[] {
  return ORDER.filter((p) => parts[p] !== undefined && parts[p] !== "");
}

function canonical(parts: NoteParts): string {
  return filled(parts)
    .map((p) => `${NOTE_LABELS[p]}: ${parts[p]!.replace(/\n/g, "\n  ")}`)
    .join("\n");
}

function parse(note: string): NoteParts | undefined {
  const parts: NoteParts = {};
  let current: NotePart | undefined;
  let last = -1;
  for (const line of note.split("\n")) {
    if (current !== undefined && line.startsWith("  ")) {
      parts[current] += `\n${line.slice(2)}`;
      continue;
    }
    const index = ORDER.findIndex((p) => line.startsWith(`${NOTE_LABELS[p]}: `));
    if (index <= last) return undefined;
    current = ORDER[index]!;
    last = index;
    parts[current] = line.slice(NOTE_LABELS[current].length + 2);
  }
  return current === undefined ? undefined : parts;
}

/** Splits a quantity's note into the columns `allowed` (the table's), per the note form. */
export function splitNote(note: string, allowed: readonly NotePart[] = ALL_PARTS): NoteParts {
  const parts = parse(note);
  if (parts && filled(parts).every((p) => allowed.includes(p)) && joinNote(parts, allowed) === note) return parts;
  return note === "" ? {} : { comments: note };
}

/** Joins the columns into a note (undefined when all are empty), per the note form. */
export function joinNote(parts: NoteParts, allowed: readonly NotePart[] = ALL_PARTS): string | undefined {
  const present = filled(parts);
  if (present.length === 0) return undefined;
  if (present.length === 1 && present[0] === "comments") {
    const text = parts.comments!;
    const back = splitNote(text, allowed);
    if (filled(back).length === 1 && back.comments === text) return text;
  }
  return canonical(parts);
}
