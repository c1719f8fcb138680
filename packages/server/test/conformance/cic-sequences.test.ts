// The standard sequences of cic.md §13, black box: raw HTTP/2 devices and a raw extension
// against a real Clover. §13.1 connect and resynchronise (ExpectReportState after the Hello,
// ReportState shared as SynchronizeState), §13.3 a typed request, §13.4 multi-turn with
// ExpectSpeech (the follow-up linked by its speechId, §7.2).
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, beforeEach, describe, it } from "node:test";
import { SPEAKER_CONTEXT } from "../helpers/devices.js";
import {
  accountTokens,
  type Directive,
  directiveNames,
  type ExtensionRig,
  eventOf,
  extensionRig,
  heard,
  newAccount,
  newProduct,
  RawDevice,
  speech,
  textRecognize,
  until,
  withoutSession,
} from "./raw.js";

const ID = "org.example.pizzeria";
const model = {
  language: "en",
  invocation: { main: "pizzeria" },
  builtinSlotTypes: ["CLOVA.NUMBER"],
  intents: [
    {
      name: "OrderPizza",
      slots: [{ name: "count", type: "CLOVA.NUMBER" }],
      utterances: ["order a pizza", "<count>two</count>", "<count>3</count> pizzas"],
    },
  ],
};

type Dialog = ReturnType<typeof randomUUID>;

/** A follow-up Recognize (§9.12): the text, the dialog's id, and the ExpectSpeech it answers. */
function followUp(text: string, dialogRequestId: Dialog, speechId?: string) {
  const event = textRecognize(text, dialogRequestId);
  return {
    ...event,
    context: SPEAKER_CONTEXT,
    event: {
      ...event.event,
      payload: { text, ...(speechId ? { speechId, explicit: true } : {}) },
    },
  };
}

function expectSpeechOf(directives: Directive[]): Directive {
  const found = directives.filter((d) => d.header.name === "ExpectSpeech");
  assert.equal(found.length, 1, `one ExpectSpeech in ${directiveNames(directives)}`);
  return found[0]!;
}

describe("CIC standard sequences (cic.md §13)", () => {
  let rig: ExtensionRig;

  before(async () => {
    rig = await extensionRig({
      registration: { id: ID, displayName: "Pizzeria", models: { en: model } },
      deviceId: `seq-${randomUUID()}`,
    });
  });
  after(() => rig?.close());

  describe("§13.1 connect, authenticate, resynchronise", () => {
    it("follows the Hello with ExpectReportState (no dialogRequestId, report once), on every connection", async () => {
      const directives = () => rig.channel.directives();
      await until(() => directives().length >= 2, 5000, "a directive after the Hello");
      const [hello, expect] = directives();
      assert.equal(`${hello!.header.namespace}.${hello!.header.name}`, "Clova.Hello");
      assert.equal(
        `${expect!.header.namespace}.${expect!.header.name}`,
        "DeviceControl.ExpectReportState",
      );
      assert.equal(expect!.header.dialogRequestId, undefined, "cloud-initiated (§7.3 rule 3)");
      assert.deepEqual(expect!.payload, {}, "no durationInSeconds: report once (§9.4)");
    });

    it("shares the connected device's ReportState with the account's other devices (SynchronizeState)", async () => {
      const { url } = rig.running;
      const product = await newProduct(url, "sequence speakers");
      const account = await newAccount(url, `U${randomUUID().replaceAll("-", "")}`);
      const phone = new RawDevice(
        url,
        (await accountTokens(url, product, account, "phone")).access_token,
      );
      const speakerToken = (await accountTokens(url, product, account, "speaker")).access_token;
      const speaker = new RawDevice(url, speakerToken);
      try {
        assert.equal((await phone.openDownchannel()).status, 200);
        const opened = await speaker.openDownchannel();
        assert.equal(opened.status, 200);
        await until(() => opened.reader.directives().length >= 2, 5000, "ExpectReportState");
        assert.equal(opened.reader.directives()[1]!.header.name, "ExpectReportState");
        const state = {
          volume: { actions: ["Decrease", "Increase", "SetValue"], min: 0, max: 10, value: 4 },
        };
        const reported = await speaker.event(
          eventOf("DeviceControl", "ReportState", {}, [
            { header: { namespace: "Device", name: "DeviceState" }, payload: state },
          ]),
        );
        assert.equal(reported.status, 204);
        const phoneGot = () => phone.downchannel!.reader.directives();
        await until(
          () => phoneGot().some((d) => d.header.name === "SynchronizeState"),
          5000,
          "SynchronizeState on the phone",
        );
        const sync = phoneGot().find((d) => d.header.name === "SynchronizeState")!;
        assert.equal(sync.header.namespace, "DeviceControl");
        assert.equal(sync.header.dialogRequestId, undefined);
        assert.deepEqual(sync.payload, { deviceId: "speaker", deviceState: state });

        // A reconnection (a new connection, after the 1 s of §2.5's 429) is asked again.
        speaker.close();
        await new Promise((resolve) => setTimeout(resolve, 1100));
        const again = new RawDevice(url, speakerToken);
        try {
          const reopened = await again.openDownchannel();
          assert.equal(reopened.status, 200);
          await until(() => reopened.reader.directives().length >= 2, 5000, "ExpectReportState");
          assert.deepEqual(directiveNames(reopened.reader.directives().slice(0, 2)), [
            "Clova.Hello",
            "DeviceControl.ExpectReportState",
          ]);
        } finally {
          again.close();
        }
      } finally {
        phone.close();
        speaker.close();
      }
    });
  });

  it("§13.3: answers a typed request with Speak (cid: and its MP3 part) and RenderText, all with its id", async () => {
    await withoutSession(rig);
    rig.ext.answer = () => ({ body: speech("Pizzeria is open.", true) });
    const dialog = randomUUID();
    const answer = await rig.device.event({
      ...textRecognize("open pizzeria", dialog),
      context: SPEAKER_CONTEXT,
    });
    assert.equal(answer.status, 200);
    assert.match(String(answer.headers["content-type"]), /^multipart\/related;/);
    assert.deepEqual(directiveNames(answer.directives), [
      "SpeechSynthesizer.Speak",
      "Clova.RenderText",
    ]);
    assert.deepEqual(heard(answer), ["Pizzeria is open."]);
    for (const d of answer.directives) assert.equal(d.header.dialogRequestId, dialog);
    assert.ok(!answer.directives.some((d) => d.header.name === "StopCapture"), "no StopCapture");
  });

  describe("§13.4 multi-turn with ExpectSpeech", () => {
    beforeEach(async () => {
      await withoutSession(rig);
      rig.ext.answer = (req) =>
        req["request"].type === "SessionEndedRequest"
          ? { body: speech("", true) }
          : { body: speech("How many?", false) };
    });

    /** What the extension got in the session the last launch opened (an earlier test's
     * SessionEndedRequest may arrive late). */
    function sessionCalls() {
      const bodies = rig.ext.requests.map((r) => r.body);
      const launched = bodies.find((b) => b["request"].type === "LaunchRequest");
      assert.ok(launched, "a LaunchRequest");
      return bodies.filter((b) => b["session"].sessionId === launched["session"].sessionId);
    }

    async function launch(dialog: Dialog): Promise<string> {
      const launched = await rig.device.event({
        ...textRecognize("open pizzeria", dialog),
        context: SPEAKER_CONTEXT,
      });
      assert.equal(launched.status, 200);
      const expect = expectSpeechOf(launched.directives);
      assert.equal(expect.header.dialogRequestId, dialog);
      const { timeoutInMilliseconds, explicit, expectSpeechId } = expect.payload;
      assert.ok(Number.isInteger(timeoutInMilliseconds) && Number(timeoutInMilliseconds) > 0);
      assert.equal(typeof explicit, "boolean");
      assert.equal(typeof expectSpeechId, "string");
      return String(expectSpeechId);
    }

    it("continues the session for a follow-up naming the ExpectSpeech, with the same or a new dialogRequestId", async () => {
      const dialog = randomUUID();
      const first = await launch(dialog);
      const same = await rig.device.event(followUp("two", dialog, first));
      assert.equal(same.status, 200);
      for (const d of same.directives) assert.equal(d.header.dialogRequestId, dialog);
      const second = String(expectSpeechOf(same.directives).payload["expectSpeechId"]);
      assert.notEqual(second, first, "a fresh expectSpeechId for each ExpectSpeech");
      const other = randomUUID();
      const next = await rig.device.event(followUp("3 pizzas", other, second));
      for (const d of next.directives) assert.equal(d.header.dialogRequestId, other, "echoed");
      const [launchCall, ...followUps] = sessionCalls();
      assert.equal(launchCall["request"].type, "LaunchRequest");
      assert.deepEqual(
        followUps.map((b) => [b["request"].type, b["request"].intent?.name, b["session"].new]),
        [
          ["IntentRequest", "OrderPizza", false],
          ["IntentRequest", "OrderPizza", false],
        ],
      );
      for (const b of followUps)
        assert.equal(b["session"].sessionId, launchCall["session"].sessionId);
    });

    it("continues the session for a follow-up without speechId (it is optional, §9.12)", async () => {
      const dialog = randomUUID();
      await launch(dialog);
      await rig.device.event(followUp("two", dialog));
      assert.deepEqual(
        sessionCalls().map((b) => b["request"].type),
        ["LaunchRequest", "IntentRequest"],
      );
    });

    it("handles a follow-up whose speechId is unknown as a fresh request, ending the open session", async () => {
      const dialog = randomUUID();
      await launch(dialog);
      const stale = await rig.device.event(followUp("two", dialog, randomUUID()));
      assert.equal(stale.status, 200);
      for (const d of stale.directives) assert.equal(d.header.dialogRequestId, dialog);
      const types = () => sessionCalls().map((b) => b["request"].type);
      await until(() => types().includes("SessionEndedRequest"), 5000, "SessionEndedRequest");
      assert.deepEqual(types(), ["LaunchRequest", "SessionEndedRequest"], "not continued");
      // The session is gone: the next utterance is not the extension's either.
      await rig.device.event(followUp("two", randomUUID()));
      assert.ok(!rig.ext.requests.some((r) => r.body["request"].type === "IntentRequest"));
    });
  });
});
