// Every adapter over a real HTTP server: same answers, same verification, same errors.
import assert from "node:assert/strict";
import type { Server } from "node:http";
import { after, before, describe, it } from "node:test";
import express from "express";
import Fastify, { type FastifyInstance } from "fastify";
import {
  cekPlugin,
  createExtension,
  createServer,
  expressMiddleware,
  requests,
  signCekBody,
  toFetchHandler,
  toLambdaHandler,
} from "../src/index.js";
import { fetchBridge, lambdaBridge } from "./helpers/bridges.js";
import { newKeyPair } from "./helpers/keys.js";
import { close, listen, post, serve } from "./helpers/server.js";

const keys = newKeyPair();
const APP = "com.example.adapters";

const extension = createExtension({
  applicationId: APP,
  defaultLanguage: "en",
  verification: { publicKey: keys.publicKey },
  bodyLimit: 64 * 1024,
})
  .onLaunch((ctx) => {
    ctx.say("Welcome.");
  })
  .onIntent("EchoIntent", (ctx) => {
    ctx.sessionAttributes.last = ctx.slotValue("word");
    ctx.say(`You said ${ctx.slotValue("word")}.`);
  });

interface Running {
  url: string;
  stop: () => Promise<void>;
}

const adapters: Record<string, () => Promise<Running>> = {
  "node:http": async () => {
    const server = createServer(extension);
    return { url: await listen(server), stop: () => close(server) };
  },
  express: async () => {
    const app = express();
    app.post("/clova", expressMiddleware(extension)); // before any JSON body parser
    app.use(express.json());
    const server: Server = app.listen(0, "127.0.0.1");
    await new Promise((r) => server.once("listening", r));
    const { port } = server.address() as { port: number };
    return { url: `http://127.0.0.1:${port}/clova`, stop: () => close(server) };
  },
  fastify: async () => {
    const app: FastifyInstance = Fastify();
    await app.register(cekPlugin, { extension, path: "/clova" });
    const address = await app.listen({ port: 0, host: "127.0.0.1" });
    return { url: `${address}/clova`, stop: () => app.close() };
  },
  "web-standard Request → Response": async () => {
    const { url, server } = await serve(fetchBridge(toFetchHandler(extension)));
    return { url, stop: () => close(server) };
  },
  "AWS Lambda (API Gateway proxy)": async () => {
    const { url, server } = await serve(lambdaBridge(toLambdaHandler(extension)));
    return { url, stop: () => close(server) };
  },
};

for (const [name, start] of Object.entries(adapters)) {
  describe(`adapter: ${name}`, () => {
    let running: Running;
    before(async () => {
      running = await start();
    });
    after(() => running.stop());

    const signed = (body: string) => ({ signaturecek: signCekBody(body, keys.privateKey) });

    it("answers a signed LaunchRequest", async () => {
      const body = JSON.stringify(requests.launch({ applicationId: APP }));
      const r = await post(running.url, body, signed(body));
      assert.equal(r.status, 200);
      assert.match(r.headers.get("content-type") ?? "", /^application\/json/);
      assert.deepEqual(r.json, {
        version: "1.0",
        sessionAttributes: {},
        response: {
          outputSpeech: {
            type: "SimpleSpeech",
            values: { type: "PlainText", lang: "en", value: "Welcome." },
          },
          card: {},
          directives: [],
          shouldEndSession: false,
        },
      });
    });
    it("passes slots and session attributes through, with non-ASCII text intact", async () => {
      const body = JSON.stringify(
        requests.intent("EchoIntent", { word: "クロワッサン" }, { applicationId: APP }),
      );
      const r = await post(running.url, body, signed(body));
      assert.equal(r.status, 200);
      const json = r.json as { sessionAttributes: { last: string } };
      assert.equal(json.sessionAttributes.last, "クロワッサン");
    });
    it("accepts the guide's misspelt content type and a missing one (§2.1)", async () => {
      const body = JSON.stringify(requests.launch({ applicationId: APP }));
      for (const type of ["application/json;charset-UTF-8", "application/octet-stream"]) {
        const r = await post(running.url, body, { ...signed(body), "content-type": type });
        assert.equal(r.status, 200, `${type}: ${r.text}`);
      }
    });
    it("rejects a bad signature with 401 and a JSON reason", async () => {
      const body = JSON.stringify(requests.launch({ applicationId: APP }));
      const r = await post(running.url, body, {
        signaturecek: signCekBody("other", keys.privateKey),
      });
      assert.equal(r.status, 401);
      assert.equal((r.json as { error: { code: string } }).error.code, "signature_invalid");
    });
    it("rejects a missing signature with 401", async () => {
      const r = await post(running.url, JSON.stringify(requests.launch({ applicationId: APP })));
      assert.equal(r.status, 401);
    });
    it("rejects another application's request with 403", async () => {
      const body = JSON.stringify(requests.launch({ applicationId: "com.example.else" }));
      const r = await post(running.url, body, signed(body));
      assert.equal(r.status, 403);
    });
    it("rejects an oversized body with 413 and keeps serving", async () => {
      const big = JSON.stringify({ pad: "x".repeat(100 * 1024) });
      const r = await post(running.url, big, signed(big));
      assert.equal(r.status, 413);
      assert.equal((r.json as { error: { code: string } }).error.code, "body_too_large");
      const body = JSON.stringify(requests.launch({ applicationId: APP }));
      assert.equal((await post(running.url, body, signed(body))).status, 200);
    });
  });
}

describe("express: when a JSON body parser runs first", () => {
  let server: Server;
  let url: string;
  before(async () => {
    const app = express();
    // The verify hook keeps the raw bytes, so the signature can still be checked.
    app.use(
      "/kept",
      express.json({
        verify: (req, _res, buf) => {
          (req as unknown as { rawBody: Buffer }).rawBody = buf;
        },
      }),
    );
    app.post("/kept", expressMiddleware(extension));
    app.use("/lost", express.json());
    app.post("/lost", expressMiddleware(extension));
    server = app.listen(0, "127.0.0.1");
    await new Promise((r) => server.once("listening", r));
    url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  after(() => close(server));

  it("uses req.rawBody kept by the parser's verify hook", async () => {
    const body = JSON.stringify(requests.launch({ applicationId: APP }), null, 2);
    const r = await post(`${url}/kept`, body, { signaturecek: signCekBody(body, keys.privateKey) });
    assert.equal(r.status, 200);
  });
  it("explains that the raw body is gone instead of verifying re-serialized JSON", async () => {
    const body = JSON.stringify(requests.launch({ applicationId: APP }), null, 2);
    const r = await post(`${url}/lost`, body, { signaturecek: signCekBody(body, keys.privateKey) });
    assert.equal(r.status, 500);
    assert.match((r.json as { error: { message: string } }).error.message, /express\.raw/);
  });
});
