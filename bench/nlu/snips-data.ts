// SNIPS 2017 NLU benchmark data → our interaction model. Every entity label becomes an open
// custom slot type whose dictionary holds the label's training values.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { InteractionModel } from "@clover/protocol";

export const SNIPS_INTENTS = [
  "AddToPlaylist",
  "BookRestaurant",
  "GetWeather",
  "PlayMusic",
  "RateBook",
  "SearchCreativeWork",
  "SearchScreeningEvent",
] as const;

export interface SnipsSlot {
  label: string;
  text: string;
}
export interface SnipsUtterance {
  intent: string;
  text: string;
  chunks: { text: string; entity?: string }[];
  slots: SnipsSlot[];
}

function load(file: string, intent: string): SnipsUtterance[] {
  const bytes = readFileSync(file);
  // the dataset ships train_PlayMusic_full.json in Latin-1, everything else in UTF-8
  const text = file.endsWith("train_PlayMusic_full.json")
    ? bytes.toString("latin1")
    : bytes.toString("utf8");
  const doc = JSON.parse(text) as Record<string, { data: { text: string; entity?: string }[] }[]>;
  return (doc[intent] ?? []).map(({ data }) => ({
    intent,
    text: data.map((c) => c.text).join(""),
    chunks: data,
    slots: data
      .filter((c) => c.entity && c.text.trim())
      .map((c) => ({ label: c.entity as string, text: c.text.trim() })),
  }));
}

/** The dataset; `perIntent` keeps only the first that many utterances of each intent's files. */
export function loadSnips(
  dir: string,
  perIntent = Number.POSITIVE_INFINITY,
): { train: SnipsUtterance[]; test: SnipsUtterance[] } {
  const read = (file: string, intent: string) => load(join(dir, file), intent).slice(0, perIntent);
  const train = SNIPS_INTENTS.flatMap((i) => read(`train_${i}_full.json`, i));
  const test = SNIPS_INTENTS.flatMap((i) => read(`validate_${i}.json`, i));
  return { train, test };
}

const escapeText = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** Utterance example syntax of interaction-model.md §7.1, whitespace kept outside the tags. */
function toExample(u: SnipsUtterance): string {
  return u.chunks
    .map((c) => {
      if (!c.entity || !c.text.trim()) return escapeText(c.text);
      const lead = /^\s*/.exec(c.text)?.[0] ?? "";
      const trail = /\s*$/.exec(c.text)?.[0] ?? "";
      return `${lead}<${c.entity}>${escapeText(c.text.trim())}</${c.entity}>${trail}`;
    })
    .join("");
}

export function snipsModel(train: readonly SnipsUtterance[]): InteractionModel {
  const values = new Map<string, Map<string, string>>();
  const slotsOf = new Map<string, Set<string>>();
  for (const u of train) {
    const slots = slotsOf.get(u.intent) ?? new Set<string>();
    slotsOf.set(u.intent, slots);
    for (const s of u.slots) {
      slots.add(s.label);
      const dict = values.get(s.label) ?? new Map<string, string>();
      values.set(s.label, dict);
      if (!dict.has(s.text.toLowerCase())) dict.set(s.text.toLowerCase(), s.text);
    }
  }
  return {
    language: "en",
    invocation: { main: "snips" },
    builtinIntents: [],
    customSlotTypes: [...values].map(([label, dict]) => ({
      name: label,
      open: true,
      values: [...dict.values()].map((value) => ({ value })),
    })),
    intents: SNIPS_INTENTS.map((name) => ({
      name,
      slots: [...(slotsOf.get(name) ?? [])].map((label) => ({ name: label, type: label })),
      utterances: train.filter((u) => u.intent === name).map(toExample),
    })),
  };
}
