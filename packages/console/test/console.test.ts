// The console in a real browser (Debian's Chromium driven by playwright-core) against a real
// platform: sign in, create an extension for the dice example, edit its model (an intent with
// a slot), test utterances, hold a three-turn conversation in the simulator, read a turn's JSON.
// Screenshots of every page go to test-results/console/.
import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Readable } from "node:stream";
import { after, before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { exportIntentTsv } from "@clover/nlu";
import { type BrowserContext, chromium, type Page } from "playwright-core";
import { encodeMp3 } from "../../server/src/speech/audio/mp3.js";
import { buildIfMissing } from "./build.js";
import { startTestPlatform, type TestPlatform } from "./platform.js";

const ADMIN = "console-test-admin-token";
const DICE_ID = "com.example.consoletest.dice";
const CHROMIUM = "/usr/bin/chromium";
const root = fileURLToPath(new URL("../../../", import.meta.url));
const shots = join(root, "test-results", "console");
const diceModel = join(root, "examples", "dice", "models", "en.json");

/** A 440 Hz tone of `ms` milliseconds, 16 kHz mono. */
function tone(ms: number) {
  const samples = new Int16Array((16000 * ms) / 1000);
  for (let i = 0; i < samples.length; i++)
    samples[i] = Math.round(6000 * Math.sin((2 * Math.PI * 440 * i) / 16000));
  return { sampleRate: 16000, samples };
}

// Speech engines at the platform's engine interfaces: the TTS answers with a real MP3 of a
// 400 ms tone; the ASR records what the browser sent and "hears" a fixed request.
const heard: { bytes: number; language: string }[] = [];
const speech = {
  tts: { synthesize: async () => encodeMp3(tone(400)) },
  asr: {
    async recognize(audio: Readable, options: { language: string }) {
      let bytes = 0;
      for await (const chunk of audio) bytes += (chunk as Buffer).length;
      heard.push({ bytes, language: options.language });
      return { text: "roll four dice" };
    },
  },
};

describe("the console in Chromium", {
  skip: !existsSync(CHROMIUM) && `${CHROMIUM} missing`,
}, () => {
  let platform: TestPlatform;
  let context: BrowserContext;
  let page: Page;
  const profile = mkdtempSync(join(tmpdir(), "clover-console-chromium-"));
  const shot = (name: string) =>
    page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });

  before(async () => {
    await buildIfMissing();
    mkdirSync(shots, { recursive: true });
    platform = await startTestPlatform(ADMIN, DICE_ID, speech);
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        // A fake microphone (a tone) without the permission prompt, and audio that may play.
        "--use-fake-ui-for-media-stream",
        "--use-fake-device-for-media-stream",
        "--autoplay-policy=no-user-gesture-required",
      ],
      viewport: { width: 1280, height: 860 },
    });
    context.setDefaultTimeout(15_000);
    page = context.pages()[0] ?? (await context.newPage());
    page.on("pageerror", (error) => console.error(`page error: ${error.stack}`));
    page.on("console", (m) => m.type() === "error" && console.error(`console: ${m.text()}`));
  });

  after(async () => {
    await context?.close();
    await platform?.close();
    rmSync(profile, { recursive: true, force: true });
  });

  it("signs in with the admin token only", async () => {
    await page.goto(`${platform.url}/console/`);
    await page.getByLabel("Admin token").fill("wrong-token");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("alert").filter({ hasText: "refused this token" }).waitFor();
    await shot("sign-in");
    await page.getByLabel("Admin token").fill(ADMIN);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("heading", { name: "Extensions" }).waitFor();
    const stored = await page.evaluate(() => sessionStorage.getItem("clover.console.adminToken"));
    assert.equal(stored, ADMIN);
  });

  it("creates an extension for the dice example, with the API's issues at their field", async () => {
    await page.getByRole("link", { name: "New extension" }).click();
    await page.getByLabel("Extension id").fill(DICE_ID);
    await page.getByLabel("Display name").fill("Console dice");
    await page.getByLabel("Endpoint URL").fill("ftp://nowhere");
    await page.getByLabel("Main (en)").fill("dice");
    await page.getByRole("button", { name: "Create extension" }).click();
    const field = page.locator(".field", { has: page.getByLabel("Endpoint URL") });
    await field.locator(".issues li").first().waitFor();
    assert.match((await field.locator(".issues").textContent()) ?? "", /endpointUrl/);
    await page.getByLabel("Endpoint URL").fill(platform.diceUrl);
    await page.getByRole("button", { name: "Create extension" }).click();
    await page.getByRole("heading", { name: "Console dice" }).waitFor();
    await page.getByRole("heading", { name: "Endpoint health" }).waitFor();
    await shot("extension");
  });

  it("edits the model: JSON import, a slot type, an intent with a slot made by selection, build", async () => {
    await page.getByRole("link", { name: /dice — create model/ }).click();
    await page.getByRole("heading", { name: /Interaction model/ }).waitFor();
    const chooser = page.waitForEvent("filechooser");
    await page.getByRole("button", { name: "Import JSON" }).click();
    await (await chooser).setFiles(diceModel);
    await page.locator('input[value="ThrowDiceIntent"]').waitFor();

    await page.getByRole("button", { name: "Add slot type" }).click();
    await page.getByLabel("Slot type name").last().fill("DieColor");
    for (const value of ["red", "blue"]) {
      await page.getByLabel("New value for DieColor").fill(value);
      await page.getByRole("button", { name: "Add value" }).last().click();
    }

    await page.getByRole("button", { name: "Add intent" }).click();
    const intent = page.locator("article.intent").last();
    await intent.getByLabel("Intent name").fill("ChooseColorIntent");
    // An intent without examples is reported inside its own card.
    await intent.locator(".issues li").first().waitFor();
    await intent.getByLabel("New example for ChooseColorIntent").fill("use red dice please");
    await intent.getByRole("button", { name: "Add example" }).click();
    await intent.getByLabel("New example for ChooseColorIntent").fill("i want blue dice");
    await intent.getByRole("button", { name: "Add example" }).click();

    // Select "red" in the first example, as a user would with the mouse.
    const example = intent.locator(".utt").first();
    await example.evaluate((element) => {
      const text = element.firstChild as Text;
      const at = text.data.indexOf("red");
      const range = document.createRange();
      range.setStart(text, at);
      range.setEnd(text, at + 3);
      getSelection()!.removeAllRanges();
      getSelection()!.addRange(range);
      element.dispatchEvent(new MouseEvent("mouseup", { bubbles: true }));
    });
    await intent.getByLabel("Slot name").fill("color");
    await intent.getByRole("button", { name: "Make slot" }).click();
    await intent.locator('mark[data-slot="color"]', { hasText: "red" }).waitFor();
    assert.equal(await intent.getByLabel("Type of slot color").inputValue(), "DieColor");
    // The keyboard does the same: "blue" in "i want blue dice", selected with Shift+arrows.
    const second = intent.locator(".utt").nth(1);
    await second.focus();
    await page.keyboard.press("Home");
    for (let i = 0; i < "i want ".length; i++) await page.keyboard.press("ArrowRight");
    for (let i = 0; i < "blue".length; i++) await page.keyboard.press("Shift+ArrowRight");
    await intent.getByRole("button", { name: "Make slot" }).click();
    await intent.locator('mark[data-slot="color"]', { hasText: "blue" }).waitFor();
    assert.equal(await intent.locator("ul.slots > li").count(), 1, "the existing slot is reused");
    await page.getByText("No errors.").waitFor();

    // A Clova console TSV file adds an intent named after the file.
    const tsv = join(profile, "RollAgainIntent.tsv");
    writeFileSync(
      tsv,
      exportIntentTsv({
        name: "RollAgainIntent",
        slots: [],
        utterances: ["roll again", "once more"],
      }),
    );
    const tsvChooser = page.waitForEvent("filechooser");
    await page.getByRole("button", { name: "Import intent TSV" }).click();
    await (await tsvChooser).setFiles(tsv);
    await page.locator('input[value="RollAgainIntent"]').waitFor();
    assert.equal(await page.locator("article.intent").count(), 3);

    await page.getByRole("button", { name: "Build and save" }).click();
    await page.getByText(/Upload and compile on the platform — saved/).waitFor();
    await page.getByText("Saved.", { exact: false }).waitFor();
    await shot("model-editor");

    // The test box recognizes with the model on the page.
    await page.getByLabel("Utterance to test").fill("use blue dice please");
    await page.getByRole("button", { name: "Test", exact: true }).click();
    await page.locator(".intent-name", { hasText: "ChooseColorIntent" }).waitFor();
    assert.equal(await page.locator(".slot-value").first().textContent(), "blue");
  });

  it("tests an utterance in the NLU tester", async () => {
    await page.getByRole("link", { name: "NLU tester" }).click();
    await page.getByRole("heading", { name: "NLU tester" }).waitFor();
    await page.getByLabel("Utterance to test").fill("roll three dice");
    await page.getByRole("button", { name: "Test", exact: true }).click();
    await page.locator(".intent-name", { hasText: "ThrowDiceIntent" }).waitFor();
    assert.equal(await page.locator(".slot-value").first().textContent(), "3");
    await shot("nlu-tester");
  });

  it("holds a three-turn conversation in the simulator and shows a turn's JSON", async () => {
    await page.getByRole("link", { name: "Simulator" }).click();
    await page.getByText(/Connected as console-/).waitFor();
    const say = async (text: string, turn: number) => {
      await page.getByLabel("Say").fill(text);
      await page.getByRole("button", { name: "Send" }).click();
      await page.locator("article.turn").nth(turn).locator(".bubble.assistant").first().waitFor();
      await page.locator("article.turn").nth(turn).locator("summary").waitFor();
    };
    await say("open dice", 0);
    await say("roll two dice", 1);
    await say("roll three dice", 2);
    const answers = await page.locator(".bubble.assistant").allTextContents();
    assert.equal(answers.length, 3, answers.join(" | "));
    assert.match(answers[2]!, /\d/, "the third answer names the roll");
    assert.equal(await page.locator(".turn .error").count(), 0);

    const second = page.locator("article.turn").nth(1);
    await second.locator("summary").click();
    const json = await second.locator("pre.json").allTextContents();
    const all = json.join("\n");
    assert.match(all, /"namespace": "TextRecognizer"/);
    assert.match(all, /"text": "roll two dice"/);
    assert.match(all, /"name": "RenderText"/);
    if (platform.insight)
      assert.match(all, /"type": "IntentRequest"/, "the CEK request of the turn");
    else await second.getByText(/does not expose the CEK exchange/).waitFor();
    // The answer's speech: the MP3 attachment, playable from a Blob URL.
    const audio = page.locator("article.turn").nth(2).locator("audio").first();
    assert.match((await audio.getAttribute("src")) ?? "", /^blob:/);
    const duration = await audio.evaluate(
      (element: HTMLAudioElement) =>
        new Promise<number>((resolve) => {
          if (element.readyState >= 1) resolve(element.duration);
          else element.addEventListener("loadedmetadata", () => resolve(element.duration));
        }),
    );
    assert.ok(duration > 0.3 && duration < 0.8, `the spoken answer lasts ${duration} s`);
    await shot("simulator");
    await page.setViewportSize({ width: 390, height: 844 });
    await shot("simulator-phone");
    await page.setViewportSize({ width: 1280, height: 860 });
  });

  it("talks through the microphone while the button is held", async () => {
    const before = heard.length;
    const talk = page.getByRole("button", { name: "Hold to talk" });
    await talk.hover();
    await page.mouse.down();
    await page.getByRole("button", { name: /Listening/ }).waitFor();
    await page.waitForTimeout(700);
    await page.mouse.up();
    const turn = page.locator("article.turn").nth(3);
    await turn.locator(".bubble.user", { hasText: /s of speech/ }).waitFor();
    await turn.locator(".bubble.assistant").first().waitFor();
    assert.match((await turn.locator(".bubble.assistant").first().textContent()) ?? "", /4/);
    const sent = heard[before]!;
    assert.equal(sent.language, "en");
    assert.equal(sent.bytes % 2, 0, "16-bit samples");
    // 16 kHz 16-bit mono is 32,000 bytes a second; the button was held for about 0.7 s.
    assert.ok(sent.bytes > 3200 && sent.bytes < 32000 * 1.5, `${sent.bytes} bytes of PCM`);
  });

  it("shows the conversation log", async () => {
    await page.getByRole("link", { name: "Conversation log" }).click();
    await page.getByRole("heading", { name: "Conversation log" }).waitFor();
    if (platform.insight) await page.getByText("roll three dice").first().waitFor();
    else await page.getByText(/does not keep a conversation log/).waitFor();
    await shot("conversation-log");
  });

  it("disables and deletes the extension after confirmation", async () => {
    await page.getByRole("link", { name: "Extensions" }).click();
    const row = page.locator("tr", { hasText: DICE_ID });
    await row.getByRole("checkbox").click();
    await row.getByText("Off").waitFor();
    await shot("extensions");
    await page.setViewportSize({ width: 390, height: 844 });
    await shot("extensions-phone");
    await page.setViewportSize({ width: 1280, height: 860 });
    await row.getByRole("button", { name: "Delete" }).click();
    const dialog = page.getByRole("dialog");
    assert.equal(await dialog.getByRole("button", { name: "Delete for good" }).isDisabled(), true);
    await dialog.getByLabel("Extension id").fill(DICE_ID);
    await dialog.getByRole("button", { name: "Delete for good" }).click();
    await page.getByText("No extensions yet").waitFor();
  });
});
