/**
 * Tests that run the built CLI or bundle need dist/. CI builds before testing; on a fresh clone (or
 * after editing sources) `npm test` builds once here, so it passes on its own.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

const root = new URL("..", import.meta.url).pathname;

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(join(root, dir), { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && entry.name.endsWith(".ts")) {
      newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
    }
  }
  return newest;
}

export default function setup(): void {
  const built = join(root, "dist/cli.js");
  const stale =
    !existsSync(built) ||
    !existsSync(join(root, "dist/index.js")) ||
    Math.max(newestSource("src"), newestSource("methodologies")) > statSync(built).mtimeMs;
  if (stale) execFileSync("npx", ["--no-install", "tsup"], { cwd: root, stdio: "ignore" });
}
