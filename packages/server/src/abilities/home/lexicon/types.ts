// The home NLU's words per language (cek-home-extension.md §13): device-class words, room
// words, modes, colours, and the ordered rules that find the action. The user's own words
// (friendly names, tags, scenes, routines) are added per user at run time (vocabulary.ts).
import type { Language } from "../../../assistant/turn.js";

/**
 * What the user asked, before a device is chosen. Generic intents (On, Up, SetValue…) become
 * a Clova Home action once the target's declared actions are known (request.ts).
 */
export type HomeIntent =
  | "On"
  | "Off"
  | "TogglePower"
  | "Open"
  | "Close"
  | "Lock"
  | "Unlock"
  | "Up"
  | "Down"
  | "SetValue"
  | "SetColor"
  | "SetColorTemperature"
  | "SetMode"
  | "ReleaseMode"
  | "ChangeMode"
  | "ChangeFanSpeed"
  | "SetChannelByName"
  | "ChangeInputSource"
  | "SetInputSourceByName"
  | "Raise"
  | "Lower"
  | "Stop"
  | "Charge"
  | "Mute"
  | "Unmute"
  | "StartRecording"
  | "StopRecording"
  | "StartOscillation"
  | "StopOscillation"
  | "Preheat"
  | "CallElevator"
  | "Discover"
  | "Query";

/** Which quantity an Up/Down/SetValue is about, when the user named it. */
export type Quantity = "brightness" | "temperature" | "volume" | "fan" | "channel" | "intensity";

/** One ordered rule: the first whose pattern matches the masked text decides the intent. */
export interface IntentRule {
  intent: HomeIntent;
  pattern: RegExp;
  /** For Query: the Get… action (or HealthCheck) asked. */
  query?: string;
  /** Direction words that also name a quantity ("brighter" → brightness). */
  quantity?: Quantity;
  /** Fixed colour temperature (warm/cool white) for SetColorTemperature rules. */
  kelvin?: number;
  /** Test the text before device phrases and numbers are masked ("the front door lock"). */
  raw?: boolean;
}

export interface HomeLexicon {
  language: Language;
  /** Latin-script matching needs word boundaries; CJK matching does not. */
  wordBoundaries: boolean;
  /** Words dropped before matching ("the", "please"). */
  fillers: RegExp;
  /** Device-class words → appliance type (§13.3). Longer words win. */
  classes: Record<string, readonly string[]>;
  /** Room words per location code (§9.1); the first word is the display name. */
  rooms: Record<string, readonly string[]>;
  /** Phrases kept as said, never a device ("fan speed", "電気代"). */
  words?: readonly string[];
  /** "all", "every", "everything": a group command (§9.4). */
  groupWords: RegExp;
  /** Mode words → mode value (§6.1, §13.3). */
  modes: Record<string, readonly string[]>;
  /** Colour words as said → HSV (§13.1 SetColor). */
  colors: Record<string, { hue: number; saturation: number }>;
  quantities: Record<Quantity, RegExp>;
  /** Time spans → PeriodInfoObject spans (§7). */
  periods: Record<string, RegExp>;
  endpoints: { freezer: RegExp; fridge: RegExp };
  directions: { horizontal: RegExp; vertical: RegExp };
  /** Words that stand for a value ("full" = 100, "high" = 3); numerals come from @clover/nlu. */
  valueWords?: Record<string, number>;
  /** "minus", "マイナス", "영하". */
  minus: RegExp;
  /** Percent, degrees, kelvin, level units after a number. */
  units: { percent: RegExp; degree: RegExp; kelvin: RegExp; level: RegExp; times: RegExp };
  /** A delta ("by 2", "2 degrees more") rather than an absolute value. */
  delta: RegExp;
  rules: readonly IntentRule[];
  yes: RegExp;
  no: RegExp;
  /** "both", "all of them" when answering a clarifying question. */
  both: RegExp;
}
