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
import { AUDIO_EXTENSION_ID } from "../src/index.js";

const root = new URL("..", import.meta.url);
const { publicKey, privateKey } = generateKeyPairSync("rsa", {
  modulusLength: 2048,
  publicKeyEncoding: { type: "spki", format: "pem" },
  privateKeyEncoding: { type: "pkcs8", format: "pem" },
});

describe("music box server over HTTP", () => {
  let server: ServerProcess;
  before(async () => {
    server = await startServerProcess({
      script: "src/server.ts",
      cwd: fileURLToPath(root),
      env: {
        PORT: "0",
        CLOVA_PUBLIC_KEY: publicKey,
        AUDIO_BASE_URL: "https://cdn.example.org/box",
      },
    });
  });
  after(() => server.stop());

  it("plays, follows events and skips tracks over signed HTTP", async () => {
    assert.match(
      server.output(),
      /audio extension listening on http:\/\/localhost:\d+\/ \(signature check on\)/,
    );
    const chat = connectConversation(server.url, {
      applicationId: AUDIO_EXTENSION_ID,
      privateKey,
      locale: "ko-KR",
    });
    const play = await chat.intent("PlayMusicIntent", { genre: "classical" });
    assert.equal(play.speech, "클래식을 재생할게요.");
    const stream = (play.directives[0]!.payload.audioItem as { stream: { url: string } }).stream;
    assert.equal(stream.url, "https://cdn.example.org/box/classical/1.mp3");
    await chat.event("PlayStarted");
    const finished = await chat.event("PlayFinished");
    assert.equal(finished.directives[0]?.header.name, "Play");
    for (let i = 0; i < 50 && !server.output().includes("PlayStarted"); i++)
      await new Promise((r) => setTimeout(r, 20));
    assert.match(server.output(), /PlayStarted classical:0 at 0 ms/);
  });
  it("rejects unsigned requests", async () => {
    await assert.rejects(
      connectConversation(server.url, { applicationId: AUDIO_EXTENSION_ID }).launch(),
      /HTTP 401/,
    );
  });
});

describe("music box model types", () => {
  it("match the interaction models", () => {
    const models = readModels(fileURLToPath(new URL("models/", root)));
    const committed = readFileSync(new URL("src/model.generated.d.ts", root), "utf8");
    assert.equal(
      committed,
      generateModelTypes(models, { name: "AudioModel" }),
      "run `npm run types -w @clover/example-audio`",
    );
  });
});
