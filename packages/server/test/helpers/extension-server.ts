// A real HTTP extension for tests: records every request (raw bytes, headers, parsed JSON),
// checks the SignatureCEK header against the platform's key, and answers what the test says.
import { verify } from "node:crypto";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";

// biome-ignore lint/suspicious/noExplicitAny: JSON documents that assertions dig into
export type Json = any;

export interface Received {
  headers: IncomingHttpHeaders;
  raw: Buffer;
  body: Json;
  signatureValid: boolean | undefined;
}

export interface Reply {
  status?: number;
  /** Object → JSON; string/Buffer → sent as is. */
  body?: unknown;
  delayMs?: number;
  headers?: Record<string, string>;
}

export type Responder = (request: Json, received: Received) => Reply | Promise<Reply>;

export interface TestExtension {
  url: string;
  received: Received[];
  respond: Responder;
  /** Resolves when `count` requests have arrived. */
  waitFor(count: number, timeoutMs?: number): Promise<void>;
  /** Resolves with the first request (from index `from` on) that matches. */
  waitForRequest(
    match: (body: Json) => boolean,
    from?: number,
    timeoutMs?: number,
  ): Promise<Received>;
  close(): Promise<void>;
}

export function speech(text: string, lang = "en") {
  return { type: "SimpleSpeech", values: { type: "PlainText", lang, value: text } };
}

export function answer(
  text: string,
  options: {
    end?: boolean;
    attributes?: Record<string, unknown>;
    reprompt?: string;
    directives?: unknown[];
  } = {},
) {
  return {
    version: "1.0",
    sessionAttributes: options.attributes ?? {},
    response: {
      outputSpeech: speech(text),
      ...(options.reprompt ? { reprompt: { outputSpeech: speech(options.reprompt) } } : {}),
      card: {},
      directives: options.directives ?? [],
      shouldEndSession: options.end ?? true,
    },
  };
}

export async function startExtension(
  respond: Responder,
  publicKeyPem?: () => string,
  host = "127.0.0.1",
): Promise<TestExtension> {
  const received: Received[] = [];
  const waiters: { count: number; resolve: () => void }[] = [];
  /** Pending delayed answers, released on close so no timer outlives the test. */
  const delays = new Set<() => void>();
  const ext: TestExtension = {
    url: "",
    received,
    respond,
    waitFor(count, timeoutMs = 3000) {
      if (received.length >= count) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`only ${received.length} of ${count} requests arrived`)),
          timeoutMs,
        );
        waiters.push({
          count,
          resolve: () => {
            clearTimeout(timer);
            resolve();
          },
        });
      });
    },
    async waitForRequest(match, from = 0, timeoutMs = 3000) {
      const until = Date.now() + timeoutMs;
      for (;;) {
        const found = received.slice(from).find((r) => match(r.body));
        if (found) return found;
        if (Date.now() > until) throw new Error("no matching request arrived");
        await new Promise((r) => setTimeout(r, 10));
      }
    },
    close: async () => {},
  };
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    const signature = req.headers.signaturecek;
    const entry: Received = {
      headers: req.headers,
      raw,
      body: JSON.parse(raw.toString("utf8")),
      signatureValid:
        publicKeyPem && typeof signature === "string"
          ? verify("sha256", raw, publicKeyPem(), Buffer.from(signature, "base64"))
          : undefined,
    };
    received.push(entry);
    for (const w of waiters.filter((w) => received.length >= w.count)) w.resolve();
    const reply = await ext.respond(entry.body, entry);
    if (reply.delayMs)
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          delays.delete(cancel);
          resolve();
        }, reply.delayMs);
        const cancel = () => {
          clearTimeout(timer);
          resolve();
        };
        delays.add(cancel);
      });
    if (res.destroyed) return;
    const body =
      typeof reply.body === "string" || Buffer.isBuffer(reply.body)
        ? reply.body
        : JSON.stringify(reply.body ?? {});
    res.writeHead(reply.status ?? 200, {
      "content-type": "application/json;charset=UTF-8",
      ...reply.headers,
    });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const shown = host.includes(":") ? `[${host}]` : host;
  ext.url = `http://${shown}:${(server.address() as { port: number }).port}/cek`;
  ext.close = async () => {
    for (const cancel of delays) cancel();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return ext;
}
