// The play queue of each device as the server sees it (cic.md §9.2, §12.2: the server owns
// queue decisions): every AudioPlayer.Play sent to the device is applied with its
// playBehavior, ClearQueue and PlaybackQueueCleared empty it, PlayStarted moves the current
// item, StreamDeliver is merged into the stored stream (§9.2.3). Player screens
// (TemplateRuntime), "next" without an owning extension and playback hand-over read it.
import { object } from "./parts.js";

export interface QueueItem {
  audioItemId: string;
  token: string;
  audioItem: Record<string, unknown>;
  source?: Record<string, unknown>;
  /** Extension (or ability) whose answer put the item here. */
  ownerId?: string;
}

/** The AudioPlayer.Play payload that plays a queued item again, now (REPLACE_ALL). */
export function playAgain(
  item: QueueItem,
  audioItem: Record<string, unknown> = item.audioItem,
): Record<string, unknown> {
  return { audioItem, playBehavior: "REPLACE_ALL", source: item.source ?? { name: "" } };
}

export interface DeviceQueue {
  items: QueueItem[];
  current: number;
}

/** Items kept per device; older ones are dropped from the front. */
const MAX_ITEMS = 200;
/** Devices remembered; the least recently used is forgotten first. */
const MAX_DEVICES = 50_000;

export class PlayerQueues {
  private readonly queues = new Map<string, DeviceQueue>();

  private queue(deviceKey: string): DeviceQueue {
    let queue = this.queues.get(deviceKey);
    if (queue) this.queues.delete(deviceKey);
    else queue = { items: [], current: 0 };
    this.queues.set(deviceKey, queue);
    if (this.queues.size > MAX_DEVICES) this.queues.delete(this.queues.keys().next().value!);
    return queue;
  }

  /** Applies an AudioPlayer.Play payload (REPLACE_ALL, ENQUEUE, REPLACE_ENQUEUED). */
  play(
    deviceKey: string,
    payload: Record<string, unknown>,
    ownerId?: string,
  ): QueueItem | undefined {
    const audioItem = object(payload["audioItem"]);
    const stream = object(audioItem?.["stream"]);
    const token = stream?.["token"];
    if (!audioItem || typeof token !== "string") return undefined;
    const item: QueueItem = {
      audioItemId: String(audioItem["audioItemId"] ?? token),
      token,
      audioItem: structuredClone(audioItem),
      ...(object(payload["source"]) ? { source: object(payload["source"])! } : {}),
      ...(ownerId ? { ownerId } : {}),
    };
    const queue = this.queue(deviceKey);
    switch (payload["playBehavior"]) {
      case "ENQUEUE":
        queue.items.push(item);
        break;
      case "REPLACE_ENQUEUED":
        queue.items.splice(queue.current + 1, queue.items.length, item);
        break;
      default:
        queue.items = [item];
        queue.current = 0;
    }
    if (queue.items.length > MAX_ITEMS) {
      const drop = queue.items.length - MAX_ITEMS;
      queue.items.splice(0, drop);
      queue.current = Math.max(0, queue.current - drop);
    }
    return item;
  }

  /** ClearQueue / PlaybackQueueCleared: CLEAR_ALL empties, CLEAR_ENQUEUED keeps the current. */
  clear(deviceKey: string, behavior: unknown): void {
    const queue = this.queues.get(deviceKey);
    if (!queue) return;
    if (behavior === "CLEAR_ENQUEUED") {
      queue.items = queue.items.slice(queue.current, queue.current + 1);
    } else queue.items = [];
    queue.current = 0;
  }

  /** PlayStarted (and the like) with a token: that item is now the current one. */
  started(deviceKey: string, token: string): QueueItem | undefined {
    const queue = this.queues.get(deviceKey);
    const index = queue?.items.findIndex((item) => item.token === token) ?? -1;
    if (!queue || index < 0) return undefined;
    queue.current = index;
    return queue.items[index];
  }

  /** StreamDeliver merged field by field into the item's stored stream (cic.md §9.2.3). */
  deliver(deviceKey: string, payload: Record<string, unknown>): void {
    const audioStream = object(payload["audioStream"]);
    const item = this.queues
      .get(deviceKey)
      ?.items.find((i) => i.audioItemId === payload["audioItemId"]);
    if (!item || !audioStream) return;
    item.audioItem["stream"] = mergeStream(object(item.audioItem["stream"]) ?? {}, audioStream);
  }

  current(deviceKey: string): QueueItem | undefined {
    const queue = this.queues.get(deviceKey);
    return queue?.items[queue.current];
  }

  /** The item `offset` places after (or before, negative) the current one. */
  relative(deviceKey: string, offset: number): QueueItem | undefined {
    const queue = this.queues.get(deviceKey);
    return queue?.items[queue.current + offset];
  }

  find(deviceKey: string, token: string): QueueItem | undefined {
    return this.queues.get(deviceKey)?.items.find((item) => item.token === token);
  }

  /** Items around the one with `token` (RequestPlayerInfo.range, cic.md §9.11). */
  around(deviceKey: string, token: string | undefined, before: number, after: number): QueueItem[] {
    const queue = this.queues.get(deviceKey);
    if (!queue) return [];
    let index = token ? queue.items.findIndex((item) => item.token === token) : queue.current;
    if (index < 0) index = queue.current;
    return queue.items.slice(Math.max(0, index - before), index + after + 1);
  }

  items(deviceKey: string): readonly QueueItem[] {
    return this.queues.get(deviceKey)?.items ?? [];
  }

  /** The device's queue as stored elsewhere (a shared side memory); undefined when none. */
  snapshot(deviceKey: string): DeviceQueue | undefined {
    return this.queues.get(deviceKey);
  }

  /** Replaces the device's queue with one read back from a shared side memory. */
  restore(deviceKey: string, queue: DeviceQueue): void {
    if (!Array.isArray(queue?.items) || typeof queue.current !== "number") return;
    Object.assign(this.queue(deviceKey), { items: queue.items, current: queue.current });
  }
}

/** present/absent/null rules of cic.md §9.2.3, recursively inside progressReport. */
export function mergeStream(
  stored: Record<string, unknown>,
  delivered: Record<string, unknown>,
): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...stored };
  for (const [key, value] of Object.entries(delivered)) {
    if (value === null || value === undefined) continue;
    const inner = object(value);
    const before = object(stored[key]);
    merged[key] = inner && before ? mergeStream(before, inner) : value;
  }
  return merged;
}
