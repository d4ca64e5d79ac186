import { createRegistry } from "../src/entries/core.js";
import { draftBdUnfiredBrick } from "./draft-bd-unfired-brick/index.js";
import { draftKhRiceHuskStirling } from "./draft-kh-rice-husk-stirling/index.js";
import { idAm002CentrifugalChiller } from "./id-am002-centrifugal-chiller/index.js";
import { keAm002SolarPv } from "./ke-am002-solar-pv/index.js";
import { mmAm002Refrigerator } from "./mm-am002-refrigerator/index.js";
import { mnAm002HeatOnlyBoiler } from "./mn-am002-heat-only-boiler/index.js";
import { mnAm003SolarPv } from "./mn-am003-solar-pv/index.js";
import { mvAm001SolarPv } from "./mv-am001-solar-pv/index.js";
import { thAm001SolarPv } from "./th-am001-solar-pv/index.js";
import { thAm005CentrifugalChiller } from "./th-am005-centrifugal-chiller/index.js";
import { vnAm007SolarPv } from "./vn-am007-solar-pv/index.js";

/** Every bundled module by its folder under methodologies/ — one line per module. */
export const bundledByFolder = {
  "draft-bd-unfired-brick": draftBdUnfiredBrick,
  "draft-kh-rice-husk-stirling": draftKhRiceHuskStirling,
  "id-am002-centrifugal-chiller": idAm002CentrifugalChiller,
  "ke-am002-solar-pv": keAm002SolarPv,
  "mm-am002-refrigerator": mmAm002Refrigerator,
  "mn-am002-heat-only-boiler": mnAm002HeatOnlyBoiler,
  "mn-am003-solar-pv": mnAm003SolarPv,
  "mv-am001-solar-pv": mvAm001SolarPv,
  "th-am001-solar-pv": thAm001SolarPv,
  "th-am005-centrifugal-chiller": thAm005CentrifugalChiller,
  "vn-am007-solar-pv": vnAm007SolarPv,
} as const;

/** Every bundled methodology module. */
export const modules = Object.values(bundledByFolder);

/** The bundled registry: every module jcm-mrv ships. */
export const registry = createRegistry(modules);

export {
  draftBdUnfiredBrick,
  draftKhRiceHuskStirling,
  idAm002CentrifugalChiller,
  keAm002SolarPv,
  mmAm002Refrigerator,
  mnAm002HeatOnlyBoiler,
  mnAm003SolarPv,
  mvAm001SolarPv,
  thAm001SolarPv,
  thAm005CentrifugalChiller,
  vnAm007SolarPv,
};
