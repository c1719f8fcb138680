// Writes the .d.ts for an extension's interaction models (until `clover model types` exists):
//   node --conditions=@clover/source --import tsx model-types.ts <models-dir> <out.d.ts> <TypeName>
import { writeFileSync } from "node:fs";
import { generateModelTypes, readModels } from "../src/index.js";

const [dir, out, name] = process.argv.slice(2);
if (!dir || !out || !name) {
  console.error("usage: model-types.ts <models-dir> <out.d.ts> <TypeName>");
  process.exit(2);
}
const models = readModels(dir);
writeFileSync(out, generateModelTypes(models, { name }));
console.log(`wrote ${out} (${models.length} language(s))`);
