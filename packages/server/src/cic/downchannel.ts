// GET /v1/directives (cic.md §2.5): one downchannel per device. A new one replaces the old
// (closed cleanly); one arriving less than `burstWindowMs` after the last accepted gets 429.
import type { AnyResponse } from "../api/http.js";
import type { DirectiveBus, DirectiveListener } from "./bus.js";
import { sendException } from "./exception.js";
import { createDirective, MultipartRelatedWriter } from "./multipart-writer.js";

/** The connection a request came on: the HTTP/2 session, or the socket for HTTP/1.1. */
export type Connection = object;

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

  constructor(
    private readonly bus: DirectiveBus,
    private readonly burstWindowMs = 1000,
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
