// A CIC device over HTTP/2 (cic.md §2): one connection carries the downchannel and every
// event. Used by the `clover device` command, the docs and the tests.
import { randomUUID } from "node:crypto";
import http2 from "node:http2";
import { boundaryOf, MultipartParser, type MultipartPart } from "./multipart.js";

/** Wait before asking again after a 429 on the downchannel (the server's interval is 1 s). */
const DOWNCHANNEL_RETRY_MS = 1100;
const RECONNECT_FIRST_MS = 1000;
const RECONNECT_MAX_MS = 30_000;

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

export interface CicDirectiveMessage {
  header: { namespace: string; name: string; messageId: string; dialogRequestId?: string };
  payload: Record<string, unknown>;
}

export interface EventResponse {
  status: number;
  directives: CicDirectiveMessage[];
  /** Attachments by Content-ID (the `cid:` URLs of Speak directives). */
  attachments: Map<string, Buffer>;
}

export interface DeviceClientOptions {
  /** Base URL of CIC, e.g. `http://127.0.0.1:5000` (h2c) or `https://host:5443`. */
  url: string;
  accessToken: string;
  userAgent?: string;
  /** Extra TLS options for https URLs (e.g. `ca` for a self-signed certificate). */
  tls?: http2.SecureClientSessionOptions;
  /**
   * Context objects sent with every event that is given none (e.g. Device.Display and
   * Device.Audio, which decide whether the server takes the device to have a screen and to play
   * audio: cic.md §8). Default: none.
   */
  context?: ContextObject[];
  /**
   * Keep-alive (cic.md §2.7): an HTTP/2 PING every `pingIntervalMs` while the connection is open
   * (default 60 000; 0: none). No ACK within `pingTimeoutMs` (default 10 000) tears the
   * connection down: it is dead.
   */
  pingIntervalMs?: number;
  pingTimeoutMs?: number;
  /**
   * Rebuild a lost connection and its downchannel (no PING ACK, GOAWAY, the connection closed)
   * at once, then with a backoff from 1 s up to 30 s, while a downchannel is wanted (opened and
   * not closed by `closeDownchannel` or `close`). Default: false.
   */
  reconnect?: boolean;
  /** After each attempt to rebuild: no error when the new downchannel is open. */
  onReconnect?: (error?: Error) => void;
}

export interface ContextObject {
  header: { namespace: string; name: string };
  payload: Record<string, unknown>;
}

export interface SendEventOptions {
  context?: ContextObject[];
  dialogRequestId?: string;
  /** Audio to stream after the metadata part: whole, or as slices written as they come. */
  audio?: Buffer | AsyncIterable<Buffer>;
}

const DEFAULT_USER_AGENT = "Clover/ReferenceDevice/0.1.0 (Node.js;reference)";

function splitParts(parts: MultipartPart[]): Omit<EventResponse, "status"> {
  const directives: CicDirectiveMessage[] = [];
  const attachments = new Map<string, Buffer>();
  for (const part of parts) {
    const id = part.headers["content-id"];
    if (id !== undefined) attachments.set(id.replace(/^<|>$/g, ""), part.body);
    else
      directives.push(
        (JSON.parse(part.body.toString("utf8")) as { directive: CicDirectiveMessage }).directive,
      );
  }
  return { directives, attachments };
}

export class DeviceClient {
  private session: http2.ClientHttp2Session | undefined;
  private downchannel: http2.ClientHttp2Stream | undefined;
  /** The callback of the downchannel the device wants open (undefined: none wanted). */
  private wanted: ((directive: CicDirectiveMessage) => void) | undefined;
  private rebuilding = false;
  private readonly options: DeviceClientOptions;

  constructor(options: DeviceClientOptions) {
    this.options = options;
  }

  private headers(extra: http2.OutgoingHttpHeaders = {}): http2.OutgoingHttpHeaders {
    return {
      authorization: `Bearer ${this.options.accessToken}`,
      "user-agent": this.options.userAgent ?? DEFAULT_USER_AGENT,
      ...extra,
    };
  }

  /** The HTTP/2 connection, opened on first use. */
  connect(): http2.ClientHttp2Session {
    if (this.session && !this.session.closed && !this.session.destroyed) return this.session;
    const session = http2.connect(this.options.url, this.options.tls);
    session.on("error", () => {});
    this.session = session;
    this.keepAlive(session);
    const lost = () => this.lost(session);
    session.once("goaway", lost);
    session.once("close", lost);
    return session;
  }

  /** Whether the HTTP/2 connection is open (it is opened on first use). */
  get connected(): boolean {
    return this.session !== undefined && !this.session.closed && !this.session.destroyed;
  }

  /** A PING every interval; no ACK in time (or an error) ends the connection (§2.7). */
  private keepAlive(session: http2.ClientHttp2Session): void {
    const every = this.options.pingIntervalMs ?? 60_000;
    if (every <= 0) return;
    const timer = setInterval(() => {
      if (session.closed || session.destroyed) return;
      const dead = () => session.destroy(new Error("no PING ACK: the connection is dead"));
      const deadline = setTimeout(dead, this.options.pingTimeoutMs ?? 10_000).unref();
      const sent = session.ping((error) => {
        clearTimeout(deadline);
        if (error && !session.destroyed) dead();
      });
      if (!sent) clearTimeout(deadline);
    }, every).unref();
    session.once("close", () => clearInterval(timer));
  }

  /** The connection went away: rebuild it and the downchannel if asked to. */
  private lost(session: http2.ClientHttp2Session): void {
    if (this.session !== session) return; // closed on purpose, or already rebuilt
    this.session = undefined;
    this.downchannel = undefined;
    if (!this.options.reconnect || this.wanted === undefined || this.rebuilding) return;
    this.rebuilding = true;
    void this.rebuild().finally(() => {
      this.rebuilding = false;
    });
  }

  private async rebuild(): Promise<void> {
    for (let wait = RECONNECT_FIRST_MS; this.wanted !== undefined; ) {
      try {
        await this.requestDownchannel(this.wanted);
        this.options.onReconnect?.();
        return;
      } catch (error) {
        this.options.onReconnect?.(error as Error);
        if ((error as { status?: number }).status === 401) return; // a token for a person to fix
        await pause(wait);
        wait = Math.min(wait * 2, RECONNECT_MAX_MS);
      }
    }
  }

  /**
   * Opens the downchannel; resolves with the Clova.Hello directive, then calls `onDirective`
   * for every cloud-initiated directive. Rejects with the status and exception on failure.
   */
  async openDownchannel(
    onDirective: (directive: CicDirectiveMessage) => void = () => {},
  ): Promise<CicDirectiveMessage> {
    this.wanted = onDirective;
    try {
      return await this.requestDownchannel(onDirective);
    } catch (error) {
      // 429 (cic.md §2.5): the server still holds a downchannel of this device opened less than
      // its short interval ago — typically one of a process that just exited. Ask once more.
      if ((error as { status?: number }).status !== 429) throw this.unwanted(error);
      await new Promise((resolve) => setTimeout(resolve, DOWNCHANNEL_RETRY_MS));
      return this.requestDownchannel(onDirective).catch((again) => {
        throw this.unwanted(again);
      });
    }
  }

  /** A downchannel that could not be opened is not rebuilt later. */
  private unwanted(error: unknown): unknown {
    this.wanted = undefined;
    return error;
  }

  private requestDownchannel(
    onDirective: (directive: CicDirectiveMessage) => void,
  ): Promise<CicDirectiveMessage> {
    const stream = this.connect().request(
      this.headers({ ":method": "GET", ":path": "/v1/directives" }),
    );
    this.downchannel = stream;
    return new Promise((resolve, reject) => {
      let hello: CicDirectiveMessage | undefined;
      let status = 0;
      const collected: MultipartPart[] = [];
      stream.on("response", (headers) => {
        status = Number(headers[":status"]);
        const boundary = boundaryOf(String(headers["content-type"] ?? ""));
        if (!boundary) return;
        const parser = new MultipartParser(boundary, (part) => {
          if (status !== 200) return void collected.push(part);
          const { directives } = splitParts([part]);
          for (const directive of directives) {
            if (!hello) {
              hello = directive;
              resolve(directive);
            } else onDirective(directive);
          }
        });
        stream.on("data", (chunk: Buffer) => parser.push(chunk));
      });
      stream.on("end", () => {
        if (!hello) {
          const { directives } = splitParts(collected);
          const description = directives[0]?.payload["description"];
          const error = new Error(
            `downchannel refused with ${status}${description ? `: ${String(description)}` : ""}`,
          );
          reject(Object.assign(error, { status }));
        }
      });
      stream.on("error", (error) => {
        if (!hello) reject(error);
      });
    });
  }

  /** Closes the downchannel stream (the connection stays). */
  closeDownchannel(): void {
    this.wanted = undefined;
    this.downchannel?.close();
    this.downchannel = undefined;
  }

  /** Sends one event as multipart/form-data and collects the directives of the answer. */
  async sendEvent(
    event: { namespace: string; name: string; payload: Record<string, unknown> },
    options: SendEventOptions = {},
  ): Promise<EventResponse> {
    const boundary = `clover-${randomUUID()}`;
    const metadata = {
      context: options.context ?? this.options.context ?? [],
      event: {
        header: {
          namespace: event.namespace,
          name: event.name,
          messageId: randomUUID(),
          ...(options.dialogRequestId ? { dialogRequestId: options.dialogRequestId } : {}),
        },
        payload: event.payload,
      },
    };
    const stream = this.connect().request(
      this.headers({
        ":method": "POST",
        ":path": "/v1/events",
        "content-type": `multipart/form-data; boundary=${boundary}`,
      }),
    );
    const response = this.readResponse(stream);
    stream.write(
      `--${boundary}\r\nContent-Disposition: form-data; name="metadata"\r\n` +
        `Content-Type: application/json; charset=UTF-8\r\n\r\n${JSON.stringify(metadata)}`,
    );
    if (options.audio) {
      stream.write(
        `\r\n--${boundary}\r\nContent-Disposition: form-data; name="audio"\r\n` +
          "Content-Type: application/octet-stream\r\n\r\n",
      );
      if (Buffer.isBuffer(options.audio)) await writeBody(stream, options.audio);
      else for await (const slice of options.audio) if (!(await writeBody(stream, slice))) break;
    }
    if (!stream.destroyed && !stream.closed) stream.end(`\r\n--${boundary}--\r\n`);
    return response;
  }

  private readResponse(stream: http2.ClientHttp2Stream): Promise<EventResponse> {
    return new Promise((resolve, reject) => {
      let status = 0;
      let contentType = "";
      const chunks: Buffer[] = [];
      stream.on("response", (headers) => {
        status = Number(headers[":status"]);
        contentType = String(headers["content-type"] ?? "");
      });
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        const boundary = boundaryOf(contentType);
        const parts: MultipartPart[] = [];
        if (boundary)
          new MultipartParser(boundary, (part) => parts.push(part)).push(Buffer.concat(chunks));
        resolve({ status, ...splitParts(parts) });
      });
      stream.on("error", reject);
    });
  }

  /** A typed utterance (TextRecognizer.Recognize) with a fresh dialogRequestId. */
  sendText(text: string, options: Omit<SendEventOptions, "audio"> = {}): Promise<EventResponse> {
    return this.sendEvent(
      { namespace: "TextRecognizer", name: "Recognize", payload: { text } },
      { ...options, dialogRequestId: options.dialogRequestId ?? randomUUID() },
    );
  }

  /** GET /ping (cic.md §2.7); resolves with the status code. */
  ping(): Promise<number> {
    const stream = this.connect().request(this.headers({ ":method": "GET", ":path": "/ping" }));
    return new Promise((resolve, reject) => {
      stream.on("response", (headers) => resolve(Number(headers[":status"])));
      stream.on("error", reject);
      stream.resume();
    });
  }

  close(): void {
    this.closeDownchannel();
    this.session?.close();
    this.session = undefined;
  }
}

/** Audio is written in slices of this size, each once the stream has room for it. */
const WRITE_SLICE = 64 * 1024;

/**
 * Writes a request body with backpressure, and stops once the server has closed the stream
 * (an early answer, e.g. 413, ends it with RST_STREAM NO_ERROR). Node's HTTP/2 client counts
 * body bytes queued but never sent against its session memory (maxSessionMemory) and does not
 * give them back when the stream is reset: a whole upload queued at once and refused leaves
 * the connection refusing every later answer (RST_STREAM ENHANCE_YOUR_CALM). Resolves false
 * when the stream is gone.
 */
export async function writeBody(stream: http2.ClientHttp2Stream, body: Buffer): Promise<boolean> {
  for (let at = 0; at < body.length; at += WRITE_SLICE) {
    if (stream.destroyed || stream.closed) return false;
    if (!stream.write(body.subarray(at, at + WRITE_SLICE))) {
      const open = await new Promise<boolean>((resolve) => {
        const drained = () => done(true);
        const closed = () => done(false);
        const done = (value: boolean) => {
          stream.off("drain", drained);
          stream.off("close", closed);
          resolve(value);
        };
        stream.once("drain", drained);
        stream.once("close", closed);
      });
      if (!open) return false;
    }
  }
  return !stream.destroyed && !stream.closed;
}
