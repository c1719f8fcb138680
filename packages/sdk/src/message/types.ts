// CEK message shapes the SDK works with, from @clover/protocol (cek-custom-extension.md §14).
// Handlers see requests in their normalized (newest) shape.
import type {
  AudioStreamInfoObject,
  CekDirective,
  CekDisplay,
  CekSlot,
  CekSlotValueType,
  NormalizedAudioPlayerContext,
  NormalizedCekRequest,
  NormalizedCekRequestBody,
  CekResponse as ProtocolCekResponse,
} from "@clover/protocol";

export type {
  CekUser,
  OutputSpeech,
  SpeechInfoObject,
  SpeechLang,
  VerboseSpeech,
} from "@clover/protocol";

export type CekRequest = NormalizedCekRequest;
export type CekRequestBody = NormalizedCekRequestBody;
export type CekRequestType = CekRequestBody["type"];
export type CekResponse = ProtocolCekResponse;
export type Directive = CekDirective;
export type Display = CekDisplay;
export type AudioStreamInfo = AudioStreamInfoObject;
export type Slot = CekSlot;
export type SlotValueType = CekSlotValueType;
export type AudioPlayerContext = NormalizedAudioPlayerContext;

/** A directive as handlers give it; the builder fills in a messageId when missing (§4.2). */
export interface DirectiveInput {
  header: { namespace: string; name: string; messageId?: string };
  payload: Record<string, unknown>;
}

/** The event of an EventRequest, as handlers read it (§3.8). */
export interface CekEvent {
  namespace: string;
  name: string;
  payload: Record<string, unknown> | null;
}
