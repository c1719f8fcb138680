// Compile-time checks: the lines marked @ts-expect-error must fail to type-check (tsc runs over
// the tests in CI), the others must pass. At run time the same handlers answer real requests.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createConversation, createExtension } from "../src/index.js";
import type { ShopModel } from "./fixtures/shop-model.generated.js";

const shop = createExtension<ShopModel>({ defaultLanguage: "en" })
  .onIntent("OrderBreadIntent", (ctx) => {
    const kind: "baguette" | "croissant" | "クロワッサン" | undefined = ctx.slotValue("breadKind");
    const count = ctx.slot("breadCount");
    // @ts-expect-error a slot of another intent
    ctx.slot("note");
    // @ts-expect-error a slot that does not exist
    ctx.slotValue("breadSize");
    ctx.say(`${count?.value ?? "one"} ${kind ?? "bread"}`);
  })
  .onIntent("Clova.YesIntent", (ctx) => {
    ctx.say("yes");
  })
  .onIntent("Clova.PauseIntent", (ctx) => {
    // Built-ins the model does not enable may still be handled.
    ctx.say("pause");
  })
  .onLaunch((ctx) => {
    // Outside one intent, any slot of the model is accepted.
    ctx.slot("note");
    ctx.say("welcome");
  });

// @ts-expect-error an intent the model does not define
shop.onIntent("OrderPizzaIntent", () => {});

describe("typed extension", () => {
  it("answers with the typed handlers", async () => {
    const chat = createConversation(shop);
    // @ts-expect-error the tester checks intent names too
    void chat.intent.bind(chat, "NoSuchIntent");
    await chat.launch();
    const turn = await chat.intent("OrderBreadIntent", { breadKind: "croissant", breadCount: "2" });
    assert.equal(turn.speech, "2 croissant");
  });
});
