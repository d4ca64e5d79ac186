/** Writes every bundled module's card to methodologies/<folder>/README.md (`npm run cards`). */
import { writeFileSync } from "node:fs";
import { bundledByFolder } from "../methodologies/index.js";
import { renderCard } from "../src/methodology/card.js";

for (const [folder, module] of Object.entries(bundledByFolder)) {
  const path = new URL(`../methodologies/${folder}/README.md`, import.meta.url);
  writeFileSync(path, renderCard(module));
  console.log(`wrote methodologies/${folder}/README.md`);
}
