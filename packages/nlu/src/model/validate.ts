// Model validation (interaction-model.md §2–§7, §9.2, §12): every finding names its JSON path
// (`intents[2].utterances[5]`) and, inside an utterance example, the column.
import { type InteractionModel, InteractionModelMessage } from "@clover/protocol";
import { checkInvocation } from "./invocation-name.js";
import type { ModelIssue } from "./issues.js";
import { spanChecker } from "./span-values.js";
import { nameSubjects } from "./subjects.js";
import { checkIntents } from "./validate-intents.js";
import { checkTypes } from "./validate-types.js";

// Schema findings that the checks below explain better (names, lists of built-ins, limits).
const EXPLAINED_HERE =
  /^(?:intents\[\d+\](?:\.slots\[\d+\])?\.name|customSlotTypes\[\d+\]\.name|invocation\.sub|builtinIntents\[\d+\]|builtinSlotTypes\[\d+\])$/;

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** All errors and warnings of a model document; an empty list means it is clean. */
export function validateModel(model: InteractionModel): ModelIssue[] {
  const issues: ModelIssue[] = [];
  const shape = InteractionModelMessage.validate(model);
  if (!shape.ok)
    for (const issue of shape.issues)
      if (!EXPLAINED_HERE.test(issue.path))
        issues.push({ severity: "error", message: issue.message, path: issue.path });
  if (!isObject(model) || !Array.isArray(model.intents)) return issues;
  if (isObject(model.invocation)) checkInvocation(model, issues);
  const types = checkTypes(model, issues);
  checkIntents(model, { ...types, spanValue: spanChecker(model) }, issues);
  nameSubjects(model, issues);
  return issues;
}
