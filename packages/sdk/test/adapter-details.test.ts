// Adapter details that a real server test does not reach: Lambda event variants and the
// web-standard handler called directly.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  createExtension,
  requests,
  signCekBody,
  toFetchHandler,
  toLambdaHandler,
} from "../src/index.js";
import { newKeyPair } from "./helpers/keys.js";

const keys = newKeyPair();
const app = createExtension({
  defaultLanguage: "en",
  verification: { publicKey: keys.publicKey },
}).onLaunch((ctx) => {
  ctx.say("hi");
});
const body = JSON.stringify(requests.launch());
const signature = signCekBody(body, keys.privateKey);

describe("Lambda adapter", () => {
  const handler = toLambdaHandler(app);
  it("takes an HTTP API (v2) event with a plain-text body and mixed-case headers", async () => {
    const result = await handler({
      body,
      isBase64Encoded: false,
      headers: { SignatureCEK: signature, "Content-Type": "application/json" },
      requestContext: { http: { method: "POST" } },
    });
    assert.equal(result.statusCode, 200);
    assert.equal(JSON.parse(result.body).response.outputSpeech.values.value, "hi");
    assert.equal(result.isBase64Encoded, false);
  });
  it("refuses a GET and a missing body", async () => {
    assert.equal((await handler({ httpMethod: "GET", headers: {} })).statusCode, 405);
    const empty = await handler({
      httpMethod: "POST",
      headers: { signaturecek: signature },
      body: null,
    });
    assert.equal(empty.statusCode, 401);
  });
});

describe("web-standard adapter", () => {
  const handler = toFetchHandler(app);
  it("answers a Request with a Response", async () => {
    const response = await handler(
      new Request("https://extension.example.org/clova", {
        method: "POST",
        body,
        headers: { signaturecek: signature },
      }),
    );
    assert.equal(response.status, 200);
    assert.match(response.headers.get("content-type") ?? "", /application\/json/);
    assert.equal(((await response.json()) as { version: string }).version, "1.0");
  });
  it("refuses a body over the limit with 413", async () => {
    const small = toFetchHandler(createExtension({ bodyLimit: 10 }));
    const response = await small(new Request("https://x.example.org/", { method: "POST", body }));
    assert.equal(response.status, 413);
  });
});
