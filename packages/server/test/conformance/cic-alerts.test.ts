// Alerts (cic.md §9.1, §8.1) through the sequence of §13.6, black box: a raw HTTP/2 device of an
// account sets an alarm by voice, confirms it, rings it, stops it by button and by voice, and
// fails to store one; every answer checked for its names, payloads and the §7.3 rule (the
// request's dialogRequestId, none for the events that carry none).
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, beforeEach, describe, it } from "node:test";
import {
  accountTokens,
  DISPLAY,
  type Directive,
  directiveNames,
  eventOf,
  type H2Answer,
  newAccount,
  newProduct,
  type Product,
  RawDevice,
  type Running,
  startServer,
  textRecognize,
} from "./raw.js";

interface AlertInfo {
  token: string;
  type: string;
  scheduledTime: string;
}

/** The device's AlertsState context (§8.1). */
function alertsState(all: AlertInfo[], active: AlertInfo[] = []) {
  return {
    header: { namespace: "Alerts", name: "AlertsState" },
    payload: { allAlerts: all, activeAlerts: active },
  };
}

function only(answer: H2Answer, name: string): Directive {
  assert.equal(answer.status, 200, `${name}: ${answer.status} ${answer.body}`);
  assert.deepEqual(directiveNames(answer.directives), [name]);
  return answer.directives[0]!;
}

function noDialogId(answer: H2Answer): void {
  for (const d of answer.directives)
    assert.equal(d.header.dialogRequestId, undefined, `${d.header.name}: no dialogRequestId`);
}

describe("Alerts through the sequence of cic.md §13.6 (raw HTTP/2 device)", () => {
  let running: Running;
  let product: Product;
  let device: RawDevice;
  const devices: RawDevice[] = [];

  before(async () => {
    running = await startServer();
    product = await newProduct(running.url, "alarm clock");
  });
  // Each test is a device of its own account: what the device holds is what the test says.
  beforeEach(async () => {
    const account = await newAccount(running.url, `U${randomUUID().replaceAll("-", "")}`);
    const tokens = await accountTokens(running.url, product, account, `clock-${randomUUID()}`);
    device = new RawDevice(running.url, tokens.access_token);
    devices.push(device);
    assert.equal((await device.openDownchannel()).status, 200);
  });
  after(async () => {
    for (const d of devices) d.close();
    await running?.close();
  });

  async function say(text: string, context: unknown[] = [DISPLAY]) {
    const dialog = randomUUID();
    const answer = await device.event({ ...textRecognize(text, dialog), context });
    return { answer, dialog };
  }

  /** Sets an alert by voice and confirms it as the device does; its AlertInfo. */
  async function setBy(text: string, type: string): Promise<AlertInfo> {
    const { answer, dialog } = await say(text);
    const set = only(answer, "Alerts.SetAlert");
    assert.equal(set.header.dialogRequestId, dialog, "SetAlert carries the request's id");
    assert.equal(set.payload["type"], type);
    const info = {
      token: String(set.payload["token"]),
      type,
      scheduledTime: String(set.payload["scheduledTime"]),
    };
    const confirmed = await device.event(
      eventOf("Alerts", "SetAlertSucceeded", { token: info.token, type }, [
        DISPLAY,
        alertsState([info]),
      ]),
    );
    assert.equal(confirmed.status, 200);
    return info;
  }

  it("sets, confirms, rings and stops a one-shot alarm by button: SetAlert, Speak+card, 204, StopAlert, DeleteAlert, 204", async () => {
    const { answer, dialog } = await say("wake me up at 6:30 tomorrow");
    const set = only(answer, "Alerts.SetAlert");
    assert.equal(set.header.dialogRequestId, dialog);
    const a1: AlertInfo = {
      token: String(set.payload["token"]),
      type: "ALARM",
      scheduledTime: String(set.payload["scheduledTime"]),
    };
    assert.equal(set.payload["type"], "ALARM");
    assert.match(a1.scheduledTime, /T06:30:00(Z|[+-]\d\d:\d\d)$/);

    const confirmed = await device.event(
      eventOf("Alerts", "SetAlertSucceeded", { token: a1.token, type: "ALARM" }, [
        DISPLAY,
        alertsState([a1]),
      ]),
    );
    assert.equal(confirmed.status, 200);
    noDialogId(confirmed);
    assert.deepEqual(
      directiveNames(confirmed.directives).filter((n) => n !== "Clova.RenderText"),
      ["SpeechSynthesizer.Speak", "Clova.RenderTemplate"],
    );
    const card = confirmed.directives.find((d) => d.header.name === "RenderTemplate")!;
    assert.equal(card.payload["type"], "Alarm");

    const started = await device.event(
      eventOf("Alerts", "AlertStarted", { token: a1.token, type: "ALARM" }, [
        alertsState([a1], [a1]),
      ]),
    );
    assert.equal(started.status, 204);

    const stop = await device.event(
      eventOf("Alerts", "RequestAlertStop", { token: a1.token, type: "ALARM" }, [
        alertsState([a1], [a1]),
      ]),
    );
    assert.deepEqual(only(stop, "Alerts.StopAlert").payload, { token: a1.token, type: "ALARM" });
    noDialogId(stop);

    const stopped = await device.event(
      eventOf("Alerts", "AlertStopped", { token: a1.token, type: "ALARM" }, [alertsState([a1])]),
    );
    assert.deepEqual(only(stopped, "Alerts.DeleteAlert").payload, {
      token: a1.token,
      type: "ALARM",
    });
    noDialogId(stopped);

    const deleted = await device.event(
      eventOf("Alerts", "DeleteAlertSucceeded", { token: a1.token, type: "ALARM" }, [
        alertsState([]),
      ]),
    );
    assert.equal(deleted.status, 204);
    const sync = only(
      await device.event(eventOf("Alerts", "RequestSynchronizeAlert", {}, [alertsState([])])),
      "Alerts.SynchronizeAlert",
    );
    const all = sync.payload["allAlerts"] as AlertInfo[];
    assert.ok(!all.some((a) => a.token === a1.token), "the one-shot alarm is gone");
  });

  it("stops a ringing timer by voice with StopAlert carrying the request's id (§13.6)", async () => {
    const timer = await setBy("set a timer for 10 minutes", "TIMER");
    await device.event(
      eventOf("Alerts", "AlertStarted", { token: timer.token, type: "TIMER" }, [
        alertsState([timer], [timer]),
      ]),
    );
    const { answer, dialog } = await say("stop", [alertsState([timer], [timer])]);
    const stop = only(answer, "Alerts.StopAlert");
    assert.equal(stop.header.dialogRequestId, dialog);
    assert.deepEqual(stop.payload, { token: timer.token, type: "TIMER" });
  });

  it("answers SetAlertFailed with spoken failure (no dialogRequestId) and forgets the alert", async () => {
    const { answer } = await say("set a timer for 5 minutes");
    const set = only(answer, "Alerts.SetAlert");
    const token = String(set.payload["token"]);
    const failed = await device.event(
      eventOf("Alerts", "SetAlertFailed", { token, type: "TIMER" }, [alertsState([])]),
    );
    assert.equal(failed.status, 200);
    noDialogId(failed);
    assert.ok(
      failed.directives.some((d) => d.header.name === "Speak"),
      "a spoken failure",
    );
    const sync = only(
      await device.event(eventOf("Alerts", "RequestSynchronizeAlert", {}, [alertsState([])])),
      "Alerts.SynchronizeAlert",
    );
    assert.ok(!(sync.payload["allAlerts"] as AlertInfo[]).some((a) => a.token === token));
  });

  it("answers a reconnected device's RequestSynchronizeAlert with SynchronizeAlert alone, its list the whole truth (§9.1)", async () => {
    // After a reconnect the device holds nothing of this account and one alert of another: the
    // list replaces its set, so a SetAlert or DeleteAlert beside it would be a second push.
    const kept = await setBy("set an alarm for 7 am tomorrow", "ALARM");
    const stranger = { token: randomUUID(), type: "TIMER", scheduledTime: kept.scheduledTime };
    const sync = only(
      await device.event(
        eventOf("Alerts", "RequestSynchronizeAlert", {}, [DISPLAY, alertsState([stranger])]),
      ),
      "Alerts.SynchronizeAlert",
    );
    const all = sync.payload["allAlerts"] as AlertInfo[];
    assert.deepEqual(
      all.map((a) => a.token),
      [kept.token],
    );
    // Its next event reports the list it was given: nothing more to send.
    const next = await device.event(
      eventOf("Alerts", "DeleteAlertSucceeded", { token: stranger.token, type: "TIMER" }, [
        DISPLAY,
        alertsState([kept]),
      ]),
    );
    assert.equal(next.status, 204);
  });

  it("answers System.RequestSynchronizeState with the same allAlerts as SynchronizeAlert (§9.10)", async () => {
    const kept = await setBy("wake me up at 7 am tomorrow", "ALARM");
    const context = [alertsState([kept])];
    const alerts = only(
      await device.event(eventOf("Alerts", "RequestSynchronizeAlert", {}, context)),
      "Alerts.SynchronizeAlert",
    );
    const system = only(
      await device.event(eventOf("System", "RequestSynchronizeState", {}, context)),
      "System.SynchronizeState",
    );
    assert.equal(system.header.dialogRequestId, undefined);
    assert.deepEqual(system.payload["allAlerts"], alerts.payload["allAlerts"]);
    assert.ok((alerts.payload["allAlerts"] as AlertInfo[]).some((a) => a.token === kept.token));
  });
});
