// The push API (§11.1): sendNotification with the extension id and notification API key
// reaches the owner's devices over their downchannels within a second, is kept while every
// device is offline, and answers 4201–4208 exactly.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { HOME_EXAMPLE_ID } from "@clover/example-home";
import { describeWait, stopwatch } from "../helpers/cpu-wait.js";
import { type HomeRig, startHomeRig } from "./setup.js";

const PATH = "/clovahome/clova-platform/sendNotification";

describe("home push API", () => {
  let rig: HomeRig;
  let key: string;

  const push = (body: unknown, headers: Record<string, string> = {}) =>
    fetch(rig.server.url + PATH, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-clova-extension-id": HOME_EXAMPLE_ID,
        "x-clova-extension-secret": key,
        ...headers,
      },
      body: typeof body === "string" || body instanceof Uint8Array ? body : JSON.stringify(body),
    }).then(async (r) => ({ status: r.status, body: (await r.json()) as Record<string, unknown> }));

  before(async () => {
    rig = await startHomeRig();
    const saved = await rig.api("PATCH", `/api/v1/extensions/${HOME_EXAMPLE_ID}`, {
      home: {
        messages: [
          {
            id: "msg-gas-leak",
            text: {
              en: "Gas leak detected in the kitchen.",
              ja: "キッチンでガス漏れを検知しました。",
            },
          },
          { id: "test-msg-flood", text: { en: "Water on the bathroom floor." } },
          { id: "msg-water", text: { en: "Water leak under the sink." } },
        ],
        testers: ["tester"],
      },
    });
    assert.equal(saved.status, 200, JSON.stringify(saved.body));
    assert.equal(saved.body.home.notificationKeySet, false);
    const issued = await rig.api("POST", `/api/v1/extensions/${HOME_EXAMPLE_ID}/notification-key`);
    assert.equal(issued.status, 201);
    key = issued.body.notificationApiKey;
    await rig.link("dave");
  });
  after(async () => rig?.close());

  it("reaches every device of the owner over the downchannel within a second", async () => {
    const kitchen = await rig.device("dave");
    const bedroom = await rig.device("dave");
    const watch = stopwatch();
    const answer = await push({ applianceId: "gas-valve", messageId: "msg-gas-leak" });
    assert.equal(answer.status, 200);
    assert.deepEqual(answer.body, {
      success: true,
      error: null,
      errorCode: null,
      meta: { success: true, error: null, errorCode: null },
    });
    for (const device of [kitchen, bedroom]) {
      while (!device.pushed.some((d) => d.header.name === "RenderText")) {
        // Within 1 s of the server's own time (a loaded machine's CPU wait is not counted).
        assert.ok(
          watch.ownMs() < 1000,
          `delivered within 1 s: ${JSON.stringify(device.pushed.map((d) => d.header.name))}`,
        );
        await new Promise((r) => setTimeout(r, 10));
      }
      const text = device.pushed.find((d) => d.header.name === "RenderText")!.payload["text"];
      assert.equal(text, "Notice from Clover Home: Gas leak detected in the kitchen.");
      assert.ok(
        device.pushed.some((d) => d.header.namespace === "Notifier" && d.header.name === "Notify"),
      );
    }
  });

  it("keeps it while the owner's devices are offline: the indicator on connecting, read on request", async () => {
    await rig.link("erin");
    const answer = await push({ applianceId: "gas-valve", messageId: "msg-gas-leak" });
    assert.equal(answer.status, 200);
    const late = await rig.device("erin");
    const watch = stopwatch();
    while (
      !late.pushed.some(
        (d) => d.header.namespace === "Notifier" && d.header.name === "SetIndicator",
      )
    ) {
      assert.ok(
        watch.ownMs() < 1000,
        `${describeWait(watch.elapsedMs(), watch.waitedMs())}: ${JSON.stringify(late.pushed.map((d) => d.header.name))}`,
      );
      await new Promise((r) => setTimeout(r, 10));
    }
    const read = await late.say("read my notifications");
    assert.match(read.text, /Gas leak detected in the kitchen/);
  });

  it("keeps what waits for offline devices within bounds: a week, 50 per user", async () => {
    await rig.link("frank");
    const unread = async () =>
      (await rig.api("GET", "/api/v1/users/frank/notifications")).body.notifications as {
        text: string;
      }[];
    assert.equal((await push({ applianceId: "gas-valve", messageId: "msg-gas-leak" })).status, 200);
    assert.equal((await unread()).length, 1);
    // Eight days later the old one has expired when the next one is kept.
    rig.clock.advance(8 * 24 * 3600_000);
    assert.equal((await push({ applianceId: "gas-valve", messageId: "msg-water" })).status, 200);
    const kept = await unread();
    assert.deepEqual(
      kept.map((n) => n.text),
      ["Notice from Clover Home: Water leak under the sink."],
    );
    // At most 50 wait per user: the oldest go first (10 per appliance per hour, §11.1).
    for (let i = 0; i < 52; i++) {
      if (i % 10 === 0) rig.clock.advance(3600_000 + 1000);
      const sent = await push({ applianceId: "gas-valve", messageId: "msg-gas-leak" });
      assert.equal(sent.status, 200, JSON.stringify(sent.body));
    }
    const bounded = await unread();
    assert.equal(bounded.length, 50);
    assert.ok(
      bounded.every((n) => n.text.includes("Gas leak")),
      "the oldest (water) went first",
    );
    // Delivered when a device connects: the indicator, then read on request.
    const late = await rig.device("frank");
    const watch = stopwatch();
    while (!late.pushed.some((d) => d.header.name === "SetIndicator")) {
      assert.ok(watch.ownMs() < 1000, "indicator within a second of connecting");
      await new Promise((r) => setTimeout(r, 10));
    }
  });

  it("answers 4201–4208", async () => {
    const codes = async (body: unknown, headers?: Record<string, string>) => {
      const answer = await push(body, headers);
      assert.equal(answer.status, 400, JSON.stringify([body, headers, answer.body]));
      assert.equal(answer.body.success, false);
      return answer.body.errorCode;
    };
    assert.equal(
      await codes(
        { applianceId: "gas-valve", messageId: "msg-gas-leak" },
        { "x-clova-extension-id": "com.example.nobody" },
      ),
      4201,
    );
    assert.equal(
      await codes(
        { applianceId: "gas-valve", messageId: "msg-gas-leak" },
        { "x-clova-extension-secret": "wrong" },
      ),
      4202,
    );
    assert.equal(await codes({ applianceId: "", messageId: "msg-gas-leak" }), 4203);
    assert.equal(await codes({ messageId: "msg-gas-leak" }), 4203);
    assert.equal(await codes({ applianceId: "gas-valve", messageId: "msg-unknown" }), 4204);
    assert.equal(
      await codes({ applianceId: "gas-valve", messageId: "test-msg-flood" }),
      4204,
      "owners are not testers",
    );
    assert.equal(await codes("{not json"), 4205);
    assert.equal(await codes(Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x7d])), 4205, "not UTF-8");
    assert.equal(await codes([1, 2]), 4205);
    assert.equal(await codes({ applianceId: 7, messageId: "msg-gas-leak" }), 4205);
    // 10 per appliance per hour (two sent by the tests above).
    for (let i = 0; i < 8; i++) {
      const sent = await push({ applianceId: "gas-valve", messageId: "msg-gas-leak" });
      assert.equal(sent.status, 200, `push ${i + 3} of 10 is accepted`);
    }
    assert.equal(await codes({ applianceId: "gas-valve", messageId: "msg-gas-leak" }), 4207);
    const disabled = await rig.api("PATCH", `/api/v1/extensions/${HOME_EXAMPLE_ID}`, {
      home: {
        notificationsEnabled: false,
        messages: [{ id: "msg-gas-leak", text: { en: "Gas." } }],
      },
    });
    assert.equal(disabled.status, 200);
    assert.equal(await codes({ applianceId: "gas-valve", messageId: "msg-gas-leak" }), 4206);
  });

  it("answers 4205 naming it to a body nested past 64 levels or over 16 KiB, and still serves", async () => {
    const deep = await push(
      `{"applianceId":"gas-valve","x":${"[".repeat(7000)}${"]".repeat(7000)}}`,
    );
    assert.equal(deep.status, 400, JSON.stringify(deep.body));
    assert.equal(deep.body.errorCode, 4205);
    assert.match(String(deep.body.error), /nests deeper than 64 levels/);
    const large = await push({ applianceId: "gas-valve", pad: "x".repeat(100_000) });
    assert.equal(large.status, 400, JSON.stringify(large.body));
    assert.equal(large.body.errorCode, 4205);
    assert.match(String(large.body.error), /exceeds 16384/);
    // The test above turned notifications off: a well-formed push is read up to that check.
    const fine = await push({ applianceId: "gas-valve", messageId: "msg-gas-leak" });
    assert.equal(fine.body.errorCode, 4206, "the push API still answers");
  });

  it("a re-issued key replaces the old one", async () => {
    const old = key;
    const issued = await rig.api("POST", `/api/v1/extensions/${HOME_EXAMPLE_ID}/notification-key`);
    key = issued.body.notificationApiKey;
    assert.notEqual(key, old);
    const stale = await push(
      { applianceId: "gas-valve", messageId: "msg-gas-leak" },
      { "x-clova-extension-secret": old },
    );
    assert.equal(stale.body.errorCode, 4202);
  });

  it("a revoked key stops working and the settings say no key is set", async () => {
    const revoked = await rig.api(
      "DELETE",
      `/api/v1/extensions/${HOME_EXAMPLE_ID}/notification-key`,
    );
    assert.equal(revoked.status, 204);
    const refused = await push({ applianceId: "gas-valve", messageId: "msg-gas-leak" });
    assert.equal(refused.body.errorCode, 4202);
    const view = await rig.api("GET", `/api/v1/extensions/${HOME_EXAMPLE_ID}`);
    assert.equal(view.body.home.notificationKeySet, false);
  });
});
