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
import { DICE_EXTENSION_ID } from "../src/index.js";

const root = new URL("..", import.meta.url);
const { publicKey, privateKey } = generateKeyPairSync("rsa", {
  modulusLength: 2048,
  publicKeyEncoding: { type: "spki", format: "pem" },
  privateKeyEncoding: { type: "pkcs8", format: "pem" },
});

describe("dice server over HTTP", () => {
  let server: ServerProcess;
  before(async () => {
    server = await startServerProcess({
      script: "src/server.ts",
      cwd: fileURLToPath(root),
      env: { PORT: "0", CLOVA_PUBLIC_KEY: publicKey },
    });
  });
  after(() => server.stop());

  it("prints its URL and says signatures are checked", () => {
    assert.match(
      server.output(),
      /dice extension listening on http:\/\/localhost:\d+\/ \(signature check on\)/,
    );
  });
  it("plays a signed dialog", async () => {
    const chat = connectConversation(server.url, {
      applicationId: DICE_EXTENSION_ID,
      privateKey,
      locale: "en-US",
    });
    assert.match((await chat.launch()).speech, /^Welcome to dice/);
    assert.match(
      (await chat.intent("ThrowDiceIntent", { diceCount: "2" })).speech,
      /^I rolled 2 dice: [1-6], [1-6]\./,
    );
    assert.equal((await chat.intent("Clova.CancelIntent")).shouldEndSession, true);
  });
  it("rejects unsigned requests", async () => {
    await assert.rejects(
      connectConversation(server.url, { applicationId: DICE_EXTENSION_ID }).launch(),
      /HTTP 401/,
    );
  });
});

describe("dice model types", () => {
  it("match the interaction models", () => {
    const models = readModels(fileURLToPath(new URL("models/", root)));
    const committed = readFileSync(new URL("src/model.generated.d.ts", root), "utf8");
    assert.equal(
      committed,
      generateModelTypes(models, { name: "DiceModel" }),
      "run `npm run types -w @clover/example-dice`",
    );
  });
});
