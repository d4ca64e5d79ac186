import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { run } from "../src/cli/run.js";
import { MrvValidationError } from "../src/core/errors.js";
import { verify } from "../src/entries/index.js";

const grid = JSON.parse(readFileSync(new URL("../examples/mn-am003-grid-plant.json", import.meta.url), "utf8"));
const withReported = (reported: Record<string, string>) => ({ ...grid, reported });

async function cli(doc: unknown, format?: string) {
  let stdout = "";
  let stderr = "";
  const code = await run(["verify", "doc.json", ...(format ? ["--format", format] : [])], {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    loadDocument: async () => JSON.stringify(doc),
    writeFile: () => undefined,
  });
  return { code, stdout, stderr };
}

describe("verify", () => {
  it("the grid-plant example's reported figures all match", async () => {
    const v = verify(grid);
    expect(v.ok).toBe(true);
    expect(v.checks.map((c) => [c.symbol, c.status])).toEqual([
      ["RE_p", "match"],
      ["PE_p", "match"],
      ["ER_p", "match"],
    ]);
    expect(v.result.emissionReductions).toBe("11303");
  });

  it('decimal places decide the match: "11303", "11303.05" and "11303.1" all match 11303.054; "11303.06" does not', async () => {
    for (const re of ["11303", "11303.05", "11303.1", "11303.054", "11303.0540"])
      expect(verify(withReported({ RE_p: re })).ok, re).toBe(true);
    const v = verify(withReported({ RE_p: "11303.06" }));
    expect(v.ok).toBe(false);
    expect(v.checks[0]).toMatchObject({
      symbol: "RE_p",
      reported: "11303.06",
      recomputed: "11303.054",
      status: "mismatch",
      difference: "0.006",
    });
  });

  it("rounds half away from zero: 0.5 shown as 1", async () => {
    // RE = 1 MWh × 0.797 = 0.797 → "1" at 0 places; "0.8" at 1 place.
    const doc = { ...grid, monitored: { "EG_i,p": [{ equipment: "A", value: "1", unit: "MWh" }] } };
    expect(verify({ ...doc, reported: { RE_p: "1", ER_p: "0" } }).ok).toBe(true);
    expect(verify({ ...doc, reported: { RE_p: "0.8" } }).ok).toBe(true);
  });

  it("ER_p is compared exactly after flooring; every mismatch is listed, not just the first", async () => {
    const v = verify(withReported({ RE_p: "11304", PE_p: "1", ER_p: "11303.054", EG_p: "14182" }));
    expect(v.ok).toBe(false);
    expect(v.checks.filter((c) => c.status === "mismatch").map((c) => c.symbol)).toEqual(["RE_p", "PE_p", "ER_p"]);
    expect(v.checks.find((c) => c.symbol === "ER_p")!.difference).toBe("0.054");
    expect(v.checks.find((c) => c.symbol === "EG_p")!.status).toBe("match");
  });

  it("a document without reported figures, or with a symbol the module does not report, is invalid", async () => {
    const { reported: _r, ...bare } = grid;
    expect(() => verify(bare)).toThrow(MrvValidationError);
    try {
      verify(withReported({ RE_p: "1", HG_p: "5" }));
      throw new Error("expected an error");
    } catch (e) {
      expect((e as MrvValidationError).issues[0]).toMatchObject({ path: "reported.HG_p", code: "not-reportable" });
    }
  });

  it("CLI: exit 0 when all match, 1 on a mismatch (table on stdout), 2 for invalid input", async () => {
    const ok = await cli(grid);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain("All 3 reported figures match");
    const bad = await cli(withReported({ RE_p: "11304", PE_p: "0", ER_p: "11303" }));
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/RE_p\s+11304\s+11303\.054\s+MISMATCH\s+0\.946/);
    const json = await cli(withReported({ RE_p: "11304" }), "json");
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout).checks[0].status).toBe("mismatch");
    const { reported: _r, ...bare } = grid;
    expect((await cli(bare)).code).toBe(2);
  });
});
