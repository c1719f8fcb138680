// A JSGF grammar of everything users can say to the platform in English: each registered
// interaction model's utterance examples with slots opened up to their dictionary values,
// number words and example surfaces; launch and one-shot phrasings around invocation names
// (interaction-model.md §9.3); built-in intent and exit phrases (§3.2, §3.4).
import { builtinIntentPhrases, EXIT_PHRASES, LAUNCH_VERBS, parseUtterance } from "@clover/nlu";
import type { InteractionModel } from "@clover/protocol";
import { numberWords, spokenWords } from "./spoken.js";

/** A word, a reference to another rule, or an optional reference (`[<rule>]`). */
export type Item = string | { rule: string; optional?: true };
export type Phrase = Item[];

export interface CompiledGrammar {
  /** The JSGF source (public rule `<command>`). */
  jsgf: string;
  /** Every word the grammar uses (the dictionary must pronounce each one). */
  words: Set<string>;
  /** Phrases dropped because a word could not be pronounced, with the word. */
  dropped: { phrase: string; word: string }[];
  /** The rules as written into the JSGF (the phrases kept), by name; the public rule is TOP_RULE. */
  rules: Map<string, Phrase[]>;
  /** The intent each phrase of a model's examples or of the built-in phrases stands for. */
  intents: Map<Phrase, string>;
}

/** The public rule: an optional wake word, then what the user asks for. */
export const TOP_RULE: Phrase = [{ rule: "wake", optional: true }, { rule: "request" }];

const NUMBER_RULE = "number";
const WAKE = ["hey clova", "ok clova", "okay clova", "clova", "hey clover", "clover"];
const POLITE = ["please", "now", "for me"];

class RuleSet {
  readonly rules = new Map<string, Phrase[]>();
  readonly intents = new Map<Phrase, string>();
  add(name: string, phrase: Phrase, intent?: string): void {
    const list = this.rules.get(name) ?? [];
    list.push(phrase);
    this.rules.set(name, list);
    if (intent !== undefined) this.intents.set(phrase, intent);
  }
  words(): Set<string> {
    const words = new Set<string>();
    for (const phrases of this.rules.values()) {
      for (const p of phrases) for (const item of p) if (typeof item === "string") words.add(item);
    }
    return words;
  }
}

const ref = (rule: string): Item => ({ rule });
const maybe = (rule: string): Item => ({ rule, optional: true });
const say = (text: string): Phrase => spokenWords(text);

/** Spoken numbers 0–999 as a compact network (units, teens, tens, hundreds). */
function addNumbers(set: RuleSet): void {
  for (let n = 1; n <= 9; n++) set.add("digit", say(numberWords(n)));
  for (let n = 10; n <= 19; n++) set.add("teen", say(numberWords(n)));
  for (let n = 20; n <= 90; n += 10) set.add("tens", say(numberWords(n)));
  set.add("below_hundred", [ref("digit")]);
  set.add("below_hundred", [ref("teen")]);
  set.add("below_hundred", [ref("tens")]);
  set.add("below_hundred", [ref("tens"), ref("digit")]);
  set.add(NUMBER_RULE, ["zero"]);
  set.add(NUMBER_RULE, [ref("below_hundred")]);
  for (const head of [["a"], [ref("digit")]] as Phrase[]) {
    set.add(NUMBER_RULE, [...head, "hundred"]);
    set.add(NUMBER_RULE, [...head, "hundred", ref("below_hundred")]);
    set.add(NUMBER_RULE, [...head, "hundred", "and", ref("below_hundred")]);
  }
  for (const extra of ["a dozen", "a couple", "a couple of", "a few", "a pair of", "a single"]) {
    set.add(NUMBER_RULE, say(extra));
  }
}

function addModel(set: RuleSet, model: InteractionModel, m: number): void {
  const prefix = `m${m}_`;
  const slotRule = (type: string) => `${prefix}slot_${type.replace(/[^A-Za-z0-9_]/g, "_")}`;
  const seen = new Set<string>();
  const addSlotValue = (type: string, text: string) => {
    const key = `${type}\u0000${text.toLowerCase()}`;
    if (seen.has(key)) return;
    seen.add(key);
    set.add(slotRule(type), say(text));
  };
  for (const type of model.customSlotTypes ?? []) {
    for (const value of type.values) {
      addSlotValue(type.name, value.value);
      for (const synonym of value.synonyms ?? []) addSlotValue(type.name, synonym);
    }
  }
  const command = `${prefix}command`;
  for (const intent of model.intents) {
    const types = new Map((intent.slots ?? []).map((s) => [s.name, s.type]));
    for (const example of intent.utterances) {
      let parsed: ReturnType<typeof parseUtterance>;
      try {
        parsed = parseUtterance(example);
      } catch {
        continue; // model validation reports malformed examples
      }
      const phrase: Phrase = [];
      let at = 0;
      for (const span of parsed.slots) {
        phrase.push(...say(parsed.text.slice(at, span.start)));
        const type = types.get(span.name) ?? "CLOVA.ANY";
        addSlotValue(type, span.text);
        phrase.push(ref(slotRule(type)));
        if (type === "CLOVA.NUMBER") set.add(slotRule(type), [ref(NUMBER_RULE)]);
        at = span.end;
      }
      phrase.push(...say(parsed.text.slice(at)));
      if (phrase.length > 0) set.add(command, phrase, `${prefix}${intent.name}`);
    }
  }
  for (const n of [model.invocation.main, ...(model.invocation.sub ?? [])]) set.add("name", say(n));
  set.add("body", [ref(command)]);
}

/** Launch and one-shot phrasings around any invocation name (interaction-model.md §9.3). */
function addInvocationPhrases(set: RuleSet): void {
  for (const verb of LAUNCH_VERBS.en) set.add("launch_verb", say(verb));
  set.add("launch", [ref("launch_verb"), ref("name")]);
  set.add("launch", [ref("launch_verb"), "the", ref("name")]);
  set.add("launch", [ref("launch_verb"), ref("name"), ref("polite")]);
  set.add("launch", ["ask", ref("name")]);
  set.add("launch", ["tell", ref("name")]);
  set.add("launch", [ref("name")]);
  for (const verb of ["ask", "tell"]) {
    set.add("lead", [verb, ref("name")]);
    for (const link of ["to", "for", "that"]) set.add("lead", [verb, ref("name"), link]);
  }
  set.add("lead", [ref("launch_verb"), ref("name"), "and"]);
  for (const link of ["with", "on", "using"]) set.add("tail", [link, ref("name")]);
  set.add("request", [ref("launch")]);
  set.add("request", [maybe("lead"), ref("body"), maybe("tail")]);
}

function addPlatformPhrases(set: RuleSet): void {
  for (const [intent, phrases] of Object.entries(builtinIntentPhrases("en"))) {
    for (const p of phrases) set.add("builtin", say(p), intent);
  }
  for (const p of EXIT_PHRASES.en) set.add("builtin", say(p), "exit");
  set.add("body", [ref("builtin")]);
  for (const w of WAKE) set.add("wake", say(w));
  for (const p of POLITE) set.add("polite", say(p));
}

function phraseKey(p: Phrase): string {
  return p
    .map((i) => (typeof i === "string" ? i : i.optional ? `[<${i.rule}>]` : `<${i.rule}>`))
    .join(" ");
}

/** Builds the grammar; `pronounceable` filters out phrases with words nobody can say. */
export function buildGrammar(
  models: readonly InteractionModel[],
  pronounceable: (word: string) => boolean = () => true,
): CompiledGrammar {
  const set = new RuleSet();
  addNumbers(set);
  addPlatformPhrases(set);
  const english = models.filter((m) => m.language === "en");
  for (const [i, model] of english.entries()) addModel(set, model, i);
  if (english.length > 0) addInvocationPhrases(set);
  else set.add("request", [ref("body")]);
  const dropped: CompiledGrammar["dropped"] = [];
  const lines = ["#JSGF V1.0;", "grammar clover;", `public <command> = ${phraseKey(TOP_RULE)};`];
  const words = new Set<string>();
  const rules = new Map<string, Phrase[]>();
  for (const [name, phrases] of set.rules) {
    const kept = new Map<string, Phrase>();
    for (const phrase of phrases) {
      const bad = phrase.find((i): i is string => typeof i === "string" && !pronounceable(i));
      if (bad !== undefined) dropped.push({ phrase: phraseKey(phrase), word: bad });
      else if (phrase.length > 0) kept.set(phraseKey(phrase), phrase);
    }
    for (const p of kept.values()) for (const i of p) if (typeof i === "string") words.add(i);
    rules.set(name, [...kept.values()]);
    const body = kept.size > 0 ? [...kept.keys()].join(" | ") : "<VOID>";
    lines.push(`<${name}> = ${body};`);
  }
  const intents = new Map<Phrase, string>();
  for (const phrases of rules.values())
    for (const p of phrases) {
      const intent = set.intents.get(p);
      if (intent !== undefined) intents.set(p, intent);
    }
  return { jsgf: `${lines.join("\n")}\n`, words, dropped, rules, intents };
}

/** All words the grammar would use (to look their pronunciations up first). */
export function grammarWords(models: readonly InteractionModel[]): Set<string> {
  return buildGrammar(models).words;
}
