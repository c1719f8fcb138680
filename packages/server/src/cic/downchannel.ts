// GET /v1/directives (cic.md §2.5): one downchannel per device. A new one replaces the old
// (closed cleanly); one arriving less than `burstWindowMs` after the last accepted gets 429.
import type { Http2ServerResponse, Http2Session } from "node:http2";
import type { DirectiveBus } from "./bus.js";
import { sendException } from "./exception.js";
import { createDirective, MultipartRelatedWriter } from "./multipart-writer.js";

interface OpenChannel {
  session: Http2Session;
  writer: MultipartRelatedWriter;
  openedAt: number;
  close: () => void;
}

export class Downchannels {
  private readonly channels = new Map<string, OpenChannel>();

  constructor(
    private readonly bus: DirectiveBus,
    private readonly burstWindowMs = 1000,
  ) {}

  get size(): number {
    return this.channels.size;
  }

  /** Whether `session` (an HTTP/2 connection) carries the device's downchannel (§2.6 → 412). */
  isOnConnection(deviceKey: string, session: Http2Session | undefined): boolean {
    const channel = this.channels.get(deviceKey);
    return channel !== undefined && session !== undefined && channel.session === session;
  }

  has(deviceKey: string): boolean {
    return this.channels.has(deviceKey);
  }

  open(deviceKey: string, session: Http2Session, res: Http2ServerResponse, now = Date.now()): void {
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
      session,
      writer,
      openedAt: now,
      close: () => {
        unsubscribe();
        if (this.channels.get(deviceKey) === channel) this.channels.delete(deviceKey);
        if (!res.writableEnded && !res.stream.destroyed) writer.close();
      },
    };
    this.channels.set(deviceKey, channel);
    unsubscribe = this.bus.subscribe(deviceKey, (directive) => {
      if (!res.stream.destroyed) writer.directive(directive);
    });
    res.stream.once("close", () => {
      unsubscribe();
      if (this.channels.get(deviceKey) === channel) this.channels.delete(deviceKey);
    });
  }

  closeAll(): void {
    for (const channel of [...this.channels.values()]) channel.close();
  }
}
