// An extension written with LINE's own Clova CEK SDK (@line/clova-cek-sdk-nodejs) talks to
// Clover unchanged: multi-turn dialog, slots, sessionAttributes, SessionEndedRequest.
import assert from "node:assert/strict";
import { verify } from "node:crypto";
import { createServer, type Server } from "node:http";
import { after, before, describe, it } from "node:test";
import clova from "@line/clova-cek-sdk-nodejs";
import { bakeryModel } from "../helpers/models.js";
import { device, register, say, startPlatform, type TestPlatform } from "../helpers/platform.js";

type Ctx = InstanceType<typeof clova.Context>;

describe("an extension built with @line/clova-cek-sdk-nodejs", () => {
  let platform: TestPlatform;
  let server: Server;
  const seen: { type: string; signed: boolean; sessionId: string }[] = [];

  before(async () => {
    platform = await startPlatform();
    const speak = (value: string) => clova.SpeechBuilder.createSpeechText(value, "en");
    const handler = clova.Client.configureSkill()
      .onLaunchRequest((ctx: Ctx) => {
        ctx.setSimpleSpeech(speak("Welcome to the LINE bakery."));
        ctx.setSimpleSpeech(speak("What would you like?"), true);
      })
      .onIntentRequest((ctx: Ctx) => {
        const attributes = ctx.getSessionAttributes() as { orders?: string[] };
        if (ctx.getIntentName() === "OrderBread") {
          const orders = [
            ...(attributes.orders ?? []),
            `${ctx.getSlot("breadCount") ?? 1} ${ctx.getSlot("breadKind")}`,
          ];
          ctx.setSessionAttributes({ orders });
          ctx.setSimpleSpeech(speak(`Added. Your order: ${orders.join(", ")}.`));
        } else if (ctx.getIntentName() === "Clova.NoIntent") {
          ctx.setSpeechList([
            speak("Thank you."),
            speak(`You ordered ${(attributes.orders ?? []).length} items.`),
          ]);
          ctx.endSession();
        } else ctx.setSimpleSpeech(speak("Say, for example, two croissants."));
      })
      .onSessionEndedRequest(() => {})
      .lambda() as (request: unknown) => Promise<unknown>;
    server = createServer(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const raw = Buffer.concat(chunks);
      const body = JSON.parse(raw.toString("utf8"));
      const signature = String(req.headers.signaturecek ?? "");
      seen.push({
        type: body.request.type,
        sessionId: body.session.sessionId,
        signed: verify(
          "sha256",
          raw,
          platform.keys.active.publicKeyPem,
          Buffer.from(signature, "base64"),
        ),
      });
      const response = await handler(body);
      res.writeHead(200, { "content-type": "application/json;charset=UTF-8" });
      res.end(JSON.stringify(response));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    await register(platform, {
      id: "com.example.linebakery",
      displayName: "LINE Bakery",
      endpointUrl: `http://127.0.0.1:${(server.address() as { port: number }).port}/`,
      models: { en: bakeryModel("en") },
    });
  });
  after(async () => {
    await platform.close();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it("holds a multi-turn dialog", async () => {
    const me = device({ deviceId: "line-sdk" });
    const launch = await platform.assistant.handleTurn(say("open bakery bot", me));
    assert.deepEqual(
      launch.speech.map((s) => s.value),
      ["Welcome to the LINE bakery."],
    );
    assert.deepEqual(
      launch.reprompt?.map((s) => s.value),
      ["What would you like?"],
    );
    assert.equal(launch.expectSpeech, true, "the LINE SDK keeps sessions open by default");
    const first = await platform.assistant.handleTurn(say("two croissants please", me));
    assert.equal(first.speech[0]?.value, "Added. Your order: 2 croissant.");
    const second = await platform.assistant.handleTurn(say("i want 3 baguettes", me));
    assert.equal(second.speech[0]?.value, "Added. Your order: 2 croissant, 3 baguette.");
    const done = await platform.assistant.handleTurn(say("no", me));
    assert.deepEqual(
      done.speech.map((s) => s.value),
      ["Thank you.", "You ordered 2 items."],
    );
    assert.equal(done.expectSpeech, false);
    assert.deepEqual(
      seen.map((s) => s.type),
      ["LaunchRequest", "IntentRequest", "IntentRequest", "IntentRequest"],
    );
    assert.ok(seen.every((s) => s.signed));
    assert.equal(new Set(seen.map((s) => s.sessionId)).size, 1);
  });

  it("receives SessionEndedRequest when the user leaves", async () => {
    const me = device({ deviceId: "line-sdk-2" });
    await platform.assistant.handleTurn(say("open bakery bot", me));
    const bye = await platform.assistant.handleTurn(say("exit", me));
    assert.deepEqual(bye.speech, []);
    for (let i = 0; i < 50 && seen.at(-1)?.type !== "SessionEndedRequest"; i++)
      await new Promise((r) => setTimeout(r, 20));
    assert.equal(seen.at(-1)?.type, "SessionEndedRequest");
  });
});
