// The reference device's media player (cic.md §9.2, §9.6, §12.2): a queue fed by
// AudioPlayer.Play (REPLACE_ALL, ENQUEUE, REPLACE_ENQUEUED), StreamRequested just before an
// item whose URL is not playable and the StreamDeliver merge (§9.2.3), the events a real
// player reports, and the AudioPlayer.PlaybackState context. Playback is simulated: time only
// moves when `advance(ms)` is called, so tests and the terminal decide when a track ends.
import type { CicDirectiveMessage, ContextObject } from "./client.js";

export interface DeviceEvent {
  namespace: string;
  name: string;
  payload: Record<string, unknown>;
}

type Activity = "IDLE" | "PLAYING" | "PAUSED" | "STOPPED";

interface Item {
  audioItemId: string;
  stream: Record<string, unknown>;
  audioItem: Record<string, unknown>;
}

const obj = (value: unknown): Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};

/** Field-by-field merge of a StreamDeliver into the stored stream (cic.md §9.2.3). */
export function mergeStream(
  stored: Record<string, unknown>,
  delivered: Record<string, unknown>,
): Record<string, unknown> {
  const out: Record<string, unknown> = { ...stored };
  for (const [key, value] of Object.entries(delivered)) {
    if (value === null || value === undefined) continue;
    const inner = obj(value);
    out[key] =
      typeof value === "object" && !Array.isArray(value) && typeof stored[key] === "object"
        ? mergeStream(obj(stored[key]), inner)
        : value;
  }
  return out;
}

export class ReferencePlayer {
  activity: Activity = "IDLE";
  repeatMode: "NONE" | "REPEAT_ONE" = "NONE";
  offset = 0;
  queue: Item[] = [];
  current: Item | undefined;
  /** Items played before the current one (for PlaybackController.Previous). */
  played: Item[] = [];
  /** Waiting for StreamDeliver before playing the current item. */
  private awaitingStream = false;
  private delayReported = false;
  private positionReported = false;

  /** The AudioPlayer.PlaybackState context object (cic.md §8.2). */
  context(): ContextObject {
    const payload: Record<string, unknown> = {
      playerActivity: this.activity,
      repeatMode: this.repeatMode,
    };
    if (this.current && this.activity !== "IDLE") {
      payload["offsetInMilliseconds"] = this.offset;
      const total = this.total();
      if (total !== undefined) payload["totalInMilliseconds"] = total;
      payload["stream"] = this.current.stream;
    }
    return { header: { namespace: "AudioPlayer", name: "PlaybackState" }, payload };
  }

  private total(): number | undefined {
    const stream = this.current?.stream;
    const duration = stream?.["durationInMilliseconds"];
    if (typeof duration !== "number") return undefined;
    return Number(stream?.["beginAtInMilliseconds"] ?? 0) + duration;
  }

  private token(): string {
    return String(this.current?.stream["token"] ?? "");
  }

  private position(name: string): DeviceEvent {
    return {
      namespace: "AudioPlayer",
      name,
      payload: { token: this.token(), offsetInMilliseconds: this.offset },
    };
  }

  /** Starts the current item: StreamRequested first when its URL is a placeholder. */
  private start(): DeviceEvent[] {
    if (!this.current) return [];
    if (this.current.stream["urlPlayable"] === false) {
      this.awaitingStream = true;
      return [
        {
          namespace: "AudioPlayer",
          name: "StreamRequested",
          payload: { audioItemId: this.current.audioItemId, audioStream: this.current.stream },
        },
      ];
    }
    this.activity = "PLAYING";
    this.offset = Number(this.current.stream["beginAtInMilliseconds"] ?? 0);
    this.delayReported = false;
    this.positionReported = false;
    return [this.position("PlayStarted")];
  }

  /** Applies one directive; returns the events the device reports because of it. */
  apply(directive: CicDirectiveMessage): DeviceEvent[] {
    const { namespace, name } = directive.header;
    const payload = directive.payload;
    const key = `${namespace}.${name}`;
    switch (key) {
      case "AudioPlayer.Play": {
        const audioItem = obj(payload["audioItem"]);
        const item: Item = {
          audioItemId: String(audioItem["audioItemId"] ?? ""),
          stream: obj(audioItem["stream"]),
          audioItem,
        };
        if (payload["playBehavior"] === "ENQUEUE" && this.current) {
          this.queue.push(item);
          return [];
        }
        if (payload["playBehavior"] === "REPLACE_ENQUEUED" && this.current) {
          this.queue = [item];
          return [];
        }
        const events = this.activity === "PLAYING" ? [this.position("PlayStopped")] : [];
        this.queue = [];
        this.current = item;
        return [...events, ...this.start()];
      }
      case "AudioPlayer.StreamDeliver": {
        if (!this.current || payload["audioItemId"] !== this.current.audioItemId) return [];
        this.current.stream = mergeStream(this.current.stream, obj(payload["audioStream"]));
        this.awaitingStream = false;
        return this.start();
      }
      case "AudioPlayer.ClearQueue": {
        const behavior =
          payload["clearBehavior"] === "CLEAR_ENQUEUED" ? "CLEAR_ENQUEUED" : "CLEAR_ALL";
        this.queue = [];
        const events: DeviceEvent[] = [];
        if (behavior === "CLEAR_ALL" && this.activity === "PLAYING") {
          this.activity = "STOPPED";
          events.push(this.position("PlayStopped"));
        }
        events.push({
          namespace: "AudioPlayer",
          name: "PlaybackQueueCleared",
          payload: { clearBehavior: behavior },
        });
        return events;
      }
      case "AudioPlayer.ExpectReportPlaybackState": {
        const state = this.context().payload;
        return [
          {
            namespace: "AudioPlayer",
            name: "ReportPlaybackState",
            payload: {
              ...state,
              ...(this.current && this.activity !== "IDLE" ? { token: this.token() } : {}),
            },
          },
        ];
      }
      case "PlaybackController.Pause":
        if (this.activity !== "PLAYING") return [];
        this.activity = "PAUSED";
        return [this.position("PlayPaused")];
      case "PlaybackController.Resume":
        if (this.activity !== "PAUSED" && this.activity !== "STOPPED") return [];
        if (!this.current) return [];
        this.activity = "PLAYING";
        return [this.position("PlayResumed")];
      case "PlaybackController.Stop":
        if (this.activity !== "PLAYING" && this.activity !== "PAUSED") return [];
        this.activity = "STOPPED";
        return [this.position("PlayStopped")];
      case "PlaybackController.Replay":
        if (!this.current) return [];
        return this.start();
      case "PlaybackController.Next": {
        const next = this.queue.shift();
        if (!next) return [];
        if (this.current) this.played.push(this.current);
        this.current = next;
        return this.start();
      }
      case "PlaybackController.Previous": {
        const previous = this.played.pop();
        if (!previous) return [];
        if (this.current) this.queue.unshift(this.current);
        this.current = previous;
        return this.start();
      }
      case "PlaybackController.SetRepeatMode":
        this.repeatMode = payload["repeatMode"] === "REPEAT_ONE" ? "REPEAT_ONE" : "NONE";
        return [];
      case "PlaybackController.TurnOnRepeatMode":
        this.repeatMode = "REPEAT_ONE";
        return [];
      case "PlaybackController.TurnOffRepeatMode":
        this.repeatMode = "NONE";
        return [];
      default:
        return [];
    }
  }

  /** Plays on for `ms` of media time: progress reports, then PlayFinished at the end. */
  advance(ms: number): DeviceEvent[] {
    if (this.activity !== "PLAYING" || !this.current || this.awaitingStream) return [];
    const begin = Number(this.current.stream["beginAtInMilliseconds"] ?? 0);
    const report = obj(this.current.stream["progressReport"]);
    const before = this.offset;
    const total = this.total();
    this.offset = total === undefined ? before + ms : Math.min(total, before + ms);
    const events: DeviceEvent[] = [];
    const delay = report["progressReportDelayInMilliseconds"];
    if (typeof delay === "number" && !this.delayReported && this.offset - begin >= delay) {
      this.delayReported = true;
      events.push(this.position("ProgressReportDelayPassed"));
    }
    const interval = report["progressReportIntervalInMilliseconds"];
    if (typeof interval === "number" && interval > 0) {
      const passed =
        Math.floor((this.offset - begin) / interval) - Math.floor((before - begin) / interval);
      for (let i = 0; i < passed; i++) events.push(this.position("ProgressReportIntervalPassed"));
    }
    const position = report["progressReportPositionInMilliseconds"];
    if (typeof position === "number" && !this.positionReported && this.offset >= position) {
      this.positionReported = true;
      events.push(this.position("ProgressReportPositionPassed"));
    }
    if (total !== undefined && this.offset >= total) {
      events.push(this.position("PlayFinished"));
      const next = this.queue.shift();
      if (next) {
        this.current = next;
        events.push(...this.start());
      } else this.activity = "STOPPED";
    }
    return events;
  }
}
