// An outsider's tools for the conformance suites, written from the specs alone: a raw HTTP/2
// device (node:http2, its own multipart reader), raw HTTPS calls to the auth API, and a raw
// node:http extension. Nothing here uses @clover/device or @clover/sdk, so a misunderstanding
// shared by our client and our server shows up as a failure.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import http from "node:http";
import http2 from "node:http2";
import https from "node:https";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TextToSpeech } from "../../src/cic/speech-engines.js";
import { type CloverServer, startClover } from "../../src/main.js";
import { testCloverConfig } from "../helpers/clover.js";
import type { Json } from "../helpers/extension-server.js";
import { testTls } from "../helpers/tls.js";

export const ADMIN = "conformance-admin-token";
export const USER_AGENT = "Orbit Audio/HomeCube/3.4.0 (OrbitOS 2.0;cortex-a53)";
/** A landscape l100 screen, 640×360 (cic.md §8): the context a device with a display sends. */
export const DISPLAY = {
  header: { namespace: "Device", name: "Display" },
  payload: {
    size: "l100",
    orientation: "landscape",
    dpi: 160,
    contentLayer: { width: 640, height: 360 },
  },
};

export interface Running {
  server: CloverServer;
  url: string;
  close(): Promise<void>;
}

/** A speech engine whose "MP3" names what it says, so tests can check what the device hears. */
export const tts: TextToSpeech = {
  async synthesize(text, language) {
    return Buffer.from(`mp3:${language}:${text}`);
  },
};

/** A real Clover on TLS (ALPN h2), ephemeral port, own data directory. */
export async function startServer(env: Record<string, string> = {}): Promise<Running> {
  const dataDir = mkdtempSync(join(tmpdir(), "clover-conformance-"));
  const server = await startClover({
    tls: testTls(),
    tts,
    config: testCloverConfig(dataDir, ADMIN, {
      CLOVER_EXTENSION_NETWORKS: "loopback",
      ...env,
    }),
  });
  return {
    server,
    url: server.url,
    async close() {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface HttpAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  json(): Record<string, unknown>;
}

/** One HTTPS/1.1 request (auth API, management API), trusting the test certificate. */
export function httpsCall(
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const request = https.request(
      url,
      {
        method: init.method ?? "GET",
        headers: init.headers ?? {},
        ca: testTls().cert,
        agent: false,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (c: Buffer) => chunks.push(c));
        response.on("end", () => {
          const body = Buffer.concat(chunks);
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body,
            json: () => JSON.parse(body.toString("utf8")),
          });
        });
      },
    );
    request.setTimeout(10_000, () => request.destroy(new Error("timeout")));
    request.on("error", reject);
    request.end(init.body);
  });
}

export function query(params: Record<string, string>): string {
  return new URLSearchParams(params).toString();
}

export interface Product {
  clientId: string;
  clientSecret: string;
}

export async function newProduct(url: string, name = "conformance speaker"): Promise<Product> {
  const created = await httpsCall(`${url}/api/v1/device-clients`, {
    method: "POST",
    headers: { authorization: `Bearer ${ADMIN}`, "content-type": "application/json" },
    body: JSON.stringify({ name }),
  });
  if (created.status !== 201) throw new Error(`device client: ${created.status}`);
  return created.json() as unknown as Product;
}

export interface Tokens {
  access_token: string;
  refresh_token: string;
  expires_in: number;
  token_type: string;
}

/** Guest login (cic.md §3.8): /authorize with request_vu=Y and no header, then /token. */
export function guestTokens(
  url: string,
  product: Product,
  deviceId: string,
  modelId = "HC-200",
): Promise<Tokens> {
  return deviceTokens(url, product, { request_vu: "Y", state: "s1" }, {}, deviceId, modelId);
}

/** /authorize (query extras, headers), then /token with its code (cic.md §3.2–§3.4). */
async function deviceTokens(
  url: string,
  product: Product,
  extras: Record<string, string>,
  headers: Record<string, string>,
  deviceId: string,
  modelId: string,
): Promise<Tokens> {
  const authorized = await httpsCall(
    `${url}/authorize?${query({
      client_id: product.clientId,
      device_id: deviceId,
      model_id: modelId,
      response_type: "code",
      ...extras,
    })}`,
    { headers },
  );
  if (authorized.status !== 200) throw new Error(`authorize: ${authorized.status}`);
  const token = await httpsCall(
    `${url}/token?${query({
      grant_type: "authorization_code",
      client_id: product.clientId,
      client_secret: product.clientSecret,
      code: String(authorized.json()["code"]),
      device_id: deviceId,
      model_id: modelId,
    })}`,
  );
  if (token.status !== 200) throw new Error(`token: ${token.status} ${token.body}`);
  return token.json() as unknown as Tokens;
}

export interface Part {
  headers: Record<string, string>;
  body: Buffer;
}

export interface Directive {
  header: { namespace: string; name: string; messageId: string; dialogRequestId?: string };
  payload: Record<string, unknown>;
}

/** Parses complete parts of a multipart body: those followed by a delimiter line. */
export class PartReader {
  private buffer = Buffer.alloc(0);
  readonly parts: Part[] = [];
  ended = false;
  constructor(private readonly boundary: string) {}

  push(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    const delimiter = Buffer.from(`--${this.boundary}`);
    for (;;) {
      const first = this.buffer.indexOf(delimiter);
      if (first < 0) return;
      const afterFirst = first + delimiter.length;
      if (this.buffer.subarray(afterFirst, afterFirst + 2).toString() === "--") {
        this.ended = true;
        this.buffer = Buffer.alloc(0);
        return;
      }
      const next = this.buffer.indexOf(Buffer.from(`\r\n--${this.boundary}`), afterFirst);
      if (next < 0) return;
      const raw = this.buffer.subarray(afterFirst, next);
      this.buffer = this.buffer.subarray(next + 2);
      const text = raw.toString("latin1");
      const start = text.startsWith("\r\n") ? 2 : 0;
      const split = text.indexOf("\r\n\r\n", start);
      const headers: Record<string, string> = {};
      for (const line of text.slice(start, split).split("\r\n")) {
        const colon = line.indexOf(":");
        if (colon > 0)
          headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
      }
      this.parts.push({ headers, body: raw.subarray(split + 4) });
    }
  }

  directives(): Directive[] {
    const out: Directive[] = [];
    for (const part of this.parts)
      if ((part.headers["content-type"] ?? "").startsWith("application/json"))
        out.push(JSON.parse(part.body.toString("utf8")).directive);
    return out;
  }
}

export function boundaryOf(contentType: string | undefined): string | undefined {
  const match = /boundary=("?)([^";]+)\1/i.exec(contentType ?? "");
  return match?.[2];
}

export interface H2Answer {
  status: number;
  headers: http2.IncomingHttpHeaders;
  body: Buffer;
  parts: Part[];
  directives: Directive[];
  /** The System.Exception payload, when the answer carries one. */
  exception?: { code: number; description: string };
}

/** A raw HTTP/2 device: one connection, a downchannel on it, events on it. */
export class RawDevice {
  readonly session: http2.ClientHttp2Session;
  downchannel?: { stream: http2.ClientHttp2Stream; reader: PartReader; status: number };

  constructor(
    readonly url: string,
    public accessToken: string | undefined,
  ) {
    this.session = http2.connect(url, { ca: testTls().cert });
    this.session.on("error", () => {});
  }

  headers(extra: Record<string, string> = {}): Record<string, string> {
    return {
      ...(this.accessToken ? { authorization: `Bearer ${this.accessToken}` } : {}),
      "user-agent": USER_AGENT,
      ...extra,
    };
  }

  request(headers: Record<string, string>, body?: Buffer | string): Promise<H2Answer> {
    return new Promise((resolve, reject) => {
      const stream = this.session.request(headers, { endStream: body === undefined });
      let status = 0;
      let responseHeaders: http2.IncomingHttpHeaders = {};
      const chunks: Buffer[] = [];
      const timer = setTimeout(() => {
        stream.close(http2.constants.NGHTTP2_CANCEL);
        reject(new Error(`no answer to ${headers[":path"]} in 15 s`));
      }, 60_000);
      stream.on("response", (h) => {
        responseHeaders = h;
        status = Number(h[":status"]);
      });
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("error", (e) => {
        clearTimeout(timer);
        reject(e);
      });
      stream.on("close", () => {
        clearTimeout(timer);
        const whole = Buffer.concat(chunks);
        const boundary = boundaryOf(responseHeaders["content-type"] as string | undefined);
        const reader = new PartReader(boundary ?? "\u0000none");
        if (boundary) reader.push(whole);
        let directives: Directive[] = [];
        try {
          directives = reader.directives();
        } catch {}
        const exception = directives.find(
          (d) => d.header.namespace === "System" && d.header.name === "Exception",
        )?.payload as H2Answer["exception"];
        resolve({
          status,
          headers: responseHeaders,
          body: whole,
          parts: reader.parts,
          directives,
          ...(exception ? { exception } : {}),
        });
      });
      if (body !== undefined) stream.end(body);
    });
  }

  /** Opens GET /v1/directives; resolves at the first status (and the Hello, when 200). */
  openDownchannel(
    extra: Record<string, string> = {},
  ): Promise<{ status: number; reader: PartReader; stream: http2.ClientHttp2Stream }> {
    return new Promise((resolve, reject) => {
      const stream = this.session.request(
        this.headers({ ":method": "GET", ":path": "/v1/directives", ...extra }),
      );
      let reader = new PartReader("\u0000none");
      let status = 0;
      const timer = setTimeout(() => reject(new Error("downchannel: no Hello in 10 s")), 10_000);
      const done = () => {
        clearTimeout(timer);
        const channel = { status, reader, stream };
        if (status === 200) this.downchannel = channel;
        resolve(channel);
      };
      stream.on("response", (h) => {
        status = Number(h[":status"]);
        reader = new PartReader(boundaryOf(h["content-type"] as string) ?? "\u0000none");
      });
      stream.on("data", (c: Buffer) => {
        reader.push(c);
        if (status === 200 && reader.parts.length >= 1) done();
      });
      stream.on("close", () => done());
      stream.on("error", () => done());
    });
  }

  /** POST /v1/events with a hand-built multipart/form-data body. */
  event(metadata: unknown, options: { boundary?: string; raw?: string | Buffer } = {}) {
    const boundary = options.boundary ?? `evt-${randomUUID()}`;
    const body =
      options.raw ??
      `--${boundary}\r\nContent-Disposition: form-data; name="metadata"\r\n` +
        `Content-Type: application/json; charset=UTF-8\r\n\r\n` +
        `${typeof metadata === "string" ? metadata : JSON.stringify(metadata)}\r\n--${boundary}--\r\n`;
    return this.request(
      this.headers({
        ":method": "POST",
        ":path": "/v1/events",
        "content-type": `multipart/form-data; boundary=${boundary}`,
      }),
      body,
    );
  }

  close(): void {
    this.session.close();
    setTimeout(() => this.session.destroy(), 200).unref();
  }
}

export function textRecognize(text: string, dialogRequestId = randomUUID()) {
  return {
    context: [],
    event: {
      header: {
        namespace: "TextRecognizer",
        name: "Recognize",
        messageId: randomUUID(),
        dialogRequestId,
      },
      payload: { text },
    },
  };
}

export function eventOf(
  namespace: string,
  name: string,
  payload: Record<string, unknown> = {},
  context: unknown[] = [],
) {
  return { context, event: { header: { namespace, name, messageId: randomUUID() }, payload } };
}

/** Waits until `check` holds, polling; fails after `ms`. */
export async function until(check: () => boolean, ms = 5000, what = "condition"): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export interface RawExtension {
  url: string;
  requests: {
    headers: http.IncomingHttpHeaders;
    /** Header names as written on the wire, in order. */
    headerNames: string[];
    raw: Buffer;
    body: Json;
  }[];
  answer: (body: Json) => {
    status?: number;
    body: unknown;
    delayMs?: number;
    /** Replace or add response headers (`null`: leave a header out). */
    headers?: Record<string, string | null>;
  };
  close(): Promise<void>;
}

/** A custom extension on node:http, answering whatever `answer` says. */
export async function rawExtension(
  answer: RawExtension["answer"] = () => ({ body: speech("ok", true) }),
): Promise<RawExtension> {
  const ext: RawExtension = {
    url: "",
    requests: [],
    answer,
    close: async () => {},
  };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const raw = Buffer.concat(chunks);
      let body: Json = {};
      try {
        body = JSON.parse(raw.toString("utf8"));
      } catch {}
      const headerNames = req.rawHeaders.filter((_, i) => i % 2 === 0);
      ext.requests.push({ headers: req.headers, headerNames, raw, body });
      const out = ext.answer(body);
      const send = () => {
        if (res.destroyed) return;
        const headers: Record<string, string | null> = {
          "content-type": "application/json;charset=UTF-8",
          ...out.headers,
        };
        for (const [name, value] of Object.entries(headers))
          if (value !== null) res.setHeader(name, value);
        res.writeHead(out.status ?? 200);
        res.end(typeof out.body === "string" ? out.body : JSON.stringify(out.body));
      };
      if (out.delayMs) setTimeout(send, out.delayMs);
      else send();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  ext.url = `http://127.0.0.1:${(server.address() as { port: number }).port}/cek`;
  ext.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return ext;
}

/** A server, a raw extension registered on it, and a guest device whose downchannel is open. */
export interface ExtensionRig {
  running: Running;
  ext: RawExtension;
  device: RawDevice;
  /** The device's downchannel (its first directive is the server's Hello). */
  channel: PartReader;
  close(): Promise<void>;
}

/**
 * The rig of the CEK conformance suites: `registration` is the extension's registration body
 * (id, displayName, models…; its `endpointUrl` is the raw extension's), `deviceId` the guest
 * device's id, `env` the server's settings.
 */
export async function extensionRig(options: {
  registration: Record<string, unknown>;
  deviceId: string;
  env?: Record<string, string>;
}): Promise<ExtensionRig> {
  const running = await startServer(options.env);
  const ext = await rawExtension();
  const registered = await admin(running.url, "POST", "/api/v1/extensions", {
    ...options.registration,
    endpointUrl: ext.url,
  });
  assert.equal(registered.status, 201, registered.body.toString());
  const product = await newProduct(running.url);
  const tokens = await guestTokens(running.url, product, options.deviceId);
  const device = new RawDevice(running.url, tokens.access_token);
  const opened = await device.openDownchannel();
  assert.equal(opened.status, 200);
  return {
    running,
    ext,
    device,
    channel: opened.reader,
    close: async () => {
      device.close();
      await ext.close();
      await running.close();
    },
  };
}

/**
 * Before a test: "stop" ends whatever session the last test left open (the extension answers
 * "ok"), then what the extension received so far is forgotten.
 */
export async function withoutSession(rig: Pick<ExtensionRig, "ext" | "device">): Promise<void> {
  rig.ext.answer = () => ({ body: speech("ok", true) });
  await rig.device.event(textRecognize("stop"));
  rig.ext.requests.length = 0;
}

/** What a device hears, in order: each Speak attachment's language and text (the test engine
 * names both in its "MP3"), or the URL of a Speak that has no attachment. */
export function spoken(
  answer: Pick<H2Answer, "directives" | "parts">,
): { language: string; text: string }[] {
  return answer.directives
    .filter((d) => d.header.name === "Speak")
    .map((d) => {
      const url = String(d.payload["url"]);
      const part = answer.parts.find((p) => p.headers["content-id"] === url.slice(4));
      const found = part?.body.toString("utf8").match(/^mp3:(\w*):([\s\S]*)$/);
      return found ? { language: found[1]!, text: found[2]! } : { language: "", text: url };
    });
}

export function speech(text: string, end: boolean, extra: Record<string, unknown> = {}) {
  return {
    version: "1.0",
    sessionAttributes: {},
    response: {
      outputSpeech: {
        type: "SimpleSpeech",
        values: { type: "PlainText", lang: "en", value: text },
      },
      card: {},
      directives: [],
      shouldEndSession: end,
    },
    ...extra,
  };
}

/** An answer that ends the session, `brief` for a device with a screen, `verbose` without (§4.3). */
export function speechSetAnswer(brief: string, verbose: string) {
  return speech("", true, {
    response: {
      outputSpeech: {
        type: "SpeechSet",
        brief: { type: "PlainText", lang: "en", value: brief },
        verbose: {
          type: "SimpleSpeech",
          values: { type: "PlainText", lang: "en", value: verbose },
        },
      },
      card: {},
      directives: [],
      shouldEndSession: true,
    },
  });
}

/** What a device hears: the texts of its Speak attachments (the test TTS names them), else URLs. */
export function heard(answer: Pick<H2Answer, "directives" | "parts">): string[] {
  return spoken(answer).map((s) => s.text);
}

/** "Namespace.Name" of each directive. */
export function directiveNames(directives: Directive[]): string[] {
  return directives.map((d) => `${d.header.namespace}.${d.header.name}`);
}

/** An account (management API) and its token, for logging devices into one user (§3.3). */
export async function newAccount(url: string, userId: string): Promise<string> {
  const created = await httpsCall(`${url}/api/v1/accounts`, {
    method: "POST",
    headers: { authorization: `Bearer ${ADMIN}`, "content-type": "application/json" },
    body: JSON.stringify({ userId }),
  });
  if (created.status !== 201 && created.status !== 200)
    throw new Error(`account: ${created.status} ${created.body}`);
  return String(created.json()["accountToken"]);
}

/** /authorize with the account token, then /token: a device of that account (§3.2–§3.4). */
export function accountTokens(
  url: string,
  product: Product,
  accountToken: string,
  deviceId: string,
  modelId = "HC-200",
): Promise<Tokens> {
  const headers = { authorization: `Bearer ${accountToken}` };
  return deviceTokens(url, product, { state: "s2" }, headers, deviceId, modelId);
}

/** A management API call with the admin token. */
export function admin(url: string, method: string, path: string, body?: unknown) {
  return httpsCall(`${url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${ADMIN}`,
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}
