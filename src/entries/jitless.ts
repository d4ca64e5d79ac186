import { config } from "zod";

/**
 * zod switched to jitless before any schema of the library is built: a schema built earlier probes
 * `new Function` once, and under a CSP without `unsafe-eval` even that caught probe is a reported
 * violation. Exported (and read by browser.ts) rather than a bare side-effect import, which
 * `"sideEffects": false` would let a bundler drop.
 */
export const JITLESS = (() => {
  config({ jitless: true });
  return true;
})();
