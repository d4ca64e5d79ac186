/**
 * Which paths a document may name for a CSV-backed series (trust.md §1): relative, forward slashes,
 * no empty, `.` or `..` segment, not absolute, no drive letter or backslash, no NUL or control
 * character. Checked on the path text alone, before any file is opened, in every runtime.
 */

/** The rules, for messages and docs. */
export const CSV_PATH_RULES =
  "a relative path with forward slashes: not absolute, no drive letter, no backslash, no empty, '.' or '..' segment, no NUL or control character";

/** The rule `path` breaks, as a phrase ("it is absolute"), or undefined when the path is allowed. */
export function csvPathProblem(path: string): string | undefined {
  if (path.length === 0) return "it is empty";
  if (path.charCodeAt(0) === 47 /* / */) return "it is absolute";
  if (/^[A-Za-z]:/.test(path)) return "it starts with a drive letter";
  if (path.includes("\\")) return "it contains a backslash";
  if (/[\u0000-\u001f\u007f-\u009f]/.test(path)) return "it contains a NUL or control character";
  for (const segment of path.split("/")) {
    if (segment === "") return "it has an empty segment";
    if (segment === "..") return "it has a '..' segment";
    if (segment === ".") return "it has a '.' segment";
  }
  return undefined;
}
