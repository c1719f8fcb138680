// Writes one JSON Schema file per declared message into ../schemas, for extension authors
// in other languages. `npm run schemas` — the test suite checks the files are up to date.
import { mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { declaredMessages, jsonSchemaOf } from "../src/index.js";

const dir = fileURLToPath(new URL("../schemas/", import.meta.url));
mkdirSync(dir, { recursive: true });
for (const file of readdirSync(dir)) if (file.endsWith(".schema.json")) rmSync(dir + file);
const codecs = declaredMessages();
for (const codec of codecs) {
  writeFileSync(
    `${dir}${codec.name}.schema.json`,
    `${JSON.stringify(jsonSchemaOf(codec), null, 2)}\n`,
  );
}
console.log(`wrote ${codecs.length} schemas to ${dir}`);
