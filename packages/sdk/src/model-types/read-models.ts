// Reads an extension's models/<language>.json files, checked against the model schema.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { type InteractionModel, InteractionModelMessage } from "@clover/protocol";

export function readModels(dir: string): InteractionModel[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => {
      const path = join(dir, f);
      const result = InteractionModelMessage.validate(JSON.parse(readFileSync(path, "utf8")));
      if (!result.ok) throw new Error(`${path}: ${result.issues.map((i) => i.message).join("; ")}`);
      return result.value;
    });
}
