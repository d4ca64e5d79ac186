import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { bundledByFolder } from "../methodologies/index.js";

const root = new URL("..", import.meta.url).pathname;

function filesUnder(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true, recursive: true })
    .filter((d) => d.isFile() && d.name.endsWith(".ts"))
    .map((d) => join(d.parentPath, d.name).slice(root.length));
}

const importsOf = (file: string) =>
  [...readFileSync(join(root, file), "utf8").matchAll(/from\s+"([^"]+)"/g)].map((m) => m[1]!);

describe("layout (docs/layout.md)", () => {
  it("methodology modules reach src/ only through the contract surface jcm-mrv/core gives everyone", () => {
    const deep = filesUnder("methodologies").flatMap((file) =>
      importsOf(file)
        .filter((spec) => spec.includes("/src/") && !spec.endsWith("/src/entries/core.js"))
        .map((spec) => `${file} → ${spec}`),
    );
    expect(deep).toEqual([]);
  });

  it("the pure kernel (src/core) imports nothing outside itself but its two libraries", () => {
    const outside = filesUnder("src/core").flatMap((file) =>
      importsOf(file)
        .filter((spec) => !spec.startsWith("./") && spec !== "decimal.js")
        .map((spec) => `${file} → ${spec}`),
    );
    expect(outside).toEqual([]);
  });

  it("entry points live together in src/entries", () => {
    expect(readdirSync(join(root, "src/entries")).sort()).toEqual(
      expect.arrayContaining(["core.ts", "index.ts", "node.ts"]),
    );
    expect(
      readdirSync(join(root, "src")).filter((f) => f.endsWith(".ts") && ["index.ts", "core.ts"].includes(f)),
    ).toEqual([]);
  });

  it("adding a methodology touches nothing under src/: no file there names a bundled module", () => {
    const names = Object.keys(bundledByFolder).flatMap((folder) => [
      folder,
      folder.replace(/-(\w)/g, (_, c: string) => c.toUpperCase()),
    ]);
    const naming = filesUnder("src").flatMap((file) => {
      const text = readFileSync(join(root, file), "utf8");
      return names.filter((name) => text.includes(name)).map((name) => `${file} names ${name}`);
    });
    expect(naming).toEqual([]);
  });
});
