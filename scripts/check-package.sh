#!/usr/bin/env bash
# Checks the package the way users consume it: pack, lint the tarball, install it into an empty
# project, import it from ESM and CJS, run its bin.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$root"
tarball=$(npm pack --silent --pack-destination "$work" | tail -n 1)
echo "packed $tarball ($(du -h "$work/$tarball" | cut -f1))"
npx --no-install publint run "$work/$tarball" --strict
npx --no-install attw "$work/$tarball" --profile node16 --format table-flipped --exclude-entrypoints browser
# jcm-mrv/browser is ESM only by design (a <script type="module"> file): CommonJS may only import() it.
npx --no-install attw "$work/$tarball" --profile node16 --format table-flipped --entrypoints browser --ignore-rules cjs-resolves-to-esm
mkdir -p "$work/consumer"
cd "$work/consumer"
npm init -y >/dev/null
npm install --no-audit --no-fund --silent "$work/$tarball"
cp "$root/scripts/smoke/esm.mjs" "$root/scripts/smoke/cjs.cjs" .
# The validator's desk ships as one file (docs/desk.md): present, and with its hash-only CSP.
grep -q "script-src 'sha256-" node_modules/jcm-mrv/dist/desk/index.html
cp "$root/examples/mn-am003-grid-plant.json" grid-plant.json
node esm.mjs
node cjs.cjs
npx --no-install jcm-mrv list
npx --no-install jcm-mrv calculate grid-plant.json --format json > /dev/null
npx --no-install jcm-mrv --version
# A project run on worker threads: the workers start the installed dist/cli.js.
node -e 'const d = require("./grid-plant.json"); d.period = { ...d.period, start: "2020-01-01", end: "2020-12-31" }; require("fs").writeFileSync("grid-2020.json", JSON.stringify(d))'
npx --no-install jcm-mrv calculate grid-plant.json grid-2020.json --jobs 2 --format json > /dev/null
npx --no-install jcm-mrv calculate - --format json < grid-plant.json > /dev/null
# Workbooks need the optional peer exceljs: one clear error (exit 2) without it, the flow with it.
if npx --no-install jcm-mrv template JCM_MN_AM003 -o sheet.xlsx 2> missing.txt; then exit 1; fi
grep -q "npm install exceljs@4" missing.txt
npm install --no-audit --no-fund --silent "exceljs@$(node -p "require('$root/package.json').peerDependencies.exceljs")"
npx --no-install jcm-mrv template JCM_MN_AM003 -o sheet.xlsx
npx --no-install jcm-mrv calculate sheet.xlsx 2> empty.txt && exit 1
grep -q "period.start" empty.txt
echo "package check ok"
