// The listening window (cek-custom-extension.md §4.5, §7.1 rule 7, §7.3): when it closes
// without input, an unused reprompt is spoken once and the window reopens; otherwise the
// session ends with SessionEndedRequest. The same rule serves the device's own report
// (SpeechRecognizer.ExpectSpeechTimedOut) and the platform's timer.
import { randomUUID } from "node:crypto";
import type { DialogSession } from "../store/sessions.js";
import { type AssistantContext, windowClosesAt } from "./context.js";
import { endSession } from "./dialog.js";
import type { KeyedLock } from "./keyed-lock.js";
import type { TurnResult } from "./turn.js";

/** What to do for a session whose listening window closed. Caller holds the session's lock. */
export async function listeningWindowClosed(
  ctx: AssistantContext,
  session: DialogSession,
  dialogRequestId?: string,
): Promise<TurnResult> {
  const result: TurnResult = {
    ...(dialogRequestId === undefined ? {} : { dialogRequestId }),
    speech: [],
    directives: [],
    expectSpeech: false,
    extensionId: session.extensionId,
  };
  if (session.reprompt && !session.repromptUsed) {
    const expectSpeechId = randomUUID();
    await ctx.sessions.put({
      ...session,
      repromptUsed: true,
      expiresAt: windowClosesAt(ctx, session.reprompt),
      expectSpeechId,
    });
    return { ...result, speech: session.reprompt, expectSpeech: true, expectSpeechId };
  }
  await endSession(ctx, session, undefined, "TIMEOUT");
  return result;
}

/** How long a sweeper holds an expired session before another node may take it over. */
export const SWEEP_LEASE_MS = 10_000;

export async function sweepSessions(
  ctx: AssistantContext,
  locks: KeyedLock,
  now: number,
): Promise<number> {
  let handled = 0;
  const keys = await ctx.sessions.expiredKeys(now);
  for (const key of keys) {
    await locks.run(key, async () => {
      // Claimed, so that with several nodes sweeping one store each session is handled once.
      const session = await ctx.sessions.claimExpired(key, now, SWEEP_LEASE_MS);
      if (!session) return; // a turn came first, or another node has it
      const result = await listeningWindowClosed(ctx, session);
      handled++;
      if (result.speech.length > 0)
        ctx.options.onProactive?.(
          { clientId: session.clientId, userId: session.userId, deviceId: session.deviceId },
          result,
        );
    });
  }
  return handled;
}
