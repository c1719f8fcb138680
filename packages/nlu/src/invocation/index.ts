// Invocation detection: launch phrases and one-shot requests (interaction-model.md §9.3).
import type { ModelLanguage as Language } from "@clover/protocol";

export interface InvocationTarget {
  extensionId: string;
  language: Language;
  /** Main name first, then sub names. */
  names: string[];
}

export interface InvocationMatch {
  extensionId: string;
  kind: "launch" | "oneshot";
  /** The invocation name as registered (not as heard). */
  name: string;
  /** The command after the name for one-shot requests; "" for launches. */
  rest: string;
  /** 0..1; exact name matches score higher than fuzzy ones. */
  confidence: number;
}

export interface InvocationDetector {
  detect(text: string, language: Language): InvocationMatch | undefined;
}

export function createInvocationDetector(targets: InvocationTarget[]): InvocationDetector {
  return {
    detect(text, language) {
      for (const t of targets) {
        if (t.language !== language) continue;
        for (const name of t.names) {
          const m = new RegExp(`^(?:open|start|launch) ${name}$`, "i").exec(text.trim());
          if (m)
            return { extensionId: t.extensionId, kind: "launch", name, rest: "", confidence: 1 };
        }
      }
      return undefined;
    },
  };
}
