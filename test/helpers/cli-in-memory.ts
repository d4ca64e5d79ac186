import { type CliIo, run } from "../../src/cli/run.js";

/**
 * The CLI run in-process on in-memory files: `files` maps a path to its text; writing under
 * `/read-only/` fails with EROFS and under `/nonexistent/` with ENOENT (exit 4 cases).
 */
export async function cliInMemory(argv: string[], files: Record<string, string> = {}) {
  const out = { stdout: "", stderr: "", written: {} as Record<string, string>, code: -1 };
  const io: CliIo = {
    stdout: (t) => (out.stdout += t),
    stderr: (t) => (out.stderr += t),
    loadDocument: async (p) => {
      if (!(p in files)) throw Object.assign(new Error("no such file"), { code: "ENOENT" });
      return files[p]!;
    },
    writeFile: (p, t) => {
      if (p.startsWith("/read-only/")) throw Object.assign(new Error("read-only"), { code: "EROFS" });
      if (p.startsWith("/nonexistent/")) throw Object.assign(new Error("no such dir"), { code: "ENOENT" });
      out.written[p] = t;
    },
  };
  out.code = await run(argv, io);
  return out;
}
