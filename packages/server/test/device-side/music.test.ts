// Music through real CIC: the example music box plays, the reference device keeps its queue
// and reports playback, and "next", "previous", "pause", "resume", "stop" and "repeat this
// song" work by voice in en/ja/ko and through the device's buttons (cic.md §9.2, §9.6).
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { ReferenceDevice } from "@clover/device";
import { type DeviceSideWorld, names, startWorld } from "./clover.js";

const PHRASES = {
  en: {
    play: "ask music box to play jazz",
    next: "next",
    previous: "previous",
    pause: "pause",
    resume: "resume",
    repeat: "repeat this song",
    stop: "stop",
    whatsPlaying: "what's playing",
  },
  ja: {
    play: "ミュージックボックスでジャズをかけて",
    next: "次の曲",
    previous: "前の曲",
    pause: "一時停止",
    resume: "再開して",
    repeat: "この曲をリピートして",
    stop: "ストップ",
    whatsPlaying: "この曲は何",
  },
  ko: {
    play: "뮤직 박스로 재즈 틀어줘",
    next: "다음 곡",
    previous: "이전 곡",
    pause: "일시 정지",
    resume: "다시 재생해줘",
    repeat: "이 노래 반복해 줘",
    stop: "그만",
    whatsPlaying: "지금 나오는 노래 뭐야",
  },
} as const;

const token = (device: ReferenceDevice) => device.player.current?.stream["token"];
const shown = (answer: {
  directives: { header: { name: string }; payload: Record<string, unknown> }[];
}) =>
  answer.directives
    .filter((d) => d.header.name === "RenderText")
    .map((d) => String(d.payload["text"]))
    .join(" ");

describe("music through CIC", () => {
  let world: DeviceSideWorld;
  before(async () => {
    world = await startWorld({ examples: "embedded" });
  });
  after(() => world.close());

  for (const language of ["en", "ja", "ko"] as const) {
    it(`plays, skips, pauses, resumes, repeats and stops by voice (${language})`, async () => {
      const say = PHRASES[language];
      const device = await world.device(`speaker-${language}`, { account: `user-${language}` });
      const played = await device.say(say.play);
      assert.ok(
        names(played.directives).includes("AudioPlayer.Play"),
        JSON.stringify(played.directives),
      );
      assert.equal(token(device), "jazz:0");
      assert.equal(device.player.activity, "PLAYING");
      assert.ok(device.sent.includes("AudioPlayer.PlayStarted"));

      // The extension sees the stream in context.AudioPlayer and moves on from it.
      await device.say(say.next);
      assert.equal(token(device), "jazz:1");
      // "What's playing" names the track the player is on (its title and artist).
      const told = shown(await device.say(say.whatsPlaying));
      assert.match(told, /Late Tram/, told);
      assert.match(told, /Mira Quartet/, told);
      assert.equal(device.player.activity, "PLAYING", "asking does not stop the music");
      await device.say(say.previous);
      assert.equal(token(device), "jazz:0");

      await device.say(say.pause);
      assert.equal(device.player.activity, "PAUSED");
      assert.equal(device.sent.at(-1), "AudioPlayer.PlayPaused");
      await device.say(say.resume);
      assert.equal(device.player.activity, "PLAYING");

      const repeated = await device.say(say.repeat);
      assert.ok(
        names(repeated.directives).includes("PlaybackController.SetRepeatMode"),
        names(repeated.directives).join(),
      );
      assert.equal(device.player.repeatMode, "REPEAT_ONE");
      // With REPEAT_ONE the finished song starts again instead of the next one.
      await device.advance(600_000);
      assert.equal(token(device), "jazz:0");
      assert.equal(device.player.activity, "PLAYING");

      await device.say(say.stop);
      assert.equal(device.player.activity, "STOPPED");
    });
  }

  it("answers the device's buttons through the extension that owns the player", async () => {
    const device = await world.device("speaker-buttons", { account: "user-buttons" });
    await device.say("ask music box to play rock");
    assert.equal(token(device), "rock:0");
    await device.press("NextCommandIssued", { source: { namespace: "AudioPlayer" } });
    assert.equal(token(device), "rock:1");
    await device.press("PreviousCommandIssued");
    assert.equal(token(device), "rock:0");
    await device.press("PauseCommandIssued");
    assert.equal(device.player.activity, "PAUSED");
    await device.press("ResumeCommandIssued");
    assert.equal(device.player.activity, "PLAYING");
    await device.press("StopCommandIssued");
    assert.equal(device.player.activity, "STOPPED");
  });

  it("plays the next track when one finishes, and asks for deferred URLs just in time", async () => {
    const device = await world.device("speaker-lofi", { account: "user-lofi" });
    await device.say("ask music box to play lofi");
    // urlPlayable false: StreamRequested → StreamDeliver merged, then PlayStarted.
    assert.deepEqual(device.sent.filter((n) => n.startsWith("AudioPlayer.")).slice(0, 2), [
      "AudioPlayer.StreamRequested",
      "AudioPlayer.PlayStarted",
    ]);
    assert.match(
      String(device.player.current?.stream["url"]),
      /^https:\/\/.*lofi\/1\.mp3\?expires=/,
    );
    assert.equal(device.player.current?.stream["durationInMilliseconds"], 132_000);
    await device.advance(132_000);
    assert.ok(device.sent.includes("AudioPlayer.ProgressReportDelayPassed"));
    assert.ok(device.sent.includes("AudioPlayer.PlayFinished"));
    assert.equal(token(device), "lofi:1");
  });

  it("shows the player screen on a device with a display", async () => {
    const device = await world.device("tablet", { account: "user-screen", display: "l100" });
    const played = await device.say("ask music box to play classical");
    assert.ok(names(played.directives).includes("TemplateRuntime.RenderPlayerInfo"));
    const player = device.screen.player as {
      playableItems: { titleText: string }[];
      provider: { name: string };
    };
    assert.equal(player.playableItems[0]?.titleText, "Morning Prelude");
    assert.equal(player.provider.name, "Music Box");
  });
});
