// The contract between the CIC gateway (devices, HTTP/2) and the assistant (conversations,
// extensions). Transport-free on both sides: the gateway turns device events into turns, the
// assistant answers with turn results, the gateway turns those into CIC directives.
import type { DeviceIdentity } from "../cic/device-key.js";
import type { DialogSession } from "../store/sessions.js";

/** Display class of a device, as CEK sends it in context.System.device.display.size. */
export type DisplaySize = "none" | "s100" | "m100" | "l100" | "xl100" | "custom";

export type Language = "ja" | "ko" | "en";

/** What the platform knows about the device a turn comes from. */
export interface DeviceInfo {
  /** The device client (product) the device's grant was issued to. */
  clientId: string;
  deviceId: string;
  /** The account the device is registered to (CEK context.System.user). */
  userId: string;
  language: Language;
  /** BCP 47 locale, e.g. "en-US"; sent as EventRequest.locale. */
  locale: string;
  display: {
    size: DisplaySize;
    orientation?: "landscape" | "portrait";
    dpi?: number;
    /** The content area the device reported (Device.Display.contentLayer, cic.md §8.7). */
    contentLayer?: { width: number; height: number };
  };
  /** Last reported AudioPlayer.PlaybackState (cic.md §8.2), if any. */
  playback?: PlaybackState;
  /** IANA time zone used to resolve relative dates ("tomorrow"). */
  timeZone?: string;
  /**
   * The latest context objects the device reported (cic.md §8), by "Namespace.Name", e.g.
   * context["Alerts.AlertsState"]. Abilities read what they need from here.
   */
  context?: Readonly<Record<string, Record<string, unknown>>>;
  /** A guest-mode device (cic.md §3.8): requests that need an account get Clova.ExpectLogin. */
  guest?: boolean;
  /** Where the device is (cic.md §8.3 Clova.Location, or the account's default location). */
  location?: { latitude: string; longitude: string };
}

export interface PlaybackState {
  playerActivity: "IDLE" | "PLAYING" | "PAUSED" | "STOPPED";
  token?: string;
  offsetInMilliseconds?: number;
  totalInMilliseconds?: number;
  /** NONE or REPEAT_ONE (cic.md §8.2). */
  repeatMode?: "NONE" | "REPEAT_ONE";
  /** The stream as the device stores it: Play's, merged with any StreamDeliver (cic.md §9.2.3). */
  stream?: Record<string, unknown>;
  /** Extension that started the stream (owner of AudioPlayer events). */
  extensionId?: string;
  /**
   * What the player screen shows of this stream (its Play's audioItem, cic.md §9.11), when the
   * server still has it in the device's queue: "what's playing" answers with it.
   */
  nowPlaying?: { titleText: string; titleSubText1?: string; provider?: string };
}

/** The user said something (typed, or recognized from speech). */
export interface TextTurn {
  kind: "text";
  text: string;
  /** The CIC dialogRequestId of the event that carried the utterance. */
  dialogRequestId: string;
  /** The Recognize event's payload.speechId: the ExpectSpeech this utterance answers. */
  speechId?: string;
  device: DeviceInfo;
  /**
   * Set by the CIC gateway: its stages of the turn (ASR now; TTS and total once the answer's
   * speech is synthesized), and a promise that settles then (the turn log waits for it).
   */
  timings?: TurnTimings;
  spoken?: Promise<void>;
  /**
   * What the gateway asked the assistant to read ahead (Assistant.readAhead), together with
   * the device record: one Redis round trip instead of two.
   */
  readAhead?: ReadAhead;
}

/**
 * The device's open dialog session, read before the turn reached the assistant. Opaque to the
 * gateway; the assistant uses it only if nothing of this node touched the session since (it
 * reads again otherwise).
 */
export interface ReadAhead {
  readonly key: string;
  readonly session: Promise<DialogSession | undefined>;
  readonly ticket: { readonly seq: number; readonly idle: boolean };
}

/** A device event that may concern an extension (AudioPlayer.*, PlaybackController.*). */
export interface DeviceEventTurn {
  kind: "event";
  namespace: string;
  name: string;
  payload: Record<string, unknown>;
  dialogRequestId?: string;
  device: DeviceInfo;
}

export type Turn = TextTurn | DeviceEventTurn;

/** One thing to say: text to synthesize, or an audio URL to play. */
export interface SpeechItem {
  type: "PlainText" | "URL";
  /** Language of PlainText items; "" for URL items. */
  lang: Language | "";
  value: string;
}

/** A directive for the device, passed through from an extension (e.g. AudioPlayer.Play). */
export interface PassThroughDirective {
  namespace: string;
  name: string;
  messageId: string;
  payload: Record<string, unknown>;
}

/** What the assistant decided for one turn; the gateway turns it into CIC directives. */
export interface TurnResult {
  dialogRequestId?: string;
  /** Speech to play in order (brief/verbose already resolved for the device). Empty: silent. */
  speech: SpeechItem[];
  /** Speech for the one extra listening window (cek-custom-extension.md §4.5). */
  reprompt?: SpeechItem[];
  /** Content template to render on a screen (TemplateRuntime.RenderTemplate), if any. */
  card?: Record<string, unknown>;
  directives: PassThroughDirective[];
  /** Keep listening for the user's answer (SpeechRecognizer.ExpectSpeech). */
  expectSpeech: boolean;
  /**
   * The ExpectSpeech's expectSpeechId, kept with the open session: a follow-up naming another
   * one (payload.speechId) is a fresh request (cic.md §7.2, §13.4).
   */
  expectSpeechId?: string;
  /** Which extension answered, if any; undefined for the platform's own answers. */
  extensionId?: string;
  /** The recognized intent (for logs, the simulator and dialog tests). */
  intent?: {
    name: string;
    slots: Record<string, { value: string | null; unit?: string; valueType?: string }>;
  };
  /** The CEK exchange of this turn, when an extension was called (for the simulator/--verbose). */
  exchange?: {
    request: unknown;
    response?: unknown;
    durationMs: number;
    error?: string;
    /** Content-guideline warnings about a valid answer (cek/client.ts). */
    warnings?: string[];
  };
  /**
   * What the NLU made of the utterance: confidence, which layer decided (exact template,
   * statistical model, none), the next best intents and each slot's words (for the console).
   */
  recognition?: TurnRecognition;
  /** The dialog session the turn ran in: its attributes before and after (for the console). */
  session?: TurnSession;
  /**
   * Where the turn's time went, in milliseconds, as the assistant saw it (`understandingMs`,
   * `extensionMs`); the turn log adds the gateway's stages (TextTurn.timings).
   */
  timings?: TurnTimings;
}

export interface TurnRecognition {
  intent: string | null;
  confidence: number;
  layer: "exact" | "statistical" | "none";
  alternatives: { intent: string; confidence: number }[];
  slots: Record<string, { raw: string; type: string; value: string }>;
}

export interface TurnSession {
  /** The extension's (or ability's) session id. */
  sessionId: string;
  /** True when this turn started it. */
  new: boolean;
  attributesBefore: Record<string, unknown>;
  /** Undefined when the session ended with this turn. */
  attributesAfter?: Record<string, unknown>;
}

export interface TurnTimings {
  /** Speech recognition, from the event's arrival to the transcript. */
  asrMs?: number;
  /** Understanding and routing: the assistant's own time (NLU, sessions), without the call. */
  understandingMs?: number;
  /** The call to the extension. */
  extensionMs?: number;
  /** Speech synthesis of the answer, until its last byte. */
  ttsMs?: number;
  /** From the event's arrival to the last byte of the answer's speech. */
  totalMs?: number;
}

/** The assistant as the gateway sees it. */
export interface Assistant {
  /** A user utterance. Always resolves (errors become a spoken apology). */
  handleTurn(turn: Turn): Promise<TurnResult>;
  /**
   * Whether device events of this CIC namespace go to handleTurn (AudioPlayer and
   * PlaybackController always do; others when an ability answers them).
   */
  answersEvents?(namespace: string): boolean;
  /**
   * Starts reading what a text turn of this device will need (its open session), so that the
   * gateway can send the read with its own (the device record); handed back in the turn.
   */
  readAhead?(device: DeviceIdentity): ReadAhead;
}

/** The same assistant with its turns going through `handleTurn` (metrics, the turn log). */
export function wrapTurns(assistant: Assistant, handleTurn: Assistant["handleTurn"]): Assistant {
  return {
    ...(assistant.answersEvents
      ? { answersEvents: (namespace: string) => assistant.answersEvents!(namespace) }
      : {}),
    ...(assistant.readAhead ? { readAhead: (device) => assistant.readAhead!(device) } : {}),
    handleTurn,
  };
}
