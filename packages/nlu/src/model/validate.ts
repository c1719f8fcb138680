// Model validation (interaction-model.md §2, §7, §9.2, §12).
import type { InteractionModel } from "@clover/protocol";
import type { ModelIssue } from "./issues.js";

export function validateModel(model: InteractionModel): ModelIssue[] {
  const issues: ModelIssue[] = [];
  if (!Array.isArray(model.intents))
    issues.push({ severity: "error", message: "intents: expected an array", path: "intents" });
  return issues;
}
