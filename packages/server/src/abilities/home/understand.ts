// The home NLU (cek-home-extension.md §13, §15.2 step 1): an utterance and the user's
// vocabulary in, what was asked (intent, value, mode…) and which things were named out.
// Device phrases, modes and colours are found first and masked ("@", "~", "^colour^"),
// numbers become "^n^", then the language's ordered rules decide the intent.
import type { HomeIntent, Quantity } from "./lexicon/types.js";
import { extractNumbers, normalizeText, type SpokenNumber } from "./text.js";
import type { HomeVocabulary, Mention } from "./vocabulary.js";

export interface HomeCommand {
  intent: HomeIntent | "Scene" | "Routine";
  /** Query intents: the Get… action asked (or HealthCheck). */
  query?: string;
  /** Device indices named by friendly name or tag, per mention. */
  named: number[][];
  rooms: string[];
  classes: string[];
  /** "all the lights", "everything": act on every matching device (§9.4). */
  group: boolean;
  /** A tag was named: its devices form a group (§9.4). */
  tagged: boolean;
  /** The number is a target ("down to 22") even after an up/down word. */
  toValue: boolean;
  scene?: number;
  routine?: number;
  number?: SpokenNumber;
  /** The number is a change ("by 2") rather than a target value. */
  delta: boolean;
  quantity?: Quantity;
  mode?: string;
  colour?: { hue: number; saturation: number };
  kelvin?: number;
  channelName?: string;
  sourceName?: string;
  direction?: "horizontal" | "vertical";
  endpoint?: "freezer" | "fridge";
  period?: string;
  /** How sure the NLU is that this is a home command at all. */
  confidence: number;
}

/** undefined: not a home command. */
export function understand(text: string, vocabulary: HomeVocabulary): HomeCommand | undefined {
  const lexicon = vocabulary.lexicon;
  let normal = normalizeText(text);
  const fillers = new RegExp(lexicon.fillers.source, lexicon.fillers.flags);
  normal = normal.replace(fillers, " ").replace(/\s+/g, " ").trim();
  if (normal === "") return undefined;
  const mentions = vocabulary.mentions(normal);
  const command: HomeCommand = {
    intent: "On",
    named: [],
    rooms: [],
    classes: [],
    group: lexicon.groupWords.test(normal),
    tagged: false,
    toValue: false,
    delta: false,
    confidence: 0,
  };
  let masked = "";
  let at = 0;
  for (const m of mentions) {
    masked += normal.slice(at, m.start);
    masked += marker(m);
    at = m.end;
    record(command, m);
    if (m.kind === "colour") {
      const colour = lexicon.colors[m.ref as string];
      if (colour) command.colour = colour;
    }
  }
  masked += normal.slice(at);
  masked = masked.replace(/\s+/g, " ").trim();
  const { text: withNumbers, numbers } = extractNumbers(masked, lexicon);
  masked = withNumbers;
  if (numbers[0]) command.number = numbers[0];

  const targets = command.named.length + command.rooms.length + command.classes.length;
  // A scene or routine named, and no device: run it (§9.3: it wins over device parsing).
  if ((command.scene !== undefined || command.routine !== undefined) && targets === 0) {
    command.intent = command.scene !== undefined ? "Scene" : "Routine";
    command.confidence = 0.97;
    return command;
  }

  let channelName: string | undefined;
  let rule = lexicon.rules.find((r) => {
    if (!r.pattern.test(r.raw ? normal : masked)) return false;
    if (r.intent !== "SetChannelByName") return true;
    // A channel name is words, not a number or a device ("put on channel 7").
    const name = r.pattern.exec(masked)?.groups?.["name"]?.trim();
    if (!name || /[\^@~]/.test(name)) return false;
    channelName = name;
    return true;
  });
  if (!rule) return undefined;
  // "turn the heat up by 2": a change, not a value to set.
  if (rule.intent === "SetValue" && command.number && lexicon.delta.test(masked)) {
    const step = lexicon.rules.find(
      (r) => (r.intent === "Up" || r.intent === "Down") && r.pattern.test(masked),
    );
    if (step) rule = step;
  }
  command.intent = rule.intent;
  if (rule.query) command.query = rule.query;
  if (rule.kelvin !== undefined) command.kelvin = rule.kelvin;
  command.quantity = rule.quantity ?? quantityOf(masked, lexicon.quantities);
  if (channelName) command.channelName = channelName;
  if (rule.intent === "SetInputSourceByName") {
    const source = rule.pattern.exec(normal)?.[0] ?? rule.pattern.exec(masked)?.[0];
    if (source) command.sourceName = source.replace(/\s+/g, "").toUpperCase();
  }
  if (command.number && lexicon.delta.test(masked)) command.delta = true;
  if (command.number && TO_VALUE.test(masked)) command.toValue = true;
  if (lexicon.directions.horizontal.test(normal)) command.direction = "horizontal";
  else if (lexicon.directions.vertical.test(normal)) command.direction = "vertical";
  if (lexicon.endpoints.freezer.test(normal)) command.endpoint = "freezer";
  else if (lexicon.endpoints.fridge.test(normal)) command.endpoint = "fridge";
  for (const [span, pattern] of Object.entries(lexicon.periods))
    if (pattern.test(normal)) {
      command.period = span;
      break;
    }

  if (rule.intent === "Discover") command.confidence = 0.95;
  // One of the user's own device names: their vocabulary wins over the platform's general
  // words (§9.3 step 1; "デスクライトをつけて" is the desk light, not the speaker's flashlight).
  else if (command.named.length > 0) command.confidence = 1;
  else if (targets > 0) command.confidence = 0.95;
  // "how humid is it", "lock up": home words without a device, answered by the only device
  // that can (or a question); surer when the words are clearly about the home.
  // (The ability checks that one of the user's devices can answer before claiming it.)
  else if (rule.intent === "Query") command.confidence = 0.8;
  else if (rule.intent === "SetMode" || rule.intent === "ReleaseMode") command.confidence = 0.75;
  else return undefined;
  return command;
}

const TO_VALUE =
  /\bto (minus )?\^n\^|\^n\^ ?(%|percent|degrees?|度|도|퍼센트|프로|단계)? ?(に|로|으로)/;

function marker(m: Mention): string {
  switch (m.kind) {
    case "mode":
      return " ~ ";
    case "colour":
      return " ^colour^ ";
    case "word":
      return ` ${m.text} `;
    default:
      return " @ ";
  }
}

function record(command: HomeCommand, m: Mention): void {
  switch (m.kind) {
    case "name":
      command.named.push(m.ref as number[]);
      break;
    case "tag":
      command.named.push(m.ref as number[]);
      command.tagged = true;
      break;
    case "room":
      command.rooms.push(m.ref as string);
      break;
    case "class":
      command.classes.push(m.ref as string);
      if (m.plural) command.group = true;
      break;
    case "scene":
      command.scene = m.ref as number;
      break;
    case "routine":
      command.routine = m.ref as number;
      break;
    case "mode":
      command.mode = m.ref as string;
      break;
  }
  if (m.kind === "name" && m.plural) command.group = true;
}

function quantityOf(text: string, quantities: Record<Quantity, RegExp>): Quantity | undefined {
  for (const [quantity, pattern] of Object.entries(quantities) as [Quantity, RegExp][])
    if (pattern.test(text)) return quantity;
  return undefined;
}
