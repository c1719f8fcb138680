// A multi-turn pizza order: type, size and count are collected over several turns in
// sessionAttributes, read back, and placed on "yes".
import { createExtension, type ExtensionOptions, type HandlerContext } from "@clover/sdk";
import { messages } from "./messages.js";
import type { PizzaModel } from "./model.generated.js";
import { missingField, type Order, type PizzaSession, pizzaCount, sessionOf } from "./order.js";

export const PIZZA_EXTENSION_ID = "com.clover.example.pizza";

export interface PizzaOptions extends ExtensionOptions {
  /** Called with each placed order (a real shop would send it to the kitchen). */
  onOrder?: (order: Required<Order>, userId: string) => void | Promise<void>;
}

type Ctx = HandlerContext<PizzaModel>;

export function createPizzaExtension(options: PizzaOptions = {}) {
  const text = (ctx: Ctx) => messages[ctx.language];

  const save = (ctx: Ctx, session: PizzaSession) => {
    ctx.sessionAttributes = {
      order: session.order,
      ...(session.confirming ? { confirming: true } : {}),
    };
  };

  /** Asks for what is missing, or reads the complete order back for confirmation. */
  const next = (ctx: Ctx, session: PizzaSession) => {
    const missing = missingField(session.order);
    if (missing) {
      session.confirming = false;
      ctx.say(text(ctx).ask[missing]).response.reprompt(text(ctx).ask[missing]);
    } else {
      session.confirming = true;
      const question = text(ctx).confirm(session.order as Required<Order>);
      ctx.say(question).response.reprompt(question);
    }
    save(ctx, session);
  };

  return createExtension<PizzaModel>({
    applicationId: PIZZA_EXTENSION_ID,
    defaultLanguage: "en",
    ...options,
  })
    .onLaunch((ctx) => {
      ctx.say(text(ctx).welcome).response.reprompt(text(ctx).ask.type);
      save(ctx, { order: {} });
    })
    .onIntent("OrderPizzaIntent", (ctx) => {
      const session = sessionOf(ctx.sessionAttributes);
      const type = ctx.slotValue("pizzaType");
      const size = ctx.slotValue("pizzaSize");
      const spokenCount = ctx.slotValue("pizzaCount");
      if (type) session.order.type = type;
      if (size) session.order.size = size;
      if (spokenCount !== undefined) {
        const count = pizzaCount(spokenCount);
        if (count === undefined) {
          ctx.say(text(ctx).badCount(spokenCount)).response.reprompt(text(ctx).ask.count);
          save(ctx, { order: { ...session.order, count: undefined }, confirming: false });
          return;
        }
        session.order.count = count;
      }
      next(ctx, session);
    })
    .onIntent("Clova.YesIntent", async (ctx) => {
      const session = sessionOf(ctx.sessionAttributes);
      if (!session.confirming || missingField(session.order)) return next(ctx, session);
      const order = session.order as Required<Order>;
      await options.onOrder?.(order, ctx.user.userId);
      ctx.say(text(ctx).placed(order)).endSession();
    })
    .onIntent("Clova.NoIntent", (ctx) => {
      const session = sessionOf(ctx.sessionAttributes);
      if (session.confirming) {
        ctx.say(text(ctx).startOver).response.reprompt(text(ctx).ask.type);
        save(ctx, { order: {} });
        return;
      }
      ctx.say(text(ctx).noOrder).endSession();
    })
    .onIntent("Clova.CancelIntent", (ctx) => {
      ctx.say(text(ctx).cancelled).endSession();
    })
    .onIntent("Clova.GuideIntent", (ctx) => {
      ctx.say(text(ctx).guide);
      next(ctx, sessionOf(ctx.sessionAttributes));
    })
    .onFallbackIntent((ctx) => {
      next(ctx, sessionOf(ctx.sessionAttributes));
    })
    .onError((_error, ctx) => {
      ctx.say(text(ctx).guide);
      next(ctx, sessionOf(ctx.sessionAttributes));
    });
}
