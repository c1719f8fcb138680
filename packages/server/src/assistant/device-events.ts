// Device events that concern extensions (cek-custom-extension.md §5, §7.7): AudioPlayer events
// become EventRequests to the extension that owns the playback (never to 0.1.0 extensions);
// button presses become playback intents (§5.8), except Stop, which the platform answers itself
// (§5.8: the owner is not asked; cic/interfaces/playback-controller.ts). SpeechRecognizer.ExpectSpeechTimedOut was
// removed from CIC (cic.md §9) and is refused by the gateway; the listening window closes by
// the platform's timer (session-timeouts.ts).
import { randomUUID } from "node:crypto";
import { CEK_PLAYBACK_EVENT_NAMES, type CekEvent } from "@clover/protocol";
import { eventTimestamp } from "../cek/request-builder.js";
import { sessionKey } from "../store/sessions.js";
import type { AssistantContext } from "./context.js";
import { converse, turnExchange } from "./dialog.js";
import { passThroughDirectives } from "./directives.js";
import type { DeviceEventTurn, TurnResult } from "./turn.js";

const AUDIO_EVENTS: ReadonlySet<string> = new Set([...CEK_PLAYBACK_EVENT_NAMES, "StreamRequested"]);

/** cic.md PlaybackController button events → built-in intents (§5.8 recommendation). */
const BUTTON_INTENTS: Record<string, string> = {
  NextCommandIssued: "Clova.NextIntent",
  PreviousCommandIssued: "Clova.PreviousIntent",
  PauseCommandIssued: "Clova.PauseIntent",
  ResumeCommandIssued: "Clova.ResumeIntent",
  PlayCommandIssued: "Clova.ResumeIntent",
};

export async function handleDeviceEvent(
  ctx: AssistantContext,
  turn: DeviceEventTurn,
): Promise<TurnResult> {
  const { device } = turn;
  const empty: TurnResult = {
    ...(turn.dialogRequestId === undefined ? {} : { dialogRequestId: turn.dialogRequestId }),
    speech: [],
    directives: [],
    expectSpeech: false,
  };
  const ownerId =
    device.playback?.extensionId ?? (await ctx.sessions.getPlaybackOwner(sessionKey(device)));
  const owner = ownerId ? ctx.registry.get(ownerId) : undefined;
  if (!owner?.usesAudioPlayer) return empty;
  if (turn.namespace === "PlaybackController" && BUTTON_INTENTS[turn.name]) {
    const name = BUTTON_INTENTS[turn.name]!;
    return converse(ctx, {
      extension: owner,
      device,
      ...(turn.dialogRequestId === undefined ? {} : { dialogRequestId: turn.dialogRequestId }),
      body: { type: "IntentRequest", intent: { name, slots: {} } },
      intent: { name, slots: {} },
    });
  }
  if (turn.namespace !== "AudioPlayer" || !AUDIO_EVENTS.has(turn.name)) return empty;
  // §7.7: outside dialog sessions — fresh sessionId, new: true, attributes {}.
  const exchange = await ctx.client.call(
    owner,
    {
      device,
      session: { new: true, sessionId: randomUUID(), sessionAttributes: {} },
      body: {
        type: "EventRequest",
        requestId: turn.dialogRequestId ?? randomUUID(),
        timestamp: eventTimestamp(),
        locale: device.locale,
        extensionId: owner.id,
        event: { namespace: "AudioPlayer", name: turn.name, payload: turn.payload } as CekEvent,
      },
    },
    turn.dialogRequestId === undefined ? {} : { dialogRequestId: turn.dialogRequestId },
  );
  if (!exchange) return empty; // 0.1.0 extensions get no EventRequests (§12.2)
  const result: TurnResult = {
    ...empty,
    extensionId: owner.id,
    exchange: turnExchange(exchange),
  };
  // Only directives count in answers to events (§7.7).
  if (exchange.response)
    result.directives = passThroughDirectives(
      exchange.response.response.directives,
      owner,
      ctx.log,
      turn.dialogRequestId,
      result.exchange,
    );
  return result;
}
