import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { after, before, describe, it } from "node:test";
import {
  CLOVA_PUBLIC_KEY_PEM,
  createExtension,
  parsePublicKey,
  requests,
  signCekBody,
  verifyCekSignature,
} from "../src/index.js";
import { newKeyPair } from "./helpers/keys.js";
import { close, serve } from "./helpers/server.js";

const platform = newKeyPair();
const stranger = newKeyPair();
const APP = "com.example.verified";

const makeExtension = (verification: Parameters<typeof createExtension>[0]) =>
  createExtension({ applicationId: APP, ...verification }).onLaunch((ctx) => {
    ctx.say("hello");
  });

// Deliberately unusual formatting: re-serializing the parsed JSON would not give these bytes.
const rawBody = (applicationId = APP) =>
  `{ "version":"1.0" ,\n "session": ${JSON.stringify(requests.launch().session)},
   "context": {"System": {"application": {"applicationId": "${applicationId}"},
   "device": {"deviceId": "d\\u0031"}, "user": {"userId": "U1"}}},
   "request": {"type": "LaunchRequest"} }`;

async function call(
  ext: ReturnType<typeof makeExtension>,
  body: string,
  headers: Record<string, string>,
) {
  const result = await ext.handle({ body: Buffer.from(body), headers, method: "POST" });
  return { status: result.status, json: JSON.parse(result.body) };
}

describe("request verification with a configured PEM", () => {
  const ext = makeExtension({ verification: { publicKey: platform.publicKey } });

  it("accepts a good signature over the raw bytes", async () => {
    const body = rawBody();
    const r = await call(ext, body, { SignatureCEK: signCekBody(body, platform.privateKey) });
    assert.equal(r.status, 200);
    assert.equal(r.json.response.outputSpeech.values.value, "hello");
  });
  it("rejects a missing SignatureCEK header with 401", async () => {
    const r = await call(ext, rawBody(), {});
    assert.equal(r.status, 401);
    assert.equal(r.json.error.code, "signature_missing");
    assert.match(r.json.error.message, /SignatureCEK/);
  });
  it("rejects garbage in the header with 401", async () => {
    const r = await call(ext, rawBody(), { signaturecek: "bm90IGEgc2lnbmF0dXJl" });
    assert.equal(r.status, 401);
    assert.equal(r.json.error.code, "signature_invalid");
  });
  it("rejects a signature made with another key", async () => {
    const body = rawBody();
    const r = await call(ext, body, { signaturecek: signCekBody(body, stranger.privateKey) });
    assert.equal(r.status, 401);
  });
  it("rejects a tampered body", async () => {
    const body = rawBody();
    const signature = signCekBody(body, platform.privateKey);
    const tampered = body.replace('"d\\u0031"', '"d2"');
    const r = await call(ext, tampered, { signaturecek: signature });
    assert.equal(r.status, 401);
    // Same JSON value, different bytes: still rejected (raw bytes are what is signed).
    const reformatted = JSON.stringify(JSON.parse(body));
    assert.equal((await call(ext, reformatted, { signaturecek: signature })).status, 401);
  });
  it("rejects a correctly signed request for another application with 403", async () => {
    const body = rawBody("com.example.other");
    const r = await call(ext, body, { signaturecek: signCekBody(body, platform.privateKey) });
    assert.equal(r.status, 403);
    assert.equal(r.json.error.code, "application_id_mismatch");
    assert.match(r.json.error.message, /com\.example\.other/);
  });
  it("verifies with any key during rotation", () => {
    const body = Buffer.from("{}");
    const keys = [parsePublicKey(stranger.publicKey, "a"), parsePublicKey(platform.publicKey, "b")];
    assert.equal(verifyCekSignature(body, signCekBody(body, platform.privateKey), keys), true);
    assert.equal(verifyCekSignature(body, undefined, keys), false);
  });
  it("refuses a configuration that is not an RSA public key", () => {
    assert.throws(
      () => makeExtension({ verification: { publicKey: "nope" } }),
      /not a usable RSA public key/,
    );
  });
});

describe("request verification with a key URL", () => {
  let fetches = 0;
  let served = platform.publicKey;
  let keyServer: Awaited<ReturnType<typeof serve>>;
  before(async () => {
    keyServer = await serve((req, res) => {
      fetches++;
      if (req.url === "/missing.pem") {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { "content-type": "application/x-pem-file" }).end(served);
    });
  });
  after(() => close(keyServer.server));

  it("fetches the key once and caches it", async () => {
    fetches = 0;
    const ext = makeExtension({
      verification: { publicKeyUrl: `${keyServer.url}/.well-known/signature-public-key.pem` },
    });
    for (let i = 0; i < 3; i++) {
      const body = rawBody();
      const r = await call(ext, body, { signaturecek: signCekBody(body, platform.privateKey) });
      assert.equal(r.status, 200);
    }
    assert.equal(fetches, 1);
  });
  it("fetches again after a bad signature once the key may have rotated", async () => {
    fetches = 0;
    served = platform.publicKey;
    const ext = makeExtension({
      verification: { publicKeyUrl: { url: `${keyServer.url}/k.pem`, minRefreshIntervalMs: 0 } },
    });
    const body = rawBody();
    assert.equal(
      (await call(ext, body, { signaturecek: signCekBody(body, platform.privateKey) })).status,
      200,
    );
    served = stranger.publicKey; // the platform rotated its key
    const r = await call(ext, body, { signaturecek: signCekBody(body, stranger.privateKey) });
    assert.equal(r.status, 200);
    assert.equal(fetches, 2);
    served = platform.publicKey;
  });
  it("answers 503 when the key cannot be loaded", async () => {
    const ext = makeExtension({ verification: { publicKeyUrl: `${keyServer.url}/missing.pem` } });
    const body = rawBody();
    const r = await call(ext, body, { signaturecek: signCekBody(body, platform.privateKey) });
    assert.equal(r.status, 503);
    assert.match(r.json.error.message, /HTTP 404/);
  });
});

describe("the original Clova public key", () => {
  it("is the key LINE's SDK bundles", () => {
    const require = createRequire(import.meta.url);
    const file = require.resolve("@line/clova-cek-sdk-nodejs/dist/lib/verifier.js");
    const text = readFileSync(file, "utf8").replace(/\\n/g, "\n");
    const body = CLOVA_PUBLIC_KEY_PEM.split("\n").slice(1, -2).join("\n");
    assert.ok(text.includes(body));
    assert.equal(
      parsePublicKey(CLOVA_PUBLIC_KEY_PEM, "clova").asymmetricKeyDetails?.modulusLength,
      2048,
    );
  });
  it("rejects requests not signed by Clova when enabled", async () => {
    const ext = makeExtension({ verification: { clova: true } });
    const body = rawBody();
    const r = await call(ext, body, { signaturecek: signCekBody(body, platform.privateKey) });
    assert.equal(r.status, 401);
  });
});
