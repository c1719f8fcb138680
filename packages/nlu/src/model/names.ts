// Naming rules (interaction-model.md §2, recommendation): identifiers of at most 64 characters,
// `Clova.` reserved for built-in intents and `CLOVA.` for built-in slot types.
import type { ModelIssue } from "./issues.js";
import { LIMITS, NAME_PATTERN } from "./limits.js";

export type NameKind = "intent" | "slot" | "slot type";

const RESERVED: Record<NameKind, string | undefined> = {
  intent: "Clova.",
  slot: undefined,
  "slot type": "CLOVA.",
};

/** Reports a bad name at `path`; true when the name is usable. */
export function checkName(
  name: unknown,
  kind: NameKind,
  path: string,
  issues: ModelIssue[],
): name is string {
  const error = (message: string) => {
    issues.push({ severity: "error", message, path });
    return false;
  };
  if (typeof name !== "string" || name === "")
    return error(`${kind} name: expected a non-empty string`);
  const q = JSON.stringify(name);
  const prefix = RESERVED[kind];
  if (prefix && name.toLowerCase().startsWith(prefix.toLowerCase()))
    return error(
      `${kind} name ${q} uses the prefix ${JSON.stringify(prefix)}, reserved for built-in ${kind}s`,
    );
  if (name.length > LIMITS.nameLength)
    return error(`${kind} name ${q} is longer than ${LIMITS.nameLength} characters`);
  if (!NAME_PATTERN.test(name))
    return error(`${kind} name ${q} must start with a letter and use only letters, digits and _`);
  return true;
}
