/**
 * `npm run cards`: writes every bundled module's card to methodologies/<folder>/README.md and the
 * methodology index to docs/methodologies.md, both generated from the modules themselves.
 */
import { writeFileSync } from "node:fs";
import { bundledByFolder } from "../methodologies/index.js";
import { renderCard, renderMethodologyIndex } from "../src/methodology/card.js";

for (const [folder, module] of Object.entries(bundledByFolder)) {
  writeFileSync(new URL(`../methodologies/${folder}/README.md`, import.meta.url), renderCard(module));
  console.log(`wrote methodologies/${folder}/README.md`);
}
writeFileSync(new URL("../docs/methodologies.md", import.meta.url), renderMethodologyIndex(bundledByFolder));
console.log("wrote docs/methodologies.md");
