// HTTP/2 frames written by hand (RFC 9113 §4, §6; HPACK RFC 7541 without Huffman), for a
// device that does what node:http2 would never let it do: more streams than the server allows,
// resets by the thousand, header blocks that never end, a window that never opens. The frames
// the server sends back are read just enough to see GOAWAY, RST_STREAM and HEADERS per stream.
import tls from "node:tls";
import { testTls } from "../helpers/tls.js";

export const FRAME = {
  DATA: 0,
  HEADERS: 1,
  RST_STREAM: 3,
  SETTINGS: 4,
  PING: 6,
  GOAWAY: 7,
  WINDOW_UPDATE: 8,
  CONTINUATION: 9,
} as const;
export const FLAG = { END_STREAM: 0x1, ACK: 0x1, END_HEADERS: 0x4 } as const;
export const ERROR = {
  NO_ERROR: 0,
  PROTOCOL_ERROR: 1,
  INTERNAL_ERROR: 2,
  REFUSED_STREAM: 7,
  CANCEL: 8,
} as const;
const PREFACE = Buffer.from("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", "latin1");

export function frame(
  type: number,
  flags: number,
  streamId: number,
  payload: Buffer = Buffer.alloc(0),
) {
  const head = Buffer.alloc(9);
  head.writeUIntBE(payload.length, 0, 3);
  head[3] = type;
  head[4] = flags;
  head.writeUInt32BE(streamId & 0x7fffffff, 5);
  return Buffer.concat([head, payload]);
}

/** An HPACK integer with an N-bit prefix (RFC 7541 §5.1); `high` holds the prefix's flag bits. */
function integer(value: number, bits: number, high: number): Buffer {
  const max = (1 << bits) - 1;
  if (value < max) return Buffer.from([high | value]);
  const out = [high | max];
  let rest = value - max;
  while (rest >= 128) {
    out.push((rest % 128) + 128);
    rest = Math.floor(rest / 128);
  }
  out.push(rest);
  return Buffer.from(out);
}

const str = (s: string) => {
  const bytes = Buffer.from(s, "latin1");
  return Buffer.concat([integer(bytes.length, 7, 0), bytes]);
};

/** Literal header fields without indexing (§6.2.2): nothing enters the server's table. */
export function headerBlock(headers: [string, string][]): Buffer {
  return Buffer.concat(headers.map(([n, v]) => Buffer.concat([Buffer.from([0]), str(n), str(v)])));
}

/** A literal field with incremental indexing (§6.2.1): it becomes dynamic table entry 62. */
export function indexedLiteral(name: string, value: string): Buffer {
  return Buffer.concat([Buffer.from([0x40]), str(name), str(value)]);
}

/** A reference to an entry of the tables (§6.1): one byte for entries below 127. */
export function indexed(index: number): Buffer {
  return integer(index, 7, 0x80);
}

export function settings(values: [number, number][] = []): Buffer {
  const payload = Buffer.alloc(values.length * 6);
  values.forEach(([id, value], i) => {
    payload.writeUInt16BE(id, i * 6);
    payload.writeUInt32BE(value, i * 6 + 2);
  });
  return frame(FRAME.SETTINGS, 0, 0, payload);
}

export function rstStream(streamId: number, code: number = ERROR.CANCEL): Buffer {
  const payload = Buffer.alloc(4);
  payload.writeUInt32BE(code);
  return frame(FRAME.RST_STREAM, 0, streamId, payload);
}

export function ping(data = Buffer.alloc(8)): Buffer {
  return frame(FRAME.PING, 0, 0, data);
}

/** What the server sent on a raw connection, as far as the tests look. */
export interface Seen {
  goaway?: { lastStreamId: number; code: number };
  /** RST_STREAM error code per stream. */
  resets: Map<number, number>;
  /** Streams the server answered (a HEADERS frame). */
  answered: Set<number>;
  settingsAcks: number;
  pingAcks: number;
  /** The connection is closed. */
  closed: boolean;
  bytes: number;
}

/** A TLS connection speaking h2, the client preface and SETTINGS already sent. */
export class RawH2 {
  readonly socket: tls.TLSSocket;
  readonly seen: Seen = {
    resets: new Map(),
    answered: new Set(),
    settingsAcks: 0,
    pingAcks: 0,
    closed: false,
    bytes: 0,
  };
  readonly ready: Promise<void>;
  readonly closed: Promise<void>;
  #buffer = Buffer.alloc(0);
  /** When false, nothing the server sends is read (its window and buffers fill). */
  reading = true;

  constructor(url: string, initialSettings: [number, number][] = []) {
    const { hostname, port } = new URL(url);
    this.socket = tls.connect({
      host: hostname,
      port: Number(port),
      ca: testTls().cert,
      ALPNProtocols: ["h2"],
      servername: "localhost",
    });
    this.socket.on("error", () => {});
    this.closed = new Promise((resolve) =>
      this.socket.once("close", () => {
        this.seen.closed = true;
        resolve();
      }),
    );
    this.ready = new Promise((resolve, reject) => {
      this.socket.once("secureConnect", () => {
        this.socket.write(Buffer.concat([PREFACE, settings(initialSettings)]));
        resolve();
      });
      this.socket.once("close", () => reject(new Error("closed before TLS was up")));
    });
    this.ready.catch(() => {});
    this.socket.on("data", (chunk: Buffer) => this.#read(chunk));
  }

  /** Stops reading from the socket: the server's writes back up (flow control, TCP). */
  stopReading(): void {
    this.reading = false;
    this.socket.pause();
  }

  write(bytes: Buffer): boolean {
    if (this.socket.destroyed) return false;
    return this.socket.write(bytes);
  }

  /** Writes and waits until the bytes left (or the socket closed). */
  send(bytes: Buffer): Promise<void> {
    return new Promise((resolve) => {
      if (this.socket.destroyed || !this.socket.writable) return resolve();
      this.socket.write(bytes, () => resolve());
    });
  }

  /** A HEADERS frame for a request on `streamId`; no END_STREAM unless `end`. */
  request(streamId: number, headers: [string, string][], end = false): Buffer {
    return frame(
      FRAME.HEADERS,
      FLAG.END_HEADERS | (end ? FLAG.END_STREAM : 0),
      streamId,
      headerBlock(headers),
    );
  }

  destroy(): void {
    this.socket.destroy();
  }

  #read(chunk: Buffer): void {
    this.seen.bytes += chunk.length;
    this.#buffer = Buffer.concat([this.#buffer, chunk]);
    while (this.#buffer.length >= 9) {
      const length = this.#buffer.readUIntBE(0, 3);
      if (this.#buffer.length < 9 + length) return;
      const type = this.#buffer[3]!;
      const flags = this.#buffer[4]!;
      const stream = this.#buffer.readUInt32BE(5) & 0x7fffffff;
      const payload = this.#buffer.subarray(9, 9 + length);
      this.#buffer = this.#buffer.subarray(9 + length);
      if (type === FRAME.SETTINGS) {
        if (flags & FLAG.ACK) this.seen.settingsAcks++;
        else this.write(frame(FRAME.SETTINGS, FLAG.ACK, 0));
      } else if (type === FRAME.PING && flags & FLAG.ACK) this.seen.pingAcks++;
      else if (type === FRAME.GOAWAY)
        this.seen.goaway = {
          lastStreamId: payload.readUInt32BE(0) & 0x7fffffff,
          code: payload.readUInt32BE(4),
        };
      else if (type === FRAME.RST_STREAM) this.seen.resets.set(stream, payload.readUInt32BE(0));
      else if (type === FRAME.HEADERS) this.seen.answered.add(stream);
    }
  }
}

/** The request headers of a CIC call. */
export function cicHeaders(
  url: string,
  method: string,
  path: string,
  token: string,
  extra: [string, string][] = [],
): [string, string][] {
  return [
    [":method", method],
    [":scheme", "https"],
    [":authority", new URL(url).host],
    [":path", path],
    ["authorization", `Bearer ${token}`],
    ["user-agent", "Orbit Audio/HomeCube/3.4.0 (OrbitOS 2.0;cortex-a53)"],
    ...extra,
  ];
}
