// The schedule through real CIC with the reference device, in English: questions, adding with
// a question back, cancelling and moving with confirmations, memos, and cards.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { DeviceClient } from "@clover/device";
import { type CicSchedule, names, spoken, startCicSchedule } from "./cic.js";

// Friday, December 4, 2026, 09:00 UTC (devices without a zone are on UTC).
const NOW = Date.UTC(2026, 11, 4, 9, 0, 0);

describe("schedule through CIC (en)", () => {
  let cic: CicSchedule;
  let device: DeviceClient;

  before(async () => {
    cic = await startCicSchedule(NOW);
    device = await cic.device("kitchen-en");
  });
  after(() => cic?.close());

  it("answers an empty day naturally instead of the fallback", async () => {
    const answer = await device.sendText("what's on my schedule today");
    assert.equal(spoken(answer), "You have nothing on your schedule today.");
  });

  it("lets a new request end its question: asked when to move an event, 'what time is it' is answered", async () => {
    const asker = await cic.device("kitchen-en-asked");
    await asker.sendText("add dentist on Friday at 3 pm");
    const asked = await asker.sendText("move the dentist");
    assert.ok(names(asked).includes("SpeechRecognizer.ExpectSpeech"), spoken(asked));
    const time = await asker.sendText("what time is it");
    assert.match(spoken(time), /^It's 9(:00)? AM\.$/);
    assert.ok(!names(time).includes("SpeechRecognizer.ExpectSpeech"), "the question is over");
    const cancel = await asker.sendText("cancel the dentist");
    assert.match(spoken(cancel), /\?$/, "asks to confirm");
    const list = await asker.sendText("what's on my schedule on Friday");
    assert.match(spoken(list), /dentist/, "not cancelled by another request");
  });

  it("adds an event and reads it back grouped by day", async () => {
    const added = await device.sendText("add lunch with Mika tomorrow at noon");
    assert.equal(spoken(added), "OK, I added lunch with Mika tomorrow at noon.");
    await device.sendText("add haircut on Monday at 4 pm");
    const tomorrow = await device.sendText("what's on my schedule tomorrow");
    assert.equal(spoken(tomorrow), "You have 1 event tomorrow. At noon, lunch with Mika.");
    const week = await device.sendText("what do I have next week");
    assert.equal(
      spoken(week),
      "You have 1 event from Monday, December 7 to Sunday, December 13. On Monday, December 7: at 4 PM, haircut.",
    );
    const when = await device.sendText("when is my haircut");
    assert.equal(spoken(when), "Haircut is Monday, December 7 at 4 PM.");
  });

  it("asks for what is missing, over several turns", async () => {
    const first = await device.sendText("add a dentist appointment");
    assert.equal(spoken(first), "When is dentist appointment?");
    assert.ok(names(first).includes("SpeechRecognizer.ExpectSpeech"), names(first).join());
    const second = await device.sendText("next Thursday at 3 pm");
    assert.equal(spoken(second), "OK, I added dentist appointment Thursday, December 10 at 3 PM.");
    const busy = await device.sendText("do I have anything at 3 pm on Thursday");
    assert.match(spoken(busy), /dentist appointment/);
  });

  it("confirms before cancelling and keeps the event on no", async () => {
    const ask = await device.sendText("cancel my 3 o'clock");
    assert.equal(spoken(ask), "Cancel dentist appointment Thursday, December 10 at 3 PM?");
    const no = await device.sendText("no");
    assert.equal(spoken(no), "OK, I left it as it was.");
    await device.sendText("cancel the dentist");
    const yes = await device.sendText("yes");
    assert.equal(spoken(yes), "OK, I cancelled dentist appointment.");
    const gone = await device.sendText("when is my dentist appointment");
    assert.equal(spoken(gone), "I couldn't find dentist appointment on your schedule.");
  });

  it("moves an event after a confirmation", async () => {
    const ask = await device.sendText("move the haircut to 5 pm");
    assert.equal(
      spoken(ask),
      "Move haircut from Monday, December 7 at 4 PM to Monday, December 7 at 5 PM?",
    );
    await device.sendText("yes");
    const when = await device.sendText("when is my haircut");
    assert.equal(spoken(when), "Haircut is Monday, December 7 at 5 PM.");
  });

  it("adds a weekly event and answers for the series", async () => {
    const added = await device.sendText("put a team meeting every Monday at 10");
    assert.equal(
      spoken(added),
      "OK, I added team meeting every Monday at 10 AM, starting Monday, December 7.",
    );
    cic.clock.at = Date.UTC(2026, 11, 21, 8, 0, 0);
    const monday = await device.sendText("what's on my schedule today");
    assert.equal(spoken(monday), "You have 1 event today. At 10 AM, team meeting.");
    const next = await device.sendText("what's next");
    assert.equal(spoken(next), "Next is team meeting, today at 10 AM.");
    cic.clock.at = NOW;
  });

  it("takes, reads and deletes notes", async () => {
    const taken = await device.sendText("take a note: buy milk");
    assert.equal(spoken(taken), "OK, I noted: buy milk.");
    const ask = await device.sendText("take a note");
    assert.equal(spoken(ask), "What should I note?");
    await device.sendText("call the plumber about the sink");
    const read = await device.sendText("read my notes");
    assert.equal(spoken(read), "You have 2 notes. Call the plumber about the sink; and buy milk.");
    const confirm = await device.sendText("delete the last note");
    assert.equal(spoken(confirm), 'Delete your last note, "call the plumber about the sink"?');
    const done = await device.sendText("yes");
    assert.equal(spoken(done), "OK, I deleted it.");
    const after = await device.sendText("read my notes");
    assert.equal(spoken(after), "You have 1 note. Buy milk.");
    // "Delete my notes" is about notes (not the alerts' list), and about all of them.
    await device.sendText("take a note: renew the passport");
    const all = await device.sendText("delete my notes");
    assert.equal(spoken(all), "Delete all 2 of your notes?");
    await device.sendText("yes");
    assert.equal(spoken(await device.sendText("read my notes")), "You have no notes.");
    await device.sendText("take a note: water the fern");
    assert.match(spoken(await device.sendText("delete my memo")), /^Delete your last note/);
    await device.sendText("no");
  });
});
