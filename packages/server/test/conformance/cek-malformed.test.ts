// CEK responses malformed in the fields cek-custom-extension.md §4 defines, from a raw
// extension on node:http, heard by a raw HTTP/2 device. A body that fails validation is an
// extension error (§2.4): one apology in the user's language, the session closed, nothing of
// the broken answer played, no listening; what §4 says to accept (guidelines that CEK does not
// enforce, unknown directives, cards) is accepted.
import assert from "node:assert/strict";
import { after, before, beforeEach, describe, it } from "node:test";
import { SPEAKER_CONTEXT } from "../helpers/devices.js";
import {
  admin,
  directiveNames,
  type ExtensionRig,
  extensionRig,
  heard,
  type RawDevice,
  type RawExtension,
  speech,
  textRecognize,
} from "./raw.js";

const ID = "org.example.parrot";
const model = {
  language: "en",
  invocation: { main: "parrot" },
  intents: [{ name: "SayIntent", slots: [], utterances: ["say something", "talk to me"] }],
};
const say = (value: unknown) => ({
  type: "SimpleSpeech",
  values: { type: "PlainText", lang: "en", value },
});
/** A valid answer with one field replaced. */
function answerWith(response: Record<string, unknown>, top: Record<string, unknown> = {}) {
  return {
    version: "1.0",
    sessionAttributes: {},
    response: {
      outputSpeech: say("The parrot talks."),
      card: {},
      directives: [],
      shouldEndSession: false,
      ...response,
    },
    ...top,
  };
}

describe("CEK: malformed extension responses (cek-custom-extension.md §2.4, §4)", () => {
  let rig: ExtensionRig;
  let ext: RawExtension;
  let device: RawDevice;
  let apology: string;

  before(async () => {
    rig = await extensionRig({
      env: { CLOVER_CEK_BREAKER_FAILURES: "1000" },
      registration: { id: ID, displayName: "Parrot", usesAudioPlayer: true, models: { en: model } },
      deviceId: "parrot-1",
    });
    ({ ext, device } = rig);
    // A first answer that fails (HTTP 500) gives the platform's apology to compare with.
    ext.answer = () => ({ status: 500, body: "boom" });
    const failed = await device.event({
      ...textRecognize("ask parrot to say something"),
      context: SPEAKER_CONTEXT,
    });
    apology = heard(failed)[0] ?? "";
    assert.ok(apology.length > 0, "an apology for an extension error");
  });
  after(() => rig?.close());
  beforeEach(() => {
    ext.requests.length = 0;
  });

  const broken: [string, unknown][] = [
    ["a body that is a JSON array", [answerWith({})]],
    ["no response object", { version: "1.0", sessionAttributes: {} }],
    ["response as a string", { version: "1.0", sessionAttributes: {}, response: "hello" }],
    ["sessionAttributes as an array", answerWith({}, { sessionAttributes: ["a"] })],
    ["sessionAttributes as a string", answerWith({}, { sessionAttributes: "a=1" })],
    ["outputSpeech as a string", answerWith({ outputSpeech: "hello" })],
    [
      "an unknown outputSpeech type",
      answerWith({ outputSpeech: { type: "Shout", values: say("x").values } }),
    ],
    [
      "a SpeechInfoObject of an unknown type",
      answerWith({
        outputSpeech: {
          type: "SimpleSpeech",
          values: { type: "SSML", lang: "en", value: "<speak/>" },
        },
      }),
    ],
    ["a speech value that is a number", answerWith({ outputSpeech: say(42) })],
    [
      "a SpeechList whose values is a string",
      answerWith({ outputSpeech: { type: "SpeechList", values: "one, two" } }),
    ],
    [
      "a verbose of type SpeechSet",
      answerWith({
        outputSpeech: {
          type: "SpeechSet",
          brief: { type: "PlainText", lang: "en", value: "b" },
          verbose: { type: "SpeechSet", values: { type: "PlainText", lang: "en", value: "v" } },
        },
      }),
    ],
    ["a reprompt whose outputSpeech is a number", answerWith({ reprompt: { outputSpeech: 7 } })],
    ["directives as an object", answerWith({ directives: { header: {}, payload: {} } })],
    [
      "a directive whose name is a number",
      answerWith({ directives: [{ header: { namespace: "AudioPlayer", name: 5 }, payload: {} }] }),
    ],
    ["a directive without a header", answerWith({ directives: [{ payload: {} }] })],
    ["shouldEndSession as a string", answerWith({ shouldEndSession: "false" })],
    ["shouldEndSession as a number", answerWith({ shouldEndSession: 0 })],
  ];
  for (const [what, body] of broken)
    it(`treats ${what} as an extension error: one apology, no listening`, async () => {
      ext.answer = () => ({ body });
      const answer = await device.event(textRecognize("ask parrot to say something"));
      assert.equal(answer.status, 200, answer.body.toString());
      assert.deepEqual(heard(answer), [apology], "only the apology");
      assert.ok(!directiveNames(answer.directives).includes("SpeechRecognizer.ExpectSpeech"));
      assert.ok(!directiveNames(answer.directives).includes("AudioPlayer.Play"));
      // The session did not stay open: the next words start a new one.
      ext.answer = () => ({ body: speech("ok", true) });
      await device.event(textRecognize("ask parrot to talk to me"));
      assert.equal(ext.requests.at(-1)?.body["session"].new, true, "a new session");
    });

  /** What the developer sees of the next answer: the console's extension test (docs/server.md). */
  async function developerSees(): Promise<{
    error?: { code: string; message: string; status?: number };
    warnings?: string[];
    speech: string[];
  }> {
    const tested = await admin(rig.running.url, "POST", `/api/v1/extensions/${ID}/test`, {
      text: "say something",
    });
    assert.equal(tested.status, 200, tested.body.toString());
    return JSON.parse(tested.body.toString());
  }

  for (const contentType of ["text/html; charset=utf-8", "text/plain"])
    it(`treats a valid body labelled ${contentType} as an extension error that names the header (§2.2)`, async () => {
      ext.answer = () => ({
        body: answerWith({ shouldEndSession: true }),
        headers: { "content-type": contentType },
      });
      const answer = await device.event(textRecognize("ask parrot to say something"));
      assert.deepEqual(heard(answer), [apology], "only the apology");
      const seen = await developerSees();
      assert.equal(seen.error?.code, "content-type", JSON.stringify(seen));
      assert.ok(
        seen.error.message.includes(`"${contentType}" is not application/json`),
        seen.error.message,
      );
    });

  it("accepts JSON labelled in the guide's spelling, as a +json type, or not labelled at all", async () => {
    for (const contentType of [
      "application/json;charset-UTF-8",
      "Application/JSON",
      "application/vnd.example.parrot+json; charset=utf-8",
      null,
    ]) {
      ext.answer = () => ({
        body: answerWith({ shouldEndSession: true }),
        headers: { "content-type": contentType },
      });
      const answer = await device.event(textRecognize("ask parrot to say something"));
      assert.deepEqual(heard(answer), ["The parrot talks."], String(contentType));
    }
  });

  it("names a redirect and where it points; it is not followed (§2.1)", async () => {
    ext.answer = () => ({
      status: 302,
      body: "",
      headers: { location: "https://elsewhere.example/cek" },
    });
    const answer = await device.event(textRecognize("ask parrot to say something"));
    assert.deepEqual(heard(answer), [apology]);
    const seen = await developerSees();
    assert.equal(seen.error?.code, "http-status");
    assert.equal(seen.error.status, 302);
    assert.match(
      seen.error.message,
      /redirect to "https:\/\/elsewhere\.example\/cek"; redirects are not followed/,
    );
  });

  it("speaks a long answer and more than ten items in full (§4.4: guidelines CEK does not enforce)", async () => {
    const long = `${"The parrot repeats itself. ".repeat(40)}Done.`;
    const items = Array.from({ length: 12 }, (_, i) => ({
      type: "PlainText",
      lang: "en",
      value: `item ${i + 1}`,
    }));
    ext.answer = () => ({ body: answerWith({ outputSpeech: say(long), shouldEndSession: true }) });
    assert.deepEqual(heard(await device.event(textRecognize("ask parrot to say something"))), [
      long,
    ]);
    // The developer is told, though the user heard it all.
    const seen = await developerSees();
    assert.deepEqual(seen.speech, [long]);
    assert.equal(seen.error, undefined);
    assert.deepEqual(seen.warnings, [
      `response.outputSpeech.values: ${[...long].length} characters, about 500 at most`,
    ]);
    ext.answer = () => ({
      body: answerWith({
        outputSpeech: { type: "SpeechList", values: items },
        shouldEndSession: true,
      }),
    });
    assert.deepEqual(
      heard(await device.event(textRecognize("ask parrot to say something"))),
      items.map((i) => i.value),
    );
    assert.deepEqual((await developerSees()).warnings, [
      "response.outputSpeech.values: 12 items, at most 10",
    ]);
  });

  it("drops unknown directives and ignores a non-empty card, speaking the rest (§4.6, §4.7)", async () => {
    ext.answer = () => ({
      body: answerWith({
        card: { type: "ImageText", mainText: { type: "string", value: "Polly" } },
        directives: [
          { header: { namespace: "Parrot", name: "Squawk" }, payload: { loud: true } },
          { header: { namespace: "DeviceControl", name: "TurnOff" }, payload: { target: "power" } },
        ],
        shouldEndSession: true,
      }),
    });
    const answer = await device.event(textRecognize("ask parrot to say something"));
    assert.deepEqual(heard(answer), ["The parrot talks."]);
    const passed = directiveNames(answer.directives);
    assert.ok(!passed.includes("Parrot.Squawk"), String(passed));
    assert.ok(!passed.includes("DeviceControl.TurnOff"), "only the §4.7 set passes");
  });
});
