// Audio directives an extension may return (cek-custom-extension.md §4.7, §5.2–§5.5).
import type { AudioStreamInfo, DirectiveInput } from "../message/types.js";

export interface AudioItem {
  audioItemId: string;
  stream: AudioStreamInfo;
  titleText?: string;
  titleSubText1?: string;
  titleSubText2?: string;
  headerText?: string;
  artImageUrl?: string;
  [extra: string]: unknown;
}
export interface PlayOptions {
  audioItem: AudioItem;
  /** REPLACE_ALL plays now; ENQUEUE appends to the queue. Default REPLACE_ALL. */
  playBehavior?: "REPLACE_ALL" | "ENQUEUE";
  source?: { name: string; logoUrl?: string };
}

export const directives = {
  play(options: PlayOptions): DirectiveInput {
    const payload: Record<string, unknown> = {
      audioItem: options.audioItem,
      playBehavior: options.playBehavior ?? "REPLACE_ALL",
    };
    if (options.source) payload.source = options.source;
    return { header: { namespace: "AudioPlayer", name: "Play" }, payload };
  },
  /** Answer to a StreamRequested event with the playable URL (§5.4). */
  streamDeliver(audioItemId: string, audioStream: Partial<AudioStreamInfo>): DirectiveInput {
    return {
      header: { namespace: "AudioPlayer", name: "StreamDeliver" },
      payload: { audioItemId, audioStream },
    };
  },
  pause(): DirectiveInput {
    return { header: { namespace: "PlaybackController", name: "Pause" }, payload: {} };
  },
  resume(): DirectiveInput {
    return { header: { namespace: "PlaybackController", name: "Resume" }, payload: {} };
  },
  stop(): DirectiveInput {
    return { header: { namespace: "PlaybackController", name: "Stop" }, payload: {} };
  },
};
