// Invocation names of different extensions must not be "identical or similar"
// (interaction-model.md §9.2 rule 4): the same key, or one within the edit distance the
// detector tolerates when it hears a name, lets a user reach the wrong extension.
import { distance } from "fastest-levenshtein";
import { allowedEdits, nameKey } from "./names.js";

export interface InvocationNameClash {
  /** Index of the clashing name in `names` (0 = main). */
  index: number;
  name: string;
  extensionId: string;
  otherName: string;
  identical: boolean;
}

/** Each of `names` that is identical or similar to a name of another extension. */
export function invocationNameClashes(
  names: readonly string[],
  others: readonly { extensionId: string; names: readonly string[] }[],
): InvocationNameClash[] {
  const clashes: InvocationNameClash[] = [];
  names.forEach((name, index) => {
    const key = nameKey(name);
    if (key === "") return;
    for (const other of others)
      for (const otherName of other.names) {
        const otherKey = nameKey(otherName);
        const identical = key === otherKey;
        const edits = allowedEdits(Math.min(key.length, otherKey.length));
        if (identical || (edits > 0 && distance(key, otherKey) <= edits)) {
          clashes.push({ index, name, extensionId: other.extensionId, otherName, identical });
          return;
        }
      }
  });
  return clashes;
}
