import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ALL_PARTS, FIXED_PARTS, joinNote, type NoteParts, splitNote } from "../../src/xlsx/note.js";

/** Texts that look like the note form as often as not: labels, line breaks, indents. */
const tricky = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        "Source of data: ",
        "Measurement methods and procedures: ",
        "Monitoring frequency: ",
        "Other comments: ",
        "Other comments:",
        "\n",
        "\n  ",
        "  ",
        "\r\n",
        " ",
        "x",
      ),
      fc.string({ maxLength: 6 }),
    ),
    { maxLength: 8 },
  )
  .map((parts) => parts.join(""));

const partsArb = fc.record(
  { source: tricky, method: tricky, frequency: tricky, comments: tricky },
  { requiredKeys: [] },
);

const clean = (p: Record<string, string | undefined>): NoteParts =>
  Object.fromEntries(Object.entries(p).filter(([, v]) => v !== undefined && v !== "")) as NoteParts;

describe("the note form of (h)–(k)", () => {
  it("the documented example", () => {
    const note = joinNote({
      source: "Meter MT-1",
      frequency: "Continuous",
      comments: "Replaced 2016-07-02,\nsee sheet",
    });
    expect(note).toBe(
      "Source of data: Meter MT-1\nMonitoring frequency: Continuous\nOther comments: Replaced 2016-07-02,\n  see sheet",
    );
    expect(splitNote(note!)).toEqual({
      source: "Meter MT-1",
      frequency: "Continuous",
      comments: "Replaced 2016-07-02,\nsee sheet",
    });
    expect(joinNote({ comments: "free text" })).toBe("free text");
    expect(joinNote({})).toBeUndefined();
    expect(splitNote("a note written in JSON")).toEqual({ comments: "a note written in JSON" });
  });

  it("cells → note → cells gives the same cells (Table 1 and the fixed table)", () => {
    fc.assert(
      fc.property(partsArb, (parts) => {
        const p = clean(parts);
        const note = joinNote(p);
        expect(note === undefined ? {} : splitNote(note)).toEqual(p);
        const fixed = clean({ source: parts.source, comments: parts.comments });
        const fixedNote = joinNote(fixed, FIXED_PARTS);
        expect(fixedNote === undefined ? {} : splitNote(fixedNote, FIXED_PARTS)).toEqual(fixed);
      }),
      { numRuns: 3000 },
    );
  });

  it("note → cells → note gives the same note, whatever the note", () => {
    fc.assert(
      fc.property(tricky, (note) => {
        for (const parts of [ALL_PARTS, FIXED_PARTS]) {
          const split = splitNote(note, parts);
          expect(Object.keys(split).every((k) => parts.includes(k as never))).toBe(true);
          expect(joinNote(split, parts) ?? "").toBe(note);
        }
      }),
      { numRuns: 3000 },
    );
  });
});
