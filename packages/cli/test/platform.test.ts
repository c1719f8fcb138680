// `clover serve` in a subprocess, and every command that talks to it run as the real binary:
// chat (arguments, stdin, --verbose), device, ext, nlu --ext, test --url, error exit codes.
import assert from "node:assert/strict";
import type { ChildProcess } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createServer as createHttpServer } from "node:http";
import { createServer } from "node:net";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { clover, exited, REPO, serveLocal, spawnClover, tempDir } from "./helpers.js";

const DICE = "com.clover.example.dice";

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function wav(seconds: number, rate: number, channels: number): Buffer {
  const frames = Math.round(seconds * rate);
  const data = Buffer.alloc(frames * channels * 2);
  for (let i = 0; i < frames; i++)
    for (let c = 0; c < channels; c++)
      data.writeInt16LE(
        Math.round(8000 * Math.sin((2 * Math.PI * 440 * i) / rate)),
        (i * channels + c) * 2,
      );
  const header = Buffer.alloc(44);
  header.write("RIFF", 0, "ascii");
  header.writeUInt32LE(36 + data.length, 4);
  header.write("WAVEfmt ", 8, "ascii");
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(channels, 22);
  header.writeUInt32LE(rate, 24);
  header.writeUInt32LE(rate * channels * 2, 28);
  header.writeUInt16LE(channels * 2, 32);
  header.writeUInt16LE(16, 34);
  header.write("data", 36, "ascii");
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}

describe("clover serve and the commands that talk to it", () => {
  const dataDir = tempDir("data");
  const configDir = tempDir("config");
  const env = { CLOVER_CONFIG_DIR: configDir };
  let child: ChildProcess;
  let info: Record<string, unknown>;
  let url: string;
  const run = (args: string[], input?: string) =>
    clover(args, { env, ...(input !== undefined ? { input } : {}) });

  before(async () => {
    ({ child, info } = await serveLocal(dataDir, { env }));
    url = String(info["url"]);
  });

  after(async () => {
    if (child && child.exitCode === null) {
      child.kill("SIGKILL");
      await exited(child);
    }
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(configDir, { recursive: true, force: true });
  });

  it("prints where everything is and saves the generated admin token (mode 0600)", () => {
    assert.match(url, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.equal(info["publicKey"], `${url}/.well-known/signature-public-key.pem`);
    assert.equal(info["managementApi"], `${url}/api/v1`);
    assert.match(String(info["adminToken"]), /^clv_/);
    assert.ok((info["extensions"] as string[]).includes(DICE));
    // The banner says extension calls may reach this machine, and how to turn it off.
    assert.match(String(info["extensionCalls"]), /loopback.*--extension-networks public/);
    const file = join(configDir, "config.json");
    assert.equal(statSync(file).mode & 0o777, 0o600);
    const saved = JSON.parse(readFileSync(file, "utf8"));
    assert.equal(saved.adminTokens[url], info["adminToken"]);
  });

  it("reaches an extension added on localhost (clover serve allows loopback); --verbose warns of guideline breaches", async () => {
    const hello = { type: "PlainText", lang: "en", value: "Hello from localhost." };
    // The second answer adds a chime served over plain HTTP (§4.4: audio on HTTPS only) and an
    // AudioPlayer.Play, which an extension not registered with "uses AudioPlayer" cannot send.
    const play = {
      header: { namespace: "AudioPlayer", name: "Play" },
      payload: {
        audioItem: {
          audioItemId: "chime-1",
          stream: { token: "c1", url: "https://media.example.org/c.mp3", urlPlayable: true },
        },
        playBehavior: "REPLACE_ALL",
      },
    };
    let calls = 0;
    const extension = createHttpServer((req, res) => {
      req.resume();
      req.on("end", () => {
        calls += 1;
        const chime = { type: "URL", lang: "", value: "http://localhost/chime.mp3" };
        res.writeHead(200, { "content-type": "application/json" });
        res.end(
          JSON.stringify({
            version: "1.0",
            sessionAttributes: {},
            response: {
              outputSpeech:
                calls === 1
                  ? { type: "SimpleSpeech", values: hello }
                  : { type: "SpeechList", values: [hello, chime] },
              card: {},
              directives: calls === 1 ? [] : [play],
              shouldEndSession: true,
            },
          }),
        );
      });
    });
    await new Promise<void>((resolve) => extension.listen(0, "127.0.0.1", resolve));
    const { port } = extension.address() as { port: number };
    try {
      const models = join(dataDir, "local-models");
      mkdirSync(models, { recursive: true });
      writeFileSync(
        join(models, "en.json"),
        JSON.stringify({
          language: "en",
          invocation: { main: "local greeter" },
          builtinIntents: ["Clova.GuideIntent"],
          intents: [{ name: "HelloIntent", slots: [], utterances: ["say hello"] }],
        }),
      );
      const doc = join(dataDir, "local.yaml");
      writeFileSync(
        doc,
        `id: com.example.local\ndisplayName: Local\nendpointUrl: http://localhost:${port}/\n`,
      );
      const added = await run(["ext", "add", doc, "--models", models]);
      assert.equal(added.code, 0, added.stderr);
      const chat = await run(["chat", "open local greeter"]);
      assert.equal(chat.code, 0, chat.stderr);
      assert.match(chat.stdout, /clova› Hello from localhost\./);
      assert.doesNotMatch(chat.stdout, /CEK warning/);
      const verbose = await run(["chat", "--verbose", "open local greeter"]);
      assert.equal(verbose.code, 0, verbose.stderr);
      assert.match(
        verbose.stdout,
        /CEK warning: response\.outputSpeech\.values\[1\]\.value: audio must be an MP3 served over HTTPS/,
      );
      assert.match(
        verbose.stdout,
        /CEK warning: dropped AudioPlayer\.Play: the extension is not registered with "uses AudioPlayer"/,
      );
      // The setting goes on and off again from the CLI.
      const usesAudio = async (flag: string) => {
        assert.equal((await run(["ext", "update", "com.example.local", flag])).code, 0);
        const shown = await run(["--json", "ext", "show", "com.example.local"]);
        return JSON.parse(shown.stdout).usesAudioPlayer;
      };
      assert.equal(await usesAudio("--audio-player"), true);
      assert.equal(await usesAudio("--no-audio-player"), false);
      assert.equal((await run(["ext", "rm", "com.example.local"])).code, 0);
    } finally {
      extension.closeAllConnections();
      await new Promise((resolve) => extension.close(resolve));
    }
  });

  it("chats: utterances as arguments are one conversation", async () => {
    const result = await run(["chat", "open dice", "roll three dice", "no"]);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /you› open dice\nclova› Welcome to dice/);
    assert.match(result.stdout, /clova› I rolled 3 dice: \d, \d, \d\. The total is \d+/);
    assert.match(result.stdout, /clova› Okay\. See you next time\..*\n\s+\(session ended\)/);
    // Asked for its state on connecting, the device reports it without showing the request.
    assert.doesNotMatch(result.stdout, /ExpectReportState/);
    const saved = JSON.parse(readFileSync(join(configDir, "config.json"), "utf8"));
    assert.ok(saved.devices[url].clientId, "the registered device is stored");
  });

  it("chats interactively from stdin, and --verbose shows the CEK exchange", async () => {
    const result = await run(
      ["chat", "--verbose"],
      "ask dice to roll two dice\n.quit\nroll one die\n",
    );
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /you› ask dice to roll two dice/);
    assert.match(result.stdout, /intent ThrowDiceIntent \{"diceCount":\{"value":"2"/);
    assert.match(result.stdout, /── CEK request → com\.clover\.example\.dice/);
    assert.match(result.stdout, /"type": "IntentRequest"/);
    assert.match(result.stdout, /── CEK response \(\d+(\.\d)? ms\)/);
    assert.doesNotMatch(result.stdout, /roll one die/, ".quit ends the conversation");
  });

  it("chat --audio says why nothing plays", async () => {
    const result = await run(["chat", "--audio", "ask dice to roll one die"]);
    assert.equal(result.code, 0, result.stderr);
    // This platform has no TTS (--tts none), and a player may or may not be installed.
    assert.match(result.stderr, /no speech audio in the answer|no MP3 player found/);
  });

  it("chat --json gives each turn for scripts", async () => {
    const result = await run(["--json", "chat", "ask dice to roll one die"]);
    assert.equal(result.code, 0, result.stderr);
    const [turn] = JSON.parse(result.stdout);
    assert.equal(turn.status, 200);
    assert.match(turn.speech, /I rolled one die/);
    assert.equal(turn.expectSpeech, true);
  });

  it("acts as a device: register, ping, send-text, send-audio", async () => {
    const registered = await run(["--json", "device", "register", "--device-id", "bench-1"]);
    assert.equal(registered.code, 0, registered.stderr);
    assert.equal(JSON.parse(registered.stdout).deviceId, "bench-1");
    const ping = await run(["--json", "device", "ping"]);
    assert.equal(ping.code, 0, ping.stderr);
    assert.ok([200, 204].includes(JSON.parse(ping.stdout).status));
    const text = await run(["--json", "device", "send-text", "ask dice to roll two dice"]);
    assert.equal(text.code, 0, text.stderr);
    const names = JSON.parse(text.stdout).directives.map(
      (d: { header: { namespace: string; name: string } }) =>
        `${d.header.namespace}.${d.header.name}`,
    );
    assert.ok(
      names.includes("Clova.RenderText") && names.includes("SpeechRecognizer.ExpectSpeech"),
    );
    const file = join(dataDir, "hello.wav");
    writeFileSync(file, wav(0.5, 44_100, 2));
    const audio = await run(["device", "send-audio", file]);
    assert.match(audio.stderr, /0\.50 s, 44100 Hz, 2 channel\(s\) → 16 kHz mono/);
    // This platform runs without a recognizer (--asr none): the refusal is shown, exit 1.
    assert.equal(audio.code, 1);
    assert.match(audio.stdout, /no speech recognition engine/);
  });

  it("listens on the downchannel until interrupted", async () => {
    const listener = spawnClover(["--json", "device", "listen"], { env });
    let stdout = "";
    const hello = await new Promise<Record<string, { name: string }>>((resolve, reject) => {
      listener.stdout!.on("data", (chunk: Buffer) => {
        stdout += chunk.toString();
        const line = stdout.split("\n")[0];
        if (stdout.includes("\n")) resolve(JSON.parse(line!));
      });
      listener.on("exit", (code) => reject(new Error(`listen exited with ${code}: ${stdout}`)));
    });
    assert.equal(hello["header"]!.name, "Hello");
    listener.kill("SIGINT");
    assert.equal(await exited(listener), 0);
  });

  it("manages extensions: add, list, show, update, disable, enable, rm", async () => {
    const doc = join(dataDir, "hello.yaml");
    writeFileSync(
      doc,
      `id: com.example.hello\ndisplayName: Hello\nendpointUrl: http://127.0.0.1:9/\n`,
    );
    const added = await run(["ext", "add", doc, "--models", join(REPO, "examples/dice/models")]);
    assert.equal(added.code, 0, added.stderr);
    assert.match(added.stdout, /added com\.example\.hello/);
    const again = await run(["ext", "add", doc]);
    assert.equal(again.code, 1);
    assert.match(
      again.stderr,
      /^error: POST \/api\/v1\/extensions failed \(409\): .*already exists/m,
    );
    assert.match(again.stderr, /hint: to change it, run `clover ext update com\.example\.hello`/);
    const models = join(dataDir, "models");
    mkdirSync(models, { recursive: true });
    writeFileSync(
      join(models, "en.json"),
      JSON.stringify({
        language: "en",
        invocation: { main: "bad" },
        intents: [
          { name: "A", slots: [{ name: "n", type: "CLOVA.NOPE" }], utterances: ["a <n>b</n>"] },
        ],
      }),
    );
    const refused = await run([
      "ext",
      "add",
      "--id",
      "com.example.bad",
      "--endpoint",
      "http://127.0.0.1:9/",
      "--models",
      models,
    ]);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /intents\[0\]\.slots\[0\]\.type: .*CLOVA\.NOPE/);
    assert.match(refused.stderr, /^ {2}en model: intents\[0\]/m);
    const list = await run(["--json", "ext", "list"]);
    const ids = JSON.parse(list.stdout).map((e: { id: string }) => e.id);
    assert.deepEqual(ids.sort(), [...(info["extensions"] as string[]), "com.example.hello"].sort());
    // clover model push: checked here first (nothing sent when a model is invalid), then uploaded.
    const badPush = await run(["model", "push", "com.example.hello", join(models, "en.json")]);
    assert.equal(badPush.code, 1);
    assert.match(badPush.stderr, /en\.json:\d+:\d+: .*CLOVA\.NOPE/);
    const pushed = await run([
      "model",
      "push",
      "com.example.hello",
      join(REPO, "examples/dice/models/en.json"),
    ]);
    assert.equal(pushed.code, 0, pushed.stderr);
    assert.match(pushed.stdout, /✔ pushed the en model of com\.example\.hello \(\d+ intents/);
    const nowhere = await run(["model", "push", "com.example.nowhere", join(models, "..", "..")]);
    assert.equal(nowhere.code, 2, "a path that is not a model is a usage error");
    const unknown = await run([
      "model",
      "push",
      "com.example.nowhere",
      join(REPO, "examples/dice/models/en.json"),
    ]);
    assert.equal(unknown.code, 1);
    assert.match(
      unknown.stderr,
      /hint: register it first: clover ext add --id com\.example\.nowhere/,
    );
    const updated = await run([
      "ext",
      "update",
      "com.example.hello",
      "--endpoint",
      "http://127.0.0.1:10/",
    ]);
    assert.equal(updated.code, 0, updated.stderr);
    const disabled = await run(["ext", "disable", "com.example.hello"]);
    assert.equal(disabled.code, 0, disabled.stderr);
    const shown = await run(["--json", "ext", "show", "com.example.hello"]);
    const view = JSON.parse(shown.stdout);
    assert.equal(view.endpointUrl, "http://127.0.0.1:10/");
    assert.equal(view.enabledForAllUsers, false);
    assert.deepEqual(view.languages.sort(), ["en", "ja", "ko"]);
    const enabled = await run(["ext", "enable", "com.example.hello", "--user", "alice"]);
    assert.equal(enabled.code, 0, enabled.stderr);
    await run(["ext", "enable", "com.example.hello", "--user", "bob"]);
    const bobOut = await run(["ext", "disable", "com.example.hello", "--user", "bob"]);
    assert.equal(bobOut.code, 0, bobOut.stderr);
    const users = JSON.parse((await run(["--json", "ext", "show", "com.example.hello"])).stdout);
    assert.deepEqual(users.enabledUsers, ["alice"]);
    // Enabled for everyone, one user cannot be left out: said, not pretended.
    await run(["ext", "enable", "com.example.hello"]);
    const carve = await run(["ext", "disable", "com.example.hello", "--user", "alice"]);
    assert.equal(carve.code, 1);
    assert.match(carve.stderr, /is enabled for all users, so alice keeps it/);
    assert.match(carve.stderr, /hint: disable it for everyone/);
    const removed = await run(["ext", "rm", "com.example.hello"]);
    assert.equal(removed.code, 0, removed.stderr);
    const gone = await run(["ext", "show", "com.example.hello"]);
    assert.equal(gone.code, 1);
    assert.match(gone.stderr, /no extension with id "com\.example\.hello"/);
  });

  it("asks the platform's model what an utterance means (nlu --ext)", async () => {
    const result = await run(["--json", "nlu", "roll five dice", "--ext", DICE]);
    assert.equal(result.code, 0, result.stderr);
    const recognition = JSON.parse(result.stdout);
    assert.equal(recognition.intent, "ThrowDiceIntent");
    assert.equal(recognition.slots.diceCount.value, "5");
  });

  it("runs dialog tests against the running platform (--url)", async () => {
    const file = join(dataDir, "remote.test.yaml");
    writeFileSync(
      file,
      [
        "tests:",
        "  - name: one shot",
        "    steps:",
        "      - user: ask dice to roll two dice",
        "        expect: { extension: com.clover.example.dice, intent: ThrowDiceIntent, slots: { diceCount: '2' } }",
      ].join("\n"),
    );
    const result = await run(["test", file, "--url", url]);
    assert.equal(result.code, 0, result.stdout + result.stderr);
    assert.match(result.stdout, /✔ one shot/);
  });

  it("exits 3 when the platform cannot be reached and 4 on a wrong token", async () => {
    const port = await freePort();
    const down = await run(["ext", "list", "--url", `http://127.0.0.1:${port}`, "--token", "x"]);
    assert.equal(down.code, 3);
    assert.match(down.stderr, /^error: cannot reach the platform at http:\/\/127\.0\.0\.1:\d+/m);
    assert.doesNotMatch(down.stderr, /\n\s+at /, "no stack trace");
    const refused = await run(["ext", "list", "--token", "wrong"]);
    assert.equal(refused.code, 4);
    assert.match(refused.stderr, /refused the admin token/);
  });

  it("refuses missing TLS files (exit 2) and a Redis it cannot reach", async () => {
    const result = await run([
      "serve",
      "--port",
      "0",
      "--tls-cert",
      join(dataDir, "none.pem"),
      "--tls-key",
      join(dataDir, "none.key"),
    ]);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /--tls-cert .*none\.pem: ENOENT/);
    const noRedis = await run([
      "serve",
      "--port",
      "0",
      "--examples",
      "off",
      "--data-dir",
      join(dataDir, "redis-less"),
      "--redis-url",
      "redis://127.0.0.1:1",
    ]);
    assert.notEqual(noRedis.code, 0);
    assert.match(noRedis.stderr, /REDIS_URL: cannot reach Redis at 127\.0\.0\.1:1/);
    assert.doesNotMatch(noRedis.stderr, /\n\s+at /, "no stack trace");
    const half = await run(["serve", "--tls-cert", "x.pem"]);
    assert.equal(half.code, 2);
    assert.match(half.stderr, /--tls-cert and --tls-key go together/);
  });

  it("stops gracefully on SIGTERM", async () => {
    child.kill("SIGTERM");
    assert.equal(await exited(child), 0);
  });
});
