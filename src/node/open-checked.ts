import { closeSync, constants, fstatSync, lstatSync, openSync, realpathSync, type Stats, statSync } from "node:fs";
import { basename, dirname, join, sep } from "node:path";

/**
 * The file checks of trust.md §1, on their own so that a thread that only opens files (the CLI's
 * file reader, `src/cli/file-reader.ts`) loads nothing else: a regular file inside the data root,
 * its size checked before reading, opened without blocking and without following a last link.
 */

/** Opening never blocks (a FIFO swapped in after `stat`) and never follows a link swapped in last. */
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOFOLLOW ?? 0);

/** What a path that is not a regular file is, for messages. */
function kindOf(s: {
  isDirectory(): boolean;
  isFIFO(): boolean;
  isSocket(): boolean;
  isCharacterDevice(): boolean;
  isBlockDevice(): boolean;
}): string {
  if (s.isDirectory()) return "a directory";
  if (s.isFIFO()) return "a FIFO";
  if (s.isSocket()) return "a socket";
  if (s.isCharacterDevice() || s.isBlockDevice()) return "a device";
  return "not a regular file";
}

export function errorCode(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  return typeof code === "string" && /^[A-Z0-9_]{1,20}$/.test(code) ? code : "error";
}

export type Access = { ok: true; fd: number; size: number } | { ok: false; code: string; message: string };

const unreadable = (error: unknown): Access => ({
  ok: false,
  code: "unreadable-file",
  message: `cannot read the file (${errorCode(error)})`,
});

/**
 * Checks and opens a file: a regular file of at most `maxBytes`, inside `root` when a root is given
 * (real paths compared). Never opens anything else, and says nothing of what the file holds.
 *
 * Synchronous on purpose: these are a handful of metadata calls that never block on a FIFO (`stat`
 * first, then a non-blocking open), and through the thread pool they cost more than the work itself
 * when a document names many small files.
 */
export function openChecked(path: string, maxBytes: number, root?: string, folders?: Map<string, string>): Access {
  let real: string;
  let info: Stats;
  try {
    ({ real, info } = realPathOf(path, folders));
  } catch (error) {
    return unreadable(error);
  }
  if (root !== undefined && !real.startsWith(root.endsWith(sep) ? root : root + sep)) {
    return {
      ok: false,
      code: "path-not-allowed",
      message: "the path leads outside the data root (symbolic links followed); it was not opened",
    };
  }
  if (!info.isFile())
    return { ok: false, code: "not-a-regular-file", message: `the path is ${kindOf(info)}, not a regular file` };
  if (info.size > maxBytes) return tooLarge(info.size, maxBytes);
  let fd: number;
  try {
    fd = openSync(real, OPEN_FLAGS);
  } catch (error) {
    return unreadable(error);
  }
  const opened = fstatSync(fd);
  if (!opened.isFile() || opened.ino !== info.ino || opened.dev !== info.dev) {
    closeSync(fd);
    return { ok: false, code: "not-a-regular-file", message: "the file changed while it was being opened" };
  }
  if (opened.size > maxBytes) {
    closeSync(fd);
    return tooLarge(opened.size, maxBytes);
  }
  return { ok: true, fd, size: opened.size };
}

/**
 * The real path of `path` (every symbolic link followed) and what `stat` says of it. With `folders`
 * (real paths of folders already resolved, for a document naming thousands of files in a few
 * folders), the folder is resolved once and the file itself costs one `lstat`; a file that is a
 * symbolic link is resolved in full, as without the cache.
 */
function realPathOf(path: string, folders?: Map<string, string>): { real: string; info: Stats } {
  if (folders === undefined) {
    const real = realpathSync.native(path);
    return { real, info: statSync(real) };
  }
  const folder = dirname(path);
  let realFolder = folders.get(folder);
  if (realFolder === undefined) {
    realFolder = realpathSync.native(folder);
    folders.set(folder, realFolder);
  }
  const candidate = join(realFolder, basename(path));
  const info = lstatSync(candidate);
  if (!info.isSymbolicLink()) return { real: candidate, info };
  const real = realpathSync.native(candidate);
  return { real, info: statSync(real) };
}

function tooLarge(size: number, maxBytes: number): Access {
  return { ok: false, code: "file-too-large", message: `the file has ${size} bytes; at most ${maxBytes} are read` };
}
