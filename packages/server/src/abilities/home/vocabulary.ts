// A user's home vocabulary, loaded at run time from their discoveries (not compiled into a
// global model): every device with what it may do, and the phrases that name things — the
// user's friendly names, tags and scene/routine names, the rooms of their devices, and the
// language's class, mode and colour words (cek-home-extension.md §4.9 rule 5, §9, §13.3).
import {
  type ApplianceInfoObject,
  type CustomCommandInfoObject,
  type HomeAction,
  homePermittedActions,
  type SceneInfoObject,
} from "@clover/protocol";
import type { Language } from "../../assistant/turn.js";
import type { HomeDiscovery } from "../../store/home.js";
import { LEXICONS } from "./lexicon/index.js";
import type { HomeLexicon } from "./lexicon/types.js";
import { isWordAt, normalizeText } from "./text.js";

export interface HomeDevice {
  /** Index in HomeVocabulary.devices. */
  index: number;
  extensionId: string;
  appliance: ApplianceInfoObject;
  /** What the device is called in answers. */
  name: string;
  types: string[];
  actions: ReadonlySet<HomeAction>;
  location?: string;
  /** Tags with the room's display name added (§9.2), normalized. */
  tags: string[];
}

export interface HomeScene {
  extensionId: string;
  scene: SceneInfoObject;
}

export interface HomeRoutine {
  extensionId: string;
  command: CustomCommandInfoObject;
}

export type PhraseKind =
  | "name"
  | "tag"
  | "room"
  | "class"
  | "scene"
  | "routine"
  | "mode"
  | "colour"
  | "word";

interface Phrase {
  text: string;
  kind: PhraseKind;
  /** name/tag: device indices; room: location code; class: type; scene/routine: index;
   * mode: mode value; colour: colour word. */
  ref: number[] | string | number;
}

export interface Mention {
  kind: PhraseKind;
  ref: Phrase["ref"];
  start: number;
  end: number;
  text: string;
  /** An English plural ("lights"): a group. */
  plural: boolean;
}

export class HomeVocabulary {
  readonly #phrases: Phrase[];

  constructor(
    readonly language: Language,
    readonly lexicon: HomeLexicon,
    readonly devices: HomeDevice[],
    readonly scenes: HomeScene[],
    readonly routines: HomeRoutine[],
  ) {
    const phrases: Phrase[] = [];
    const byText = new Map<string, Phrase>();
    const add = (raw: string, kind: PhraseKind, ref: Phrase["ref"]) => {
      const text = normalizeText(raw);
      if (text === "") return;
      const key = `${kind}\u0000${text}`;
      const existing = byText.get(key);
      if (existing && Array.isArray(existing.ref) && Array.isArray(ref)) {
        for (const i of ref) if (!existing.ref.includes(i)) existing.ref.push(i);
        return;
      }
      if (existing) return;
      const phrase = { text, kind, ref: Array.isArray(ref) ? [...ref] : ref };
      byText.set(key, phrase);
      phrases.push(phrase);
    };
    for (const device of devices) {
      // Without a friendlyName the model name, else "light 2", is what the user calls it (§4.2).
      add(device.name, "name", [device.index]);
      for (const tag of device.tags) {
        const room = roomOfWord(lexicon, tag);
        if (room) add(tag, "room", room);
        else add(tag, "tag", [device.index]);
      }
    }
    for (const [i, s] of scenes.entries()) add(s.scene.sceneName, "scene", i);
    for (const [i, r] of routines.entries()) add(r.command.name, "routine", i);
    for (const [code, words] of Object.entries(lexicon.rooms))
      for (const word of words) add(word, "room", code);
    for (const [type, words] of Object.entries(lexicon.classes))
      for (const word of words) add(word, "class", type);
    for (const [mode, words] of Object.entries(lexicon.modes))
      for (const word of words) add(word, "mode", mode);
    for (const word of Object.keys(lexicon.colors)) add(word, "colour", word);
    for (const word of lexicon.words ?? []) add(word, "word", word);
    // Longest first; on equal length the user's own words win over the language's.
    const rank: Record<PhraseKind, number> = {
      scene: 0,
      routine: 0,
      name: 1,
      tag: 2,
      room: 3,
      mode: 4,
      class: 5,
      colour: 6,
      word: 0,
    };
    // The user's own names first, so that a language phrase overlapping one ("box fan speed":
    // "fan speed") never hides it (§9.3 rule 1: user vocabulary wins); then longest first.
    const own = (p: Phrase) =>
      p.kind === "name" || p.kind === "scene" || p.kind === "routine" ? 0 : 1;
    phrases.sort(
      (a, b) => own(a) - own(b) || b.text.length - a.text.length || rank[a.kind] - rank[b.kind],
    );
    this.#phrases = phrases;
  }

  /** Non-overlapping mentions in a normalized text, longest phrases first, in text order. */
  mentions(text: string): Mention[] {
    const taken: Mention[] = [];
    const free = (start: number, end: number) =>
      taken.every((m) => end <= m.start || start >= m.end);
    for (const phrase of this.#phrases) {
      let from = 0;
      for (;;) {
        const start = text.indexOf(phrase.text, from);
        if (start < 0) break;
        from = start + 1;
        let end = start + phrase.text.length;
        let plural = false;
        if (this.lexicon.wordBoundaries) {
          if (!isWordAt(text, start, end)) continue;
          const suffix = /^(es|s)(?![\p{L}\p{N}])/u.exec(text.slice(end));
          if (suffix) {
            end += suffix[0].length;
            plural = true;
          } else if (/(s)$/.test(phrase.text) && phrase.kind === "class") plural = true;
        }
        if (!free(start, end)) continue;
        taken.push({ kind: phrase.kind, ref: phrase.ref, start, end, text: phrase.text, plural });
      }
    }
    return taken.sort((a, b) => a.start - b.start);
  }

  /** The room's display name in this language (the code itself when unknown). */
  roomName(code: string): string {
    return this.lexicon.rooms[code]?.[0] ?? code.toLowerCase().replaceAll("_", " ");
  }
}

/** Normalized room word → location code, once per lexicon. */
const roomWords = new WeakMap<HomeLexicon, Map<string, string>>();

function roomOfWord(lexicon: HomeLexicon, word: string): string | undefined {
  let byWord = roomWords.get(lexicon);
  if (!byWord) {
    byWord = new Map();
    for (const [code, words] of Object.entries(lexicon.rooms))
      for (const w of words) {
        const text = normalizeText(w);
        if (!byWord.has(text)) byWord.set(text, code);
      }
    roomWords.set(lexicon, byWord);
  }
  return byWord.get(normalizeText(word));
}

/** Builds the vocabulary of one user in one language from their discoveries. */
export function buildVocabulary(discoveries: HomeDiscovery[], language: Language): HomeVocabulary {
  const lexicon = LEXICONS[language];
  const devices: HomeDevice[] = [];
  const scenes: HomeScene[] = [];
  const routines: HomeRoutine[] = [];
  for (const discovery of discoveries) {
    for (const appliance of discovery.appliances) {
      const index = devices.length;
      const location = appliance.location ? appliance.location : undefined;
      const tags = (appliance.tags ?? []).map(normalizeText).filter((t) => t !== "");
      // §4.9 rule 5: the room's localized name joins the device's tags.
      if (location) {
        const room = lexicon.rooms[location]?.[0];
        tags.push(normalizeText(room ?? location.toLowerCase().replaceAll("_", " ")));
      }
      devices.push({
        index,
        extensionId: discovery.extensionId,
        appliance,
        name: appliance.friendlyName || appliance.modelName || fallbackName(appliance, devices),
        types: appliance.applianceTypes,
        actions: new Set(homePermittedActions(appliance)),
        ...(location ? { location } : {}),
        tags: [...new Set(tags)],
      });
    }
    for (const scene of discovery.scenes)
      scenes.push({ extensionId: discovery.extensionId, scene });
    for (const command of discovery.customCommands)
      routines.push({ extensionId: discovery.extensionId, command });
  }
  return new HomeVocabulary(language, lexicon, devices, scenes, routines);
}

/** "light 2" when a device has neither friendly nor model name (§4.2 UNSPECIFIED). */
function fallbackName(appliance: ApplianceInfoObject, before: HomeDevice[]): string {
  const type = (appliance.applianceTypes[0] ?? "device").toLowerCase();
  const same = before.filter((d) => d.types[0] === appliance.applianceTypes[0]).length;
  return `${type} ${same + 1}`;
}
