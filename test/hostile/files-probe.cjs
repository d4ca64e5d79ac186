// Preloaded into the built CLI by test/hostile/files-order.test.ts (`node --require …`): logs every
// file-system call that could look at or open a path, so a test can prove what was never touched.
const fs = require("node:fs");
const fsp = require("node:fs/promises");
const { syncBuiltinESMExports } = require("node:module");

const wrap = (target, names, label) => {
  for (const name of names) {
    const original = target[name];
    if (typeof original !== "function") continue;
    target[name] = function probed(path, ...rest) {
      process.stderr.write(`FS-PROBE ${label}${name} ${String(path)}\n`);
      return original.call(this, path, ...rest);
    };
  }
};
wrap(fsp, ["open", "realpath", "stat", "lstat", "readFile", "access", "opendir"], "promises.");
const native = fs.realpathSync.native;
wrap(
  fs,
  [
    "open",
    "openSync",
    "realpath",
    "realpathSync",
    "stat",
    "statSync",
    "lstat",
    "lstatSync",
    "readFile",
    "readFileSync",
    "createReadStream",
  ],
  "",
);
fs.realpathSync.native = function probedNative(path, ...rest) {
  process.stderr.write(`FS-PROBE realpathSync.native ${String(path)}\n`);
  return native.call(this, path, ...rest);
};
syncBuiltinESMExports();
