// Invocation detection (interaction-model.md §9.3): finds "open X" / "X를 시작해줘" launches and
// "ask X to …" / 「Xで…」 one-shot requests, splitting the name from the rest of the utterance.
import type { ModelLanguage as Language } from "@clover/protocol";
import { bestName, type NameEntry, nameKey } from "./names.js";
import { PATTERNS, stripWakeWord } from "./patterns.js";

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
  /** The command after (or around) the name for one-shot requests; "" for launches. */
  rest: string;
  /** 0..1: the phrasing's weight times the name similarity (exact names score higher). */
  confidence: number;
}

export interface InvocationDetector {
  detect(text: string, language: Language): InvocationMatch | undefined;
}

/** Where a name may start and end: word edges in English, any character elsewhere. */
function edges(text: string, language: Language): { starts: number[]; ends: number[] } {
  const starts: number[] = [];
  const ends: number[] = [];
  for (let i = 0; i <= text.length; i++) {
    const before = text.charAt(i - 1);
    const at = text.charAt(i);
    if (language !== "en" || i === 0 || before === " ") if (at !== " ") starts.push(i);
    if (language !== "en" || i === text.length || at === " " || at === ",")
      if (before !== " ") ends.push(i);
  }
  return { starts, ends };
}

export function createInvocationDetector(targets: InvocationTarget[]): InvocationDetector {
  const byLanguage = new Map<Language, NameEntry[]>();
  let order = 0;
  for (const target of targets) {
    const list = byLanguage.get(target.language) ?? [];
    for (const name of target.names) {
      const key = nameKey(name);
      if (key !== "") list.push({ extensionId: target.extensionId, name, key, order: order++ });
    }
    byLanguage.set(target.language, list);
  }
  return {
    detect(text, language) {
      const entries = byLanguage.get(language);
      if (!entries || entries.length === 0) return undefined;
      const t = stripWakeWord(text, language);
      if (t === "") return undefined;
      const { starts, ends } = edges(t, language);
      let best: { match: InvocationMatch; order: number; span: number } | undefined;
      // The key of each candidate name (start, end), computed once for all patterns.
      const keys = new Map<number, string>();
      for (const pattern of PATTERNS[language]) {
        // A pattern's tail after each end, matched once (null: no match), not once per start.
        const tails: (RegExpExecArray | null | undefined)[] = [];
        for (const start of starts) {
          const head = pattern.head.exec(t.slice(0, start));
          if (!head) continue;
          for (let e = 0; e < ends.length; e++) {
            const end = ends[e]!;
            if (end <= start) continue;
            let tail = tails[e];
            if (tail === undefined) {
              tail = pattern.tail.exec(t.slice(end));
              tails[e] = tail;
            }
            if (!tail) continue;
            const rest = (head.groups?.rest ?? tail.groups?.rest ?? "").trim();
            if (pattern.kind === "oneshot" && rest === "") continue;
            const at = start * (t.length + 1) + end;
            let key = keys.get(at);
            if (key === undefined) {
              key = nameKey(t.slice(start, end));
              keys.set(at, key);
            }
            const hit = bestName(key, entries, pattern.fuzzy);
            if (!hit) continue;
            const confidence = Math.round(pattern.weight * hit.similarity * 1000) / 1000;
            const span = end - start;
            const better =
              !best ||
              confidence > best.match.confidence ||
              (confidence === best.match.confidence &&
                (span > best.span || (span === best.span && hit.entry.order < best.order)));
            if (better)
              best = {
                match: {
                  extensionId: hit.entry.extensionId,
                  kind: pattern.kind,
                  name: hit.entry.name,
                  rest,
                  confidence,
                },
                order: hit.entry.order,
                span,
              };
          }
        }
      }
      return best?.match;
    },
  };
}
