// AudioPlayer, PlaybackController and TemplateRuntime reactions through real CIC (cic.md §9.2,
// §9.6, §9.11): the server's mirror of the device queue, state reports between devices,
// remote control, repeat, custom buttons, hand-over, and the player screen.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { TestExtension } from "../helpers/extension-server.js";
import { registerAlbumBox } from "./album.js";
import { type DeviceSideWorld, names, startWorld, until } from "./clover.js";

describe("player: AudioPlayer, PlaybackController, TemplateRuntime", () => {
  let world: DeviceSideWorld;
  let album: TestExtension;
  before(async () => {
    world = await startWorld({
      examples: "off",
      device: { customButtons: { CUSTOM_BUTTON_1: "ask album box to play the album" } },
    });
    album = await registerAlbumBox(world);
  });
  after(async () => {
    await world.close();
    await album.close();
  });

  it("AudioPlayer.Play with ENQUEUE keeps the queue; PlaybackController.Next plays the next item", async () => {
    const speaker = await world.device("queue-speaker", { account: "queue-user" });
    const started = await speaker.say("ask album box to play the album");
    assert.equal(
      speaker.player.current?.stream["token"],
      "album:1",
      JSON.stringify(started.directives) + JSON.stringify(album.received.at(-1)?.body),
    );
    assert.equal(speaker.player.queue.length, 2);
    await speaker.say("pause");
    // The album box answers no Next: the server uses the device's queue.
    const next = await speaker.press("NextCommandIssued");
    assert.ok(
      names(next.directives).includes("PlaybackController.Next"),
      names(next.directives).join(),
    );
    assert.equal(speaker.player.current?.stream["token"], "album:2");
    const previous = await speaker.press("PreviousCommandIssued");
    assert.ok(names(previous.directives).includes("PlaybackController.Previous"));
    assert.equal(speaker.player.current?.stream["token"], "album:1");
  });

  it("PlaybackController.Expect*Command for every button an app presses for another device", async () => {
    const speaker = await world.device("buttons-speaker", { account: "buttons-user" });
    const app = await world.device("buttons-app", { account: "buttons-user", display: "m100" });
    await speaker.say("ask album box to play the album");
    const press = (name: string) => app.press(name, { deviceId: "buttons-speaker" });
    await press("NextCommandIssued");
    await until(() => speaker.player.current?.stream["token"] === "album:2", "remote next");
    await press("PreviousCommandIssued");
    await until(() => speaker.player.current?.stream["token"] === "album:1", "remote previous");
    await press("StopCommandIssued");
    await until(() => speaker.player.activity === "STOPPED", "remote stop");
    await press("ResumeCommandIssued");
    await until(() => speaker.player.activity === "PLAYING", "remote resume");
    for (const name of ["Next", "Previous", "Stop", "Resume"])
      assert.ok(speaker.sent.includes(`PlaybackController.${name}CommandIssued`), name);
  });

  it("Clova.LaunchURI from an extension opens the first target", async () => {
    const tablet = await world.device("launch-tablet", { account: "launch-user", display: "l100" });
    const opened = await tablet.say("ask album box to open the album website");
    assert.ok(
      names(opened.directives).includes("Clova.LaunchURI"),
      names(opened.directives).join(),
    );
    assert.deepEqual(tablet.launched, ["https://albums.example.org/test-album"]);
  });

  it("AudioPlayer.ClearQueue pushed from the app; PlaybackQueueCleared empties the server's queue", async () => {
    const tablet = await world.device("clear-tablet", { account: "clear-user", display: "l100" });
    await tablet.say("ask album box to play the album");
    const pushed = await world.api(
      "POST",
      "/api/v1/users/clear-user/devices/clear-tablet/directives",
      {
        namespace: "AudioPlayer",
        name: "ClearQueue",
        payload: { clearBehavior: "CLEAR_ENQUEUED" },
      },
    );
    assert.equal(pushed.status, 202);
    await until(() => tablet.sent.includes("AudioPlayer.PlaybackQueueCleared"));
    await tablet.settle();
    const info = await tablet.press("RequestPlayerInfo", { token: "album:1" }, "TemplateRuntime");
    const items = info.directives[0]!.payload["playableItems"] as { token: string }[];
    assert.deepEqual(
      items.map((i) => i.token),
      ["album:1"],
    );
  });

  it("AudioPlayer.RequestPlaybackState gets SynchronizePlaybackState after ExpectReportPlaybackState", async () => {
    const speaker = await world.device("report-speaker", { account: "report-user" });
    const app = await world.device("report-app", { account: "report-user", display: "m100" });
    await speaker.say("ask album box to play the album");
    const synchronized: Record<string, unknown>[] = [];
    const original = app.receive.bind(app);
    app.receive = async (directives, channel) => {
      for (const d of directives)
        if (d.header.name === "SynchronizePlaybackState") synchronized.push(d.payload);
      return original(directives, channel);
    };
    const asked = await app.send({
      namespace: "AudioPlayer",
      name: "RequestPlaybackState",
      payload: {},
    });
    assert.equal(asked.status, 204);
    await until(() => synchronized.length > 0, "SynchronizePlaybackState");
    assert.ok(speaker.sent.includes("AudioPlayer.ReportPlaybackState"));
    const state = synchronized[0]!["playbackState"] as { playerActivity: string; token: string };
    assert.equal(synchronized[0]!["deviceId"], "report-speaker");
    assert.equal(state.playerActivity, "PLAYING");
    assert.equal(state.token, "album:1");
  });

  it("PlaybackController.ExpectPauseCommand when an app presses Pause for another device", async () => {
    const speaker = await world.device("remote-speaker", { account: "remote-user" });
    const app = await world.device("remote-app", { account: "remote-user", display: "m100" });
    await speaker.say("ask album box to play the album");
    const pressed = await app.press("PauseCommandIssued", {
      deviceId: "remote-speaker",
      source: { namespace: "AudioPlayer" },
    });
    assert.equal(pressed.status, 204);
    await until(() => speaker.player.activity === "PAUSED");
    assert.ok(speaker.sent.includes("PlaybackController.PauseCommandIssued"));
  });

  it("PlaybackController.SetRepeatMode for SetRepeatModeCommandIssued, here and on another device", async () => {
    const speaker = await world.device("repeat-speaker", { account: "repeat-user" });
    const app = await world.device("repeat-app", { account: "repeat-user", display: "m100" });
    await speaker.say("ask album box to play the album");
    await app.press("SetRepeatModeCommandIssued", {
      deviceId: "repeat-speaker",
      repeatMode: "REPEAT_ONE",
    });
    await until(() => speaker.player.repeatMode === "REPEAT_ONE");
    const own = await speaker.press("SetRepeatModeCommandIssued", { repeatMode: "NONE" });
    assert.deepEqual(names(own.directives), ["PlaybackController.SetRepeatMode"]);
    assert.equal(speaker.player.repeatMode, "NONE");
  });

  it("PlaybackController.CustomCommandIssued runs the configured utterance", async () => {
    const speaker = await world.device("custom-speaker", { account: "custom-user" });
    const pressed = await speaker.press("CustomCommandIssued", { button: "CUSTOM_BUTTON_1" });
    assert.ok(names(pressed.directives).includes("AudioPlayer.Play"));
    assert.equal(pressed.directives[0]!.header.dialogRequestId, undefined);
    const unknown = await speaker.press("CustomCommandIssued", { button: "CUSTOM_BUTTON_9" });
    assert.equal(unknown.status, 204);
  });

  it("PlaybackController.ExpectPlayCommand hands playback over to another device", async () => {
    const kitchen = await world.device("handover-kitchen", { account: "handover-user" });
    const bedroom = await world.device("handover-bedroom", { account: "handover-user" });
    await kitchen.say("ask album box to play the album");
    await kitchen.advance(20_000);
    await kitchen.say("pause");
    const pushed = await world.api(
      "POST",
      "/api/v1/users/handover-user/devices/handover-bedroom/directives",
      {
        namespace: "PlaybackController",
        name: "ExpectPlayCommand",
        payload: { handover: { deviceId: "handover-kitchen", customData: "" }, token: "album:1" },
      },
    );
    assert.equal(pushed.status, 202);
    await until(() => bedroom.player.activity === "PLAYING", "playback on the bedroom speaker");
    assert.equal(bedroom.player.current?.stream["token"], "album:1");
    assert.equal(bedroom.player.offset, 20_000);
    await until(() => kitchen.player.activity === "STOPPED");
  });

  it("PlaybackController.Mute, Unmute and Replay by voice, without speech for mute", async () => {
    const speaker = await world.device("mute-speaker", { account: "mute-user" });
    await speaker.say("ask album box to play the album");
    const muted = await speaker.say("mute");
    assert.deepEqual(names(muted.directives), ["PlaybackController.Mute"]);
    assert.equal(speaker.volume.muted, true);
    await speaker.say("unmute");
    assert.equal(speaker.volume.muted, false);
    await speaker.advance(30_000);
    const replay = await speaker.say("start this song over");
    assert.deepEqual(names(replay.directives), ["PlaybackController.Replay"]);
    assert.equal(speaker.player.offset, 0);
  });

  it("says that nothing is playing for pause, resume, next, previous and what's playing on an idle player (en, ja, ko)", async () => {
    const phrases = {
      en: ["pause", "resume", "next", "previous", "stop the music", "what's playing"],
      ja: ["一時停止", "再開して", "次の曲", "前の曲", "音楽を停止して", "今流れている曲は何"],
      ko: ["일시 정지", "다시 재생해줘", "다음 곡", "이전 곡", "음악 정지해 줘", "무슨 노래야"],
    };
    const nothing = {
      en: "Nothing is playing right now.",
      ja: "今は何も再生していません。",
      ko: "지금 재생 중인 것이 없어요.",
    };
    for (const language of ["en", "ja", "ko"] as const) {
      const tablet = await world.device(`idle-${language}`, {
        account: `idle-${language}`,
        display: "m100",
      });
      assert.equal(tablet.player.activity, "IDLE");
      for (const phrase of phrases[language]) {
        const answer = await tablet.say(phrase);
        const shown = answer.directives
          .filter((d) => d.header.name === "RenderText")
          .map((d) => d.payload["text"]);
        assert.deepEqual(shown, [nothing[language]], `${language} "${phrase}"`);
        const said = names(answer.directives);
        assert.ok(!said.some((n) => n.startsWith("PlaybackController.")), said.join());
        assert.ok(!said.includes("SpeechRecognizer.ExpectSpeech"), "the answer ends the turn");
      }
    }
    // Playing, the same words are the player's controls (music.test.ts: by voice in en/ja/ko).
  });

  it("PlaybackController.StopCommandIssued: Stop with the target the press names or the server chooses; the owner stays the owner", async () => {
    let speaking = false;
    const speaker = await world.device("stop-speaker", {
      account: "stop-user",
      extraContext: () => [
        {
          header: { namespace: "SpeechSynthesizer", name: "SpeechState" },
          payload: { token: "tts-1", playerActivity: speaking ? "PLAYING" : "FINISHED" },
        },
      ],
    });
    await speaker.say("ask album box to play the album");
    assert.equal(speaker.player.activity, "PLAYING");
    const asked = album.received.length;
    const requests = () => album.received.slice(asked).map((r) => r.body.request);

    // No source, nothing spoken: the server chooses the player (cic.md §9.6).
    const stopped = await speaker.press("StopCommandIssued");
    assert.deepEqual(
      stopped.directives.map((d) => [`${d.header.namespace}.${d.header.name}`, d.payload]),
      [["PlaybackController.Stop", { target: { namespace: "AudioPlayer" } }]],
    );
    assert.equal(stopped.directives[0]!.header.dialogRequestId, undefined, "a press has no dialog");
    assert.equal(speaker.player.activity, "STOPPED");
    // The owner is not asked to stop (cek §5.8) but hears of it, and is still the owner.
    await album.waitFor(asked + 1);
    assert.deepEqual(
      requests().map((r) => `${r.type} ${r.intent?.name ?? r.event?.name}`),
      ["EventRequest PlayStopped"],
    );
    await speaker.press("ResumeCommandIssued");
    await album.waitFor(asked + 2);
    assert.equal(requests()[1]?.intent?.name, "Clova.ResumeIntent");
    assert.equal(speaker.player.activity, "PLAYING");

    // The source named by the press is the target.
    const media = await speaker.press("StopCommandIssued", {
      source: { namespace: "MediaPlayer" },
    });
    assert.deepEqual(media.directives[0]?.payload, { target: { namespace: "MediaPlayer" } });

    // While the device speaks, speech wins: Stop without a target.
    speaking = true;
    const spoken = await speaker.press("StopCommandIssued");
    assert.deepEqual(
      spoken.directives.map((d) => [`${d.header.namespace}.${d.header.name}`, d.payload]),
      [["PlaybackController.Stop", {}]],
    );
  });

  it("TemplateRuntime.RenderPlayerInfo with the queue, and RequestPlayerInfo with a range", async () => {
    const tablet = await world.device("screen-tablet", {
      account: "screen-user",
      display: "xl100",
    });
    await tablet.say("ask album box to play the album");
    const player = tablet.screen.player as {
      playableItems: { token: string }[];
      displayType: string;
    };
    assert.deepEqual(
      player.playableItems.map((i) => i.token),
      ["album:1", "album:2", "album:3"],
    );
    assert.equal(player.displayType, "list");
    const ranged = await tablet.press(
      "RequestPlayerInfo",
      { token: "album:2", range: { before: 1 } },
      "TemplateRuntime",
    );
    const items = ranged.directives[0]!.payload["playableItems"] as { token: string }[];
    assert.deepEqual(items.map((i) => i.token).slice(0, 2), ["album:1", "album:2"]);
  });

  it("TemplateRuntime.ExpectRequestPlayerInfo when an enqueued item starts on its own", async () => {
    const tablet = await world.device("refresh-tablet", {
      account: "refresh-user",
      display: "l100",
    });
    await tablet.say("ask album box to play the album");
    await tablet.advance(60_000);
    await until(() => tablet.sent.includes("TemplateRuntime.RequestPlayerInfo"));
    await tablet.settle();
    const player = tablet.screen.player as { playableItems: { token: string }[] };
    assert.equal(player.playableItems[0]?.token, "album:2");
  });

  it("TemplateRuntime.UpdateLike and UpdateSubscribe answer the buttons and reach the user's other devices", async () => {
    const tablet = await world.device("like-tablet", { account: "like-user", display: "l100" });
    const phone = await world.device("like-phone", { account: "like-user", display: "m100" });
    await tablet.say("ask album box to play the album");
    const liked = await tablet.press("LikeCommandIssued", { token: "album:1" }, "TemplateRuntime");
    assert.deepEqual(liked.directives[0]!.payload, { like: true, token: "album:1" });
    await until(
      () => (phone.screen.player as { liked?: unknown } | undefined)?.liked !== undefined,
    );
    const unliked = await tablet.press(
      "UnlikeCommandIssued",
      { token: "album:1" },
      "TemplateRuntime",
    );
    assert.deepEqual(unliked.directives[0]!.payload, { like: false, token: "album:1" });
    const subscribed = await tablet.press(
      "SubscribeCommandIssued",
      { token: "album:1" },
      "TemplateRuntime",
    );
    assert.deepEqual(subscribed.directives[0]!.payload, { subscribe: true, token: "album:1" });
    const unsubscribed = await tablet.press(
      "UnsubscribeCommandIssued",
      { token: "album:1" },
      "TemplateRuntime",
    );
    assert.deepEqual(unsubscribed.directives[0]!.payload, { subscribe: false, token: "album:1" });
  });

  it("TemplateRuntime.RenderPlaylist for More, and SelectCommandIssued plays the chosen track", async () => {
    const tablet = await world.device("more-tablet", { account: "more-user", display: "l100" });
    await tablet.say("ask album box to play the album");
    const more = await tablet.press("MoreCommandIssued", { token: "album:1" }, "TemplateRuntime");
    assert.equal(
      `${more.directives[0]!.header.namespace}.${more.directives[0]!.header.name}`,
      "TemplateRuntime.RenderPlaylist",
    );
    assert.equal(tablet.screen.playlist?.["title"], "Test Album");
    await tablet.press("SelectCommandIssued", { token: "album:3" }, "TemplateRuntime");
    assert.equal(tablet.player.current?.stream["token"], "album:3");
    await tablet.press("PlayCommandIssued", { token: "album:3" });
    assert.equal(tablet.player.activity, "PLAYING");
  });
});
