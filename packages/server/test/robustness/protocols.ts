import http from "node:http";
import http2 from "node:http2";
import https from "node:https";
import {
  boundaryOf,
  type CicDirectiveMessage,
  DeviceClient,
  MultipartParser,
  type MultipartPart,
} from "@clover/device";
import { type CloverServer, startClover } from "../../src/main.js";
import { testCloverConfig } from "../helpers/clover.js";
import { testTls } from "../helpers/tls.js";
import { closing, h1Event, metadataPart, textEvent } from "./wire.js";

export { testTls };

export interface Protocol {
  name: "HTTP/2 over TLS" | "HTTP/1.1" | "h2c";
  tls: boolean;
  http2: boolean;
}

export const PROTOCOLS: readonly Protocol[] = [
  { name: "HTTP/2 over TLS", tls: true, http2: true },
  { name: "HTTP/1.1", tls: false, http2: false },
  { name: "h2c", tls: false, http2: true },
];

/** The server option for the protocol: TLS material, or nothing (h2c and HTTP/1.1). */
export function serverTls(protocol: Protocol): { tls?: { key: string; cert: string } } {
  return protocol.tls ? { tls: testTls() } : {};
}

/**
 * A Clover server on an ephemeral loopback port, quiet, with this data directory and admin
 * token, over the protocol (TLS when it asks for it) and with the test's own settings in `env`.
 */
export function startCloverOver(
  protocol: Protocol | undefined,
  dataDir: string,
  adminToken: string,
  env: Record<string, string> = {},
): Promise<CloverServer> {
  return startClover({
    ...(protocol ? serverTls(protocol) : {}),
    config: testCloverConfig(dataDir, adminToken, env),
  });
}

/** The answer of `protocolFetch`, read whole. */
export interface WireResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  text(): string;
  json(): unknown;
}

export interface WireRequest {
  /** The request target as written, instead of the URL's (no normalization). */
  path?: string;
  method?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

/** One request over the protocol, on a connection of its own; the whole answer. */
export function protocolFetch(
  protocol: Protocol,
  url: string,
  init: WireRequest = {},
): Promise<WireResponse> {
  const target = new URL(url);
  const ca = protocol.tls ? testTls().cert : undefined;
  const method = init.method ?? "GET";
  const body = init.body === undefined ? undefined : Buffer.from(init.body);
  const headers = {
    ...init.headers,
    ...(body ? { "content-length": String(body.length) } : {}),
  };
  const answer = (
    status: number,
    responseHeaders: WireResponse["headers"],
    chunks: Buffer[],
  ): WireResponse => {
    const all = Buffer.concat(chunks);
    return {
      status,
      headers: responseHeaders,
      body: all,
      text: () => all.toString("utf8"),
      json: () => JSON.parse(all.toString("utf8")),
    };
  };
  if (protocol.http2)
    return new Promise((resolve, reject) => {
      const session = http2.connect(target.origin, ca ? { ca } : {});
      session.on("error", reject);
      const { "content-length": _length, ...h2headers } = headers;
      const stream = session.request(
        {
          ":method": method,
          ":path": init.path ?? `${target.pathname}${target.search}`,
          ...h2headers,
        },
        // A GET with a body (a malformed request on purpose) keeps its stream open for it.
        { endStream: body === undefined },
      );
      let status = 0;
      let responseHeaders: WireResponse["headers"] = {};
      const chunks: Buffer[] = [];
      stream.on("response", (h) => {
        status = Number(h[":status"]);
        responseHeaders = h as WireResponse["headers"];
      });
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        session.close();
        resolve(answer(status, responseHeaders, chunks));
      });
      stream.on("error", (error) => {
        session.destroy();
        reject(error);
      });
      stream.end(body);
    });
  return new Promise((resolve, reject) => {
    const request = (protocol.tls ? https : http).request(
      {
        host: target.hostname,
        port: target.port,
        path: init.path ?? `${target.pathname}${target.search}`,
        method,
        headers,
        agent: false,
        ...(ca ? { ca } : {}),
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve(answer(res.statusCode ?? 0, res.headers, chunks)));
        res.on("error", reject);
      },
    );
    request.on("error", reject);
    request.end(body);
  });
}

/** A device client for an HTTP/2 protocol (TLS trusting the test certificate, or h2c). */
export function deviceOver(protocol: Protocol, url: string, accessToken: string): DeviceClient {
  if (!protocol.http2) throw new Error(`${protocol.name}: the device SDK speaks HTTP/2`);
  return new DeviceClient({
    url,
    accessToken,
    ...(protocol.tls ? { tls: { ca: testTls().cert } } : {}),
  });
}

/** A device's access token, logged in (guest) over the protocol itself. */
export async function logInOver(
  protocol: Protocol,
  identity: {
    url: string;
    clientId: string;
    clientSecret: string;
    deviceId: string;
    modelId: string;
  },
): Promise<string> {
  const q = (params: Record<string, string>) => new URLSearchParams(params).toString();
  const authorized = await protocolFetch(
    protocol,
    `${identity.url}/authorize?${q({
      client_id: identity.clientId,
      device_id: identity.deviceId,
      model_id: identity.modelId,
      response_type: "code",
      state: "s",
      request_vu: "Y",
    })}`,
  );
  const { code } = authorized.json() as { code: string };
  const tokens = await protocolFetch(
    protocol,
    `${identity.url}/token?${q({
      grant_type: "authorization_code",
      client_id: identity.clientId,
      client_secret: identity.clientSecret,
      code,
      device_id: identity.deviceId,
      model_id: identity.modelId,
    })}`,
  );
  return (tokens.json() as { access_token: string }).access_token;
}

/** The listener's base URL as the protocol's clients name it (https:// for TLS). */
export function baseOver(protocol: Protocol, url: string): string {
  return protocol.tls ? url.replace(/^http:/, "https:") : url;
}

/** The HTTP/2 flavour of the protocol's listener (a bystander device there speaks HTTP/2). */
export function http2Of(protocol: Protocol): Protocol {
  return PROTOCOLS.find((p) => p.http2 && p.tls === protocol.tls)!;
}

/** GET /v1/directives over HTTP/1.1 (TLS when the protocol asks), on a connection of its own. */
function directivesRequest(protocol: Protocol, base: string, token: string): http.ClientRequest {
  const target = new URL("/v1/directives", base);
  return (protocol.tls ? https : http).request({
    host: target.hostname,
    port: target.port,
    path: target.pathname,
    headers: { authorization: `Bearer ${token}` },
    agent: false,
    ...(protocol.tls ? { ca: testTls().cert } : {}),
  });
}

/**
 * A downchannel over HTTP/1.1 (a browser device's, docs/cic.md): GET /v1/directives held open
 * on a connection of its own. Resolves once the server answered 200; `close` ends it.
 */
export function h1Downchannel(
  protocol: Protocol,
  base: string,
  token: string,
): Promise<{ close(): void; received(): string }> {
  return new Promise((resolve, reject) => {
    const request = directivesRequest(protocol, base, token);
    request.on("response", (res) => {
      if (res.statusCode !== 200) return reject(new Error(`downchannel: ${res.statusCode}`));
      let text = "";
      res.on("data", (c: Buffer) => {
        text += c.toString("utf8");
      });
      res.on("error", () => {});
      resolve({ close: () => request.destroy(), received: () => text });
    });
    request.on("error", reject);
    request.end();
  });
}

/** What a device does, over any of the three protocols (HTTP/1.1: a browser device's way). */
export interface ProtocolDevice {
  /** Opens the downchannel; `onDirective` gets every directive after Clova.Hello. */
  openDownchannel(onDirective?: (directive: CicDirectiveMessage) => void): Promise<void>;
  sendText(text: string): Promise<{ status: number; directives: CicDirectiveMessage[] }>;
  close(): void;
}

function directivesOf(parts: MultipartPart[]): CicDirectiveMessage[] {
  const directives: CicDirectiveMessage[] = [];
  for (const part of parts) {
    if (part.headers["content-id"] !== undefined) continue;
    try {
      const { directive } = JSON.parse(part.body.toString("utf8")) as {
        directive?: CicDirectiveMessage;
      };
      if (directive) directives.push(directive);
    } catch {}
  }
  return directives;
}

/** A device speaking the protocol: the SDK over HTTP/2, raw requests over HTTP/1.1. */
export function deviceFor(protocol: Protocol, base: string, token: string): ProtocolDevice {
  if (protocol.http2) {
    const client = deviceOver(protocol, base, token);
    return {
      async openDownchannel(onDirective) {
        await client.openDownchannel(onDirective);
      },
      sendText: (text) => client.sendText(text),
      close: () => client.close(),
    };
  }
  let channel: http.ClientRequest | undefined;
  return {
    openDownchannel(onDirective = () => {}) {
      return new Promise((resolve, reject) => {
        const request = directivesRequest(protocol, base, token);
        channel = request;
        request.on("response", (res) => {
          const boundary = boundaryOf(String(res.headers["content-type"] ?? ""));
          if (res.statusCode !== 200 || !boundary)
            return reject(new Error(`downchannel refused with ${res.statusCode}`));
          let hello = false;
          const parser = new MultipartParser(boundary, (part) => {
            for (const directive of directivesOf([part])) {
              if (!hello) {
                hello = true;
                resolve();
              } else onDirective(directive);
            }
          });
          res.on("data", (chunk: Buffer) => parser.push(chunk));
          res.on("error", () => {});
        });
        request.on("error", reject);
        request.end();
      });
    },
    async sendText(text) {
      const answer = await h1Event(base, token, [metadataPart(textEvent(text)), closing()]);
      const boundary = boundaryOf(String(answer.headers["content-type"] ?? ""));
      const parts: MultipartPart[] = [];
      if (boundary) new MultipartParser(boundary, (part) => parts.push(part)).push(answer.body);
      return { status: answer.status, directives: directivesOf(parts) };
    },
    close: () => channel?.destroy(),
  };
}

/**
 * Registers a device client through the management API and logs one device of it in, over the
 * protocol: the device (downchannel not yet open), the client's id and the device's token.
 */
export async function registerDevice(
  protocol: Protocol,
  serverUrl: string,
  adminToken: string,
  device: { name: string; deviceId: string; modelId: string },
): Promise<{ device: ProtocolDevice; clientId: string; token: string }> {
  const base = baseOver(protocol, serverUrl);
  const created = await protocolFetch(protocol, `${base}/api/v1/device-clients`, {
    method: "POST",
    headers: { authorization: `Bearer ${adminToken}`, "content-type": "application/json" },
    body: JSON.stringify({ name: device.name }),
  });
  if (created.status !== 201) throw new Error(`device client refused: ${created.status}`);
  const { clientId, clientSecret } = (await created.json()) as Record<string, string>;
  const token = await logInOver(protocol, {
    url: base,
    clientId: clientId!,
    clientSecret: clientSecret!,
    deviceId: device.deviceId,
    modelId: device.modelId,
  });
  return { device: deviceFor(protocol, base, token), clientId: clientId!, token };
}
