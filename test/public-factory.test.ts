/**
 * docs/writing-a-methodology.md § "Registering a sibling the library does not ship": its code, run as it
 * stands in a separate Node process against the built package — imports resolve through the package's
 * own `exports` map (`jcm-mrv/core`, `jcm-mrv`), so only the public surface is reachable.
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

const root = new URL("..", import.meta.url).pathname;
const guide = readFileSync(new URL("../docs/writing-a-methodology.md", import.meta.url), "utf8");
const snippet = /## Registering a sibling the library does not ship[\s\S]*?```js\n([\s\S]*?)```/.exec(guide)?.[1] ?? "";

/** A monitoring document naming the sibling, as a registry would receive it. */
const document = {
  methodology: { id: "JCM_TH_AM001", version: "03.0" },
  project: { reference: "REGISTRY-TH-42", hostCountry: "TH" },
  period: { start: "2023-01-01", end: "2023-12-31", timeZone: "Asia/Bangkok" },
  fixed: { connection: "off-grid", EF_RE: "0.5", declarations: { pvInThailand: true } },
  monitored: { "EG_i,p": [{ equipment: "roof", value: "1234.5", unit: "MWh", option: "C" }] },
};

/** Runs the guide's code in Node (ESM, from the package root) and returns what the epilogue prints. */
function runGuide(epilogue: string): Record<string, unknown> {
  const script = `const document = ${JSON.stringify(document)};\n${snippet}\n${epilogue}`;
  const child = spawnSync(process.execPath, ["--input-type=module", "-e", script], { cwd: root, encoding: "utf8" });
  expect(child.stderr).toBe("");
  expect(child.status).toBe(0);
  return JSON.parse(child.stdout);
}

describe("registering a sibling through the public factory (docs/writing-a-methodology.md)", () => {
  it("the guide's code is about twenty lines and imports nothing but the package's public entry points", () => {
    const lines = snippet.split("\n").filter((l) => l.trim() !== "");
    expect(lines.length).toBeGreaterThanOrEqual(15);
    expect(lines.length).toBeLessThanOrEqual(24);
    const imports = [...snippet.matchAll(/from\s+"([^"]+)"/g)].map((m) => m[1]);
    expect(imports).toEqual(["jcm-mrv/core", "jcm-mrv"]);
    expect(snippet).toContain("defineSolarPvMethodology({");
  });

  it("registers JCM_TH_AM001 03.0 beside the bundled 01.0 and calculates a document naming it", () => {
    const out = runGuide(
      `console.log(JSON.stringify({ result, listed: registry.list().filter((m) => m.id === "JCM_TH_AM001"), newest: registry.get("JCM_TH_AM001").version, bundled: bundled.modules.length }));`,
    );
    const result = out.result as {
      methodology: unknown;
      referenceEmissions: string;
      emissionReductions: string;
      warnings: unknown[];
      eligibility: { id: string; result: string }[];
      parameters: { symbol: string; source?: string }[];
    };
    expect(result.methodology).toEqual({
      id: "JCM_TH_AM001",
      version: "03.0",
      title: "Installation of Solar PV System",
      status: "approved",
      basis: "approved text",
    });
    expect(result.referenceEmissions).toBe("617.25");
    expect(result.emissionReductions).toBe("617");
    // Its own basis: no summary-basis warning; its own criterion; EF_RE recorded as the PDD's, with the case.
    expect(result.warnings).toEqual([]);
    expect(result.eligibility).toEqual([
      expect.objectContaining({ id: "1", result: "met", reason: "declarations.pvInThailand is true" }),
    ]);
    expect(result.parameters.find((p) => p.symbol === "EF_RE")?.source).toContain('connection "off-grid"');
    expect(out.listed).toEqual([
      expect.objectContaining({ version: "01.0", basis: "summary", family: "solar-pv" }),
      expect.objectContaining({ version: "03.0", basis: "approved text", family: "solar-pv" }),
    ]);
    expect(out.newest).toBe("03.0");
    expect(out.bundled).toBe(11);
  });

  it("the public factory refuses an id without JCM_ or DRAFT_ and an approved module without a source", () => {
    const out = runGuide(`
const attempt = (change) => { try { defineSolarPvMethodology({ ...thAm001v3Options(), ...change }); return "accepted"; } catch (e) { return e.message; } };
function thAm001v3Options() {
  return { id: "JCM_TH_AM001", version: "03.0", title: "t", hostCountry: "TH", sectoralScope: "1", status: "approved",
    basis: "approved text", connections: {}, defaults: {}, sources: [{ id: "m", title: "approved text" }] };
}
console.log(JSON.stringify({ ok: attempt({}), noPrefix: attempt({ id: "TH_AM001" }), noSource: attempt({ sources: [] }) }));`);
    expect(out.ok).toBe("accepted");
    expect(out.noPrefix).toContain("must start with JCM_");
    expect(out.noSource).toContain("at least one source");
  });
});
