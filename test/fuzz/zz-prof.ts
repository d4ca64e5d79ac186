import fc from "fast-check";
import { registry } from "../../methodologies/index.js";
import { modelOf, validDocumentArb } from "./arbitraries.js";
const module = registry.modules[3]!;
const model = modelOf(module);
const t = performance.now();
fc.sample(validDocumentArb(model), 1000);
console.log(module.id, (performance.now() - t) / 1000, "ms/doc");
