// The dice extension of the Clova tutorial: roll 1–10 dice (default 1), with Guide, Cancel,
// Yes ("roll again") and No.
import { createExtension, type ExtensionOptions, type HandlerContext } from "@clover/sdk";
import { messages } from "./messages.js";
import type { DiceModel } from "./model.generated.js";

export const DICE_EXTENSION_ID = "com.clover.example.dice";
export const MAX_DICE = 10;

export interface DiceOptions extends ExtensionOptions {
  /** Random source in [0, 1); tests pass a fixed sequence. */
  random?: () => number;
  /** Optional MP3 (HTTPS) played before the result. */
  soundUrl?: string;
}

type Ctx = HandlerContext<DiceModel>;

export function createDiceExtension(options: DiceOptions = {}) {
  const random = options.random ?? Math.random;
  const say = (ctx: Ctx) => messages[ctx.language];

  const roll = (ctx: Ctx, count: number) => {
    const values = Array.from({ length: count }, () => Math.floor(random() * 6) + 1);
    const total = values.reduce((a, b) => a + b, 0);
    if (options.soundUrl) ctx.response.speakUrl(options.soundUrl);
    ctx.say(say(ctx).rolled(count, values, total), say(ctx).again);
    ctx.response.reprompt(say(ctx).again);
    ctx.sessionAttributes.lastCount = count;
  };

  return createExtension<DiceModel>({
    applicationId: DICE_EXTENSION_ID,
    defaultLanguage: "en",
    ...options,
  })
    .onLaunch((ctx) => {
      ctx.say(say(ctx).welcome).response.reprompt(say(ctx).askCount);
    })
    .onIntent("ThrowDiceIntent", (ctx) => {
      const spoken = ctx.slotValue("diceCount");
      const count = spoken === undefined ? 1 : Number(spoken);
      if (!Number.isInteger(count) || count < 1 || count > MAX_DICE) {
        ctx.say(say(ctx).outOfRange(spoken ?? "")).response.reprompt(say(ctx).askCount);
        return;
      }
      roll(ctx, count);
    })
    .onIntent("Clova.YesIntent", (ctx) => {
      roll(ctx, Number(ctx.sessionAttributes.lastCount ?? 1));
    })
    .onIntent(["Clova.NoIntent", "Clova.CancelIntent"], (ctx) => {
      ctx.say(say(ctx).bye).endSession();
    })
    .onIntent("Clova.GuideIntent", (ctx) => {
      ctx.say(say(ctx).guide).response.reprompt(say(ctx).askCount);
    })
    .onSessionEnded(() => {
      // Nothing to clean up; the platform ignores this answer (§3.7).
    })
    .onError((_error, ctx) => {
      ctx.say(say(ctx).guide);
    });
}
