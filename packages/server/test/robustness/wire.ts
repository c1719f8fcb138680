// Raw CIC requests for the robustness tests: bodies built by hand (broken on purpose), sent over
// a device's own HTTP/2 connection or over HTTP/1.1, answers read whole.
import http from "node:http";
import type http2 from "node:http2";
import https from "node:https";
import { boundaryOf, MultipartParser, type MultipartPart } from "@clover/device";
import { testTls } from "./protocols.js";

export interface RawAnswer {
  status: number;
  headers: Record<string, unknown>;
  body: Buffer;
  /** The System.Exception of an error answer, parsed from the multipart body. */
  exception?: { code: number; description: string };
  ms: number;
}

export const BOUNDARY = "fuzz-boundary";

export function metadataPart(event: object, boundary = BOUNDARY): string {
  return (
    `--${boundary}\r\nContent-Disposition: form-data; name="metadata"\r\n` +
    `Content-Type: application/json; charset=UTF-8\r\n\r\n${JSON.stringify(event)}\r\n`
  );
}

export function audioPartHeader(boundary = BOUNDARY, name = "audio"): string {
  return `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`;
}

export const closing = (boundary = BOUNDARY) => `--${boundary}--\r\n`;

export function textEvent(text: string, dialogRequestId = `d-${Math.random()}`) {
  return {
    context: [],
    event: {
      header: { namespace: "TextRecognizer", name: "Recognize", messageId: "m", dialogRequestId },
      payload: { text },
    },
  };
}

export function speechEvent(dialogRequestId = `d-${Math.random()}`) {
  return {
    context: [],
    event: {
      header: {
        namespace: "SpeechRecognizer",
        name: "Recognize",
        messageId: "m",
        dialogRequestId,
      },
      payload: { lang: "en", format: "AUDIO_L16_RATE_16000_CHANNELS_1", profile: "CLOSE_TALK" },
    },
  };
}

function exceptionOf(headers: Record<string, unknown>, body: Buffer) {
  const boundary = boundaryOf(String(headers["content-type"] ?? ""));
  if (!boundary) return undefined;
  const parts: MultipartPart[] = [];
  const parser = new MultipartParser(boundary, (part) => parts.push(part));
  parser.push(body);
  for (const part of parts) {
    try {
      const directive = JSON.parse(part.body.toString("utf8")).directive;
      if (directive?.header?.name === "Exception") return directive.payload;
    } catch {}
  }
  return undefined;
}

/** Writes in 64 KiB slices and waits for the stream to drain, as a well-behaved client does. */
async function writeSlices(stream: import("node:stream").Writable, chunk: string | Buffer) {
  const bytes = typeof chunk === "string" ? Buffer.from(chunk) : chunk;
  for (let at = 0; at < bytes.length && !stream.destroyed; at += 65_536) {
    if (!stream.write(bytes.subarray(at, at + 65_536)))
      await new Promise<void>((resolve) => {
        const done = () => {
          stream.off("drain", done);
          stream.off("close", done);
          resolve();
        };
        stream.on("drain", done);
        stream.on("close", done);
      });
  }
}

/** Sends chunks (Buffer/string, or a number = wait that many ms) on a device's HTTP/2 session. */
export function h2Event(
  session: http2.ClientHttp2Session,
  token: string,
  chunks: (string | Buffer | number)[],
  options: { end?: boolean; cancelAfter?: boolean; headers?: Record<string, string> } = {},
): Promise<RawAnswer> {
  const started = Date.now();
  const stream = session.request({
    ":method": "POST",
    ":path": "/v1/events",
    authorization: `Bearer ${token}`,
    "content-type": `multipart/form-data; boundary=${BOUNDARY}`,
    ...options.headers,
  });
  return new Promise((resolve) => {
    let status = 0;
    let headers: Record<string, unknown> = {};
    const body: Buffer[] = [];
    stream.on("response", (h) => {
      headers = h;
      status = Number(h[":status"]);
    });
    stream.on("data", (c: Buffer) => body.push(c));
    const done = () => {
      const all = Buffer.concat(body);
      const exception = exceptionOf(headers, all);
      resolve({
        status,
        headers,
        body: all,
        ms: Date.now() - started,
        ...(exception ? { exception } : {}),
      });
    };
    stream.on("close", done);
    stream.on("error", () => {});
    void (async () => {
      for (const chunk of chunks) {
        if (stream.destroyed) return;
        if (typeof chunk === "number") await new Promise((r) => setTimeout(r, chunk));
        else await writeSlices(stream, chunk);
      }
      if (options.cancelAfter) stream.close(0x8);
      else if (options.end !== false && !stream.destroyed) stream.end();
    })();
  });
}

/** The same over HTTP/1.1 (chunked), on a connection of its own. */
export function h1Event(
  url: string,
  token: string,
  chunks: (string | Buffer | number)[],
  options: {
    end?: boolean;
    abortAfter?: boolean;
    path?: string;
    method?: string;
    /** Headers instead of the device's (bearer token, multipart content type). */
    raw?: Record<string, string>;
    /** Headers over the device's. */
    headers?: Record<string, string>;
    /** A whole body sent with its length. */
    body?: string | undefined;
  } = {},
): Promise<RawAnswer> {
  const started = Date.now();
  return new Promise((resolve) => {
    const target = new URL(url);
    const headers: Record<string, string> = options.raw ?? {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      "content-type": `multipart/form-data; boundary=${BOUNDARY}`,
      ...options.headers,
    };
    if (options.body !== undefined)
      headers["content-length"] = String(Buffer.byteLength(options.body));
    // An https:// URL is the TLS listener of robustness/protocols.ts (its test certificate).
    const tls = target.protocol === "https:";
    const req = (tls ? https : http).request({
      ...(tls ? { ca: testTls().cert } : {}),
      host: target.hostname,
      port: target.port,
      path: options.path ?? "/v1/events",
      method: options.method ?? "POST",
      agent: false,
      headers,
    });
    let answered = false;
    req.on("response", (res) => {
      const body: Buffer[] = [];
      res.on("data", (c: Buffer) => body.push(c));
      const finish = () => {
        if (answered) return;
        answered = true;
        const all = Buffer.concat(body);
        const exception = exceptionOf(res.headers, all);
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: all,
          ms: Date.now() - started,
          ...(exception ? { exception } : {}),
        });
      };
      res.on("end", finish);
      res.on("close", finish);
      res.on("error", () => {});
    });
    req.on("error", () => {
      if (!answered) {
        answered = true;
        resolve({ status: -1, headers: {}, body: Buffer.alloc(0), ms: Date.now() - started });
      }
    });
    void (async () => {
      for (const chunk of chunks) {
        if (req.destroyed) return;
        if (typeof chunk === "number") await new Promise((r) => setTimeout(r, chunk));
        else await writeSlices(req, chunk);
      }
      if (options.abortAfter) req.destroy();
      else if (options.end !== false) req.end(options.body);
    })();
  });
}
