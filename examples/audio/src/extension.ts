// Music box: plays a genre's playlist with AudioPlayer.Play, moves through it on
// Next/Previous and PlayFinished, pauses and resumes, and serves deferred stream URLs
// (cek-custom-extension.md §5.8 lists what an audio extension must do).
import {
  createExtension,
  directives,
  type ExtensionOptions,
  type HandlerContext,
} from "@clover/sdk";
import {
  audioItemOf,
  deferredGenres,
  type Genre,
  parseToken,
  playlists,
  trackUrl,
} from "./catalog.js";
import { messages } from "./messages.js";
import type { AudioModel } from "./model.generated.js";

export const AUDIO_EXTENSION_ID = "com.clover.example.audio";

/** Where the last playback event left each user (statistics, resume points). */
export interface PlaybackLog {
  record(
    userId: string,
    entry: { event: string; token: string; offsetInMilliseconds: number },
  ): void;
}

export interface AudioOptions extends ExtensionOptions {
  /** HTTPS base of the MP3 files. */
  baseUrl?: string;
  playbackLog?: PlaybackLog;
  /** Makes the short-lived URL for a deferred stream. */
  signUrl?: (url: string) => string;
  source?: { name: string; logoUrl?: string };
}

type Ctx = HandlerContext<AudioModel>;

export function createAudioExtension(options: AudioOptions = {}) {
  const baseUrl = options.baseUrl ?? "https://media.example.org/music-box";
  const signUrl =
    options.signUrl ?? ((url) => `${url}?expires=${Math.floor(Date.now() / 1000) + 300}`);
  const source = options.source ?? { name: "Music Box" };
  const text = (ctx: Ctx) => messages[ctx.language];

  const play = (ctx: Ctx, genre: Genre, index: number) => {
    ctx.response.play({ audioItem: audioItemOf(baseUrl, genre, index), source }).endSession();
  };
  /** The track the device is playing or played last, from the playback context (§5.7). */
  const current = (ctx: Ctx) => {
    const player = ctx.audioPlayer;
    // Some platforms also put the token at context.AudioPlayer.token (§3.3).
    const token = player?.stream?.token ?? (player as { token?: string } | undefined)?.token;
    const event = ctx.event?.payload?.token;
    return parseToken(typeof event === "string" ? event : token);
  };
  const step = (ctx: Ctx, delta: 1 | -1) => {
    const now = current(ctx);
    if (!now) return void ctx.say(text(ctx).nothingPlaying).endSession();
    const index = now.index + delta;
    if (index < 0 || index >= playlists[now.genre].length) {
      return void ctx.say(delta > 0 ? text(ctx).lastTrack : text(ctx).firstTrack).endSession();
    }
    play(ctx, now.genre, index);
  };

  return createExtension<AudioModel>({
    applicationId: AUDIO_EXTENSION_ID,
    defaultLanguage: "en",
    ...options,
  })
    .onLaunch((ctx) => {
      ctx.say(text(ctx).welcome).response.reprompt(text(ctx).askGenre);
    })
    .onIntent("PlayMusicIntent", (ctx) => {
      const genre = ctx.slotValue("genre");
      if (!genre) return void ctx.say(text(ctx).askGenre).response.reprompt(text(ctx).askGenre);
      ctx.say(text(ctx).playing(text(ctx).genres[genre]));
      play(ctx, genre, 0);
    })
    .onIntent("Clova.NextIntent", (ctx) => step(ctx, 1))
    .onIntent("Clova.PreviousIntent", (ctx) => step(ctx, -1))
    .onIntent("Clova.PauseIntent", (ctx) => {
      ctx.response.directive(directives.pause()).endSession();
    })
    .onIntent("Clova.ResumeIntent", (ctx) => {
      if (!current(ctx)) return void ctx.say(text(ctx).nothingPlaying).endSession();
      ctx.response.directive(directives.resume()).endSession();
    })
    .onIntent("Clova.CancelIntent", (ctx) => {
      ctx.say(text(ctx).bye).response.directive(directives.stop()).endSession();
    })
    .onIntent("Clova.GuideIntent", (ctx) => {
      ctx.say(text(ctx).guide).response.reprompt(text(ctx).askGenre);
    })
    .onEvent("PlayFinished", (ctx) => {
      // The client needs its next action: the next track, or Stop at the end (§5.8).
      const now = current(ctx);
      if (now && now.index + 1 < playlists[now.genre].length) play(ctx, now.genre, now.index + 1);
      else ctx.response.directive(directives.stop());
    })
    .onEvent("StreamRequested", (ctx) => {
      const payload = ctx.event?.payload ?? {};
      const stream = payload.audioStream as { token?: string } | undefined;
      const track = parseToken(stream?.token);
      if (!track || !deferredGenres.has(track.genre)) return;
      const url = signUrl(trackUrl(baseUrl, track.genre, track.index));
      ctx.response.directive(
        directives.streamDeliver(String(payload.audioItemId), {
          token: stream!.token!,
          url,
          urlPlayable: true,
        }),
      );
    })
    .onEvent((ctx) => {
      // PlayStarted/Paused/Resumed/Stopped and progress reports: remember, answer nothing.
      const payload = ctx.event?.payload ?? {};
      if (ctx.event?.namespace === "AudioPlayer" && typeof payload.token === "string") {
        options.playbackLog?.record(ctx.user.userId, {
          event: ctx.event.name,
          token: payload.token,
          offsetInMilliseconds: Number(payload.offsetInMilliseconds ?? 0),
        });
      }
    });
}
