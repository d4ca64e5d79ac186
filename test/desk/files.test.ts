/**
 * The desk's intake rules without a browser: roles by extension, trust.md's size limits, and which
 * given file stands for each CSV path a document names (by path beside the document, else by an
 * unambiguous name; anything else an error naming the path).
 */
import { describe, expect, it } from "vitest";
import { type Given, givenPath, matchCsvFiles, roleOf, SIZE_LIMITS, sizeProblem } from "../../src/desk/files.js";

const given = (path: string, size = 10): Given => ({ path, name: path.slice(path.lastIndexOf("/") + 1), size });

describe("roles and limits", () => {
  it("tells documents, workbooks and CSV files by extension, case aside", () => {
    expect(["a.json", "B.JSON", "c.xlsx", "d.CSV", "e.txt", "f.xls", "json"].map(roleOf)).toEqual([
      "document",
      "document",
      "workbook",
      "csv",
      "other",
      "other",
      "other",
    ]);
  });

  it("limits sizes as trust.md §1 does: documents 256 MB, workbooks 64 MB, CSV 4 GiB", () => {
    expect(SIZE_LIMITS).toEqual({ document: 256 * 1024 * 1024, workbook: 64 * 1024 * 1024, csv: 4 * 1024 ** 3 });
    expect(sizeProblem(given("a.json", SIZE_LIMITS.document), "document")).toBeUndefined();
    expect(sizeProblem(given("a.json", SIZE_LIMITS.document + 1), "document")).toBe(
      "the file has 268435457 bytes; at most 268435456 (256 MB) are read",
    );
    expect(sizeProblem(given("a.xlsx", SIZE_LIMITS.workbook + 1), "workbook")).toMatch(/at most 67108864 \(64 MB\)/);
    expect(sizeProblem(given("a.csv", SIZE_LIMITS.csv + 1), "csv")).toMatch(/at most 4294967296 \(4 GiB\)/);
  });

  it("knows a file by its relative path, else its name", () => {
    expect(givenPath("inv-1.csv")).toBe("inv-1.csv");
    expect(givenPath("inv-1.csv", "")).toBe("inv-1.csv");
    expect(givenPath("inv-1.csv", "/project/readings/inv-1.csv")).toBe("project/readings/inv-1.csv");
    expect(givenPath("inv-1.csv", "project\\readings\\inv-1.csv")).toBe("project/readings/inv-1.csv");
  });
});

describe("matching CSV paths to given files", () => {
  const match = (paths: string[], document: string, files: string[]) => {
    const result = matchCsvFiles(
      paths,
      document,
      files.map((f) => given(f)),
    );
    return Object.fromEntries(
      [...result].map(([path, m]) => [path, m.ok ? `${m.by}: ${m.file.path}` : `${m.code}: ${m.message}`]),
    );
  };

  it("a file whose name is the path's last segment, when it is the only one so named", () => {
    expect(match(["readings/inv-1.csv"], "doc.json", ["inv-1.csv", "inv-2.csv"])).toEqual({
      "readings/inv-1.csv": "name: inv-1.csv",
    });
  });

  it("the file at the path beside the document when a folder was given, whatever else shares its name", () => {
    expect(
      match(["readings/inv-1.csv"], "project/doc.json", [
        "project/readings/inv-1.csv",
        "project/old/inv-1.csv",
        "inv-1.csv",
      ]),
    ).toEqual({ "readings/inv-1.csv": "path: project/readings/inv-1.csv" });
    // A document given alone, its folder of CSV files given with it.
    expect(match(["readings/inv-1.csv"], "doc.json", ["readings/inv-1.csv", "old/inv-1.csv"])).toEqual({
      "readings/inv-1.csv": "path: readings/inv-1.csv",
    });
  });

  it("a missing file is an error naming the file to add", () => {
    const m = match(["readings/inv-1.csv"], "doc.json", ["inv-2.csv", "readings/inv-10.csv"]);
    expect(m["readings/inv-1.csv"]).toMatch(/^csv-missing: no file given is named inv-1\.csv/);
  });

  it("several files of that name, none at the path: ambiguous, listing them", () => {
    const m = match(["readings/inv-1.csv"], "doc.json", ["a/inv-1.csv", "b/inv-1.csv"]);
    expect(m["readings/inv-1.csv"]).toMatch(
      /^csv-ambiguous: 2 files given are named inv-1\.csv \(a\/inv-1\.csv, b\/inv-1\.csv\)/,
    );
  });

  it("the names are compared exactly: no case folding, no partial names", () => {
    expect(match(["r/inv-1.csv"], "doc.json", ["INV-1.csv", "xinv-1.csv"])["r/inv-1.csv"]).toMatch(/^csv-missing/);
  });

  it("one file cannot stand for two paths of the document that end in the same name", () => {
    const m = match(["a/inv.csv", "b/inv.csv"], "doc.json", ["inv.csv"]);
    expect(m["a/inv.csv"]).toMatch(/^csv-ambiguous: the document names 2 different paths ending in inv\.csv/);
    expect(m["b/inv.csv"]).toMatch(/^csv-ambiguous/);
    // Given as a folder, each path finds its own file.
    expect(match(["a/inv.csv", "b/inv.csv"], "p/doc.json", ["p/a/inv.csv", "p/b/inv.csv"])).toEqual({
      "a/inv.csv": "path: p/a/inv.csv",
      "b/inv.csv": "path: p/b/inv.csv",
    });
    // The same path named twice (two series, one file) is one path.
    expect(match(["a/inv.csv", "a/inv.csv"], "doc.json", ["inv.csv"])).toEqual({ "a/inv.csv": "name: inv.csv" });
  });

  it("lists at most 20 candidates, counting the rest (trust.md §3)", () => {
    const files = Array.from({ length: 25 }, (_, i) => `f${i}/x.csv`);
    const m = match(["x.csv"], "d/doc.json", files)["x.csv"]!;
    expect(m).toMatch(/f19\/x\.csv and 5 more\)/);
    expect(m).not.toMatch(/f20\//);
  });
});
