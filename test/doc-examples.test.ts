/**
 * Code in the documentation compiles: every ```ts block of an `@example` tag in src/ (TypeDoc shows
 * them) and of the README and the user guides, type-checked against the package's entry points.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

const root = new URL("..", import.meta.url).pathname;
const GUIDES = ["README.md", "docs/api.md", "docs/getting-started.md", "docs/verifying.md"];

/** Names the guides' snippets use without defining (the reader's own data). */
const PRELUDE = `declare const documentText: string;
declare const documentWithReported: unknown;
declare function save(value: unknown): void;
declare function reject(issues: unknown): void;
`;

function sourceFiles(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true, recursive: true })
    .filter((d) => d.isFile() && d.name.endsWith(".ts"))
    .map((d) => relative(root, join(d.parentPath, d.name)));
}

/** ```ts blocks inside `@example` tags of doc comments (leading ` * ` removed). */
function exampleBlocks(file: string): string[] {
  const text = readFileSync(join(root, file), "utf8");
  const blocks: string[] = [];
  for (const comment of text.match(/\/\*\*[\s\S]*?\*\//g) ?? []) {
    const lines = comment.split("\n").map((l) => l.replace(/^\s*\*( |$)/, ""));
    const body = lines.join("\n");
    const at = body.indexOf("@example");
    if (at < 0) continue;
    for (const m of body.slice(at).matchAll(/```ts\n([\s\S]*?)```/g)) blocks.push(m[1]!);
  }
  return blocks;
}

function markdownBlocks(file: string): string[] {
  return [...readFileSync(join(root, file), "utf8").matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!);
}

describe("documentation code compiles", () => {
  it("every @example in src/ and every ts block of the README and guides", () => {
    const snippets = [
      ...sourceFiles("src").flatMap((f) => exampleBlocks(f).map((code) => ({ from: f, code }))),
      ...GUIDES.flatMap((f) => markdownBlocks(f).map((code) => ({ from: f, code }))),
    ];
    expect(snippets.length).toBeGreaterThan(5);
    const dir = join(root, ".doc-examples");
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const files = snippets.map((s, i) => {
      const name = `snippet-${String(i).padStart(3, "0")}.ts`;
      writeFileSync(join(dir, name), `// from ${s.from}\n${PRELUDE}${s.code}\nexport {};\n`);
      return name;
    });
    writeFileSync(
      join(dir, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          target: "es2022",
          module: "esnext",
          moduleResolution: "bundler",
          noEmit: true,
          skipLibCheck: true,
          types: [],
          lib: ["es2022", "dom"],
          allowUnreachableCode: true,
          paths: {
            "jcm-mrv": ["../src/entries/index.ts"],
            "jcm-mrv/core": ["../src/entries/core.ts"],
            "jcm-mrv/node": ["../src/entries/node.ts"],
            "jcm-mrv/browser": ["../src/entries/browser.ts"],
            "jcm-mrv/methodologies/*": ["../methodologies/*/index.ts"],
          },
        },
        files,
      }),
    );
    let output = "";
    try {
      execFileSync(join(root, "node_modules/.bin/tsc"), ["-p", dir], { encoding: "utf8", stdio: "pipe" });
    } catch (error) {
      output = String((error as { stdout?: string }).stdout);
    }
    rmSync(dir, { recursive: true, force: true });
    expect(output).toBe("");
  }, 120_000);
});
