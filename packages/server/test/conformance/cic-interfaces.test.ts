// CIC interfaces beyond speech (cic.md §9), black box: raw HTTP/2 devices of one account
// against a real Clover over TLS, checking message names, payload fields, channels and the
// dialogRequestId rule (§7.3) of DeviceControl, Settings, SpeechSynthesizer, Notifier, Clova
// delegation, TemplateRuntime, PlaybackController, Alerts and AudioPlayer.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, it } from "node:test";
import {
  accountTokens,
  admin,
  DISPLAY,
  type Directive,
  eventOf,
  type H2Answer,
  httpsCall,
  newAccount,
  newProduct,
  type Product,
  RawDevice,
  type Running,
  startServer,
  until,
} from "./raw.js";

const deviceState = {
  localTime: "2024-02-03T07:44:58+09:00",
  volume: { actions: ["Decrease", "Increase", "SetValue"], min: 0, max: 15, warning: 12, value: 6 },
  bluetooth: {
    actions: ["TurnOn", "TurnOff", "BtConnect", "BtDisconnect", "BtStartPairing", "BtStopPairing"],
    state: "on",
    pairing: "off",
    scanning: "off",
    connecting: "off",
    btlist: [],
    scanlist: [],
  },
  wifi: { actions: [], networks: [{ name: "lab-5g", connected: true }], state: "on" },
};
const stateContext = { header: { namespace: "Device", name: "DeviceState" }, payload: deviceState };

function only(answer: H2Answer, name: string): Directive {
  assert.equal(answer.status, 200, `${name}: status ${answer.status} ${answer.body}`);
  const found = answer.directives.filter((d) => `${d.header.namespace}.${d.header.name}` === name);
  assert.equal(found.length, 1, `one ${name} in ${answer.directives.map((d) => d.header.name)}`);
  return found[0]!;
}

function assertException(answer: H2Answer, status: number, what: string) {
  assert.equal(answer.status, status, `${what}: ${answer.status} ${answer.body}`);
  assert.ok(answer.exception, `${what}: a System.Exception part`);
  assert.equal(answer.exception.code, status);
  assert.ok(answer.exception.description.length > 0);
}

/** Directives a device got on its downchannel after the Hello. */
const pushedTo = (device: RawDevice) => device.downchannel!.reader.directives().slice(1);

describe("CIC interfaces (raw HTTP/2 devices of one account)", () => {
  let running: Running;
  let product: Product;
  let speaker: RawDevice;
  let phone: RawDevice;
  const speakerId = `speaker-${randomUUID()}`;
  const phoneId = `phone-${randomUUID()}`;
  const user = `U${randomUUID().replaceAll("-", "")}`;

  before(async () => {
    running = await startServer();
    product = await newProduct(running.url, "conformance hub");
    const account = await newAccount(running.url, user);
    speaker = new RawDevice(
      running.url,
      (await accountTokens(running.url, product, account, speakerId)).access_token,
    );
    phone = new RawDevice(
      running.url,
      (await accountTokens(running.url, product, account, phoneId)).access_token,
    );
    assert.equal((await speaker.openDownchannel()).status, 200);
    assert.equal((await phone.openDownchannel()).status, 200);
  });
  after(async () => {
    speaker?.close();
    phone?.close();
    await running?.close();
  });

  describe("DeviceControl (§9.4)", () => {
    it("broadcasts SynchronizeState (bare deviceState, no dialogRequestId) after ActionExecuted, ActionFailed and ReportState", async () => {
      for (const [name, payload] of [
        ["ActionExecuted", { target: "volume", command: "Increase" }],
        ["ActionFailed", { target: "bluetooth", command: "BtConnect" }],
        ["ReportState", {}],
      ] as const) {
        const before = pushedTo(phone).length;
        const answer = await speaker.event(eventOf("DeviceControl", name, payload, [stateContext]));
        assert.equal(answer.status, 204, `${name} is answered 204`);
        await until(() => pushedTo(phone).length > before, 5000, `SynchronizeState after ${name}`);
        const sync = pushedTo(phone)[before]!;
        assert.equal(
          `${sync.header.namespace}.${sync.header.name}`,
          "DeviceControl.SynchronizeState",
        );
        assert.equal(sync.header.dialogRequestId, undefined);
        assert.equal(typeof sync.header.messageId, "string");
        assert.equal(sync.payload["deviceId"], speakerId);
        assert.deepEqual(sync.payload["deviceState"], deviceState, "the bare payload (§15.1 #21)");
      }
    });

    it("answers RequestDeviceList with RenderDeviceList naming every device of the account", async () => {
      const answer = await phone.event(eventOf("DeviceControl", "RequestDeviceList"));
      const list = only(answer, "DeviceControl.RenderDeviceList");
      assert.equal(list.header.dialogRequestId, undefined, "the event had no dialogRequestId");
      const devices = list.payload["deviceList"] as Record<string, unknown>[];
      assert.ok(Array.isArray(devices));
      const ids = devices.map((d) => d["deviceId"]).sort();
      assert.deepEqual(ids, [phoneId, speakerId].sort());
      for (const d of devices) {
        for (const field of [
          "deviceId",
          "deviceName",
          "clientId",
          "clientName",
          "modelId",
          "bindTime",
        ])
          assert.equal(typeof d[field], "string", `deviceList[].${field} is a string`);
        assert.equal(d["clientId"], product.clientId);
        assert.equal(d["modelId"], "HC-200");
        assert.ok(!Number.isNaN(Date.parse(String(d["bindTime"]))), "bindTime is a time");
        const availabilities = d["availabilities"] as { name: string; available: boolean }[];
        assert.ok(Array.isArray(availabilities));
        for (const a of availabilities) {
          assert.ok(
            [
              "DELEGATION",
              "AUDIOPLAYER_CONTROL",
              "AUDIOPLAYER_EXPOSE",
              "SPEAKER_REGISTRATION",
            ].includes(a.name),
            a.name,
          );
          assert.equal(typeof a.available, "boolean");
        }
      }
    });

    it("answers RequestStateSynchronization 204 and asks the other devices with ExpectReportState", async () => {
      const before = pushedTo(speaker).length;
      const phoneBefore = pushedTo(phone).length;
      const answer = await phone.event(eventOf("DeviceControl", "RequestStateSynchronization"));
      assert.equal(answer.status, 204);
      assert.equal(answer.body.length, 0);
      await until(() => pushedTo(speaker).length > before, 5000, "ExpectReportState");
      const expect = pushedTo(speaker)
        .slice(before)
        .find((d) => d.header.name === "ExpectReportState");
      assert.ok(expect, "DeviceControl.ExpectReportState on the speaker's downchannel");
      assert.equal(expect.header.namespace, "DeviceControl");
      assert.equal(expect.header.dialogRequestId, undefined);
      const { durationInSeconds, intervalInSeconds } = expect.payload as Record<string, unknown>;
      if (intervalInSeconds !== undefined)
        assert.ok(Number.isInteger(durationInSeconds), "interval only with a duration");
      if (durationInSeconds !== undefined) assert.ok(Number.isInteger(durationInSeconds));
      assert.ok(
        !pushedTo(phone)
          .slice(phoneBefore)
          .some((d) => d.header.name === "ExpectReportState"),
        "not to the requester (§9.4: all devices except the requester)",
      );
    });

    it("accepts both spellings of the PIN-cancel event and refuses a PIN request without deviceName", async () => {
      for (const name of ["BtRequestToCancelPINCodeInput", "BtRequestToCancelPinCodeInput"]) {
        const answer = await speaker.event(eventOf("DeviceControl", name));
        assert.ok([200, 204].includes(answer.status), `${name}: ${answer.status}`);
      }
      const ok = await speaker.event(
        eventOf("DeviceControl", "BtRequestForPINCode", { deviceName: "Pocket Phone" }),
      );
      assert.ok([200, 204].includes(ok.status), `BtRequestForPINCode: ${ok.status}`);
      assertException(
        await speaker.event(eventOf("DeviceControl", "BtRequestForPINCode", {})),
        400,
        "BtRequestForPINCode without deviceName",
      );
    });
  });

  describe("Settings (§9.7)", () => {
    it("stores Report, pushes Update and ExpectReport from the app, answers RequestVersionSpec", async () => {
      const report = await speaker.event(
        eventOf("Settings", "Report", {
          configuration: { NightMode: "off", VoiceTypeChange: "V001" },
        }),
      );
      assert.equal(report.status, 204);
      const stored = await admin(
        running.url,
        "GET",
        `/api/v1/users/${user}/devices/${encodeURIComponent(speakerId)}/settings`,
      );
      assert.equal(stored.status, 200);
      assert.deepEqual(stored.json()["configuration"], {
        NightMode: "off",
        VoiceTypeChange: "V001",
      });

      const before = pushedTo(speaker).length;
      const put = await admin(
        running.url,
        "PUT",
        `/api/v1/users/${user}/devices/${encodeURIComponent(speakerId)}/settings`,
        { configuration: { NightMode: "on" } },
      );
      assert.ok([200, 202].includes(put.status), put.body.toString());
      await until(() => pushedTo(speaker).length > before, 5000, "Settings.Update");
      const update = pushedTo(speaker)[before]!;
      assert.equal(`${update.header.namespace}.${update.header.name}`, "Settings.Update");
      assert.equal(update.header.dialogRequestId, undefined);
      assert.deepEqual(update.payload, { configuration: { NightMode: "on" } });

      const asked = pushedTo(speaker).length;
      const expect = await admin(
        running.url,
        "POST",
        `/api/v1/users/${user}/devices/${encodeURIComponent(speakerId)}/directives`,
        { namespace: "Settings", name: "ExpectReport" },
      );
      assert.ok(expect.status < 300, expect.body.toString());
      await until(() => pushedTo(speaker).length > asked, 5000, "Settings.ExpectReport");
      const expectReport = pushedTo(speaker)[asked]!;
      assert.equal(
        `${expectReport.header.namespace}.${expectReport.header.name}`,
        "Settings.ExpectReport",
      );
      assert.deepEqual(expectReport.payload, {});
      assert.equal(expectReport.header.dialogRequestId, undefined);

      const spec = only(
        await speaker.event(eventOf("Settings", "RequestVersionSpec")),
        "Settings.UpdateVersionSpec",
      );
      assert.equal(spec.header.dialogRequestId, undefined);
      for (const field of ["clientName", "deviceVersion", "os", "specVersion"])
        assert.equal(typeof spec.payload[field], "string", `UpdateVersionSpec.${field}`);
      assert.match(String(spec.payload["specVersion"]), /^\d{14}$/, "YYYYMMDDhhmmss");
      assert.equal(typeof spec.payload["spec"], "object");
    });

    it("refuses a Report without configuration, or with non-string values, with 400", async () => {
      assertException(
        await speaker.event(eventOf("Settings", "Report", {})),
        400,
        "no configuration",
      );
      assertException(
        await speaker.event(eventOf("Settings", "Report", { configuration: { Volume: 5 } })),
        400,
        "a number value",
      );
    });
  });

  describe("SpeechSynthesizer (§9.9, §11)", () => {
    it("answers Request with a Speak (AUDIO_MPEG, token, cid: url, ttsLang) and its MP3 part", async () => {
      const answer = await speaker.event(
        eventOf("SpeechSynthesizer", "Request", { text: "the oven is ready", lang: "en" }),
      );
      const speak = only(answer, "SpeechSynthesizer.Speak");
      assert.equal(speak.header.dialogRequestId, undefined, "the event had no dialogRequestId");
      assert.equal(speak.payload["format"], "AUDIO_MPEG");
      assert.equal(typeof speak.payload["token"], "string");
      assert.ok(Buffer.byteLength(String(speak.payload["token"])) <= 2048);
      assert.equal(speak.payload["ttsLang"], "en");
      const url = String(speak.payload["url"]);
      assert.match(url, /^cid:[^<>]+$/);
      const audio = answer.parts.find((p) => p.headers["content-id"] === url.slice(4));
      assert.ok(audio, "the attachment named by the url");
      assert.equal(audio.body.toString(), "mp3:en:the oven is ready");
    });

    it("answers the playback reports 204 and refuses a Request without text or lang", async () => {
      for (const name of ["SpeechStarted", "SpeechFinished", "SpeechStopped"]) {
        const answer = await speaker.event(eventOf("SpeechSynthesizer", name, { token: "tts-1" }));
        assert.equal(answer.status, 204, name);
      }
      assertException(
        await speaker.event(eventOf("SpeechSynthesizer", "Request", { lang: "en" })),
        400,
        "Request without text",
      );
      assertException(
        await speaker.event(eventOf("SpeechSynthesizer", "SpeechStarted", {})),
        400,
        "SpeechStarted without token",
      );
    });
  });

  describe("Notifier (§9.5)", () => {
    it("pushes Notify with light, assets and assetPlayOrder, and SetIndicator with new, without dialogRequestId", async () => {
      const before = pushedTo(speaker).length;
      const sent = await admin(running.url, "POST", `/api/v1/users/${user}/notifications`, {
        text: "Your parcel has arrived.",
      });
      assert.ok(sent.status < 300, sent.body.toString());
      await until(
        () =>
          pushedTo(speaker)
            .slice(before)
            .some((d) => d.header.namespace === "Notifier"),
        5000,
        "a Notifier directive",
      );
      const notifier = pushedTo(speaker)
        .slice(before)
        .filter((d) => d.header.namespace === "Notifier");
      for (const d of notifier) {
        assert.equal(d.header.dialogRequestId, undefined);
        if (d.header.name === "ClearIndicator") {
          assert.deepEqual(d.payload, {});
          continue;
        }
        assert.ok(["Notify", "SetIndicator"].includes(d.header.name), d.header.name);
        assert.ok(["DEFAULT", "NONE"].includes(String(d.payload["light"])));
        const assets = d.payload["assets"] as { assetId: string; url: string }[];
        const order = d.payload["assetPlayOrder"] as string[];
        assert.ok(Array.isArray(assets) && Array.isArray(order));
        for (const a of assets) {
          assert.equal(typeof a.assetId, "string");
          assert.match(a.url, /^(clova:\/\/notifier\/sound\/default|https?:\/\/)/);
        }
        for (const id of order)
          assert.ok(
            assets.some((a) => a.assetId === id),
            id,
          );
        if (d.header.name === "SetIndicator") assert.equal(typeof d.payload["new"], "boolean");
      }
    });
  });

  describe("Clova delegation (§9.3, §13.7 b)", () => {
    it("pushes HandleDelegatedEvent; ProcessDelegatedEvent answers without dialogRequestId", async () => {
      const before = pushedTo(speaker).length;
      const sent = await admin(running.url, "POST", `/api/v1/users/${user}/delegations`, {
        deviceId: speakerId,
        text: "what can you do",
      });
      assert.ok(sent.status < 300, sent.body.toString());
      await until(() => pushedTo(speaker).length > before, 5000, "HandleDelegatedEvent");
      const handle = pushedTo(speaker)[before]!;
      assert.equal(
        `${handle.header.namespace}.${handle.header.name}`,
        "Clova.HandleDelegatedEvent",
      );
      assert.equal(handle.header.dialogRequestId, undefined);
      const delegationId = handle.payload["delegationId"];
      assert.equal(typeof delegationId, "string");
      const answer = await speaker.event(
        eventOf("Clova", "ProcessDelegatedEvent", { delegationId }),
      );
      assert.equal(answer.status, 200);
      assert.ok(answer.directives.length > 0);
      for (const d of answer.directives) assert.equal(d.header.dialogRequestId, undefined);
      assertException(
        await speaker.event(eventOf("Clova", "ProcessDelegatedEvent", {})),
        400,
        "ProcessDelegatedEvent without delegationId",
      );
    });
  });

  describe("TemplateRuntime and PlaybackController (§9.6, §9.11)", () => {
    it("answers Like/Unlike/Subscribe/Unsubscribe with UpdateLike/UpdateSubscribe for the same token", async () => {
      for (const [event, directive, field, value] of [
        ["LikeCommandIssued", "UpdateLike", "like", true],
        ["UnlikeCommandIssued", "UpdateLike", "like", false],
        ["SubscribeCommandIssued", "UpdateSubscribe", "subscribe", true],
        ["UnsubscribeCommandIssued", "UpdateSubscribe", "subscribe", false],
      ] as const) {
        const answer = await speaker.event(eventOf("TemplateRuntime", event, { token: "item-7" }));
        const d = only(answer, `TemplateRuntime.${directive}`);
        assert.deepEqual(d.payload, { [field]: value, token: "item-7" }, event);
        assert.equal(d.header.dialogRequestId, undefined);
      }
      assertException(
        await speaker.event(eventOf("TemplateRuntime", "LikeCommandIssued", {})),
        400,
        "LikeCommandIssued without token",
      );
    });

    it("answers SetRepeatModeCommandIssued with SetRepeatMode and refuses unknown repeat modes", async () => {
      const answer = await speaker.event(
        eventOf("PlaybackController", "SetRepeatModeCommandIssued", { repeatMode: "REPEAT_ONE" }),
      );
      const d = only(answer, "PlaybackController.SetRepeatMode");
      assert.deepEqual(d.payload, { repeatMode: "REPEAT_ONE" });
      assertException(
        await speaker.event(
          eventOf("PlaybackController", "SetRepeatModeCommandIssued", { repeatMode: "ALL" }),
        ),
        400,
        "repeatMode ALL",
      );
      assertException(
        await speaker.event(eventOf("PlaybackController", "CustomCommandIssued", {})),
        400,
        "CustomCommandIssued without button",
      );
    });

    it("pushes Expect*Command to the device an app presses a button for", async () => {
      const before = pushedTo(speaker).length;
      const answer = await phone.event(
        eventOf("PlaybackController", "PauseCommandIssued", {
          deviceId: speakerId,
          source: { namespace: "AudioPlayer" },
        }),
      );
      assert.ok([200, 204].includes(answer.status));
      await until(() => pushedTo(speaker).length > before, 5000, "ExpectPauseCommand");
      const expect = pushedTo(speaker)[before]!;
      assert.equal(
        `${expect.header.namespace}.${expect.header.name}`,
        "PlaybackController.ExpectPauseCommand",
      );
      assert.equal(expect.header.dialogRequestId, undefined);
      const target = expect.payload["target"] as { namespace?: string } | undefined;
      if (target) assert.ok(["AudioPlayer", "MediaPlayer"].includes(String(target.namespace)));
    });
  });

  describe("Alerts (§9.1)", () => {
    it("answers RequestAlertStop with StopAlert and RequestDeleteAlert with DeleteAlert (same token and type)", async () => {
      const token = randomUUID();
      const alerts = {
        header: { namespace: "Alerts", name: "AlertsState" },
        payload: {
          allAlerts: [{ token, type: "TIMER", scheduledTime: "2024-02-03T07:45:10+09:00" }],
          activeAlerts: [{ token, type: "TIMER", scheduledTime: "2024-02-03T07:45:10+09:00" }],
        },
      };
      const stop = only(
        await speaker.event(
          eventOf("Alerts", "RequestAlertStop", { token, type: "TIMER" }, [alerts]),
        ),
        "Alerts.StopAlert",
      );
      assert.deepEqual(stop.payload, { token, type: "TIMER" });
      assert.equal(stop.header.dialogRequestId, undefined);
      const del = only(
        await speaker.event(
          eventOf("Alerts", "RequestDeleteAlert", { token, type: "TIMER" }, [alerts]),
        ),
        "Alerts.DeleteAlert",
      );
      assert.deepEqual(del.payload, { token, type: "TIMER" });
    });

    it("sets alerts by voice with the §9.1 SetAlert shape, confirms SetAlertSucceeded with a card, and serves reminder audio", async () => {
      const iso = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/;
      const set: Record<string, Directive> = {};
      for (const [text, type] of [
        ["wake me up at 6:30 tomorrow", "ALARM"],
        ["set a timer for 10 minutes", "TIMER"],
        ["remind me to water the plants at 6 pm", "REMINDER"],
      ] as const) {
        const dialog = randomUUID();
        const answer = await speaker.event({
          context: [DISPLAY],
          event: {
            header: {
              namespace: "TextRecognizer",
              name: "Recognize",
              messageId: randomUUID(),
              dialogRequestId: dialog,
            },
            payload: { text },
          },
        });
        const d = only(answer, "Alerts.SetAlert");
        assert.equal(d.header.dialogRequestId, dialog, "echoes the request's id");
        assert.equal(d.payload["type"], type);
        assert.equal(typeof d.payload["token"], "string");
        assert.match(String(d.payload["scheduledTime"]), iso);
        const assets = d.payload["assets"] as { assetId: string; url: string }[] | undefined;
        if (type === "ALARM") assert.equal(assets, undefined, "no assets for ALARM (§15.1 #22)");
        else {
          assert.ok(Array.isArray(assets) && assets.length > 0, `${type} assets`);
          const order = d.payload["assetPlayOrder"] as string[];
          for (const id of order) assert.ok(assets.some((a) => a.assetId === id));
          for (const a of assets) assert.match(a.url, /^(clova:\/\/alert\/bell\/\w+|https?:\/\/)/);
        }
        if (type === "REMINDER") assert.equal(d.payload["label"], "water the plants");
        set[type] = d;

        const succeeded = await speaker.event(
          eventOf("Alerts", "SetAlertSucceeded", { token: d.payload["token"], type }, [DISPLAY]),
        );
        assert.equal(succeeded.status, 200);
        for (const x of succeeded.directives) assert.equal(x.header.dialogRequestId, undefined);
        assert.ok(
          succeeded.directives.some((x) => x.header.name === "Speak"),
          "a spoken confirmation",
        );
        const card = succeeded.directives.find((x) => x.header.name === "RenderTemplate");
        assert.ok(card, "a card (§9.1)");
        const template = card.payload as Record<
          string,
          { type?: string; value?: string; version?: unknown }
        >;
        assert.equal(
          template["type"] as unknown,
          { ALARM: "Alarm", TIMER: "Timer", REMINDER: "Reminder" }[type],
        );
        assert.deepEqual((template["meta"] as Record<string, unknown>)["version"], {
          type: "string",
          value: "v0.1",
        });
        assert.equal(
          template["failureMessage"]?.type,
          "string",
          "failureMessage is a StringObject (§14)",
        );
        assert.equal(typeof template["failureMessage"]?.value, "string");
      }

      // The reminder's spoken text is an https asset the device downloads in advance (§9.1).
      const speech = (set["REMINDER"]!.payload["assets"] as { url: string }[]).find((a) =>
        a.url.startsWith("http"),
      );
      assert.ok(speech, "the reminder's text as an audio URL");
      const url = new URL(speech.url);
      assert.notEqual(url.port, "0", "a port a device can reach");
      const audio = await httpsCall(`${running.url}${url.pathname}${url.search}`);
      assert.equal(audio.status, 200);
      assert.ok(audio.body.length > 0);
      assert.equal(new URL(running.url).port, url.port, "the listener's own port");

      const sync = only(
        await speaker.event(eventOf("Alerts", "RequestSynchronizeAlert")),
        "Alerts.SynchronizeAlert",
      );
      const all = sync.payload["allAlerts"] as Record<string, unknown>[];
      for (const type of ["ALARM", "TIMER", "REMINDER"]) {
        const listed = all.find((a) => a["token"] === set[type]!.payload["token"]);
        assert.ok(listed, `${type} in SynchronizeAlert`);
        assert.deepEqual(listed, set[type]!.payload, "each element has the SetAlert shape");
      }
    });

    it("refuses token/type events without a token or with an unknown type", async () => {
      assertException(
        await speaker.event(eventOf("Alerts", "AlertStarted", { type: "ALARM" })),
        400,
        "AlertStarted without token",
      );
      assertException(
        await speaker.event(
          eventOf("Alerts", "SetAlertSucceeded", { token: "t", type: "ALARMCLOCK" }),
        ),
        400,
        "an unknown type",
      );
    });
  });

  describe("AudioPlayer (§9.2.4)", () => {
    it("answers position events 204 and refuses them without token or offset", async () => {
      for (const name of [
        "PlayPaused",
        "PlayResumed",
        "PlayStopped",
        "ProgressReportDelayPassed",
      ]) {
        const answer = await speaker.event(
          eventOf("AudioPlayer", name, { token: "stream-1", offsetInMilliseconds: 5000 }),
        );
        assert.equal(answer.status, 204, name);
      }
      assertException(
        await speaker.event(eventOf("AudioPlayer", "PlayStarted", { offsetInMilliseconds: 0 })),
        400,
        "PlayStarted without token",
      );
      assertException(
        await speaker.event(
          eventOf("AudioPlayer", "PlayStarted", { token: "s", offsetInMilliseconds: -5 }),
        ),
        400,
        "a negative offset",
      );
      assertException(
        await speaker.event(
          eventOf("AudioPlayer", "PlaybackQueueCleared", { clearBehavior: "ALL" }),
        ),
        400,
        "clearBehavior ALL",
      );
    });

    it("accepts PAUSE for PAUSED in context and reports PAUSED (§8.2)", async () => {
      const answer = await speaker.event(
        eventOf("AudioPlayer", "ReportPlaybackState", {
          playerActivity: "IDLE",
          repeatMode: "NONE",
        }),
      );
      assert.equal(answer.status, 204);
      const paused = await speaker.event(
        eventOf("SpeechSynthesizer", "SpeechFinished", { token: "t" }, [
          {
            header: { namespace: "AudioPlayer", name: "PlaybackState" },
            payload: {
              playerActivity: "PAUSE",
              repeatMode: "NONE",
              offsetInMilliseconds: 1000,
              stream: {
                token: "s9",
                url: "https://media.example.org/9.mp3",
                urlPlayable: true,
                beginAtInMilliseconds: 0,
              },
            },
          },
        ]),
      );
      assert.equal(paused.status, 204);
      const devices = await admin(running.url, "GET", `/api/v1/users/${user}/devices`);
      const mine = (devices.json()["devices"] as Record<string, unknown>[]).find(
        (d) => d["deviceId"] === speakerId,
      );
      assert.equal(
        (mine?.["playbackState"] as Record<string, unknown>)?.["playerActivity"],
        "PAUSED",
      );
    });
  });
});
