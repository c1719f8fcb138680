// The same dice extension written with LINE's @line/clova-cek-sdk-nodejs on Express, the way
// its README sets it up (express.json() + SkillConfigurator.handle()).
import type { AddressInfo } from "node:net";
import { MAX_DICE, messages } from "@clover/example-dice";
import type { Language } from "@clover/sdk";
import { Client, type Context, SpeechBuilder } from "@line/clova-cek-sdk-nodejs";
import express from "express";

const text = (ctx: Context) => {
  const locale = (ctx.requestObject.request as { locale?: string }).locale ?? "en";
  const lang = (
    ["en", "ja", "ko"].includes(locale.slice(0, 2)) ? locale.slice(0, 2) : "en"
  ) as Language;
  return { lang, m: messages[lang] };
};

const handler = Client.configureSkill()
  .onLaunchRequest((ctx: Context) => {
    const { lang, m } = text(ctx);
    ctx.setSimpleSpeech(SpeechBuilder.createSpeechText(m.welcome, lang));
  })
  .onIntentRequest((ctx: Context) => {
    const { lang, m } = text(ctx);
    if (ctx.getIntentName() === "ThrowDiceIntent") {
      const count = Number(ctx.getSlot("diceCount") ?? 1);
      if (!Number.isInteger(count) || count < 1 || count > MAX_DICE) {
        ctx.setSimpleSpeech(SpeechBuilder.createSpeechText(m.outOfRange(String(count)), lang));
        return;
      }
      const values = Array.from({ length: count }, () => Math.floor(Math.random() * 6) + 1);
      const total = values.reduce((a, b) => a + b, 0);
      ctx.setSpeechList([
        SpeechBuilder.createSpeechText(m.rolled(count, values, total), lang),
        SpeechBuilder.createSpeechText(m.again, lang),
      ]);
      ctx.setSimpleSpeech(SpeechBuilder.createSpeechText(m.again, lang), true);
      ctx.setSessionAttributes({ ...ctx.getSessionAttributes(), lastCount: count });
    } else {
      ctx.setSimpleSpeech(SpeechBuilder.createSpeechText(m.guide, lang));
    }
  })
  .onSessionEndedRequest(() => {})
  .handle();

const app = express();
app.use(express.json());
app.post("/", handler as express.RequestHandler);
const server = app.listen(0, "127.0.0.1", () => {
  console.log(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
});
