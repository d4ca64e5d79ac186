/**
 * `jcm-mrv/browser`: everything `jcm-mrv` offers, as ONE self-contained ES module (zod and
 * decimal.js bundled inside) that a plain `<script type="module">` imports from any static host —
 * no bundler, no import map, no Node built-ins.
 *
 * Its private copy of zod runs jitless: validation never compiles code with `new Function`, so the
 * module works under a Content-Security-Policy without `unsafe-eval` (docs/security.md). That setting
 * touches only the copy inside this file, never a zod the page loads itself.
 *
 * @packageDocumentation
 * @module jcm-mrv/browser
 */
import { config } from "zod";

config({ jitless: true });

export * from "./index.js";
