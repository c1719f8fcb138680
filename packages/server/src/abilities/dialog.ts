// An ability's turn inside the assistant: the answer becomes a turn result, and the ability's
// session (multi-turn questions, reprompts, the listening window) lives in the same session
// store as extensions' sessions, under the ability's id.
import { randomUUID } from "node:crypto";
import { type AssistantContext, windowClosesAt } from "../assistant/context.js";
import { SAY } from "../assistant/platform-phrases.js";
import { turnRecognition } from "../assistant/recognition.js";
import { say } from "../assistant/speech.js";
import type { DeviceInfo, TurnResult } from "../assistant/turn.js";
import { type DialogSession, sessionKey } from "../store/sessions.js";
import type { Ability, AbilityAnswer, AbilityTurn } from "./ability.js";
import type { Understood } from "./router.js";

export interface AbilityTurnInput {
  text: string;
  device: DeviceInfo;
  dialogRequestId?: string;
  /** The ability's open session, when the turn continues it. */
  session?: DialogSession;
}

/** What a guest device hears and gets for a request that needs an account (cic.md §9.3). */
export function logInAnswer(device: DeviceInfo): AbilityAnswer {
  return {
    speech: say(SAY.logIn(device.language), device.language),
    directives: [{ namespace: "Clova", name: "ExpectLogin", messageId: randomUUID(), payload: {} }],
  };
}

function abilityTurnOf(understood: Understood, input: AbilityTurnInput): AbilityTurn {
  const { session } = input;
  return {
    text: input.text,
    device: input.device,
    recognition: understood.recognition,
    ...(input.dialogRequestId === undefined ? {} : { dialogRequestId: input.dialogRequestId }),
    ...(session
      ? { session: { sessionId: session.sessionId, attributes: session.sessionAttributes } }
      : {}),
  };
}

/** A guest device asking an ability for something that needs an account (cic.md §3.8). */
function needsLogIn(ability: Ability, turn: AbilityTurn): boolean {
  return turn.device.guest === true && ability.needsAccount?.(turn) === true;
}

/** Asks the ability; undefined when it declined. Opens, keeps or ends its session. */
export async function askAbility(
  ctx: AssistantContext,
  understood: Understood,
  input: AbilityTurnInput,
): Promise<TurnResult | undefined> {
  const { ability, recognition } = understood;
  const { device } = input;
  const turn = abilityTurnOf(understood, input);
  // cic.md §3.8: a guest asking for something that needs an account is asked to log in; the
  // request is not kept (the user asks again after logging in).
  const answer = needsLogIn(ability, turn) ? logInAnswer(device) : await ability.handle(turn);
  const { session } = input;
  const key = sessionKey(device);
  if (!answer) {
    if (session) await ctx.sessions.delete(key, session.sessionId);
    return undefined;
  }
  const result = abilityResult(ability, answer, input.dialogRequestId);
  result.intent = {
    name: recognition.intent ?? "Clova.GuideIntent",
    slots: Object.fromEntries(
      Object.entries(recognition.slots).map(([name, slot]) => [
        name,
        {
          value: slot.value,
          ...(slot.unit === undefined ? {} : { unit: slot.unit }),
          ...(slot.valueType === undefined ? {} : { valueType: slot.valueType }),
        },
      ]),
    ),
  };
  result.recognition = turnRecognition(recognition);
  const sessionId = session?.sessionId ?? randomUUID();
  const before = { sessionId, new: !session, attributesBefore: session?.sessionAttributes ?? {} };
  if (!answer.keepSession) {
    if (session) {
      result.session = before;
      await ctx.sessions.delete(key, session.sessionId);
    }
    return result;
  }
  result.expectSpeech = true;
  result.expectSpeechId = randomUUID();
  result.session = { ...before, attributesAfter: answer.keepSession.attributes };
  await ctx.sessions.put({
    key,
    clientId: device.clientId,
    userId: device.userId,
    deviceId: device.deviceId,
    extensionId: ability.id,
    sessionId,
    language: device.language,
    device,
    sessionAttributes: answer.keepSession.attributes,
    ...(answer.reprompt && answer.reprompt.length > 0 ? { reprompt: answer.reprompt } : {}),
    repromptUsed: false,
    expiresAt: windowClosesAt(ctx, result.speech),
    expectSpeechId: result.expectSpeechId,
  });
  return result;
}

/** An ability's answer as the turn result the gateway turns into directives. */
export function abilityResult(
  ability: Ability,
  answer: AbilityAnswer,
  dialogRequestId: string | undefined,
): TurnResult {
  return {
    ...(dialogRequestId === undefined ? {} : { dialogRequestId }),
    speech: answer.speech,
    ...(answer.reprompt && answer.reprompt.length > 0 ? { reprompt: answer.reprompt } : {}),
    ...(answer.card ? { card: answer.card } : {}),
    ...(answer.exchange ? { exchange: answer.exchange } : {}),
    directives: answer.directives ?? [],
    expectSpeech: false,
    extensionId: ability.id,
  };
}
