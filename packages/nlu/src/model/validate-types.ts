// Enabled built-in intents and slot types, and the custom slot types (interaction-model.md
// §3.3, §5, §6, §12).
import type { InteractionModel } from "@clover/protocol";
import { BUILTIN_INTENT_NAMES } from "../builtin-intents/index.js";
import { isBuiltinSlotType } from "../slot-types/index.js";
import { checkDictionary } from "./dictionary.js";
import type { ModelIssue } from "./issues.js";
import { LIMITS } from "./limits.js";
import { checkName } from "./names.js";
import { currentSlotTypeName, RETIRED_SLOT_TYPES, retiredNameNote } from "./retired.js";

/** `known` says what is wrong with a name: an error, or `{ warning }` for a usable one. */
function checkList(
  list: unknown,
  field: string,
  known: (name: string) => string | { warning: string } | undefined,
  issues: ModelIssue[],
): string[] {
  if (!Array.isArray(list)) return [];
  const seen = new Set<string>();
  list.forEach((name, i) => {
    const path = `${field}[${i}]`;
    if (typeof name !== "string") {
      issues.push({
        severity: "error",
        message: `expected a string, got ${JSON.stringify(name) ?? "nothing"}`,
        path,
      });
      return;
    }
    const problem = known(name);
    if (typeof problem === "string") issues.push({ severity: "error", message: problem, path });
    else if (problem) issues.push({ severity: "warning", message: problem.warning, path });
    if (seen.has(name))
      issues.push({ severity: "warning", message: `${name} is listed twice`, path });
    seen.add(name);
  });
  return [...seen];
}

/** Returns the enabled built-in slot types and the declared custom types (name → index). */
export function checkTypes(
  model: InteractionModel,
  issues: ModelIssue[],
): { builtin: Set<string>; custom: Map<string, number> } {
  checkList(
    model.builtinIntents,
    "builtinIntents",
    (name) => {
      if (BUILTIN_INTENT_NAMES.includes(name)) return undefined;
      if (name === "Clova.StopIntent")
        return "Clova.StopIntent is historical and never sent; handle Clova.PauseIntent (stop phrases end the session)";
      return `unknown built-in intent ${JSON.stringify(name)}; known: ${BUILTIN_INTENT_NAMES.join(", ")}`;
    },
    issues,
  );
  const listed = checkList(
    model.builtinSlotTypes,
    "builtinSlotTypes",
    (name) => {
      if (Object.hasOwn(RETIRED_SLOT_TYPES, name)) return { warning: retiredNameNote(name) };
      return isBuiltinSlotType(name)
        ? undefined
        : `unknown built-in slot type ${JSON.stringify(name)}`;
    },
    issues,
  );
  // A retired name and its successor are the same type: enabling one enables both (§5.5).
  const builtin = new Set(listed.map(currentSlotTypeName));
  for (const [old, current] of Object.entries(RETIRED_SLOT_TYPES))
    if (builtin.has(current)) builtin.add(old);
  if (builtin.has("CLOVA.DATETIME") && builtin.has("CLOVA.DATETIME_RECENT"))
    issues.push({
      severity: "warning",
      message:
        "CLOVA.DATETIME and CLOVA.DATETIME_RECENT are both enabled; using both in one extension hurts accuracy",
      path: "builtinSlotTypes",
    });

  const custom = new Map<string, number>();
  const types = Array.isArray(model.customSlotTypes) ? model.customSlotTypes : [];
  if (types.length > LIMITS.customSlotTypes)
    issues.push({
      severity: "error",
      message: `${types.length} custom slot types; at most ${LIMITS.customSlotTypes} are allowed`,
      path: "customSlotTypes",
    });
  types.forEach((type, t) => {
    const path = `customSlotTypes[${t}]`;
    if (checkName(type?.name, "slot type", `${path}.name`, issues)) {
      const first = custom.get(type.name);
      if (first !== undefined)
        issues.push({
          severity: "error",
          message: `slot type ${type.name} is already declared at customSlotTypes[${first}]`,
          path: `${path}.name`,
        });
      else custom.set(type.name, t);
    }
    if (!Array.isArray(type?.values)) return;
    if (type.values.length === 0)
      issues.push({
        severity: type.open ? "warning" : "error",
        message: `slot type ${type.name} has no values`,
        path: `${path}.values`,
      });
    const items = type.values.reduce(
      (n, v) => n + 1 + (Array.isArray(v?.synonyms) ? v.synonyms.length : 0),
      0,
    );
    if (items > LIMITS.slotTypeItems)
      issues.push({
        severity: "error",
        message: `slot type ${type.name} has ${items} words (values + synonyms); at most ${LIMITS.slotTypeItems} are allowed`,
        path: `${path}.values`,
      });
    const wellFormed = type.values.every(
      (v) =>
        typeof v?.value === "string" &&
        (v.synonyms === undefined ||
          (Array.isArray(v.synonyms) && v.synonyms.every((s) => typeof s === "string"))),
    );
    if (!wellFormed) return; // reported by the schema check
    for (const f of checkDictionary(type.values).findings)
      issues.push({
        severity: f.severity,
        message: f.message,
        path: `${path}.values[${f.entry}]${f.synonym < 0 ? ".value" : `.synonyms[${f.synonym}]`}`,
      });
  });
  return { builtin, custom };
}
