import assert from "node:assert/strict";
import http2 from "node:http2";
import { after, before, describe, it } from "node:test";
import { DeviceClient } from "@clover/device";
import { deviceKeyOf } from "../../src/cic/device-key.js";
import { type Harness, startHarness } from "./harness.js";

describe("CIC gateway over h2c", () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(() => h.close());

  it("opens a downchannel that starts with Clova.Hello", async () => {
    const { client } = await h.device();
    const hello = await client.openDownchannel();
    assert.equal(hello.header.namespace, "Clova");
    assert.equal(hello.header.name, "Hello");
    assert.equal(hello.header.dialogRequestId, undefined);
    assert.deepEqual(hello.payload, {});
  });

  it("answers a text request with directives carrying its dialogRequestId", async () => {
    const { client } = await h.device();
    await client.openDownchannel();
    const response = await client.sendText("say hello there", { dialogRequestId: "d-1" });
    assert.equal(response.status, 200);
    const names = response.directives.map((d) => `${d.header.namespace}.${d.header.name}`);
    assert.deepEqual(names, ["Clova.RenderText"]);
    assert.equal(response.directives[0]?.payload["text"], "hello there");
    for (const d of response.directives) assert.equal(d.header.dialogRequestId, "d-1");
    const turn = h.assistant.turns.at(-1);
    assert.equal(turn?.kind === "text" && turn.text, "say hello there");
  });

  it("adds ExpectSpeech when the session continues and passes extension directives through", async () => {
    const { client } = await h.device();
    await client.openDownchannel();
    const asked = await client.sendText("ask how many");
    const expect = asked.directives.find((d) => d.header.name === "ExpectSpeech");
    assert.equal(expect?.header.namespace, "SpeechRecognizer");
    assert.equal(typeof expect?.payload["expectSpeechId"], "string");
    assert.equal(expect?.payload["timeoutInMilliseconds"], 8000);
    // A device that plays audio says so (Device.Audio, cic.md §9.2); without it no Play comes.
    const played = await client.sendText("play jazz", {
      context: [
        {
          header: { namespace: "Device", name: "Audio" },
          payload: {
            acceptContentType: [
              { mimeType: "audio/mpeg", audioCodec: "MP3", fileExtension: "MP3" },
            ],
          },
        },
      ],
    });
    assert.ok(
      played.directives.some(
        (d) => d.header.namespace === "AudioPlayer" && d.header.name === "Play",
      ),
    );
  });

  it("drops the answer of a dialog that a newer one superseded (cic.md §7.3)", async () => {
    const { client } = await h.device();
    await client.openDownchannel();
    const older = client.sendText("slow first question", { dialogRequestId: "d-old" });
    const started = () =>
      h.assistant.turns.some((t) => t.kind === "text" && t.text === "slow first question");
    while (!started()) await new Promise((r) => setTimeout(r, 10));
    const newer = await client.sendText("say second question", { dialogRequestId: "d-new" });
    assert.equal(newer.status, 200);
    assert.equal((await older).status, 204);
  });

  it("refuses events without a downchannel (412) and without a valid token (401)", async () => {
    const { client } = await h.device();
    const refused = await client.sendText("say hi");
    assert.equal(refused.status, 412);
    assert.equal(refused.directives[0]?.header.name, "Exception");
    assert.equal(refused.directives[0]?.payload["code"], 412);
    const stranger = new DeviceClient({ url: h.url, accessToken: "cv_at_not-a-token" });
    await assert.rejects(stranger.openDownchannel(), /401/);
    stranger.close();
  });

  it("refuses an event sent on another connection than the downchannel (412)", async () => {
    const { client, accessToken } = await h.device();
    await client.openDownchannel();
    const second = new DeviceClient({ url: h.url, accessToken });
    const response = await second.sendText("say hi");
    assert.equal(response.status, 412);
    assert.match(String(response.directives[0]?.payload["description"]), /not on the connection/);
    second.close();
  });

  it("answers 429 to a burst of downchannel requests", async () => {
    const { client, accessToken } = await h.device();
    await client.openDownchannel();
    const session = http2.connect(h.url);
    const status = await new Promise<number>((resolve, reject) => {
      const stream = session.request({
        ":method": "GET",
        ":path": "/v1/directives",
        authorization: `Bearer ${accessToken}`,
      });
      stream.on("response", (headers) => resolve(Number(headers[":status"])));
      stream.on("error", reject);
      stream.resume();
    });
    session.close();
    assert.equal(status, 429);
    // The reference client asks once more after the interval and replaces the old downchannel.
    const started = Date.now();
    const burst = new DeviceClient({ url: h.url, accessToken });
    const hello = await burst.openDownchannel();
    assert.equal(hello.header.name, "Hello");
    assert.ok(Date.now() - started >= 1000);
    burst.close();
  });

  it("delivers cloud-initiated directives on the downchannel", async () => {
    const { client, accessToken } = await h.device();
    const grant = (await h.authority.verifyAccessToken(accessToken))!;
    const received: string[] = [];
    const arrived = new Promise<void>((resolve) => {
      void client.openDownchannel((d) => {
        // The connect-time ask for the device's state (cic.md §13.1) is not what this pushes.
        if (d.header.name === "ExpectReportState") return;
        received.push(`${d.header.namespace}.${d.header.name}`);
        resolve();
      });
    });
    // The downchannel is open once the gateway has subscribed it (slower on a loaded machine).
    let delivered = false;
    for (let tries = 0; !delivered && tries < 100; tries++) {
      await new Promise((r) => setTimeout(r, 20));
      if (!h.gateway.downchannels.has(deviceKeyOf(grant))) continue;
      delivered = await h.gateway.push(deviceKeyOf(grant), {
        header: { namespace: "Notifier", name: "SetIndicator", messageId: "m-1" },
        payload: { state: "ON" },
      });
    }
    assert.equal(delivered, true);
    await arrived;
    assert.deepEqual(received, ["Notifier.SetIndicator"]);
  });

  it("answers /ping with 204 and state-only events with 204", async () => {
    const { client } = await h.device();
    await client.openDownchannel();
    assert.equal(await client.ping(), 204);
    const started = await client.sendEvent({
      namespace: "SpeechSynthesizer",
      name: "SpeechStarted",
      payload: { token: "t" },
    });
    assert.equal(started.status, 204);
  });

  it("names the problem in malformed events and keeps serving", async () => {
    const { client } = await h.device();
    await client.openDownchannel();
    const noId = await client.sendEvent({
      namespace: "TextRecognizer",
      name: "Recognize",
      payload: { text: "hi" },
    });
    assert.equal(noId.status, 400);
    assert.match(String(noId.directives[0]?.payload["description"]), /dialogRequestId/);
    const badText = await client.sendEvent(
      { namespace: "TextRecognizer", name: "Recognize", payload: { text: 5 } },
      { dialogRequestId: "d" },
    );
    assert.equal(badText.status, 400);
    assert.equal(
      badText.directives[0]?.payload["description"],
      "event.payload.text: expected string, got number",
    );
    const unknown = await client.sendEvent({ namespace: "Teleporter", name: "Beam", payload: {} });
    assert.equal(unknown.status, 400);
    assert.match(String(unknown.directives[0]?.payload["description"]), /event\.header\.namespace/);
    const ok = await client.sendText("say still here");
    assert.equal(ok.status, 200);
  });

  it("rejects a body that is not multipart and one without metadata", async () => {
    const { client, accessToken } = await h.device();
    await client.openDownchannel();
    const session = client.connect();
    const send = (contentType: string, body: string) =>
      new Promise<{ status: number; text: string }>((resolve, reject) => {
        const stream = session.request({
          ":method": "POST",
          ":path": "/v1/events",
          authorization: `Bearer ${accessToken}`,
          "content-type": contentType,
        });
        let status = 0;
        let text = "";
        stream.on("response", (hd) => {
          status = Number(hd[":status"]);
        });
        stream.on("data", (c: Buffer) => {
          text += c.toString();
        });
        stream.on("end", () => resolve({ status, text }));
        stream.on("error", reject);
        stream.end(body);
      });
    const json = await send("application/json", "{}");
    assert.equal(json.status, 400);
    assert.match(json.text, /multipart\/form-data/);
    const audioFirst = await send(
      "multipart/form-data; boundary=b",
      '--b\r\nContent-Disposition: form-data; name="audio"\r\nContent-Type: application/octet-stream\r\n\r\nxx\r\n--b--\r\n',
    );
    assert.equal(audioFirst.status, 400);
    assert.match(audioFirst.text, /metadata part is missing/);
    const badJson = await send(
      "multipart/form-data; boundary=b",
      '--b\r\nContent-Disposition: form-data; name="metadata"\r\nContent-Type: application/json\r\n\r\n{nope\r\n--b--\r\n',
    );
    assert.equal(badJson.status, 400);
    assert.match(badJson.text, /not valid JSON/);
  });

  it("serves HTTP/1.1 on the same port for everything that is not CIC", async () => {
    const response = await fetch(`${h.url}/somewhere`);
    assert.equal(response.status, 404);
    const cic = await fetch(`${h.url}/v1/directives`);
    assert.equal(cic.status, 401);
  });

  it("serves browser devices over HTTP/1.1: streaming downchannel and form-data events", async () => {
    const { accessToken } = await h.device();
    const headers = { authorization: `Bearer ${accessToken}` };
    const downchannel = await fetch(`${h.url}/v1/directives`, { headers });
    assert.equal(downchannel.status, 200);
    const boundary = /boundary=(\S+)/.exec(downchannel.headers.get("content-type") ?? "")?.[1];
    const reader = downchannel.body!.getReader();
    const first = new TextDecoder().decode((await reader.read()).value);
    assert.match(first, /"name":"Hello"/);
    assert.ok(boundary);
    const form = new FormData();
    const metadata = {
      context: [],
      event: {
        header: {
          namespace: "TextRecognizer",
          name: "Recognize",
          messageId: "m",
          dialogRequestId: "d-web",
        },
        payload: { text: "say from a browser" },
      },
    };
    form.append("metadata", new Blob([JSON.stringify(metadata)], { type: "application/json" }));
    const event = await fetch(`${h.url}/v1/events`, { method: "POST", headers, body: form });
    assert.equal(event.status, 200);
    assert.match(await event.text(), /"text":"from a browser"/);
    await reader.cancel();
  });

  it("refuses to speak CIC to a client without a token over raw HTTP/2", async () => {
    const session = http2.connect(h.url);
    const status = await new Promise<number>((resolve) => {
      const stream = session.request({ ":method": "GET", ":path": "/v1/directives" });
      stream.on("response", (hd) => resolve(Number(hd[":status"])));
      stream.resume();
    });
    assert.equal(status, 401);
    session.close();
  });
});
