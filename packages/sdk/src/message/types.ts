// CEK message shapes the SDK works with (cek-custom-extension.md §14).
// Interim: these follow the spec's §14 summary until @clover/protocol exports its CEK codecs;
// then this file only re-exports them.

export type SpeechLang = "ja" | "ko" | "en" | "";
export interface SpeechInfoObject {
  type: "PlainText" | "URL";
  lang: SpeechLang;
  value: string;
}
export type VerboseSpeech =
  | { type: "SimpleSpeech"; values: SpeechInfoObject }
  | { type: "SpeechList"; values: SpeechInfoObject[] };
export type OutputSpeech =
  | Record<string, never>
  | { type: "SimpleSpeech"; values: SpeechInfoObject }
  | { type: "SpeechList"; values: SpeechInfoObject[] }
  | { type: "SpeechSet"; brief: SpeechInfoObject; verbose: VerboseSpeech };

export interface CekUser {
  userId: string;
  accessToken?: string | null;
}
export interface Display {
  size: "none" | "s100" | "m100" | "l100" | "xl100" | "custom" | (string & {});
  orientation?: "landscape" | "portrait";
  dpi?: number;
  contentLayer?: { width: number; height: number };
}
export interface AudioStreamInfo {
  token: string;
  url: string;
  urlPlayable: boolean;
  beginAtInMilliseconds: number;
  durationInMilliseconds?: number;
  customData?: string;
  progressReport?: {
    progressReportDelayInMilliseconds?: number | null;
    progressReportIntervalInMilliseconds?: number | null;
    progressReportPositionInMilliseconds?: number | null;
  };
  [extra: string]: unknown;
}
export type SlotValueType =
  | "TIME"
  | "DATE"
  | "DATETIME"
  | "TIME.INTERVAL"
  | "DATE.INTERVAL"
  | "DATETIME.INTERVAL";
export interface Slot {
  name: string;
  value: string | null;
  valueType?: SlotValueType;
  unit?: string;
}
export interface CekEvent {
  namespace: string;
  name: string;
  payload: Record<string, unknown> | null;
}
export type CekRequestBody =
  | { type: "LaunchRequest"; locale?: string }
  | {
      type: "IntentRequest";
      locale?: string;
      intent: { name: string; slots: Record<string, Slot> };
    }
  | { type: "SessionEndedRequest"; locale?: string }
  | {
      type: "EventRequest";
      requestId: string;
      timestamp: string;
      locale?: string;
      extensionId?: string;
      event: CekEvent;
    };
export type CekRequestType = CekRequestBody["type"];

export interface AudioPlayerContext {
  playerActivity: "IDLE" | "PLAYING" | "PAUSED" | "STOPPED";
  offsetInMilliseconds?: number;
  totalInMilliseconds?: number;
  stream?: AudioStreamInfo;
  repeatMode?: string;
  token?: string;
}
export interface CekRequest {
  version: string;
  session: {
    new: boolean;
    sessionAttributes: Record<string, unknown>;
    sessionId: string;
    user?: CekUser;
  };
  context: {
    AudioPlayer?: AudioPlayerContext;
    System: {
      application?: { applicationId: string };
      device: { deviceId: string; display?: Display };
      user: CekUser;
    };
  };
  request: CekRequestBody;
}

export interface Directive {
  header: { namespace: string; name: string; messageId?: string };
  payload: Record<string, unknown>;
}
export interface CekResponse {
  version: string;
  sessionAttributes: Record<string, unknown>;
  response: {
    outputSpeech: OutputSpeech;
    reprompt?: { outputSpeech: OutputSpeech };
    card: Record<string, unknown>;
    directives: Directive[];
    shouldEndSession: boolean;
  };
}
