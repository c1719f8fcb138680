// A reminder rings with its text spoken (cic.md §9.1 assets): SetAlert carries the bell and an
// http URL of TTS audio the platform serves; the reference device downloads it when the alert
// is set and has MP3 audio to play. The URL only works with its key and while the reminder
// exists. Real CIC, real eSpeak NG.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { EspeakTextToSpeech } from "../../../src/speech/index.js";
import { type AlertsHarness, startAlertsHarness, type TestDevice } from "./harness.js";

function isMp3(audio: Uint8Array | undefined): boolean {
  // An MPEG audio frame header (11 sync bits), no ID3 tag (cic.md §11).
  return !!audio && audio.length > 1000 && audio[0] === 0xff && (audio[1]! & 0xe0) === 0xe0;
}

describe("a reminder's spoken text as an alert asset", () => {
  let h: AlertsHarness;
  let speaker: TestDevice;
  const tts = new EspeakTextToSpeech({ concurrency: 1 });

  before(async () => {
    h = await startAlertsHarness(Date.parse("2026-03-07T10:00:00Z"), { tts });
    speaker = await h.device("speaker-1");
  });
  after(async () => {
    await h.close();
    await tts.close?.();
  });

  it("sends the bell then the speech URL; the device downloads MP3 audio", async () => {
    const answer = await speaker.alerts.sendText("remind me to water the plants at 6:30 pm");
    const set = answer.directives.find((d) => d.header.name === "SetAlert");
    assert.ok(set);
    const token = String(set.payload["token"]);
    const assets = set.payload["assets"] as { assetId: string; url: string }[];
    assert.equal(assets.length, 2);
    assert.equal(assets[0]!.url, "clova://alert/bell/reminder");
    assert.ok(assets[1]!.url.startsWith(`${h.server.url}/alerts/v1/speech/${token}.mp3?key=`));
    assert.deepEqual(
      set.payload["assetPlayOrder"],
      assets.map((a) => a.assetId),
    );
    await speaker.alerts.downloaded();
    const kept = speaker.alerts.assets(token);
    assert.deepEqual(
      kept.map((a) => a.assetId),
      assets.map((a) => a.assetId),
    );
    assert.equal(kept[0]!.audio, undefined, "the bell is the device's own");
    assert.ok(isMp3(kept[1]!.audio), "the spoken text is MP3 audio");
    // It rings with both.
    h.clock.value = Date.parse("2026-03-07T18:30:00Z");
    const rung = await speaker.alerts.ringDue();
    assert.equal(rung[0]?.token, token);
  });

  it("refuses the audio without the right key, and once the reminder is gone", async () => {
    const answer = await speaker.alerts.sendText("remind me to call mom at 9 pm");
    const set = answer.directives.find((d) => d.header.name === "SetAlert");
    const url = (set!.payload["assets"] as { url: string }[])[1]!.url;
    const right = await fetch(url);
    assert.equal(right.status, 200);
    assert.equal(right.headers.get("content-type"), "audio/mpeg");
    assert.ok(isMp3(new Uint8Array(await right.arrayBuffer())));
    const wrong = await fetch(url.replace(/key=.{4}/, "key=AAAA"));
    assert.equal(wrong.status, 404);
    assert.equal(((await wrong.json()) as { error: { code: string } }).error.code, "not_found");
    assert.equal((await fetch(url.replace(/\?.*$/, ""))).status, 404);
    const token = String(set!.payload["token"]);
    const deleted = await h.api("DELETE", `/api/v1/users/${h.userId}/alerts/${token}`);
    assert.equal(deleted.status, 200);
    assert.equal((await fetch(url)).status, 404);
  });

  it("speaks a Japanese reminder in Japanese; a timer has only its bell", async () => {
    const answer = await speaker.alerts.sendText("明日の朝8時に薬を飲むとリマインドして");
    const set = answer.directives.find((d) => d.header.name === "SetAlert");
    assert.equal(set?.payload["label"], "薬を飲む");
    await speaker.alerts.downloaded();
    const kept = speaker.alerts.assets(String(set!.payload["token"]));
    assert.ok(isMp3(kept[1]?.audio));
    const timer = await speaker.alerts.sendText("set a timer for 5 minutes");
    const timerSet = timer.directives.find((d) => d.header.name === "SetAlert");
    assert.deepEqual(
      (timerSet!.payload["assets"] as { url: string }[]).map((a) => a.url),
      ["clova://alert/bell/timer"],
    );
  });

  it("keeps the speech asset in SynchronizeAlert and for reminders set from the API", async () => {
    const created = await h.api("POST", `/api/v1/users/${h.userId}/alerts`, {
      deviceId: "speaker-1",
      type: "REMINDER",
      scheduledTime: "2026-03-09T09:00:00+09:00",
      timeZone: "Asia/Seoul",
      label: "우유 사기",
      language: "ko",
    });
    assert.equal(created.status, 201);
    const sync = await speaker.alerts.synchronize();
    const all = sync.directives[0]?.payload["allAlerts"] as {
      token: string;
      assets?: { url: string }[];
    }[];
    const reminder = all.find((a) => a.token === created.body.alert.token);
    assert.match(reminder?.assets?.[1]?.url ?? "", /\/alerts\/v1\/speech\//);
    await speaker.alerts.downloaded();
    assert.ok(isMp3(speaker.alerts.assets(created.body.alert.token)[1]?.audio));
    const bad = await h.api("POST", `/api/v1/users/${h.userId}/alerts`, {
      type: "REMINDER",
      scheduledTime: "2026-03-09T09:00:00+09:00",
      label: "x",
      language: "fr",
    });
    assert.equal(bad.status, 400);
    assert.match(bad.body.error.message, /^language: /);
  });
});
