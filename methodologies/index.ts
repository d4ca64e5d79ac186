import { createRegistry } from "../src/entries/core.js";
import { draftBdUnfiredBrick } from "./draft-bd-unfired-brick/index.js";
import { draftKhRiceHuskStirling } from "./draft-kh-rice-husk-stirling/index.js";
import { idAm002CentrifugalChiller } from "./id-am002-centrifugal-chiller/index.js";
import { mnAm002HeatOnlyBoiler } from "./mn-am002-heat-only-boiler/index.js";
import { mnAm003SolarPv } from "./mn-am003-solar-pv/index.js";

/** Every bundled module by its folder under methodologies/ — one line per module. */
export const bundledByFolder = {
  "draft-bd-unfired-brick": draftBdUnfiredBrick,
  "draft-kh-rice-husk-stirling": draftKhRiceHuskStirling,
  "id-am002-centrifugal-chiller": idAm002CentrifugalChiller,
  "mn-am002-heat-only-boiler": mnAm002HeatOnlyBoiler,
  "mn-am003-solar-pv": mnAm003SolarPv,
} as const;

/** Every bundled methodology module. */
export const modules = Object.values(bundledByFolder);

/** The bundled registry: every module jcm-mrv ships. */
export const registry = createRegistry(modules);

export {
  draftBdUnfiredBrick,
  draftKhRiceHuskStirling,
  idAm002CentrifugalChiller,
  mnAm002HeatOnlyBoiler,
  mnAm003SolarPv,
};
