// One exchange with an extension inside a turn, and ending sessions
// (cek-custom-extension.md §7: rules 1–8 and the state machine of §7.2).
import { randomUUID } from "node:crypto";
import type { CekRequestBody } from "@clover/protocol";
import type { CekExchange } from "../cek/client.js";
import { newSessionId } from "../cek/request-builder.js";
import type { ExtensionRecord } from "../store/extensions.js";
import { type DialogSession, sessionKey } from "../store/sessions.js";
import { type AssistantContext, inBackground, windowClosesAt } from "./context.js";
import { isPlay, passThroughDirectives } from "./directives.js";
import { SAY } from "./platform-phrases.js";
import { SESSION_END_WAIT_MS, SessionEndings } from "./session-endings.js";
import { say, speechItems } from "./speech.js";
import type { DeviceInfo, TurnResult } from "./turn.js";

export interface ConverseInput {
  extension: ExtensionRecord;
  device: DeviceInfo;
  dialogRequestId?: string;
  body: CekRequestBody;
  /** The open session this continues; undefined starts a new one (`new: true`). */
  session?: DialogSession;
  intent?: TurnResult["intent"];
  recognition?: TurnResult["recognition"];
}

export async function converse(ctx: AssistantContext, input: ConverseInput): Promise<TurnResult> {
  const { extension, device, session } = input;
  const language = device.language;
  const base: TurnResult = {
    speech: [],
    directives: [],
    expectSpeech: false,
    extensionId: extension.id,
    ...(input.dialogRequestId === undefined ? {} : { dialogRequestId: input.dialogRequestId }),
    ...(input.intent ? { intent: input.intent } : {}),
    ...(input.recognition ? { recognition: input.recognition } : {}),
  };
  let accessToken: string | undefined;
  if (extension.accountLinking) {
    accessToken = await ctx.linking.accessToken(
      extension.id,
      extension.accountLinking,
      device.userId,
    );
    // §8.7, interaction-model.md §9.5: an unlinked user is asked to link in the app.
    if (!accessToken) {
      if (session) await endSession(ctx, session, device, "USER_INITIATED", input.dialogRequestId);
      // A guest device has no account to link: it is asked to log in (cic.md §3.8, §9.3).
      if (device.guest)
        return {
          ...base,
          speech: say(SAY.logIn(language), language),
          directives: [
            { namespace: "Clova", name: "ExpectLogin", messageId: randomUUID(), payload: {} },
          ],
        };
      return { ...base, speech: say(SAY.linkAccount(language, extension.displayName), language) };
    }
  }
  const sessionId = session?.sessionId ?? newSessionId();
  const ending = ctx.endings.pending(sessionKey(device), extension.id);
  if (ending) await afterSessionEnd(ctx, ending, extension.id, input.dialogRequestId);
  const exchange = await ctx.client.call(
    extension,
    {
      device,
      session: { new: !session, sessionId, sessionAttributes: session?.sessionAttributes ?? {} },
      ...(accessToken ? { accessToken } : {}),
      body: input.body,
    },
    input.dialogRequestId === undefined ? {} : { dialogRequestId: input.dialogRequestId },
  );
  if (!exchange) return base;
  base.exchange = turnExchange(exchange);
  base.session = {
    sessionId,
    new: !session,
    attributesBefore: session?.sessionAttributes ?? {},
  };
  const key = sessionKey(device);
  const response = exchange.response;
  if (!response) {
    // §2.4: apologize, end the dialog, best-effort SessionEndedRequest if one was open.
    if (session) await endSession(ctx, session, device, "ERROR", input.dialogRequestId);
    return {
      ...base,
      speech: say(SAY.extensionFailed(language, extension.displayName), language),
    };
  }
  const r = response.response;
  const result: TurnResult = {
    ...base,
    speech: speechItems(r.outputSpeech, device.display.size, language),
    directives: passThroughDirectives(
      r.directives,
      extension,
      ctx.log,
      input.dialogRequestId,
      base.exchange,
    ),
  };
  if (Object.keys(r.card).length > 0) result.card = r.card;
  if (result.directives.some(isPlay)) await ctx.sessions.setPlaybackOwner(key, extension.id);
  if (r.shouldEndSession) {
    // §7.1 rule 4: the extension closed it; no SessionEndedRequest follows. A session opened
    // by this very turn was never stored (nothing can hold its new sessionId): nothing to end.
    if (session) await ctx.sessions.delete(key, sessionId);
    return result;
  }
  const reprompt = r.reprompt
    ? speechItems(r.reprompt.outputSpeech, device.display.size, language)
    : [];
  if (reprompt.length > 0) result.reprompt = reprompt;
  result.expectSpeech = true;
  result.expectSpeechId = randomUUID();
  result.session = { ...base.session, attributesAfter: response.sessionAttributes };
  await ctx.sessions.put({
    key,
    clientId: device.clientId,
    userId: device.userId,
    deviceId: device.deviceId,
    extensionId: extension.id,
    sessionId,
    language,
    device,
    // §7.2: replaced, not merged.
    sessionAttributes: response.sessionAttributes,
    ...(reprompt.length > 0 ? { reprompt } : {}),
    repromptUsed: false,
    expiresAt: windowClosesAt(ctx, result.speech),
    expectSpeechId: result.expectSpeechId,
  });
  return result;
}

export type EndReason = "USER_INITIATED" | "TIMEOUT" | "ERROR";

/**
 * Closes a session and sends SessionEndedRequest without waiting; the answer is ignored
 * (§3.7, §7.1 rule 6). Skipped when the session was already gone (someone else ended it).
 * The device's next call to the same extension waits for it (afterSessionEnd).
 */
export async function endSession(
  ctx: AssistantContext,
  session: DialogSession,
  device: DeviceInfo | undefined,
  reason: EndReason,
  dialogRequestId?: string,
): Promise<void> {
  if (!(await ctx.sessions.delete(session.key, session.sessionId))) return;
  const extension = ctx.registry.get(session.extensionId);
  if (!extension) return;
  ctx.log.info(
    { extensionId: extension.id, sessionId: session.sessionId, reason, dialogRequestId },
    "session ended by the platform",
  );
  // After an error the circuit may be open: the best-effort call is skipped by the breaker.
  const target = device ?? session.device;
  const sending = inBackground(
    ctx,
    (async () => {
      const accessToken = extension.accountLinking
        ? await ctx.linking.accessToken(extension.id, extension.accountLinking, target.userId)
        : undefined;
      await ctx.client.call(
        extension,
        {
          device: target,
          session: {
            new: false,
            sessionId: session.sessionId,
            sessionAttributes: session.sessionAttributes,
          },
          ...(accessToken ? { accessToken } : {}),
          body: { type: "SessionEndedRequest" },
        },
        dialogRequestId === undefined
          ? { ignoreAnswer: true }
          : { ignoreAnswer: true, dialogRequestId },
      );
    })(),
  );
  ctx.endings.add(session.key, extension.id, sending);
}

/**
 * Waits until this device's SessionEndedRequest to the extension, still on its way, has been
 * answered, at most `sessionEndWaitMs`: the extension gets the old session's end before the
 * new session's first request (§7.2), and a slow one delays the turn by the bound at most.
 */
async function afterSessionEnd(
  ctx: AssistantContext,
  ending: Promise<void>,
  extensionId: string,
  dialogRequestId: string | undefined,
): Promise<void> {
  const waitMs = ctx.options.sessionEndWaitMs ?? SESSION_END_WAIT_MS;
  if (waitMs <= 0 || (await SessionEndings.within(ending, waitMs))) return;
  ctx.log.warn(
    { extensionId, dialogRequestId, waitMs },
    "SessionEndedRequest of the previous session unanswered; sending the next request anyway",
  );
}

/** The CEK exchange as the turn result shows it (simulator, --verbose). */
export function turnExchange(exchange: CekExchange): NonNullable<TurnResult["exchange"]> {
  return {
    request: exchange.request,
    ...(exchange.rawResponse === undefined ? {} : { response: exchange.rawResponse }),
    durationMs: exchange.durationMs,
    ...(exchange.error ? { error: `${exchange.error.failure}: ${exchange.error.message}` } : {}),
    ...(exchange.warnings ? { warnings: [...exchange.warnings] } : {}),
  };
}
