// The runnable server: PORT, printed URL, signature checks from the environment, real HTTP.
import assert from "node:assert/strict";
import { generateKeyPairSync } from "node:crypto";
import { readFileSync } from "node:fs";
import { after, before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import {
  connectConversation,
  generateModelTypes,
  readModels,
  type ServerProcess,
  startServerProcess,
} from "@clover/sdk";
import { PIZZA_EXTENSION_ID } from "../src/index.js";

const root = new URL("..", import.meta.url);
const { publicKey, privateKey } = generateKeyPairSync("rsa", {
  modulusLength: 2048,
  publicKeyEncoding: { type: "spki", format: "pem" },
  privateKeyEncoding: { type: "pkcs8", format: "pem" },
});

describe("pizza server over HTTP", () => {
  let server: ServerProcess;
  before(async () => {
    server = await startServerProcess({
      script: "src/server.ts",
      cwd: fileURLToPath(root),
      env: { PORT: "0", CLOVA_PUBLIC_KEY: publicKey },
    });
  });
  after(() => server.stop());

  it("takes a signed order across turns and logs it", async () => {
    assert.match(
      server.output(),
      /pizza extension listening on http:\/\/localhost:\d+\/ \(signature check on\)/,
    );
    const chat = connectConversation(server.url, {
      applicationId: PIZZA_EXTENSION_ID,
      privateKey,
      locale: "ja-JP",
    });
    await chat.launch();
    await chat.intent("OrderPizzaIntent", { pizzaType: "margherita" });
    await chat.intent("OrderPizzaIntent", { pizzaSize: "medium", pizzaCount: "3" });
    const yes = await chat.intent("Clova.YesIntent");
    assert.match(yes.speech, /^マルゲリータピザのMサイズを3枚、ご注文を承りました/);
    for (let i = 0; i < 50 && !server.output().includes("order from"); i++)
      await new Promise((r) => setTimeout(r, 20));
    assert.match(
      server.output(),
      /order from U\w+: \{"type":"margherita","size":"medium","count":3\}/,
    );
  });
  it("rejects a request signed with another key", async () => {
    const other = generateKeyPairSync("rsa", {
      modulusLength: 2048,
      privateKeyEncoding: { type: "pkcs8", format: "pem" },
      publicKeyEncoding: { type: "spki", format: "pem" },
    });
    const chat = connectConversation(server.url, {
      applicationId: PIZZA_EXTENSION_ID,
      privateKey: other.privateKey,
    });
    await assert.rejects(chat.launch(), /HTTP 401/);
  });
});

describe("pizza model types", () => {
  it("match the interaction models", () => {
    const models = readModels(fileURLToPath(new URL("models/", root)));
    const committed = readFileSync(new URL("src/model.generated.d.ts", root), "utf8");
    assert.equal(
      committed,
      generateModelTypes(models, { name: "PizzaModel" }),
      "run `npm run types -w @clover/example-pizza`",
    );
  });
});
