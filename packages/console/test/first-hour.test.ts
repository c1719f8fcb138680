// A newcomer's first hour in the console, in Chromium against a real platform (one browser and
// one platform for the whole file): the favicon, pages that teach when empty, form errors in
// words, invocation names taken from the model, the simulator's turn details (intent, slots,
// confidence, deciding layer, session attributes, where the time went), replay and a new
// session, the device screen preview, the conversation log's search and filters, and Japanese
// and Korean text drawn with real glyphs. Screenshots go to test-results/console/.
import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import type { Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { createExtension, listen } from "@clover/sdk";
import { type BrowserContext, chromium, type Page } from "playwright-core";
import { encodeMp3 } from "../../server/src/speech/audio/mp3.js";
import { buildIfMissing } from "./build.js";
import { startTestPlatform, type TestPlatform } from "./platform.js";

const ADMIN = "first-hour-admin-token";
const DICE_ID = "com.example.firsthour.dice";
const SCREEN_ID = "com.example.firsthour.picturebook";
const CHROMIUM = "/usr/bin/chromium";
const root = fileURLToPath(new URL("../../../", import.meta.url));
const shots = join(root, "test-results", "console");
const diceModel = JSON.parse(readFileSync(join(root, "examples/dice/models/en.json"), "utf8"));

/** A 200 ms tone as MP3, the test's speech synthesis (it takes at least 30 ms). */
const samples = new Int16Array(3200).map((_, i) =>
  Math.round(6000 * Math.sin((2 * Math.PI * 440 * i) / 16000)),
);
const speech = {
  tts: {
    synthesize: async () => {
      await new Promise((resolve) => setTimeout(resolve, 30));
      return encodeMp3({ sampleRate: 16000, samples });
    },
  },
};

/** An extension with a screen answer: a card when opened, the player for "play some music". */
const pictureBookModel = {
  language: "en",
  invocation: { main: "picture book" },
  intents: [{ name: "PlayMusicIntent", utterances: ["play some music", "play music"] }],
};
function pictureBook() {
  return createExtension({ applicationId: SCREEN_ID, defaultLanguage: "en" })
    .onLaunch((ctx) => {
      ctx.say("Here is a picture of a red fox.");
      ctx.response.card({
        type: "ImageText",
        meta: { version: { type: "string", value: "v0.1" } },
        failureMessage: { type: "string", value: "" },
        title: { type: "string", value: "The red fox" },
        mainText: { type: "string", value: "Foxes live on every continent but one." },
      });
      ctx.response.reprompt("Say play some music.");
    })
    .onIntent("PlayMusicIntent", (ctx) => {
      ctx.response.play({
        audioItem: {
          audioItemId: "fox-song",
          stream: {
            url: "https://media.invalid/fox-song.mp3",
            urlPlayable: true,
            token: "fox-song",
            beginAtInMilliseconds: 0,
          },
          titleText: "The fox song",
          titleSubText1: "Forest band",
        },
      });
      ctx.endSession();
    });
}

/** In the page: every CJK character of each element with a `lang`, drawn in its own font. */
const GLYPH_CHECK = `(() => {
  const canvas = document.createElement("canvas");
  canvas.width = 64;
  canvas.height = 64;
  const g = canvas.getContext("2d", { willReadFrequently: true });
  function draw(ch, font) {
    g.clearRect(0, 0, 64, 64);
    g.font = font;
    g.fillStyle = "#000";
    g.fillText(ch, 4, 48);
    return g.getImageData(0, 0, 64, 64).data.join(",");
  }
  const out = [];
  for (const bubble of document.querySelectorAll("main [lang]")) {
    const font = "40px " + getComputedStyle(bubble).fontFamily;
    const missing = draw("\u0378", font);
    const blank = draw(" ", font);
    const chars = [...(bubble.textContent || "")].filter((c) =>
      /[\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af]/.test(c),
    );
    for (const char of new Set(chars)) {
      const drawn = draw(char, font);
      out.push({ lang: bubble.lang, char, tofu: drawn === missing, ink: drawn !== blank });
    }
  }
  return out;
})()`;

describe("the console's first hour in Chromium", {
  skip: !existsSync(CHROMIUM) && `${CHROMIUM} missing`,
}, () => {
  let platform: TestPlatform;
  let picture: { url: string; server: Server };
  let context: BrowserContext;
  let page: Page;
  const profile = mkdtempSync(join(tmpdir(), "clover-first-hour-chromium-"));
  const shot = (name: string) =>
    page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
  const admin = (method: string, path: string, body?: unknown) =>
    fetch(`${platform.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${ADMIN}`, "content-type": "application/json" },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });

  before(async () => {
    await buildIfMissing();
    mkdirSync(shots, { recursive: true });
    platform = await startTestPlatform(ADMIN, DICE_ID, speech);
    picture = await listen(pictureBook(), { port: 0, host: "127.0.0.1" });
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--autoplay-policy=no-user-gesture-required",
      ],
      viewport: { width: 1280, height: 860 },
    });
    context.setDefaultTimeout(15_000);
    page = context.pages()[0] ?? (await context.newPage());
    page.on("pageerror", (error) => console.error(`page error: ${error.stack}`));
  });

  after(async () => {
    await context?.close();
    await platform?.close();
    await new Promise<void>((resolve) => picture?.server.close(() => resolve()));
    picture?.server.closeAllConnections?.();
    rmSync(profile, { recursive: true, force: true });
  });

  it("links a favicon the platform serves", async () => {
    await page.goto(`${platform.url}/console/`);
    const href = await page.locator('link[rel="icon"]').getAttribute("href");
    assert.ok(href && !href.startsWith("data:"), `the icon is a served file, not ${href}`);
    const icon = await page.request.get(new URL(href, page.url()).href);
    assert.equal(icon.status(), 200);
    assert.equal(icon.headers()["content-type"], "image/svg+xml");
    const width = await page.evaluate(async (src) => {
      const image = new Image();
      image.src = src;
      await image.decode();
      return image.naturalWidth;
    }, href);
    assert.ok(width > 0, "the icon decodes as an image");
  });

  it("teaches on every empty page: what it is for and the one action to take", async () => {
    await page.getByLabel("Admin token").fill(ADMIN);
    await page.getByRole("button", { name: "Sign in" }).click();
    const empty = (title: string) => page.locator(".empty-state", { hasText: title });
    await empty("No extensions yet").waitFor();
    assert.match((await empty("No extensions yet").textContent()) ?? "", /invocation name/);
    await shot("first-hour-empty-extensions");

    await page.getByRole("link", { name: "NLU tester" }).click();
    await empty("No interaction model to test yet").waitFor();
    await empty("No interaction model to test yet")
      .getByRole("link", { name: "Create an extension" })
      .waitFor();

    await page.getByRole("link", { name: "Conversation log" }).click();
    await empty("No conversations yet").waitFor();
    await empty("No conversations yet")
      .getByRole("link", { name: "Talk to the platform in the simulator" })
      .click();
    await empty("Talk to the platform as a device would").waitFor();

    await page.getByRole("link", { name: "Extensions" }).click();
    await empty("No extensions yet")
      .getByRole("link", { name: "Create your first extension" })
      .click();
    await page.getByLabel("Extension id").waitFor();
  });

  it("says what a field may hold in words, not as a regular expression", async () => {
    await page.getByLabel("Extension id").fill("1st-dice");
    await page.getByLabel("Display name").fill("Dice");
    await page.getByLabel("Endpoint URL").fill(platform.diceUrl);
    await page.getByRole("button", { name: "Create extension" }).click();
    const issues = page
      .locator(".field", { has: page.getByLabel("Extension id") })
      .locator(".issues");
    await issues.locator("li").first().waitFor();
    const said = (await issues.textContent()) ?? "";
    assert.match(said, /must start with a letter/);
    assert.match(said, /letters, digits, dots, dashes and underscores/);
    assert.doesNotMatch(said, /\/\^|\[A-Za-z\]/, said);
    await shot("first-hour-form-error");
  });

  it("shows the invocation names that come from the model", async () => {
    const { invocation: _names, ...model } = diceModel;
    assert.equal(_names.main, "dice");
    const created = await admin("POST", "/api/v1/extensions", {
      id: DICE_ID,
      displayName: "First-hour dice",
      endpointUrl: platform.diceUrl,
      models: { en: { ...model, invocation: { main: "dice" } } },
    });
    assert.equal(created.status, 201, await created.text());
    const screen = await admin("POST", "/api/v1/extensions", {
      id: SCREEN_ID,
      displayName: "Picture book",
      endpointUrl: picture.url,
      usesAudioPlayer: true,
      models: { en: pictureBookModel },
    });
    assert.equal(screen.status, 201, await screen.text());

    await page.getByRole("link", { name: "Extensions" }).click();
    const row = page.locator("tr", { hasText: DICE_ID });
    await row.waitFor();
    assert.match((await row.locator("td").nth(1).textContent()) ?? "", /en\s*dice/);
    await row.getByRole("link", { name: "First-hour dice" }).click();
    const en = page.locator(".models li").first();
    await en.waitFor();
    const line = (await en.textContent()) ?? "";
    assert.match(line, /dice — edit model/);
    assert.doesNotMatch(line, /no invocation name/);
    assert.match(line, /from the model/);
  });

  it("shows per turn what was understood, the session attributes and where the time went", async () => {
    await page.getByRole("link", { name: "Simulator" }).click();
    await page.getByText(/Connected as console-/).waitFor();
    // The empty state's one action says the first extension's launch phrase.
    await page
      .getByRole("button", { name: "Say “open First-hour dice”" })
      .or(page.getByRole("button", { name: /Say “open / }))
      .first()
      .click();
    const turn = (n: number) => page.locator("article.turn").nth(n);
    await turn(0).locator(".bubble.assistant").first().waitFor();
    const say = async (text: string, n: number) => {
      await page.getByLabel("Say").fill(text);
      await page.getByRole("button", { name: "Send" }).click();
      await turn(n).locator(".bubble.assistant").first().waitFor();
      await turn(n).locator("summary").waitFor();
    };
    await say("roll three dice", 1);
    const details = turn(1).locator("details.turn-details");
    await details.locator("summary").click();
    await details.locator(".turn-insight").waitFor();
    const understood = details.locator(".understood");
    assert.match(
      (await understood.textContent()) ?? "",
      /ThrowDiceIntent\s+\d+%\s+decided by the (exact template match|statistical model)/,
    );
    const slot = details.locator(".slots-table tbody tr").first();
    assert.deepEqual(await slot.locator("td").allTextContents(), [
      "diceCount",
      "three",
      "3",
      "CLOVA.NUMBER",
    ]);
    assert.deepEqual(JSON.parse((await details.locator(".attributes-before").textContent())!), {});
    assert.deepEqual(JSON.parse((await details.locator(".attributes-after").textContent())!), {
      lastCount: 3,
    });
    const stage = (name: string) =>
      details.locator(`tr[data-stage="${name}"] td.ms`).textContent() as Promise<string>;
    assert.equal(await stage("asr"), "not used", "a typed turn has no speech recognition");
    const figure = async (name: string) => {
      const text = await stage(name);
      assert.match(text, /^\d+(\.\d)? ms$/, `${name}: ${text}`);
      return Number.parseFloat(text);
    };
    const nlu = await figure("nlu");
    const extension = await figure("extension");
    const tts = await figure("tts");
    const total = await figure("total");
    assert.ok(tts >= 29, `TTS ${tts} ms (the engine takes 30)`);
    assert.ok(total + 2 >= nlu + extension + tts, `total ${total} covers the stages`);
    await details.locator(".turn-insight").scrollIntoViewIfNeeded();
    await shot("first-hour-turn-details");

    // Replay sends the same words again: the session goes on with the attributes of turn 2.
    await turn(1).getByRole("button", { name: "Replay “roll three dice”" }).click();
    await turn(2).locator(".bubble.assistant").first().waitFor();
    assert.equal(await turn(2).locator(".bubble.user").textContent(), "You: roll three dice");
    await turn(2).locator("summary").click();
    await turn(2).locator(".attributes-before").waitFor();
    assert.deepEqual(JSON.parse((await turn(2).locator(".attributes-before").textContent())!), {
      lastCount: 3,
    });

    // A new session ends the open conversation: "roll two dice" no longer reaches dice.
    await page.getByRole("button", { name: "New session" }).click();
    await page.locator(".turn-note", { hasText: "the open conversation was ended" }).waitFor();
    await say("open dice", 4);
    await turn(4).locator("summary").click();
    await turn(4).locator(".session-change", { hasText: "New session" }).waitFor();
  });

  it("previews the device's screen: the answer's text, a card and the player", async () => {
    const screen = page.locator(".device-screen .screen");
    assert.equal(await screen.getAttribute("data-showing"), "Clova.RenderText");
    assert.match((await screen.textContent()) ?? "", /dice|roll/i);
    const say = async (text: string) => {
      const before = await page.locator("article.turn").count();
      await page.getByLabel("Say").fill(text);
      await page.getByRole("button", { name: "Send" }).click();
      await page.locator("article.turn").nth(before).locator("summary").waitFor();
    };
    await say("open picture book");
    await page.locator('.screen[data-showing="Clova.RenderTemplate"]').waitFor();
    assert.equal(await screen.locator("h3").textContent(), "The red fox");
    assert.equal(
      await screen.locator(".main").textContent(),
      "Foxes live on every continent but one.",
    );
    await shot("first-hour-screen-card");
    await say("play some music");
    await page.locator('.screen[data-showing="AudioPlayer.Play"]').waitFor();
    assert.equal(await screen.locator("h3").textContent(), "The fox song");
    assert.match((await screen.textContent()) ?? "", /Forest band/);
    await shot("first-hour-screen-player");
  });

  it("renders Japanese and Korean with real glyphs, not tofu", async () => {
    for (const [id, displayName] of [
      ["com.example.firsthour.ja", "サイコロ遊びの時間"],
      ["com.example.firsthour.ko", "주사위 놀이 시간"],
    ]) {
      const created = await admin("POST", "/api/v1/extensions", {
        id,
        displayName,
        endpointUrl: picture.url,
      });
      assert.equal(created.status, 201, await created.text());
    }
    await page.getByRole("link", { name: "Extensions" }).click();
    await page.locator('a[lang="ja"]', { hasText: "サイコロ遊びの時間" }).waitFor();
    await page.locator('a[lang="ko"]', { hasText: "주사위 놀이 시간" }).waitFor();
    await shot("first-hour-japanese-korean");
    // Each CJK character is drawn with its element's own font and compared with the font's
    // missing-glyph box (an unassigned code point): equal pixels mean tofu.
    // A string, so that the test's compiler adds nothing the page does not have.
    const report = (await page.evaluate(GLYPH_CHECK)) as {
      lang: string;
      char: string;
      tofu: boolean;
      ink: boolean;
    }[];
    const langs = new Set(report.map((r) => r.lang));
    assert.ok(langs.has("ja") && langs.has("ko"), `checked ${[...langs].join(", ")}`);
    assert.ok(report.length >= 10, `${report.length} characters checked`);
    const tofu = report.filter((r) => r.tofu || !r.ink).map((r) => r.char);
    assert.deepEqual(tofu, [], `drawn as missing glyphs: ${tofu.join(" ")}`);
  });

  it("lists the log newest first, with search, filters and each turn's details", async () => {
    await page.getByRole("link", { name: "Conversation log" }).click();
    // The simulator reports playback as a device does (AudioPlayer.PlayStarted… reach the
    // extension and the log): the turns said are the others.
    const items = page
      .locator("ol.log-turns > li")
      .filter({ hasNotText: /console-\w+ AudioPlayer\.\w+ →/ });
    await items.first().waitFor();
    assert.match((await items.first().textContent()) ?? "", /play some music/, "newest first");
    const all = await items.count();
    await page.getByLabel("Search").fill("three");
    await page.waitForFunction(() => document.querySelectorAll("ol.log-turns > li").length === 2);
    for (const text of await items.allTextContents()) assert.match(text, /roll three dice/);
    await page.getByLabel("Search").fill("");
    await page.getByLabel("Answered by").selectOption(SCREEN_ID);
    await page.waitForFunction(
      () =>
        [...document.querySelectorAll("ol.log-turns > li")].filter(
          (li) => !/AudioPlayer\.\w+ →/.test(li.textContent ?? ""),
        ).length === 2,
    );
    assert.match((await items.first().textContent()) ?? "", /play some music/);
    await page.getByLabel("Answered by").selectOption("");
    await page.getByLabel("Errors only").check();
    await page.getByText("No turn matches these filters.").waitFor();
    await page.getByLabel("Errors only").uncheck();
    assert.equal(await items.count(), all);
    const rolled = items.filter({ hasText: "roll three dice" }).last();
    await rolled.locator("summary").click();
    await rolled.locator(".insight-intent", { hasText: "ThrowDiceIntent" }).waitFor();
    await rolled.locator('tr[data-stage="extension"]').waitFor();
    await shot("first-hour-log");
  });
});
