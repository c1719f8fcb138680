// Guest mode (cic.md §3.8, §9.3), black box with raw HTTP/2 devices: a guest asking for
// something that needs an account (alarms, reminders, the calendar, memos) gets
// Clova.ExpectLogin with an empty payload and a spoken prompt, and nothing is done for it;
// what needs no account (a timer, the time) still works; a device logged in with an account
// gets the real answer to the same words.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, it } from "node:test";
import {
  accountTokens,
  directiveNames,
  guestTokens,
  newAccount,
  newProduct,
  type Product,
  RawDevice,
  type Running,
  startServer,
  textRecognize,
} from "./raw.js";

describe("guest mode: requests that need an account (cic.md §3.8)", () => {
  let running: Running;
  let product: Product;
  let guest: RawDevice;
  let member: RawDevice;

  before(async () => {
    // The first turns compile every ability's model; on a loaded machine that takes long.
    running = await startServer({ CLOVER_CIC_ANSWER_TIMEOUT_MS: "120000" });
    product = await newProduct(running.url);
    guest = new RawDevice(
      running.url,
      (await guestTokens(running.url, product, `guest-${randomUUID()}`)).access_token,
    );
    const account = await newAccount(running.url, `member-${randomUUID().slice(0, 8)}`);
    member = new RawDevice(
      running.url,
      (await accountTokens(running.url, product, account, `member-${randomUUID()}`)).access_token,
    );
    assert.equal((await guest.openDownchannel()).status, 200);
    assert.equal((await member.openDownchannel()).status, 200);
    await member.event(textRecognize("what time is it"));
  });
  after(async () => {
    guest?.close();
    member?.close();
    await running?.close();
  });

  for (const text of [
    "set an alarm for 7 am",
    "remind me to water the plants at 6 pm",
    "what's on my calendar today",
    "add lunch with Mika tomorrow at noon",
    "take a note buy oat milk",
  ])
    it(`asks a guest to log in for "${text}", and does nothing else`, async () => {
      const answer = await guest.event(textRecognize(text));
      assert.equal(answer.status, 200, answer.body.toString());
      const login = answer.directives.find(
        (d) => d.header.namespace === "Clova" && d.header.name === "ExpectLogin",
      );
      assert.ok(
        login,
        `${text}: Clova.ExpectLogin in ${directiveNames(answer.directives)} ${JSON.stringify(answer.directives.find((d) => d.header.name === "RenderText")?.payload)}`,
      );
      assert.deepEqual(login.payload, {}, "delivered to clients with an empty payload (§9.3)");
      assert.ok(
        directiveNames(answer.directives).includes("SpeechSynthesizer.Speak"),
        "a spoken login prompt",
      );
      assert.ok(
        !directiveNames(answer.directives).some((n) => n.startsWith("Alerts.")),
        "no alert is set",
      );
      assert.ok(
        !directiveNames(answer.directives).includes("SpeechRecognizer.ExpectSpeech"),
        "no question asked",
      );
    });

  it("sets a timer for a guest (nothing personal) without asking to log in", async () => {
    const answer = await guest.event(textRecognize("set a timer for 3 minutes"));
    assert.equal(answer.status, 200, answer.body.toString());
    assert.ok(
      !directiveNames(answer.directives).includes("Clova.ExpectLogin"),
      String(directiveNames(answer.directives)),
    );
    const set = answer.directives.find((d) => d.header.name === "SetAlert");
    assert.equal(set?.payload["type"], "TIMER", String(directiveNames(answer.directives)));
  });

  it("answers a device with an account for the same words", async () => {
    const alarm = await member.event(textRecognize("set an alarm for 7 am"));
    assert.ok(!directiveNames(alarm.directives).includes("Clova.ExpectLogin"));
    assert.equal(
      alarm.directives.find((d) => d.header.name === "SetAlert")?.payload["type"],
      "ALARM",
    );
    const calendar = await member.event(textRecognize("what's on my calendar today"));
    assert.ok(!directiveNames(calendar.directives).includes("Clova.ExpectLogin"));
    assert.ok(directiveNames(calendar.directives).includes("SpeechSynthesizer.Speak"));
  });
});
