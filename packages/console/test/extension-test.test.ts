// The extension test screen (interaction-model.md §10.3–10.5) in Chromium against a real
// platform and the dice example as a real extension server that checks every signature:
// a typed sentence shows the event, intent, slots and both JSON documents; the request is
// edited (a slot value) and sent again; a scenario launches, continues, hears silence and ends.
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import type { Server } from "node:http";
import { after, before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { createDiceExtension } from "@clover/example-dice";
import { listen } from "@clover/sdk";
import type { Page } from "playwright-core";
import {
  answer,
  startExtension,
  type TestExtension,
} from "../../server/test/helpers/extension-server.js";
import { bakeryModel } from "../../server/test/helpers/models.js";
import { CHROMIUM, type ConsoleRig, startConsoleRig } from "./browser.js";

const ID = "com.example.testscreen.dice";
const model = JSON.parse(
  readFileSync(
    fileURLToPath(new URL("../../../examples/dice/models/en.json", import.meta.url)),
    "utf8",
  ),
);

describe("the extension test screen", {
  skip: !existsSync(CHROMIUM) && `${CHROMIUM} missing`,
}, () => {
  let rig: ConsoleRig;
  let dice: { url: string; server: Server };
  let page: Page;
  /** Requests the extension accepted (its SDK refuses a bad signature before counting). */
  let accepted = 0;
  let radio: TestExtension | undefined;

  before(async () => {
    rig = await startConsoleRig();
    const publicKey = await fetch(`${rig.server.url}/.well-known/signature-public-key.pem`).then(
      (r) => r.text(),
    );
    const extension = createDiceExtension({
      applicationId: ID,
      random: () => 0.5,
      verification: { publicKey },
    });
    dice = await listen(extension, { port: 0, host: "127.0.0.1" });
    dice.server.on("request", () => accepted++);
    const registered = await rig.api("POST", "/api/v1/extensions", {
      id: ID,
      displayName: "Test Dice",
      endpointUrl: dice.url,
      models: { en: model },
    });
    assert.equal(registered.status, 201, JSON.stringify(registered.body));
    page = await rig.open(`/extensions/${ID}`);
  });

  after(async () => {
    await radio?.close();
    await rig?.close();
    dice?.server.closeAllConnections();
    await new Promise<void>((resolve) => (dice ? dice.server.close(() => resolve()) : resolve()));
  });

  it("tests a sentence, shows what was sent and answered, and sends an edited request again", async () => {
    await page.getByRole("link", { name: "Test", exact: true }).click();
    await page.getByRole("heading", { name: "Test Test Dice" }).waitFor();
    await page.getByText(/Model last uploaded: /).waitFor();
    assert.notEqual(await page.getByText(/Model last uploaded:/).textContent(), "never");
    assert.equal(await page.getByLabel("Test target").inputValue(), "development");
    await page.getByLabel("Sentence").fill("roll three dice");
    await page.getByLabel("Sentence").press("Enter");
    const chat = page.getByRole("list", { name: "Test conversation" });
    await chat.getByText("I rolled 3 dice: 4, 4, 4. The total is 12.").waitFor();
    const result = page.getByRole("region", { name: "Test result" });
    await result.getByText("IntentRequest", { exact: true }).waitFor();
    await result.getByText("ThrowDiceIntent", { exact: true }).waitFor();
    const slots = result.getByRole("table", { name: "Analyzed slots" });
    assert.deepEqual(await slots.locator("tbody tr td").allTextContents(), ["diceCount", "3"]);
    await result.getByText("verified with the platform's public key").waitFor();
    await result.getByText(/ms of the 8000 ms deadline/).waitFor();
    const request = JSON.parse(
      await result.getByRole("textbox", { name: "Request JSON" }).inputValue(),
    );
    assert.equal(request.session.new, true);
    assert.equal(request.request.intent.slots.diceCount.value, "3");
    const response = result.getByRole("region", { name: "Service response JSON" });
    assert.match((await response.textContent()) ?? "", /The total is 12/);
    await rig.shot(page, "extension-test-sentence");

    // Edit the slot value and send the request again: the extension answers the edit.
    request.request.intent.slots.diceCount.value = "12";
    await result
      .getByRole("textbox", { name: "Request JSON" })
      .fill(JSON.stringify(request, null, 2));
    const before = accepted;
    await result.getByRole("button", { name: "Request test again" }).click();
    await chat.getByText("I can't roll 12 dice. I can roll one to ten.").waitFor();
    assert.equal(accepted, before + 1);
    assert.match((await response.textContent()) ?? "", /can't roll 12 dice/);
    await result.getByText("verified with the platform's public key").waitFor();

    // A new sentence clears the previous result and conversation.
    await page.getByLabel("Sentence").fill("roll one die");
    await page.getByLabel("Sentence").press("Enter");
    await chat.getByText("I rolled one die. It shows 4.").waitFor();
    assert.equal(await chat.getByText(/12 dice/).count(), 0);
    await result.getByRole("button", { name: "Copy result JSON" }).waitFor();
  });

  it("runs a scenario: launch, a turn with sessionAttributes, silence, end", async () => {
    await page.getByLabel("Scenario test").check();
    const chat = page.getByRole("list", { name: "Test conversation" });
    assert.equal(await chat.locator("li").count(), 0, "switching modes clears the history");
    assert.equal(await page.getByLabel("Sentence").isDisabled(), true);
    await page.getByRole("button", { name: "Launch" }).click();
    await chat.getByText("Welcome to dice. How many dice should I roll?").waitFor();
    const result = page.getByRole("region", { name: "Test result" });
    await result.getByText("LaunchRequest", { exact: true }).waitFor();
    await page.getByLabel("Sentence").fill("roll two dice");
    await page.getByLabel("Sentence").press("Enter");
    await chat.getByText("I rolled 2 dice: 4, 4. The total is 8.").waitFor();
    await result.getByText('{"lastCount":2}').waitFor();
    // Only the latest request, not editable.
    assert.equal(await result.locator("textarea").count(), 0);
    const request = result.getByRole("region", { name: "Request JSON" });
    const sent = JSON.parse((await request.locator("pre").textContent()) ?? "{}");
    assert.equal(sent.session.new, false);
    assert.equal(sent.request.intent.name, "ThrowDiceIntent");
    await page.getByRole("button", { name: "Stay silent" }).click();
    await chat.getByText("(reprompt)").waitFor();
    await chat.getByText("Roll again?").last().waitFor();
    await page.getByRole("button", { name: "End", exact: true }).click();
    await chat.getByText(/Session ended: ended with End/).waitFor();
    await result.getByText("SessionEndedRequest", { exact: true }).waitFor();
    assert.equal(await page.getByLabel("Sentence").isDisabled(), true);
    assert.equal(await page.getByRole("button", { name: "End", exact: true }).isDisabled(), true);
    await rig.shot(page, "extension-test-scenario");
  });

  it("says AudioPlayer is not played and sends a playback event for the stream", async () => {
    const play = {
      header: { namespace: "AudioPlayer", name: "Play" },
      payload: {
        audioItem: {
          audioItemId: "song-1",
          stream: {
            token: "tok-song-1",
            url: "https://media.example.net/1.mp3",
            urlPlayable: true,
          },
        },
        playBehavior: "REPLACE_ALL",
        source: { name: "Radio" },
      },
    };
    radio = await startExtension((request) =>
      request.request.type === "EventRequest"
        ? { body: answer("", { directives: [] }) }
        : { body: answer("Playing.", { directives: [play] }) },
    );
    const registered = await rig.api("POST", "/api/v1/extensions", {
      id: "com.example.testscreen.radio",
      displayName: "Test Radio",
      endpointUrl: radio.url,
      usesAudioPlayer: true,
      models: { en: { ...bakeryModel("en"), invocation: { main: "test radio" } } },
    });
    assert.equal(registered.status, 201, JSON.stringify(registered.body));
    const tab = await rig.open("/extensions/com.example.testscreen.radio/test");
    await tab.getByLabel("Sentence").fill("order two croissants");
    await tab.getByLabel("Sentence").press("Enter");
    await tab.getByText(/AudioPlayer is not played here/).waitFor();
    await tab.getByText(/the test screen does not play audio/).waitFor();
    const panel = tab.getByRole("form", { name: "Playback event" });
    assert.equal(await panel.getByLabel("Stream token").inputValue(), "tok-song-1");
    await panel.getByLabel("Playback event").selectOption("PlayFinished");
    await panel.getByLabel("Offset (ms)").fill("180000");
    await panel.getByRole("button", { name: "Send event" }).click();
    const result = tab.getByRole("region", { name: "Test result" });
    await result.getByText("EventRequest", { exact: true }).waitFor();
    const sent = radio.received.at(-1)!.body;
    assert.deepEqual(sent.request.event, {
      namespace: "AudioPlayer",
      name: "PlayFinished",
      payload: { token: "tok-song-1", offsetInMilliseconds: 180000 },
    });
    await tab.close();
  });
});
