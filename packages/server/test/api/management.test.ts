// The management REST API through real HTTP (node:http) and HTTP/2 (node:http2 compatibility
// API): authentication, CRUD, validation messages, model uploads (JSON and TSV), keys.
import assert from "node:assert/strict";
import { createVerify } from "node:crypto";
import { connect, createServer as createHttp2Server } from "node:http2";
import { after, before, describe, it } from "node:test";
import { answer, startExtension, type TestExtension } from "../helpers/extension-server.js";
import { bakeryModel } from "../helpers/models.js";
import { device, say, startPlatform, type TestPlatform } from "../helpers/platform.js";

const doc = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  displayName: "Bakery Bot",
  endpointUrl: "https://bakery.example.org/cek",
  ...extra,
});

describe("management API", () => {
  let platform: TestPlatform;
  let ext: TestExtension;

  before(async () => {
    platform = await startPlatform();
    ext = await startExtension(() => ({ body: answer("ok") }));
  });
  after(async () => {
    await platform.close();
    await ext.close();
  });

  it("refuses requests without the right admin token", async () => {
    const none = await platform.api("GET", "/api/v1/extensions", undefined, { authorization: "" });
    assert.equal(none.status, 401);
    assert.equal(none.body.error.code, "unauthorized");
    assert.match(none.body.error.message, /missing Authorization header/);
    const wrong = await platform.api("GET", "/api/v1/extensions", undefined, {
      authorization: "Bearer nope",
    });
    assert.equal(wrong.status, 401);
    assert.match(wrong.body.error.message, /not valid/);
    const basic = await platform.api("GET", "/api/v1/extensions", undefined, {
      authorization: "Basic abc",
    });
    assert.match(basic.body.error.message, /Bearer/);
  });

  it("creates, reads, updates, lists and deletes an extension", async () => {
    const created = await platform.api(
      "POST",
      "/api/v1/extensions",
      doc("com.example.crud", {
        invocationNames: { en: { main: "bakery bot" } },
        models: { en: bakeryModel("en") },
      }),
    );
    assert.equal(created.status, 201);
    assert.equal(created.body.id, "com.example.crud");
    assert.equal(created.body.messageVersion, "1.0", "newest by default");
    assert.equal(created.body.enabledForAllUsers, true);
    assert.deepEqual(created.body.languages, ["en"]);
    assert.ok(
      created.body.warnings.some((w: { message: string }) => /utterance examples/.test(w.message)),
    );
    const duplicate = await platform.api("POST", "/api/v1/extensions", doc("com.example.crud"));
    assert.equal(duplicate.status, 409);
    assert.match(duplicate.body.error.message, /already exists/);
    const read = await platform.api("GET", "/api/v1/extensions/com.example.crud");
    assert.equal(read.body.displayName, "Bakery Bot");
    const patched = await platform.api("PATCH", "/api/v1/extensions/com.example.crud", {
      displayName: "Bread Bot",
      messageVersion: "0.1.0",
    });
    assert.equal(patched.status, 200);
    assert.equal(patched.body.displayName, "Bread Bot");
    assert.equal(
      patched.body.endpointUrl,
      "https://bakery.example.org/cek",
      "PATCH keeps the rest",
    );
    const replaced = await platform.api("PUT", "/api/v1/extensions/com.example.crud", {
      displayName: "Bread",
      endpointUrl: "https://bread.example.org/",
    });
    assert.equal(replaced.body.messageVersion, "1.0", "PUT resets omitted settings to defaults");
    const renamed = await platform.api("PATCH", "/api/v1/extensions/com.example.crud", {
      id: "com.example.other",
    });
    assert.equal(renamed.status, 400);
    assert.match(renamed.body.error.message, /cannot change/);
    const list = await platform.api("GET", "/api/v1/extensions");
    assert.deepEqual(
      list.body.extensions.map((e: { id: string }) => e.id),
      ["com.example.crud"],
    );
    assert.equal((await platform.api("DELETE", "/api/v1/extensions/com.example.crud")).status, 204);
    const gone = await platform.api("GET", "/api/v1/extensions/com.example.crud");
    assert.equal(gone.status, 404);
    assert.match(gone.body.error.message, /no extension with id "com.example.crud"/);
  });

  it("explains invalid documents with JSON paths", async () => {
    const bad = await platform.api("POST", "/api/v1/extensions", {
      id: "not a domain",
      displayName: "",
      endpointUrl: "ftp://x",
      messageVersion: "2.0",
      extra: 1,
    });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.error.code, "invalid_extension");
    const paths = bad.body.error.issues.map((i: { path: string }) => i.path);
    for (const path of ["id", "displayName", "endpointUrl", "messageVersion"])
      assert.ok(paths.includes(path), `issue at ${path}: ${paths}`);
    const notJson = await platform.api("POST", "/api/v1/extensions", "{oops", {
      "content-type": "application/json",
    });
    assert.equal(notJson.status, 400);
    assert.equal(notJson.body.error.code, "invalid_json");
    // A byte that is not UTF-8 is refused, not read as a replacement character.
    const notUtf8 = await platform.api(
      "POST",
      "/api/v1/extensions",
      Buffer.concat([Buffer.from('{"id":"com.example.'), Buffer.from([0xe9]), Buffer.from('"}')]),
      { "content-type": "application/json" },
    );
    assert.equal(notUtf8.status, 400);
    assert.equal(notUtf8.body.error.code, "invalid_json");
    assert.equal(
      notUtf8.body.error.message,
      "request body is not UTF-8: invalid UTF-8 at byte offset 19 (0xE9)",
    );
    const wrongType = await platform.api("POST", "/api/v1/extensions", "x", {
      "content-type": "text/plain",
    });
    assert.equal(wrongType.status, 415);
    assert.equal((await platform.api("GET", "/api/v1/nothing-here")).status, 404);
    const method = await platform.api("POST", "/api/v1/extensions/com.example.x");
    assert.equal(method.status, 405);
  });

  it("refuses a broken model with the NLU's messages and keeps nothing", async () => {
    const broken = {
      ...bakeryModel("en"),
      intents: [
        {
          name: "Order",
          slots: [{ name: "kind", type: "NO_SUCH_TYPE" }],
          utterances: ["order <kind>bread</kind>", "order <oops>x</kind>"],
        },
      ],
    };
    const refused = await platform.api(
      "POST",
      "/api/v1/extensions",
      doc("com.example.broken", { models: { en: broken } }),
    );
    assert.equal(refused.status, 422);
    assert.equal(refused.body.error.code, "invalid_model");
    assert.ok(refused.body.error.issues.length >= 1);
    assert.ok(
      refused.body.error.issues.every((i: { message: string }) => typeof i.message === "string"),
    );
    assert.ok(
      refused.body.error.issues.some((i: { path?: string }) => i.path?.startsWith("intents[0]")),
    );
    assert.equal((await platform.api("GET", "/api/v1/extensions/com.example.broken")).status, 404);
    const wrongLanguage = await platform.api(
      "POST",
      "/api/v1/extensions",
      doc("com.example.lang", { models: { en: bakeryModel("ja") } }),
    );
    assert.equal(wrongLanguage.status, 422);
    assert.match(wrongLanguage.body.error.message, /says "ja" but was uploaded as the en model/);
  });

  it("uploads models as JSON and as the console's TSV files", async () => {
    await platform.api(
      "POST",
      "/api/v1/extensions",
      doc("com.example.tsv", { endpointUrl: ext.url }),
    );
    const noModel = await platform.api(
      "PUT",
      "/api/v1/extensions/com.example.tsv/models/en/intents/OrderBread",
      "x",
      { "content-type": "text/tab-separated-values" },
    );
    assert.equal(noModel.status, 409);
    const put = await platform.api(
      "PUT",
      "/api/v1/extensions/com.example.tsv/models/en",
      bakeryModel("en"),
    );
    assert.equal(put.status, 200);
    const slotTsv =
      "croissant\tcroissants\tcrescent roll\nbaguette\tbaguettes\tfrench stick\nbrioche\tbrioches\n";
    const slot = await platform.api(
      "PUT",
      "/api/v1/extensions/com.example.tsv/models/en/slot-types/BREAD_KIND",
      slotTsv,
      { "content-type": "text/tab-separated-values" },
    );
    assert.equal(slot.status, 200, JSON.stringify(slot.body));
    const intentTsv = [
      "[INTENT SLOT]",
      "breadKind\tBREAD_KIND",
      "",
      "[INTENT EXPRESSION]",
      "bake me a <breadKind>brioche</breadKind>",
      "i need a <breadKind>french stick</breadKind>",
      "bake <breadKind>croissants</breadKind>",
      "please bake a <breadKind>baguette</breadKind>",
    ].join("\n");
    const intent = await platform.api(
      "PUT",
      "/api/v1/extensions/com.example.tsv/models/en/intents/BakeBread",
      intentTsv,
      { "content-type": "text/tab-separated-values" },
    );
    assert.equal(intent.status, 200, JSON.stringify(intent.body));
    const model = await platform.api("GET", "/api/v1/extensions/com.example.tsv/models/en");
    assert.ok(model.body.intents.some((i: { name: string }) => i.name === "BakeBread"));
    const result = await platform.assistant.handleTurn(
      say("ask bakery bot to bake me a brioche", device({ deviceId: "tsv" })),
    );
    assert.equal(result.intent?.name, "BakeBread");
    assert.deepEqual(result.intent?.slots.breadKind, { value: "brioche" });

    const badTsv = "[INTENT SLOT]\nbreadKind\n\n[INTENT EXPRESSION]\n<breadKind>x</oops>\n";
    const refused = await platform.api(
      "PUT",
      "/api/v1/extensions/com.example.tsv/models/en/intents/Broken?file=Broken.tsv",
      badTsv,
      { "content-type": "text/tab-separated-values" },
    );
    assert.equal(refused.status, 422);
    assert.ok(
      refused.body.error.issues.some(
        (i: { file?: string; line?: number }) =>
          i.file === "Broken.tsv" && typeof i.line === "number",
      ),
    );
    assert.match(refused.body.error.message, /^Broken\.tsv:\d+(:\d+)?: /);
  });

  it("enables users, sending SkillEnabled and SkillDisabled", async () => {
    ext.received.length = 0;
    await platform.api(
      "POST",
      "/api/v1/extensions",
      doc("com.example.private", {
        endpointUrl: ext.url,
        enabledForAllUsers: false,
        models: { en: { ...bakeryModel("en"), invocation: { main: "secret bakery" } } },
      }),
    );
    const me = device({ deviceId: "private", userId: "U_private" });
    const refused = await platform.assistant.handleTurn(say("open secret bakery", me));
    assert.match(refused.speech[0]?.value ?? "", /isn't enabled/);
    assert.equal(
      (await platform.api("PUT", "/api/v1/extensions/com.example.private/users/U_private")).status,
      200,
    );
    await ext.waitFor(1);
    assert.deepEqual(ext.received[0]!.body.request.event, {
      namespace: "ClovaSkill",
      name: "SkillEnabled",
      payload: null,
    });
    assert.equal(ext.received[0]!.body.context.System.user.userId, "U_private");
    const users = await platform.api("GET", "/api/v1/extensions/com.example.private/users");
    assert.deepEqual(users.body.users, ["U_private"]);
    const launched = await platform.assistant.handleTurn(say("open secret bakery", me));
    assert.equal(launched.speech[0]?.value, "ok");
    assert.equal(
      (await platform.api("DELETE", "/api/v1/extensions/com.example.private/users/U_private"))
        .status,
      204,
    );
    assert.equal(ext.received.at(-1)!.body.request.event.name, "SkillDisabled");
  });

  it("publishes the signing key, verifies with it, and rotates it", async () => {
    const pem = await fetch(`${platform.apiUrl}/.well-known/signature-public-key.pem`);
    assert.equal(pem.status, 200);
    assert.equal(pem.headers.get("content-type"), "application/x-pem-file");
    const text = await pem.text();
    assert.match(text, /^-----BEGIN PUBLIC KEY-----/);
    ext.received.length = 0;
    await platform.api(
      "POST",
      "/api/v1/extensions",
      doc("com.example.sig", {
        endpointUrl: ext.url,
        models: { en: { ...bakeryModel("en"), invocation: { main: "signed bakery" } } },
      }),
    );
    await platform.assistant.handleTurn(say("open signed bakery", device({ deviceId: "sig" })));
    const received = ext.received.at(-1)!;
    const verifier = createVerify("RSA-SHA256").update(received.raw);
    assert.equal(verifier.verify(text, String(received.headers.signaturecek), "base64"), true);
    const rotated = await platform.api("POST", "/api/v1/signing-key/rotate");
    assert.equal(rotated.status, 200);
    assert.notEqual(rotated.body.publicKey, text);
    const after = await (
      await fetch(`${platform.apiUrl}/.well-known/signature-public-key.pem`)
    ).text();
    assert.equal(after, rotated.body.publicKey);
    await platform.assistant.handleTurn(say("open signed bakery", device({ deviceId: "sig2" })));
    const next = ext.received.at(-1)!;
    assert.equal(
      createVerify("RSA-SHA256")
        .update(next.raw)
        .verify(after, String(next.headers.signaturecek), "base64"),
      true,
    );
    assert.equal(
      createVerify("RSA-SHA256")
        .update(next.raw)
        .verify(text, String(next.headers.signaturecek), "base64"),
      false,
    );
  });

  it("works mounted on node:http2's compatibility API", async () => {
    const server = createHttp2Server(platform.managementHandler);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const session = connect(`http://127.0.0.1:${(server.address() as { port: number }).port}`);
    const request = (method: string, path: string, body?: unknown) =>
      new Promise<{ status: number; body: string }>((resolve, reject) => {
        const stream = session.request({
          ":method": method,
          ":path": path,
          authorization: "Bearer test-admin-token",
          ...(body ? { "content-type": "application/json" } : {}),
        });
        let data = "";
        let status = 0;
        stream.on("response", (headers) => {
          status = Number(headers[":status"]);
        });
        stream.setEncoding("utf8");
        stream.on("data", (chunk) => {
          data += chunk;
        });
        stream.on("end", () => resolve({ status, body: data }));
        stream.on("error", reject);
        stream.end(body ? JSON.stringify(body) : undefined);
      });
    try {
      const created = await request("POST", "/api/v1/extensions", doc("com.example.h2"));
      assert.equal(created.status, 201);
      const read = await request("GET", "/api/v1/extensions/com.example.h2");
      assert.equal(JSON.parse(read.body).id, "com.example.h2");
      const missing = await request("GET", "/api/v1/extensions/com.example.none");
      assert.equal(missing.status, 404);
      assert.equal(JSON.parse(missing.body).error.code, "not_found");
    } finally {
      session.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
