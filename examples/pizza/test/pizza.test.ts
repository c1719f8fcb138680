import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createConversation } from "@clover/sdk";
import { createPizzaExtension, type Order, PIZZA_EXTENSION_ID } from "../src/index.js";

function shop(locale = "en-US") {
  const orders: Required<Order>[] = [];
  const ext = createPizzaExtension({ onOrder: (o) => void orders.push(o) });
  return { orders, chat: createConversation(ext, { applicationId: PIZZA_EXTENSION_ID, locale }) };
}

describe("pizza dialogs", () => {
  it("collects type, size and count over several turns and places the order on yes", async () => {
    const { chat, orders } = shop();
    assert.equal(
      (await chat.launch()).speech,
      "Welcome to the pizza shop. What pizza would you like?",
    );
    const type = await chat.intent("OrderPizzaIntent", { pizzaType: "pepperoni" });
    assert.equal(type.speech, "What size: small, medium or large?");
    assert.deepEqual(chat.sessionAttributes, { order: { type: "pepperoni" } });
    const size = await chat.intent("OrderPizzaIntent", { pizzaSize: "large" });
    assert.equal(size.speech, "How many pizzas?");
    const count = await chat.intent("OrderPizzaIntent", { pizzaCount: "2" });
    assert.equal(count.speech, "So that's 2 large pepperoni pizzas. Shall I place the order?");
    assert.deepEqual(chat.sessionAttributes, {
      order: { type: "pepperoni", size: "large", count: 2 },
      confirming: true,
    });
    const yes = await chat.intent("Clova.YesIntent");
    assert.equal(
      yes.speech,
      "Your order of 2 large pepperoni pizzas is placed. It will be ready in about 30 minutes.",
    );
    assert.equal(yes.shouldEndSession, true);
    assert.deepEqual(orders, [{ type: "pepperoni", size: "large", count: 2 }]);
  });

  it("takes a whole order in one sentence", async () => {
    const { chat } = shop();
    const turn = await chat.intent("OrderPizzaIntent", {
      pizzaType: "veggie",
      pizzaSize: "small",
      pizzaCount: "1",
    });
    assert.equal(turn.speech, "So that's 1 small veggie pizza. Shall I place the order?");
    assert.equal(turn.request.session.new, true);
  });

  it("starts over on no at the confirmation, and lets the user change a field", async () => {
    const { chat, orders } = shop();
    await chat.intent("OrderPizzaIntent", {
      pizzaType: "hawaiian",
      pizzaSize: "medium",
      pizzaCount: "3",
    });
    const no = await chat.intent("Clova.NoIntent");
    assert.equal(no.speech, "Okay, let's start over. What pizza would you like?");
    assert.deepEqual(chat.sessionAttributes, { order: {} });
    await chat.intent("OrderPizzaIntent", {
      pizzaType: "bulgogi",
      pizzaSize: "large",
      pizzaCount: "1",
    });
    const change = await chat.intent("OrderPizzaIntent", { pizzaSize: "small" });
    assert.equal(change.speech, "So that's 1 small bulgogi pizza. Shall I place the order?");
    await chat.intent("Clova.YesIntent");
    assert.deepEqual(orders, [{ type: "bulgogi", size: "small", count: 1 }]);
  });

  it("asks again for an impossible count", async () => {
    const { chat } = shop();
    await chat.intent("OrderPizzaIntent", { pizzaType: "seafood", pizzaSize: "large" });
    const bad = await chat.intent("OrderPizzaIntent", { pizzaCount: "50" });
    assert.equal(bad.speech, "Sorry, I can take 1 to 20 pizzas, not 50. How many pizzas?");
    assert.equal(bad.shouldEndSession, false);
    assert.match(
      (await chat.intent("OrderPizzaIntent", { pizzaCount: "4" })).speech,
      /^So that's 4 large seafood/,
    );
  });

  it("treats yes before the order is complete as 'go on'", async () => {
    const { chat, orders } = shop();
    await chat.launch();
    assert.match((await chat.intent("Clova.YesIntent")).speech, /^Which pizza would you like\?/);
    assert.equal(orders.length, 0);
  });

  it("guides, falls back to the pending question, and cancels", async () => {
    const { chat } = shop();
    await chat.intent("OrderPizzaIntent", { pizzaType: "margherita" });
    const guide = await chat.intent("Clova.GuideIntent");
    assert.equal(
      guide.speech,
      "Tell me the pizza, the size and how many, for example: two large pepperoni pizzas. What size: small, medium or large?",
    );
    assert.equal(
      (await chat.intent("Clova.FallbackIntent")).speech,
      "What size: small, medium or large?",
    );
    const cancel = await chat.intent("Clova.CancelIntent");
    assert.equal(cancel.speech, "Your order is cancelled. Goodbye.");
    assert.equal(chat.isSessionOpen, false);
  });

  it("ends without an order when the user says no outside the confirmation", async () => {
    const { chat } = shop();
    await chat.launch();
    const no = await chat.intent("Clova.NoIntent");
    assert.equal(no.shouldEndSession, true);
  });

  it("speaks Japanese and Korean", async () => {
    const ja = shop("ja-JP").chat;
    const jaTurn = await ja.intent("OrderPizzaIntent", {
      pizzaType: "pepperoni",
      pizzaSize: "large",
      pizzaCount: "2",
    });
    assert.equal(jaTurn.speech, "ペパロニピザのLサイズを2枚ですね。注文してよろしいですか？");
    assert.match((await ja.intent("Clova.YesIntent")).speech, /ご注文を承りました/);
    const ko = shop("ko-KR").chat;
    assert.equal(
      (await ko.launch()).speech,
      "피자 가게에 오신 것을 환영합니다. 어떤 피자를 드릴까요?",
    );
    const koTurn = await ko.intent("OrderPizzaIntent", { pizzaType: "bulgogi" });
    assert.equal(koTurn.speech, "사이즈는 스몰, 미디엄, 라지 중 어떤 걸로 할까요?");
    const speech = koTurn.response.response.outputSpeech;
    assert.equal(speech.type === "SimpleSpeech" && speech.values.lang, "ko");
  });
});
