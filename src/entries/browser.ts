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
// First: zod must be jitless before the schemas below are built (evaluation follows import order).
import { JITLESS } from "./jitless.js";

/** True: this build's zod never compiles code (CSP without unsafe-eval). */
export const jitless: boolean = JITLESS;

export * from "./index.js";
