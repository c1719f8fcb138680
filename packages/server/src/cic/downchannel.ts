// GET /v1/directives (cic.md §2.5): one downchannel per device. A new one replaces the old
// (closed cleanly); one arriving less than `burstWindowMs` after the last accepted gets 429.
import http2 from "node:http2";
import type { AnyResponse } from "../api/http.js";
import type { DirectiveBus, DirectiveListener } from "./bus.js";
import { sendException } from "./exception.js";
import { createDirective, MultipartRelatedWriter } from "./multipart-writer.js";

/** The connection a request came on: the HTTP/2 session, or the socket for HTTP/1.1. */
export type Connection = object;

/**
 * Bytes written to a downchannel that have not left yet (waiting for the device's HTTP/2 flow
 * control window or its TCP window).
 */
function backlog(res: AnyResponse): number {
  return "stream" in res ? res.stream.writableLength : res.writableLength;
}

/** Ends a downchannel at once: RST_STREAM CANCEL on HTTP/2, the connection on HTTP/1.1. */
function reset(res: AnyResponse): void {
  if ("stream" in res) res.stream.close(http2.constants.NGHTTP2_CANCEL);
  else res.destroy();
}

/** Default of `maxBacklogBytes`: far more than any device that reads ever leaves unread. */
export const DEFAULT_DOWNCHANNEL_BACKLOG_BYTES = 1024 * 1024;

/** Whether the client has gone or the body was ended. */
export function isGone(res: AnyResponse): boolean {
  if (res.writableEnded) return true;
  return "stream" in res ? res.stream.destroyed : res.destroyed;
}

interface OpenChannel {
  connection: Connection;
  writer: MultipartRelatedWriter;
  openedAt: number;
  send: DirectiveListener;
  close: () => void;
}

export class Downchannels {
  private readonly channels = new Map<string, OpenChannel>();

  /**
   * `maxBacklogBytes`: a downchannel whose device leaves more than this unread (it stopped
   * reading, or never opens its flow-control window) is reset before the next directive, so a
   * stalled device cannot make the server hold pushes without bound. Directives are not queued
   * for a device anyway (it resynchronises when it opens a new downchannel).
   */
  constructor(
    private readonly bus: DirectiveBus,
    private readonly burstWindowMs = 1000,
    private readonly maxBacklogBytes = DEFAULT_DOWNCHANNEL_BACKLOG_BYTES,
  ) {}

  /** Whether `session` (an HTTP/2 connection) carries the device's downchannel (§2.6 → 412). */
  isOnConnection(deviceKey: string, connection: Connection | undefined): boolean {
    const channel = this.channels.get(deviceKey);
    return channel !== undefined && connection !== undefined && channel.connection === connection;
  }

  has(deviceKey: string): boolean {
    return this.channels.has(deviceKey);
  }

  open(deviceKey: string, connection: Connection, res: AnyResponse, now = Date.now()): void {
    const previous = this.channels.get(deviceKey);
    if (previous && now - previous.openedAt < this.burstWindowMs) {
      sendException(res, 429, "another downchannel request for this device is in progress");
      return;
    }
    previous?.close();

    const writer = new MultipartRelatedWriter(res);
    res.writeHead(200, { "content-type": writer.contentType });
    writer.directive(createDirective("Clova", "Hello", {}));
    let unsubscribe = () => {};
    const channel: OpenChannel = {
      connection,
      writer,
      openedAt: now,
      send: (directive, attachment) => {
        if (isGone(res)) return;
        if (backlog(res) > this.maxBacklogBytes) {
          unsubscribe();
          if (this.channels.get(deviceKey) === channel) this.channels.delete(deviceKey);
          reset(res);
          return;
        }
        writer.directive(directive);
        if (attachment) writer.attachment(attachment.contentId, attachment.body);
      },
      close: () => {
        unsubscribe();
        if (this.channels.get(deviceKey) === channel) this.channels.delete(deviceKey);
        if (!isGone(res)) writer.close();
      },
    };
    this.channels.set(deviceKey, channel);
    unsubscribe = this.bus.subscribe(deviceKey, channel.send);
    res.once("close", () => {
      unsubscribe();
      if (this.channels.get(deviceKey) === channel) this.channels.delete(deviceKey);
    });
  }

  /** Downchannels open on this node. */
  get size(): number {
    return this.channels.size;
  }

  closeAll(): void {
    for (const channel of [...this.channels.values()]) channel.close();
  }
}
