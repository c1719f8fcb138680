// The invocation names an extension answers to in a language: its own, else its model's
// (older platforms only send the extension's own).
import type { ExtensionView, Language } from "../api.js";

export function namesInUse(x: ExtensionView, language: Language) {
  const used = x.invocationNamesInUse?.[language];
  if (used) return used;
  const own = x.invocationNames[language];
  return own ? { ...own, from: "extension" as const } : undefined;
}
