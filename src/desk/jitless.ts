/**
 * Imported first by the desk: zod runs jitless before any schema of the library is built, so no
 * schema ever probes `new Function` — under the desk's CSP (no `unsafe-eval`) even a caught probe
 * would be a reported violation. `jcm-mrv/browser` sets the same, but only after its imports ran.
 */
import { config } from "zod";

config({ jitless: true });
