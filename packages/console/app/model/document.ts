// A model document as the editor loads, checks and merges it.
import {
  DEFAULT_BUILTIN_INTENTS,
  importIntentTsv,
  importSlotTypeTsv,
  type ModelIssue,
  validateModel,
} from "@clover/nlu";
import type { InteractionModel } from "@clover/protocol";
import { ApiError, api, getExtension, type Language } from "../api.js";
import { baseName } from "./files.js";

/** The saved model, or a new one named after the extension's invocation name. */
export async function loadModel(
  id: string,
  language: Language,
): Promise<{ model: InteractionModel; saved: boolean; name: string }> {
  const x = await getExtension(id);
  try {
    const model = await api<InteractionModel>(
      "GET",
      `/api/v1/extensions/${encodeURIComponent(id)}/models/${language}`,
    );
    return { model, saved: true, name: x.displayName };
  } catch (e) {
    if (!(e instanceof ApiError) || e.status !== 404) throw e;
    const names = x.invocationNames[language];
    const model: InteractionModel = {
      language,
      invocation: { main: names?.main ?? x.displayName, sub: names?.sub ?? [] },
      builtinIntents: [...DEFAULT_BUILTIN_INTENTS],
      builtinSlotTypes: [],
      customSlotTypes: [],
      intents: [],
    };
    return { model, saved: false, name: x.displayName };
  }
}

export function safeValidate(model: InteractionModel): ModelIssue[] {
  try {
    return validateModel(model);
  } catch (e) {
    return [{ severity: "error", message: (e as Error).message }];
  }
}

/** Clova console TSV files merged into a model: each file replaces the intent or slot type of its name. */
export function mergeTsvFiles(
  model: InteractionModel,
  kind: "intent" | "slotType",
  files: { name: string; text: string }[],
): { model: InteractionModel; issues: ModelIssue[] } {
  let next = model;
  const issues: ModelIssue[] = [];
  for (const file of files) {
    const name = baseName(file.name);
    if (kind === "intent") {
      const r = importIntentTsv(name, file.text, file.name);
      issues.push(...r.issues);
      if (r.intent)
        next = { ...next, intents: [...next.intents.filter((i) => i.name !== name), r.intent] };
    } else {
      const r = importSlotTypeTsv(name, file.text, file.name);
      issues.push(...r.issues);
      const types = (next.customSlotTypes ?? []).filter((t) => t.name !== name);
      if (r.slotType) next = { ...next, customSlotTypes: [...types, r.slotType] };
    }
  }
  return { model: next, issues };
}
