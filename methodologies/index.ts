import { createRegistry } from "../src/methodology/registry.js";
import { mnAm003SolarPv } from "./mn-am003-solar-pv/index.js";

/** Every bundled methodology module, one line each. */
export const modules = [mnAm003SolarPv] as const;

/** The bundled registry: every module jcm-mrv ships. */
export const registry = createRegistry(modules);

export { mnAm003SolarPv };
