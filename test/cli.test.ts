import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { registry } from "../methodologies/index.js";
import { type CliIo, run } from "../src/cli/run.js";
import { cliInMemory } from "./helpers/cli-in-memory.js";

const cli = cliInMemory;

const grid = readFileSync(new URL("../examples/mn-am003-grid-plant.json", import.meta.url), "utf8");

describe("jcm-mrv CLI", () => {
  it("calculate prints a readable table: inputs with units and sources, equations with values, RE/PE/ER, eligibility, warnings", async () => {
    const r = await cli(["calculate", "grid.json"], { "grid.json": grid });
    expect(r.code).toBe(0);
    for (const text of [
      "JCM_MN_AM003 02.0",
      "Inputs",
      "EF_RE",
      "tCO2/MWh",
      "(verified)",
      "RE_p = EG_p × EF_RE = 14182 × 0.797 = 11303.054 tCO2",
      "ER_p (floor)",
      "11303",
      "Eligibility",
      "Warnings",
      "sha256:",
    ]) {
      expect(r.stdout).toContain(text);
    }
  });

  it("calculate -o writes the output to a file; an unwritable path exits 4 (an I/O failure, not the input's)", async () => {
    const ok = await cli(["calculate", "grid.json", "--format=json", "-o", "out.json"], { "grid.json": grid });
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.written["out.json"]!).emissionReductions).toBe("11303");
    const bad = await cli(["calculate", "grid.json", "-o", "/nonexistent/x.json"], { "grid.json": grid });
    expect(bad.code).toBe(4);
    expect(bad.stderr).toContain("cannot write /nonexistent/x.json (ENOENT)");
  });

  it("a missing file, malformed JSON, an unknown command and an unknown flag exit 2", async () => {
    expect((await cli(["calculate", "missing.json"])).code).toBe(2);
    const malformed = await cli(["calculate", "bad.json", "--format", "json"], { "bad.json": "{ nope" });
    expect(malformed.code).toBe(2);
    expect(JSON.parse(malformed.stdout).error.issues[0].code).toBe("malformed-json");
    expect((await cli(["frobnicate"])).code).toBe(2);
    expect((await cli(["calculate", "grid.json", "--colour"], { "grid.json": grid })).code).toBe(2);
    expect((await cli(["calculate", "grid.json", "--format", "yaml"], { "grid.json": grid })).code).toBe(2);
    expect((await cli([])).code).toBe(2);
    expect((await cli(["--help"])).code).toBe(0);
  });

  it("list shows every module with its status; --format json prints the summaries", async () => {
    const text = await cli(["list"]);
    expect(text.code).toBe(0);
    for (const m of registry.modules) expect(text.stdout).toContain(m.id);
    for (const line of text.stdout.split("\n").filter((l) => l.startsWith("DRAFT_")))
      expect(line).toMatch(/\bDRAFT\b.*— DRAFT$|\s+DRAFT\s+/);
    expect(text.stdout.split("\n").filter((l) => /^DRAFT_\S+\s+\S+\s+DRAFT\s/.test(l))).toHaveLength(2);
    const json = JSON.parse((await cli(["list", "--format", "json"])).stdout) as Record<string, string>[];
    expect(json).toHaveLength(registry.modules.length);
    // architecture §6, in that order
    expect(Object.keys(json[0]!)).toEqual([
      "id",
      "version",
      "title",
      "status",
      "basis",
      "family",
      "hostCountry",
      "sectoralScope",
    ]);
  });

  it("list shows id, version, status, host, basis and title; --family keeps one family; an unknown family exits 2", async () => {
    const text = await cli(["list"]);
    expect(text.stdout.split("\n")[0]).toMatch(/^id\s+version\s+status\s+host\s+basis\s+title\s*$/);
    expect(text.stdout).toMatch(/JCM_MV_AM001\s+01\.0\s+approved\s+MV\s+summary\s+Displacement of Grid/);
    expect(text.stdout).toMatch(/JCM_MN_AM003\s+02\.0\s+approved\s+MN\s+summary and published factors\s+Installation/);
    const solar = JSON.parse((await cli(["list", "--family", "solar-pv", "--format", "json"])).stdout) as {
      id: string;
      family: string;
    }[];
    expect(solar.map((m) => m.id)).toEqual([
      "JCM_KE_AM002",
      "JCM_MN_AM003",
      "JCM_MV_AM001",
      "JCM_TH_AM001",
      "JCM_VN_AM007",
    ]);
    for (const [family, ids] of [
      ["refrigerator", ["JCM_MM_AM002"]],
      ["chiller", ["JCM_ID_AM002", "JCM_TH_AM005"]],
      ["heat-only-boiler", ["JCM_MN_AM002"]],
      ["rice-husk-stirling", ["DRAFT_KH_RICE_HUSK_STIRLING"]],
      ["unfired-brick", ["DRAFT_BD_UNFIRED_BRICK"]],
    ] as const) {
      const r = await cli(["list", `--family=${family}`]);
      expect(r.code).toBe(0);
      const listed = r.stdout
        .split("\n")
        .slice(2)
        .filter(Boolean)
        .map((l) => l.split(/\s+/)[0]);
      expect(listed, family).toEqual(ids);
    }
    const unknown = await cli(["list", "--family", "wind"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("--family must be one of chiller, heat-only-boiler, refrigerator");
    expect((await cli(["list", "--family"])).code).toBe(2);
  });

  it("schema prints the module's JSON Schema; an unknown id exits 2 naming the known ones", async () => {
    const r = await cli(["schema", "JCM_MN_AM003"]);
    expect(r.code).toBe(0);
    const schema = JSON.parse(r.stdout);
    expect(schema.$schema).toContain("2020-12");
    expect(schema.properties.methodology.properties.id.const).toBe("JCM_MN_AM003");
    const unknown = await cli(["schema", "JCM_XX"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("JCM_MN_AM003");
    expect((await cli(["schema", "JCM_MN_AM003", "--version", "99"])).code).toBe(2);
  });

  it("report writes one self-contained HTML file (-o) or Markdown; calculate --format html|md renders the same report", async () => {
    const html = await cli(["report", "grid.json", "-o", "report.html"], { "grid.json": grid });
    expect(html.code).toBe(0);
    const page = html.written["report.html"]!;
    expect(page).toMatch(/^<!DOCTYPE html>/i);
    expect(page).not.toMatch(/<script|https?:\/\//i);
    expect(page).toContain("11303.054");
    expect(page).toContain("Verification");
    const md = await cli(["report", "grid.json", "--format", "md"], { "grid.json": grid });
    expect(md.code).toBe(0);
    expect(md.stdout).toContain("| RE_p reference emissions (unrounded) | 11303.054 |");
    const viaCalculate = await cli(["calculate", "grid.json", "--format", "html"], { "grid.json": grid });
    expect(viaCalculate.stdout).toBe(page);
    expect((await cli(["report", "grid.json", "--format", "pdf"], { "grid.json": grid })).code).toBe(2);
  });
});

describe("jcm-mrv CLI and time zones", () => {
  const summer = readFileSync(new URL("../examples/mn-am003-ulaanbaatar-summer-time.json", import.meta.url), "utf8");
  it("records the time-zone database version it is given (main.ts passes process.versions.tz) for named zones", async () => {
    const out = { stdout: "", stderr: "" };
    const io: CliIo = {
      stdout: (t) => (out.stdout += t),
      stderr: (t) => (out.stderr += t),
      loadDocument: async () => summer,
      writeFile: () => undefined,
      tzdata: "2025c",
    };
    expect(await run(["calculate", "s.json", "--format", "json"], io)).toBe(0);
    expect(JSON.parse(out.stdout).period).toEqual({
      start: "2016-09-20",
      end: "2016-09-29",
      timeZone: "Asia/Ulaanbaatar",
      days: 10,
      startInstant: "2016-09-20T00:00:00+09:00",
      endInstant: "2016-09-30T00:00:00+08:00",
      tzdata: "2025c",
    });
    out.stdout = "";
    expect(await run(["calculate", "s.json"], io)).toBe(0);
    expect(out.stdout).toContain(
      "Period: 2016-09-20 … 2016-09-29 (Asia/Ulaanbaatar: 2016-09-20T00:00:00+09:00 to 2016-09-30T00:00:00+08:00)",
    );
  });

  const cliPath = new URL("../dist/cli.js", import.meta.url);
  it.skipIf(!existsSync(cliPath))("the built CLI passes Node's own version (after npm run build)", () => {
    const r = spawnSync(
      process.execPath,
      [
        cliPath.pathname,
        "calculate",
        new URL("../examples/mn-am003-ulaanbaatar-summer-time.json", import.meta.url).pathname,
        "--format",
        "json",
      ],
      { encoding: "utf8" },
    );
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).period.tzdata).toBe(process.versions.tz);
  });
});
