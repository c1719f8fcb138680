import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createConversation, type Directive } from "@clover/sdk";
import { AUDIO_EXTENSION_ID, createAudioExtension } from "../src/index.js";

const BASE = "https://media.example.org/test";

function musicBox(locale = "en-US") {
  const log: { event: string; token: string; offsetInMilliseconds: number }[] = [];
  const ext = createAudioExtension({
    baseUrl: BASE,
    signUrl: (url) => `${url}?sig=abc`,
    playbackLog: { record: (_user, entry) => void log.push(entry) },
  });
  return { log, chat: createConversation(ext, { applicationId: AUDIO_EXTENSION_ID, locale }) };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** Directives without their generated messageIds, after checking each has one. */
const stable = (directives: Directive[]) =>
  directives.map(({ header: { messageId, ...header }, payload }) => {
    assert.match(messageId, UUID);
    return { header, payload };
  });
const names = (directives: Directive[]) =>
  directives.map((d) => `${d.header.namespace}.${d.header.name}`);
const playedToken = (directives: Directive[]) =>
  (directives[0]?.payload.audioItem as { stream: { token: string } } | undefined)?.stream.token;

describe("music box dialogs", () => {
  it("plays a genre with AudioPlayer.Play and its stream object", async () => {
    const { chat } = musicBox();
    assert.match((await chat.launch()).speech, /^Welcome to music box/);
    const turn = await chat.intent("PlayMusicIntent", { genre: "jazz" });
    assert.equal(turn.speech, "Playing jazz.");
    assert.equal(turn.shouldEndSession, true);
    assert.deepEqual(stable(turn.directives), [
      {
        header: { namespace: "AudioPlayer", name: "Play" },
        payload: {
          audioItem: {
            audioItemId: "music-box-jazz-1",
            titleText: "Blue Lantern",
            titleSubText1: "The Night Owls",
            headerText: "jazz",
            stream: {
              token: "jazz:0",
              url: `${BASE}/jazz/1.mp3`,
              urlPlayable: true,
              beginAtInMilliseconds: 0,
              durationInMilliseconds: 214000,
              progressReport: {
                progressReportDelayInMilliseconds: 10000,
                progressReportIntervalInMilliseconds: null,
                progressReportPositionInMilliseconds: null,
              },
            },
          },
          playBehavior: "REPLACE_ALL",
          source: { name: "Music Box" },
        },
      },
    ]);
  });

  it("moves through the playlist with Next and Previous, from the playback context", async () => {
    const { chat } = musicBox();
    await chat.intent("PlayMusicIntent", { genre: "classical" });
    const next = await chat.intent("Clova.NextIntent");
    assert.equal(next.request.context.AudioPlayer?.stream?.token, "classical:0");
    assert.equal(playedToken(next.directives), "classical:1");
    const last = await chat.intent("Clova.NextIntent");
    assert.equal(last.speech, "That was the last track of this playlist.");
    assert.deepEqual(last.directives, []);
    assert.equal(
      playedToken((await chat.intent("Clova.PreviousIntent")).directives),
      "classical:0",
    );
    assert.equal(
      (await chat.intent("Clova.PreviousIntent")).speech,
      "This is the first track of this playlist.",
    );
  });

  it("pauses and resumes with PlaybackController directives", async () => {
    const { chat } = musicBox();
    await chat.intent("PlayMusicIntent", { genre: "rock" });
    const pause = await chat.intent("Clova.PauseIntent");
    assert.deepEqual(names(pause.directives), ["PlaybackController.Pause"]);
    assert.equal(chat.player.state?.playerActivity, "PAUSED");
    const resume = await chat.intent("Clova.ResumeIntent");
    assert.deepEqual(names(resume.directives), ["PlaybackController.Resume"]);
    assert.deepEqual(resume.response.response.outputSpeech, {});
  });

  it("plays the next track when one finishes, and stops after the last", async () => {
    const { chat, log } = musicBox();
    await chat.intent("PlayMusicIntent", { genre: "pop" });
    const started = await chat.event("PlayStarted");
    assert.deepEqual(started.directives, []);
    const finished = await chat.event("PlayFinished");
    assert.equal(JSON.parse(finished.requestBody).request.event.payload.token, "pop:0");
    assert.equal(playedToken(finished.directives), "pop:1");
    const end = await chat.event("PlayFinished");
    assert.deepEqual(names(end.directives), ["PlaybackController.Stop"]);
    assert.deepEqual(log, [{ event: "PlayStarted", token: "pop:0", offsetInMilliseconds: 0 }]);
  });

  it("records playback events and answers them with an empty response", async () => {
    const { chat, log } = musicBox();
    await chat.intent("PlayMusicIntent", { genre: "jazz" });
    const paused = await chat.event("PlayPaused", { token: "jazz:0", offsetInMilliseconds: 41250 });
    assert.deepEqual(paused.response.response, {
      outputSpeech: {},
      card: {},
      directives: [],
      shouldEndSession: true,
    });
    await chat.event("ProgressReportDelayPassed", { token: "jazz:0", offsetInMilliseconds: 10000 });
    assert.deepEqual(
      log.map((e) => `${e.event}@${e.offsetInMilliseconds}`),
      ["PlayPaused@41250", "ProgressReportDelayPassed@10000"],
    );
  });

  it("delivers a short-lived URL when the client asks for a deferred stream", async () => {
    const { chat } = musicBox();
    const play = await chat.intent("PlayMusicIntent", { genre: "lofi" });
    const stream = (
      play.directives[0]!.payload.audioItem as { stream: { url: string; urlPlayable: boolean } }
    ).stream;
    assert.deepEqual([stream.url, stream.urlPlayable], ["clova:lofi:0", false]);
    const requested = await chat.event("StreamRequested");
    assert.deepEqual(stable(requested.directives), [
      {
        header: { namespace: "AudioPlayer", name: "StreamDeliver" },
        payload: {
          audioItemId: "music-box-lofi-1",
          audioStream: { token: "lofi:0", url: `${BASE}/lofi/1.mp3?sig=abc`, urlPlayable: true },
        },
      },
    ]);
    assert.equal(chat.player.state?.stream?.url, `${BASE}/lofi/1.mp3?sig=abc`);
  });

  it("asks for a genre, explains, and stops on cancel", async () => {
    const { chat } = musicBox();
    await chat.launch();
    assert.equal(
      (await chat.intent("PlayMusicIntent")).speech,
      "Say a genre, for example: play some jazz.",
    );
    assert.match(
      (await chat.intent("Clova.GuideIntent")).speech,
      /next, previous, pause or resume/,
    );
    const cancel = await chat.intent("Clova.CancelIntent");
    assert.deepEqual(names(cancel.directives), ["PlaybackController.Stop"]);
    assert.equal(cancel.shouldEndSession, true);
  });

  it("says so when asked for the next track with nothing playing", async () => {
    const { chat } = musicBox();
    assert.equal(
      (await chat.intent("Clova.NextIntent")).speech,
      "Nothing is playing right now. Say a genre to start.",
    );
    assert.equal(
      (await chat.intent("Clova.ResumeIntent")).speech,
      "Nothing is playing right now. Say a genre to start.",
    );
  });

  it("speaks Japanese and Korean", async () => {
    assert.equal(
      (await musicBox("ja-JP").chat.intent("PlayMusicIntent", { genre: "jazz" })).speech,
      "ジャズを再生します。",
    );
    assert.equal(
      (await musicBox("ko-KR").chat.intent("PlayMusicIntent", { genre: "jazz" })).speech,
      "재즈를 재생할게요.",
    );
    assert.equal(
      (await musicBox("ko-KR").chat.intent("PlayMusicIntent", { genre: "rock" })).speech,
      "록을 재생할게요.",
    );
  });
});
