import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { bundledByFolder } from "../methodologies/index.js";
import { renderCard, renderMethodologyIndex } from "../src/methodology/card.js";
import { ENGINE_VERSION } from "../src/version.js";

const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));
const folders = readdirSync(new URL("../methodologies/", import.meta.url), { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name);

describe("package layout", () => {
  it("the engine version in results is the package version", () => expect(ENGINE_VERSION).toBe(pkg.version));

  it("every methodology folder is bundled and has its own exports subpath (types first)", () => {
    expect(Object.keys(bundledByFolder).sort()).toEqual([...folders].sort());
    for (const folder of folders) {
      const entry = pkg.exports[`./methodologies/${folder}`];
      expect(entry, folder).toBeDefined();
      expect(Object.keys(entry.import)[0]).toBe("types");
      expect(Object.keys(entry.require)[0]).toBe("types");
    }
  });

  it("every dev dependency is pinned to a major (no bare *, no latest)", () => {
    for (const [name, range] of Object.entries<string>(pkg.devDependencies))
      expect(range, name).toMatch(/^[~^]\d+\.\d+/);
    expect(pkg.engines.node).toBe(">=20.19");
    expect(pkg.sideEffects).toBe(false);
  });

  it("committed methodology cards are current (npm run cards regenerates them)", () => {
    for (const [folder, module] of Object.entries(bundledByFolder)) {
      const committed = readFileSync(new URL(`../methodologies/${folder}/README.md`, import.meta.url), "utf8");
      expect(committed, `methodologies/${folder}/README.md is stale: run npm run cards`).toBe(renderCard(module));
    }
    const index = readFileSync(new URL("../docs/methodologies.md", import.meta.url), "utf8");
    expect(index, "docs/methodologies.md is stale: run npm run cards").toBe(renderMethodologyIndex(bundledByFolder));
  });

  it("README links work on the package page: absolute, and the package ships every file they open", () => {
    const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
    const links = [...readme.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]!);
    expect(links.length).toBeGreaterThan(5);
    const CDN = "https://cdn.jsdelivr.net/npm/jcm-mrv/";
    for (const link of links) {
      expect(link, `${link}: a relative link breaks on npm's package page`).toMatch(/^(https:\/\/|#)/);
      if (!link.startsWith(CDN)) continue;
      const file = link.slice(CDN.length).replace(/#.*$/, "");
      expect(() => readFileSync(new URL(`../${file}`, import.meta.url)), file).not.toThrow();
      const shipped = (pkg.files as string[]).some((pattern) =>
        new RegExp(`^${pattern.replace(/[.]/g, "\\.").replace(/\*/g, "[^/]+")}($|/)`).test(file),
      );
      expect(shipped, `${file} is not in package.json "files"`).toBe(true);
    }
  });
});
