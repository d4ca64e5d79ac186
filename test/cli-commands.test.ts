/**
 * The command line of issue 14, run in-process: --version, help per command, did-you-mean for commands
 * and flags, project runs of several documents, exit 4 for an output that cannot be written, and
 * tables that stay aligned with wide characters. (Processes — stdin, --jobs, a full disk, a closed
 * pipe — are in cli-process.test.ts.)
 */
import { readFileSync } from "node:fs";
import stringWidth from "string-width";
import { describe, expect, it } from "vitest";
import { commandHelp, editDistance, globalHelp } from "../src/cli/args.js";
import { calculate, calculateProject } from "../src/entries/index.js";
import { renderText } from "../src/report/text.js";
import { ENGINE_VERSION } from "../src/version.js";
import { cliInMemory } from "./helpers/cli-in-memory.js";

const cli = cliInMemory;

const grid = JSON.parse(readFileSync(new URL("../examples/mn-am003-grid-plant.json", import.meta.url), "utf8"));

/** The grid example for another year and output. */
function year(y: number, value: string, change: (d: typeof grid) => void = () => undefined): string {
  const d = structuredClone(grid);
  delete d.reported;
  d.period = { ...d.period, start: `${y}-01-01`, end: `${y}-12-31` };
  d.monitored["EG_i,p"][0].value = value;
  change(d);
  return JSON.stringify(d);
}
const project = { "a.json": year(2021, "15000.25"), "b.json": year(2019, "14182"), "c.json": year(2020, "13001.5") };

describe("--version and help", () => {
  it("--version and -V print the version, before or after a command; schema and template keep --version V", async () => {
    for (const argv of [["--version"], ["-V"], ["calculate", "--version"], ["list", "-V"], ["schema", "X", "-V"]]) {
      const r = await cli(argv);
      expect(r.code, argv.join(" ")).toBe(0);
      expect(r.stdout).toBe(`${ENGINE_VERSION}\n`);
    }
    const schema = await cli(["schema", "JCM_MN_AM003", "--version", "02.0"]);
    expect(schema.code).toBe(0);
    expect(JSON.parse(schema.stdout).properties.methodology.properties.version.const).toBe("02.0");
    const missing = await cli(["schema", "JCM_MN_AM003", "--version"]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("--version needs a value");
  });

  it("<command> --help and help <command> print that command's help, not the global one", async () => {
    for (const command of ["calculate", "verify", "report", "list", "schema", "template"]) {
      const viaFlag = await cli([command, "--help"]);
      const viaHelp = await cli(["help", command]);
      const short = await cli([command, "-h"]);
      expect(viaFlag.code).toBe(0);
      expect(viaFlag.stdout).toBe(commandHelp(command));
      expect(viaHelp.stdout).toBe(viaFlag.stdout);
      expect(short.stdout).toBe(viaFlag.stdout);
      expect(viaFlag.stdout).toContain(`Usage: jcm-mrv ${command}`);
      expect(viaFlag.stdout).not.toContain("Commands:");
    }
    expect((await cli(["calculate", "--help"])).stdout).toMatch(/--data-root DIR[\s\S]*--jobs N[\s\S]*stdin/);
    expect((await cli(["list", "--help"])).stdout).toContain("--family NAME");
    // Help wins over everything else on the line.
    expect((await cli(["calculate", "x.json", "--colour", "--help"])).code).toBe(0);
    const global = await cli(["--help"]);
    expect(global.stdout).toBe(globalHelp());
    expect((await cli(["help"])).stdout).toBe(globalHelp());
    const none = await cli([]);
    expect(none.code).toBe(2);
    expect(none.stderr).toBe(globalHelp());
  });
});

describe("did you mean", () => {
  it("an unknown command exits 2 with the closest command", async () => {
    for (const [typo, meant] of [
      ["calulate", "calculate"],
      ["verfy", "verify"],
      ["lst", "list"],
      ["shcema", "schema"],
      ["tempalte", "template"],
    ]) {
      const r = await cli([typo!, "x.json"]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`unknown command "${typo}"; did you mean ${meant}?`);
      expect(r.stdout).toBe("");
    }
    const far = await cli(["frobnicate"]);
    expect(far.code).toBe(2);
    expect(far.stderr).toContain('unknown command "frobnicate"');
    expect(far.stderr).not.toContain("did you mean");
    expect((await cli(["help", "calclate"])).stderr).toContain("did you mean calculate?");
  });

  // Found by an attacker: the command and option tables were read through Object.prototype, so
  // `jcm-mrv toString` was an internal error (exit 3) and `--constructor=1` was silently accepted.
  it("names of Object.prototype's members are unknown commands and options (exit 2), not internal errors", async () => {
    const files = { "g.json": JSON.stringify(grid) };
    for (const name of ["toString", "constructor", "__proto__", "hasOwnProperty", "valueOf", "__defineGetter__"]) {
      for (const argv of [[name], ["help", name], [name, "--help"]]) {
        const r = await cli(argv);
        expect(r.code, argv.join(" ")).toBe(2);
        expect(r.stderr).toContain(`unknown command "${name}"`);
      }
      for (const option of [`--${name}=1`, `--${name}`]) {
        const r = await cli(["calculate", "g.json", option], files);
        expect(r.code, option).toBe(2);
        expect(r.stderr).toContain(`unknown option --${name} for calculate`);
        expect(r.stdout).toBe("");
      }
    }
  });

  it("an unknown flag exits 2 with the closest flag of that command, or the commands that have it", async () => {
    const files = { "g.json": JSON.stringify(grid) };
    const formt = await cli(["calculate", "g.json", "--formt", "json"], files);
    expect(formt.code).toBe(2);
    expect(formt.stderr).toContain("unknown option --formt for calculate; did you mean --format?");
    expect(formt.stderr).toContain("Usage: jcm-mrv calculate");
    expect((await cli(["calculate", "g.json", "--data-rot", "d"], files)).stderr).toContain(
      "did you mean --data-root?",
    );
    expect((await cli(["list", "--famly", "solar-pv"])).stderr).toContain("did you mean --family?");
    expect((await cli(["calculate", "g.json", "--jbos", "2"], files)).stderr).toContain("did you mean --jobs?");
    const elsewhere = await cli(["list", "--data-root", "x"]);
    expect(elsewhere.code).toBe(2);
    expect(elsewhere.stderr).toContain("list has no option --data-root (calculate, verify, report have it)");
    const colour = await cli(["calculate", "g.json", "--colour"], files);
    expect(colour.code).toBe(2);
    expect(colour.stderr).toContain("unknown option --colour for calculate");
    expect(colour.stderr).not.toContain("did you mean");
    expect((await cli(["calculate", "g.json", "-x"], files)).stderr).toContain("unknown option -x for calculate");
  });

  it("an option missing its value, or given another option as value, exits 2", async () => {
    const files = { "g.json": JSON.stringify(grid) };
    const eaten = await cli(["calculate", "g.json", "--format", "-o", "out.json"], files);
    expect(eaten.code).toBe(2);
    expect(eaten.stderr).toContain('--format needs a value (text|json|md|html|xlsx), not the option "-o"');
    expect((await cli(["calculate", "g.json", "--format"], files)).code).toBe(2);
    expect((await cli(["calculate", "g.json", "--help=yes"], files)).code).toBe(0);
    expect((await cli(["calculate", "g.json", "--jobs", "0"], files)).stderr).toContain(
      "--jobs must be a whole number",
    );
    expect((await cli(["calculate", "g.json", "--format", "json", "--format", "text"], files)).stderr).toContain(
      "--format is given twice",
    );
  });

  it("edit distance counts insertions, deletions, substitutions and swaps", () => {
    expect(editDistance("calculate", "calculate")).toBe(0);
    expect(editDistance("calulate", "calculate")).toBe(1);
    expect(editDistance("clacul", "calcul")).toBe(1);
    expect(editDistance("", "abc")).toBe(3);
    expect(editDistance("kitten", "sitting")).toBe(3);
  });
});

describe("several documents: a project run", () => {
  it("text: one row per period in period order, totals, the credited sum; exit 0", async () => {
    const r = await cli(["calculate", "a.json", "b.json", "c.json"], project);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const rows = r.stdout.split("\n").filter((l) => /^\d+\s+20\d\d-/.test(l));
    expect(rows.map((l) => l.split(/\s{2,}/).slice(0, 2))).toEqual([
      ["1", "2019-01-01 … 2019-12-31"],
      ["2", "2020-01-01 … 2020-12-31"],
      ["3", "2021-01-01 … 2021-12-31"],
    ]);
    expect(rows[0]).toMatch(/365\s+11303\.054\s+0\s+11303\.054\s+11303\s+b\.json$/);
    expect(r.stdout).toMatch(/\n\s+total\s+1096\s+33620\.44875\s+0\s+33620\.44875\s+33620\n/);
    expect(r.stdout).toContain("Credited: 33620 tCO2");
    expect(r.stdout).toContain("Periods: 3, 2019-01-01 … 2021-12-31, none overlapping");
  });

  it("JSON: the ProjectCalculation, equal to calculateProject's", async () => {
    const r = await cli(["calculate", "a.json", "b.json", "c.json", "--format", "json"], project);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(calculateProject(Object.values(project)));
    // --jobs without worker threads in this process: the same output.
    expect(
      (await cli(["calculate", "a.json", "b.json", "c.json", "--format", "json", "--jobs", "4"], project)).stdout,
    ).toBe(r.stdout);
  });

  it("overlapping periods, another project or methodology: exit 2 naming the documents", async () => {
    const overlapping = year(2021, "1", (d) => {
      d.period.start = "2021-06-01";
    });
    const overlap = await cli(["calculate", "a.json", "b.json", "c.json", "overlap.json", "--format", "json"], {
      ...project,
      "overlap.json": overlapping,
    });
    expect(overlap.code).toBe(2);
    const issues = JSON.parse(overlap.stdout).error.issues;
    expect(issues.map((i: { path: string; code: string }) => [i.path, i.code])).toEqual([
      ["documents[3].period", "overlapping-periods"],
    ]);
    expect(overlap.stderr).toContain(
      "documents[3].period: the period of document 3 (2021-06-01…2021-12-31) overlaps the period of document 0",
    );
    expect(overlap.stderr).toContain("documents[3] is overlap.json");

    const other = await cli(["calculate", "b.json", "x.json"], {
      ...project,
      "x.json": year(2022, "1", (d) => {
        d.project.reference = "ANOTHER";
      }),
    });
    expect(other.code).toBe(2);
    expect(other.stderr).toContain("documents[1].project.reference");
    // A document's own problems come first, named by its index.
    const broken = await cli(["calculate", "b.json", "bad.json", "missing.json", "--format", "json"], {
      ...project,
      "bad.json": year(2023, "-5"),
    });
    expect(broken.code).toBe(2);
    const paths = JSON.parse(broken.stdout).error.issues.map((i: { path: string }) => i.path);
    expect(paths[0]).toMatch(/^documents\[1\]\.monitored/);
    expect(paths.at(-1)).toBe("documents[2]");
    expect(broken.stderr).toContain("documents[1] is bad.json; documents[2] is missing.json");
  });

  it("every input string of a project run is escaped on the terminal (trust.md §4)", async () => {
    const hostile = "\u001b[2J\u202eall figures match\u0007";
    const files = Object.fromEntries(
      [2019, 2020].map((y) => [
        `${hostile}-${y}.json`,
        year(y, "100", (d) => {
          d.project.title = hostile;
          d.monitored["EG_i,p"][0].equipment = hostile;
        }),
      ]),
    );
    const r = await cli(["calculate", ...Object.keys(files)], files);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u202a-\u202e]/);
    expect(r.stdout).toContain("\\u001b[2J\\u202eall figures match\\u0007-2019.json");
    const bad = await cli(["calculate", ...Object.keys(files), "missing\u001b[31m.json"], files);
    expect(bad.code).toBe(2);
    expect(bad.stderr).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u202a-\u202e]/);
    expect(bad.stderr).toContain("documents[2] is missing\\u001b[31m.json");
  });

  it("several documents take --format text or json only; stdin at most once", async () => {
    const html = await cli(["calculate", "a.json", "b.json", "--format", "html"], project);
    expect(html.code).toBe(2);
    expect(html.stderr).toContain("several documents are a project run");
    expect((await cli(["calculate", "-", "-"], project)).stderr).toContain("- (stdin) may be given once");
    expect((await cli(["verify", "a.json", "b.json"], project)).stderr).toContain(
      "verify takes exactly one document path (several documents: calculate)",
    );
  });
});

describe("outputs that cannot be written: exit 4", () => {
  it("an unwritable -o exits 4 (text and JSON; stdout carries the error in JSON), not 2", async () => {
    const files = { "g.json": JSON.stringify(grid) };
    for (const argv of [
      ["calculate", "g.json", "-o", "/read-only/r.txt"],
      ["calculate", "a.json", "b.json", "-o", "/read-only/p.txt"],
      ["report", "g.json", "-o", "/read-only/r.html"],
      ["verify", "g.json", "-o", "/read-only/v.txt"],
      ["schema", "JCM_MN_AM003", "-o", "/read-only/s.json"],
    ]) {
      const r = await cli(argv, { ...files, ...project });
      expect(r.code, argv.join(" ")).toBe(4);
      expect(r.stderr).toMatch(/^jcm-mrv: cannot write \/read-only\/\S+ \(EROFS\)\n$/);
    }
    const json = await cli(["calculate", "g.json", "--format", "json", "-o", "/read-only/r.json"], files);
    expect(json.code).toBe(4);
    expect(JSON.parse(json.stdout).error.issues[0]).toMatchObject({
      code: "unwritable-output",
      found: "/read-only/r.json",
    });
  });
});

describe("tables with wide characters", () => {
  it("太陽光発電所-1 takes 14 columns: every row of a table keeps its columns aligned", async () => {
    const doc = structuredClone(grid);
    doc.monitored["EG_i,p"] = [
      { ...doc.monitored["EG_i,p"][0], equipment: "太陽光発電所-1", value: "7000" },
      { ...doc.monitored["EG_i,p"][0], equipment: "PCS-2", value: "7182" },
      { ...doc.monitored["EG_i,p"][0], equipment: "Ｐ👍🏽e\u0301", value: "0" },
    ];
    delete doc.reported;
    const text = renderText(calculate(doc));
    const inputs = text.split("\n").filter((l) => /^(symbol|EG_i,p\[|EF_RE)/.test(l));
    expect(inputs).toHaveLength(5);
    // The terminal column where "value" and each value start is the same on every line.
    const starts = inputs.map((l) => {
      const value = l.match(/^(\S+\s+)/)![1]!;
      return stringWidth(value);
    });
    expect(new Set(starts).size).toBe(1);
    expect(inputs[1]).toMatch(/^EG_i,p\[太陽光発電所-1\]\s+7000/);
    // The CLI prints the same text.
    const r = await cli(["calculate", "d.json"], { "d.json": JSON.stringify(doc) });
    expect(r.stdout).toBe(text);
  });
});

describe("the README shows the CLI as it is", () => {
  const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
  const block = (start: string) => {
    const at = readme.indexOf(`\`\`\`text\n${start}`);
    expect(at, start).toBeGreaterThan(0);
    const body = readme.slice(at + 8 + start.length, readme.indexOf("```", at + 8));
    return body;
  };

  it("--help", () => {
    expect(block("$ npx jcm-mrv --help\n")).toBe(globalHelp());
  });

  it("a project run", async () => {
    const files = Object.fromEntries(
      (
        [
          [2019, "14182"],
          [2020, "13001.5"],
          [2021, "15000.25"],
        ] as const
      ).map(([y, v]) => [
        `plant-${y}.json`,
        year(y, v, (d) => {
          d.project.title = "Grid-connected 10 MW PV plant";
        }),
      ]),
    );
    const r = await cli(["calculate", ...Object.keys(files), "--jobs", "2"], files);
    expect(r.code).toBe(0);
    const shown = block("$ npx jcm-mrv calculate plant-2019.json plant-2020.json plant-2021.json --jobs 2\n");
    expect(r.stdout.startsWith(shown.replace(/…\n$/, ""))).toBe(true);
  });
});
