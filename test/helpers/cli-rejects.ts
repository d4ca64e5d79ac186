import { expect, it } from "vitest";
import { run } from "../../src/cli/run.js";
import type { Issue } from "../../src/core/errors.js";

/**
 * Bad documents a module test rejected through the API, checked once more through the CLI at the
 * end of the file: exit code 2, and the same issues (path, symbol, code) in `--format json` output.
 */
export interface Rejections {
  (document: unknown, issues: readonly Issue[]): void;
  /** Registers the CLI test; call it last in the file, after every test that rejects documents. */
  checkThroughCli(): void;
}

export function collectRejections(label: string): Rejections {
  const rejected: { document: unknown; issues: readonly Issue[] }[] = [];
  const checkThroughCli = () =>
    it(`${label}: every document rejected by the API exits 2 from the CLI with the same issues`, async () => {
      expect(rejected.length).toBeGreaterThan(3);
      for (const { document, issues } of rejected) {
        let stdout = "";
        let stderr = "";
        const code = await run(["calculate", "doc.json", "--format", "json"], {
          stdout: (t) => (stdout += t),
          stderr: (t) => (stderr += t),
          loadDocument: async () => JSON.stringify(document),
          writeFile: () => undefined,
        });
        expect(code).toBe(2);
        const printed = (JSON.parse(stdout) as { error: { issues: Issue[] } }).error.issues;
        const key = (i: Issue) => `${i.path}|${i.symbol ?? ""}|${i.code}`;
        expect(printed.map(key)).toEqual(issues.map(key));
        for (const issue of issues) expect(stderr).toContain(issue.path);
      }
    });
  const record = (document: unknown, issues: readonly Issue[]) => {
    rejected.push({ document: JSON.parse(JSON.stringify(document)), issues });
  };
  return Object.assign(record, { checkThroughCli });
}
