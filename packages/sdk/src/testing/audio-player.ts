// The client's player as the conversation tester imagines it: it follows the audio
// directives in responses and reports itself as context.AudioPlayer (§5.7).
import type { AudioPlayerContext, AudioStreamInfo, Directive } from "../message/types.js";

const ACTIVITY_AFTER_EVENT: Record<string, AudioPlayerContext["playerActivity"]> = {
  PlayStarted: "PLAYING",
  PlayResumed: "PLAYING",
  PlayPaused: "PAUSED",
  PlayStopped: "STOPPED",
  PlayFinished: "STOPPED",
};

export class SimulatedPlayer {
  state: AudioPlayerContext | undefined;
  /** audioItemId of the last Play. */
  audioItemId: string | undefined;

  /** Applies the directives of a response, as a device would. */
  follow(directives: readonly Directive[]): void {
    for (const { header, payload } of directives) {
      const name = `${header.namespace}.${header.name}`;
      if (name === "AudioPlayer.Play") {
        const item = payload.audioItem as
          | { audioItemId?: string; stream?: AudioStreamInfo }
          | undefined;
        if (!item?.stream) continue;
        this.audioItemId = item.audioItemId;
        this.state = {
          playerActivity: "PLAYING",
          offsetInMilliseconds: item.stream.beginAtInMilliseconds ?? 0,
          stream: item.stream,
          ...(item.stream.durationInMilliseconds !== undefined
            ? { totalInMilliseconds: item.stream.durationInMilliseconds }
            : {}),
        };
      } else if (name === "AudioPlayer.StreamDeliver" && this.state?.stream) {
        // Merge the delivered stream over the Play's stream (§5.4).
        const delivered = payload.audioStream as Partial<AudioStreamInfo>;
        this.state = { ...this.state, stream: { ...this.state.stream, ...delivered } };
      } else if (this.state && name === "PlaybackController.Pause") {
        this.state = { ...this.state, playerActivity: "PAUSED" };
      } else if (this.state && name === "PlaybackController.Resume") {
        this.state = { ...this.state, playerActivity: "PLAYING" };
      } else if (this.state && name === "PlaybackController.Stop") {
        this.state = { ...this.state, playerActivity: "STOPPED" };
      }
    }
  }

  /** Payload of a playback event about the current stream (§5.6). */
  eventPayload(name: string): Record<string, unknown> {
    const stream = this.state?.stream;
    if (!stream) return {};
    if (name === "StreamRequested") {
      return { audioItemId: this.audioItemId, audioStream: stream };
    }
    return { token: stream.token, offsetInMilliseconds: this.state?.offsetInMilliseconds ?? 0 };
  }

  /** The player changes state when it reports an event. */
  reported(name: string): void {
    const activity = ACTIVITY_AFTER_EVENT[name];
    if (this.state && activity) this.state = { ...this.state, playerActivity: activity };
  }
}
