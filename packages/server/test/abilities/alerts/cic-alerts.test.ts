// Alerts through real CIC: the reference device keeps and rings alerts, the server reacts to
// every Alerts event of cic.md §9.1, the clock is moved instead of slept.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import {
  type AlertsHarness,
  names,
  renderedText,
  startAlertsHarness,
  type TestDevice,
  until,
} from "./harness.js";

const MINUTE = 60_000;

describe("alerts through CIC with a device that keeps them", () => {
  let h: AlertsHarness;
  let speaker: TestDevice;

  before(async () => {
    h = await startAlertsHarness(Date.parse("2026-03-07T10:00:00Z"));
    speaker = await h.device("speaker-1");
  });
  after(() => h.close());

  it("sets an alarm by voice: SetAlert, then speech and an Alarm card on SetAlertSucceeded", async () => {
    const answer = await speaker.alerts.sendText("set an alarm for 7 am");
    assert.equal(answer.status, 200);
    const set = answer.directives.find((d) => d.header.name === "SetAlert");
    assert.ok(set, names(answer.directives).join());
    assert.equal(set.payload["type"], "ALARM");
    assert.equal(set.payload["scheduledTime"], "2026-03-08T07:00:00+00:00");
    assert.equal(set.payload["assets"], undefined, "no assets for ALARM");
    assert.equal(set.header.dialogRequestId !== undefined, true);
    // The device stored it and said so; the server confirmed aloud with a card.
    const succeeded = speaker.alerts.log.find((e) => e.event === "Alerts.SetAlertSucceeded");
    assert.ok(succeeded);
    assert.match(renderedText(succeeded.response.directives), /Alarm set for tomorrow at 7 AM/);
    const card = succeeded.response.directives.find((d) => d.header.name === "RenderTemplate");
    assert.equal(card?.payload["type"], "Alarm");
    const stored = await h.api("GET", `/api/v1/users/${h.userId}/alerts?deviceId=speaker-1`);
    assert.equal(stored.body.alerts.length, 1);
    assert.equal(stored.body.alerts[0].status, "set");
  });

  it("rings at its time, stops by voice (StopAlert) and is deleted after AlertStopped", async () => {
    h.clock.value = Date.parse("2026-03-08T07:00:00Z");
    const rung = await speaker.alerts.ringDue();
    assert.equal(rung.length, 1);
    assert.equal(speaker.alerts.log.at(-1)?.response.status, 204, "AlertStarted → 204");
    const stop = await speaker.alerts.sendText("stop");
    assert.deepEqual(names(stop.directives), ["Alerts.StopAlert"]);
    const stopped = speaker.alerts.log.find((e) => e.event === "Alerts.AlertStopped");
    assert.deepEqual(names(stopped!.response.directives), ["Alerts.DeleteAlert"]);
    assert.equal(speaker.alerts.all.length, 0);
    assert.equal(speaker.alerts.log.at(-1)?.event, "Alerts.DeleteAlertSucceeded");
    const stored = await h.api("GET", `/api/v1/users/${h.userId}/alerts`);
    assert.equal(stored.body.alerts.length, 0);
  });

  it("keeps several timers, tells the time left and asks which one to cancel", async () => {
    h.clock.value = Date.parse("2026-03-08T08:00:00Z");
    await speaker.alerts.sendText("set a timer for 10 minutes");
    await speaker.alerts.sendText("set a pasta timer for 3 minutes");
    assert.equal(speaker.alerts.all.length, 2);
    const pasta = speaker.alerts.all[0]!;
    assert.equal(pasta.scheduledTime, "2026-03-08T08:03:00+00:00");
    assert.equal(pasta.assets?.[0]?.url, "clova://alert/bell/timer");
    h.clock.advance(MINUTE);
    const left = await speaker.alerts.sendText("how long is left on my timer");
    assert.match(renderedText(left.directives), /pasta timer, 2 minutes left/);
    assert.match(renderedText(left.directives), /9 minutes left/);
    const which = await speaker.alerts.sendText("cancel the timer");
    assert.match(
      renderedText(which.directives),
      /You have two timers: the pasta timer and 10 minutes\. Which one\?/,
    );
    assert.ok(names(which.directives).includes("SpeechRecognizer.ExpectSpeech"));
    const chosen = await speaker.alerts.sendText("the 10 minute one");
    assert.ok(
      names(chosen.directives).includes("Alerts.DeleteAlert"),
      names(chosen.directives).join(),
    );
    assert.equal(speaker.alerts.all.length, 1);
    assert.equal(speaker.alerts.all[0]!.token, pasta.token);
    const named = await speaker.alerts.sendText("cancel the pasta timer");
    assert.ok(names(named.directives).includes("Alerts.DeleteAlert"));
    assert.equal(speaker.alerts.all.length, 0);
  });

  it("cancels a timer that is not ringing on 'stop the timer'; 'snooze' with nothing ringing says so", async () => {
    h.clock.value = Date.parse("2026-03-08T09:00:00Z");
    await speaker.alerts.sendText("set a timer for 5 minutes");
    assert.equal(speaker.alerts.all.length, 1);
    const snooze = await speaker.alerts.sendText("snooze");
    assert.equal(renderedText(snooze.directives), "Nothing is ringing right now.");
    const stop = await speaker.alerts.sendText("stop the timer");
    assert.ok(names(stop.directives).includes("Alerts.DeleteAlert"), names(stop.directives).join());
    assert.equal(renderedText(stop.directives), "Deleted the 5 minutes timer.");
    assert.equal(speaker.alerts.all.length, 0);
    await speaker.alerts.sendText("set an alarm for 7 am");
    const off = await speaker.alerts.sendText("turn off my alarm");
    assert.ok(names(off.directives).includes("Alerts.DeleteAlert"), names(off.directives).join());
    assert.match(renderedText(off.directives), /^Deleted the alarm for (?:tomorrow at )?7 AM\.$/);
    assert.equal(speaker.alerts.all.length, 0);
  });

  it("says a timer that went off while the speaker was offline went off, not how long is left", async () => {
    h.clock.value = Date.parse("2026-03-08T09:30:00Z");
    await speaker.alerts.sendText("set a timer for 5 minutes");
    assert.equal(speaker.alerts.all.length, 1);
    // the device never rang it (offline); the server keeps it an hour after its time
    h.clock.advance(12 * MINUTE);
    const list = await speaker.alerts.sendText("what timers do i have");
    assert.equal(
      renderedText(list.directives),
      "You have no timers. The 5 minutes timer went off 7 minutes ago.",
    );
    const left = await speaker.alerts.sendText("how long is left on my timer");
    assert.equal(renderedText(left.directives), "The 5 minutes timer went off 7 minutes ago.");
    await speaker.alerts.sendText("set a timer for 10 minutes");
    const both = await speaker.alerts.sendText("what timers do i have");
    assert.equal(
      renderedText(both.directives),
      "You have 1 timer: the 10 minutes timer, 10 minutes left. The 5 minutes timer went off 7 minutes ago.",
    );
    const cleared = await speaker.alerts.sendText("delete all my timers");
    assert.ok(
      names(cleared.directives).includes("Alerts.DeleteAlert"),
      names(cleared.directives).join(),
    );
    assert.equal(speaker.alerts.all.length, 0);
  });

  it("refuses an alert further than a year ahead by voice, and sets nothing", async () => {
    for (const text of ["wake me up in 9999 years", "set a timer for 800 days"]) {
      const far = await speaker.alerts.sendText(text);
      assert.match(renderedText(far.directives), /too far ahead/, text);
      assert.ok(!names(far.directives).includes("Alerts.SetAlert"), text);
    }
    assert.equal(speaker.alerts.all.length, 0);
  });

  it("takes a new request asked 'which one?' as that request, not as the answer", async () => {
    h.clock.value = Date.parse("2026-03-08T10:00:00Z");
    await speaker.alerts.sendText("set a timer for 10 minutes");
    await speaker.alerts.sendText("set a timer for 20 minutes");
    await speaker.alerts.sendText("remind me to call the bank at 6 pm");
    const which = await speaker.alerts.sendText("cancel the timer");
    assert.match(renderedText(which.directives), /Which one\?/);
    const reminders = await speaker.alerts.sendText("delete all my reminders");
    assert.match(renderedText(reminders.directives), /reminder/i);
    assert.deepEqual(
      speaker.alerts.all.map((a) => a.type),
      ["TIMER", "TIMER"],
      "the timers stay; the reminder is gone",
    );
    await speaker.alerts.sendText("delete all timers");
    assert.equal(speaker.alerts.all.length, 0);
  });

  it("sets the timer a user asks for while asked 'which one?', even of a length one has (en, ja, ko)", async () => {
    const said = {
      en: ["set a timer for 10 minutes", "set a timer for 20 minutes", "cancel the timer"],
      ja: ["10分のタイマーをセットして", "20分のタイマーをセットして", "タイマーを削除して"],
      ko: ["타이머 10분 맞춰줘", "타이머 20분 맞춰줘", "타이머 취소해줘"],
    };
    for (const language of ["en", "ja", "ko"] as const) {
      const [ten, twenty, cancel] = said[language];
      const kitchen = await h.device(`kitchen-${language}`);
      await kitchen.alerts.sendText(ten);
      await kitchen.alerts.sendText(twenty);
      const which = await kitchen.alerts.sendText(cancel);
      assert.ok(names(which.directives).includes("SpeechRecognizer.ExpectSpeech"), language);
      // A second 10-minute timer, not the first one deleted.
      const again = await kitchen.alerts.sendText(ten);
      assert.deepEqual(
        names(again.directives).filter((n) => n.startsWith("Alerts.")),
        ["Alerts.SetAlert"],
        `${language}: ${renderedText(again.directives)}`,
      );
      assert.equal(kitchen.alerts.all.length, 3, language);
      kitchen.close();
    }
  });

  it("says how long is left on Korean timers in a sentence (남았어요, not 남음이에요)", async () => {
    const kitchen = await h.device("kitchen-left-ko");
    await kitchen.alerts.sendText("타이머 10분 맞춰줘");
    const one = renderedText((await kitchen.alerts.sendText("타이머 얼마나 남았어")).directives);
    assert.match(one, /^10분 타이머, 10분 남았어요\.$/);
    await kitchen.alerts.sendText("파스타 타이머 5분 맞춰줘");
    const two = renderedText((await kitchen.alerts.sendText("타이머 얼마나 남았어")).directives);
    assert.doesNotMatch(two, /남음이에요/);
    assert.match(two, /남았어요\.$/);
    kitchen.close();
  });

  it("moves a repeating alarm to its next occurrence when it has rung and stopped by button", async () => {
    h.clock.value = Date.parse("2026-03-09T05:00:00Z");
    await speaker.alerts.sendText("set an alarm for 6:30 every day");
    const [daily] = speaker.alerts.all;
    assert.equal(daily?.scheduledTime, "2026-03-09T06:30:00+00:00");
    h.clock.value = Date.parse("2026-03-09T06:30:00Z");
    await speaker.alerts.ringDue();
    const stop = await speaker.alerts.pressStop();
    assert.deepEqual(names(stop!.directives), ["Alerts.StopAlert"]);
    const stopped = speaker.alerts.log.findLast((e) => e.event === "Alerts.AlertStopped");
    assert.deepEqual(names(stopped!.response.directives), ["Alerts.SetAlert"]);
    assert.equal(speaker.alerts.all.length, 1);
    assert.equal(speaker.alerts.all[0]!.scheduledTime, "2026-03-10T06:30:00+00:00");
    assert.equal(speaker.alerts.all[0]!.token, daily!.token);
    const list = await speaker.alerts.sendText("what alarms do i have");
    assert.match(renderedText(list.directives), /every day at 6:30 AM/);
    assert.equal(
      list.directives.find((d) => d.header.name === "RenderTemplate")?.payload["type"],
      "AlarmList",
    );
    const deleted = await speaker.alerts.sendText("delete all alarms");
    assert.ok(names(deleted.directives).includes("Alerts.DeleteAlert"));
    assert.equal(speaker.alerts.all.length, 0);
  });

  it("sets a reminder with its text and lists tomorrow's reminders", async () => {
    h.clock.value = Date.parse("2026-03-09T10:00:00Z");
    await speaker.alerts.sendText("remind me to water the plants at 6:30 pm");
    const reminder = speaker.alerts.all[0]!;
    assert.equal(reminder.type, "REMINDER");
    assert.equal(reminder.label, "water the plants");
    assert.equal(reminder.scheduledTime, "2026-03-09T18:30:00+00:00");
    assert.match(speaker.said.at(-1) ?? "", /remind you to water the plants at 6:30 PM/);
    const none = await speaker.alerts.sendText("what are my reminders for tomorrow");
    assert.match(renderedText(none.directives), /no reminders/);
    const today = await speaker.alerts.sendText("what are my reminders");
    assert.match(renderedText(today.directives), /water the plants/);
    await speaker.alerts.pressDelete(reminder.token);
    assert.equal(speaker.alerts.all.length, 0);
    // The user's words are said back as theirs, and a day is not "at tomorrow".
    await speaker.alerts.sendText("remind me to take my pills tomorrow at 9 am");
    assert.equal(speaker.alerts.all[0]!.label, "take my pills");
    assert.equal(speaker.said.at(-1), "OK, I'll remind you to take your pills tomorrow at 9 AM.");
    const listed = await speaker.alerts.sendText("what are my reminders");
    assert.match(renderedText(listed.directives), /a reminder to take your pills tomorrow at 9 AM/);
    await speaker.alerts.sendText("delete all reminders");
  });

  it("fires an action timer once on the server and only deletes it when the device stops it", async () => {
    h.clock.value = Date.parse("2026-03-09T20:00:00Z");
    await speaker.alerts.sendText("stop the music in 30 minutes");
    const timer = speaker.alerts.all[0]!;
    assert.equal(timer.type, "ACTIONTIMER");
    assert.equal(timer.label, "stop the music");
    assert.equal(timer.scheduledTime, "2026-03-09T20:30:00+00:00");
    const before = speaker.pushed.length;
    h.clock.value = Date.parse("2026-03-09T20:30:00Z");
    // Two runs (as two nodes would) fire it once.
    const ran = await Promise.all([
      h.server.platform.jobRunner.runDue(),
      h.server.platform.jobRunner.runDue(),
    ]);
    assert.equal(ran[0] + ran[1], 1);
    await until(() => speaker.pushed.length > before, "the action on the downchannel");
    const actionNames = names(speaker.pushed.slice(before));
    assert.ok(actionNames.length > 0);
    await speaker.alerts.ringDue();
    await speaker.alerts.pressStop();
    const stopped = speaker.alerts.log.findLast((e) => e.event === "Alerts.AlertStopped");
    assert.deepEqual(names(stopped!.response.directives), ["Alerts.DeleteAlert"], "not run twice");
    assert.equal(speaker.alerts.all.length, 0);
  });
});
