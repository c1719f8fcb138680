// Alerts set from the management API while the device listens, for an offline device (resync
// when it connects), after a restart, and the AlertsState reconciliation; through real CIC.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import {
  type AlertsHarness,
  names,
  renderedText,
  startAlertsHarness,
  type TestDevice,
  until,
} from "./harness.js";

describe("alerts from the API, offline devices, restarts and reconciliation", () => {
  let h: AlertsHarness;
  let bedroom: TestDevice;

  before(async () => {
    h = await startAlertsHarness(Date.parse("2026-03-07T10:00:00Z"));
    bedroom = await h.device("bedroom");
  });
  after(() => h.close());

  it("sets, moves and deletes an alert from the API on the listening device's downchannel", async () => {
    const created = await h.api("POST", `/api/v1/users/${h.userId}/alerts`, {
      deviceId: "bedroom",
      type: "REMINDER",
      scheduledTime: "2026-03-07T21:00:00+09:00",
      timeZone: "Asia/Tokyo",
      label: "call the plumber",
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.equal(created.body.delivered, 1);
    const token = created.body.alert.token as string;
    await until(() => bedroom.alerts.all.some((a) => a.token === token), "SetAlert pushed");
    const pushed = bedroom.pushed.find((d) => d.header.name === "SetAlert");
    assert.equal(pushed?.header.dialogRequestId, undefined, "cloud-initiated: no dialogRequestId");
    assert.equal(pushed?.payload["label"], "call the plumber");
    assert.deepEqual(pushed?.payload["assetPlayOrder"], [`${token}-bell`]);
    await until(
      () => bedroom.alerts.log.some((e) => e.event === "Alerts.SetAlertSucceeded"),
      "SetAlertSucceeded",
    );
    const succeeded = bedroom.alerts.log.find((e) => e.event === "Alerts.SetAlertSucceeded");
    assert.equal(succeeded?.response.status, 204, "silent when set from the API");
    const moved = await h.api("PATCH", `/api/v1/users/${h.userId}/alerts/${token}`, {
      scheduledTime: "2026-03-07T22:30:00+09:00",
    });
    assert.equal(moved.status, 200);
    await until(
      () => bedroom.alerts.all[0]?.scheduledTime === "2026-03-07T22:30:00+09:00",
      "moved on the device",
    );
    const listed = await h.api("GET", `/api/v1/users/${h.userId}/alerts?deviceId=bedroom`);
    assert.equal(listed.body.alerts[0].status, "set");
    const deleted = await h.api("DELETE", `/api/v1/users/${h.userId}/alerts/${token}`);
    assert.equal(deleted.status, 200);
    await until(() => bedroom.alerts.all.length === 0, "DeleteAlert pushed");
  });

  it("answers bad API input with the field that is wrong, and needs the admin token", async () => {
    const bad = await h.api("POST", `/api/v1/users/${h.userId}/alerts`, {
      type: "ALARM",
      scheduledTime: "tomorrow",
    });
    assert.equal(bad.status, 400);
    assert.match(bad.body.error.message, /^scheduledTime: expected an ISO 8601 date-time/);
    const zone = await h.api("POST", `/api/v1/users/${h.userId}/alerts`, {
      type: "ALARM",
      scheduledTime: "2026-03-09T07:00:00Z",
      timeZone: "Mars/Olympus",
    });
    assert.match(zone.body.error.message, /^timeZone:/);
    const type = await h.api("POST", `/api/v1/users/${h.userId}/alerts`, {
      type: "NAP",
      scheduledTime: "2026-03-09T07:00:00Z",
    });
    assert.match(type.body.error.message, /^type: expected one of/);
    const far = await h.api("POST", `/api/v1/users/${h.userId}/alerts`, {
      type: "ALARM",
      scheduledTime: "2029-03-09T07:00:00Z",
    });
    assert.equal(far.status, 400);
    assert.match(far.body.error.message, /^scheduledTime: must be at most a year/);
    const missing = await h.api("GET", `/api/v1/users/${h.userId}/alerts/no-such-token`);
    assert.equal(missing.status, 404);
    const anonymous = await fetch(`${h.server.url}/api/v1/users/${h.userId}/alerts`);
    assert.equal(anonymous.status, 401);
  });

  it("gives an offline device its alerts when it connects (RequestSynchronizeAlert, SynchronizeState)", async () => {
    const created = await h.api("POST", `/api/v1/users/${h.userId}/alerts`, {
      deviceId: "kitchen",
      type: "ALARM",
      scheduledTime: "2026-03-08T06:00:00Z",
      repeat: "WEEKENDS",
    });
    assert.equal(created.body.delivered, 0, "the kitchen speaker is offline");
    const kitchen = await h.device("kitchen");
    assert.equal(kitchen.alerts.all.length, 0);
    const sync = await kitchen.alerts.synchronize();
    assert.deepEqual(names(sync.directives), ["Alerts.SynchronizeAlert"]);
    assert.equal(kitchen.alerts.all.length, 1);
    assert.equal(kitchen.alerts.all[0]!.scheduledTime, "2026-03-08T06:00:00+00:00");
    const state = await kitchen.client.sendEvent(
      { namespace: "System", name: "RequestSynchronizeState", payload: {} },
      { context: kitchen.alerts.context() },
    );
    const synchronize = state.directives.find((d) => d.header.name === "SynchronizeState");
    assert.deepEqual(
      (synchronize!.payload["allAlerts"] as { token: string }[]).map((a) => a.token),
      [created.body.alert.token],
    );
    kitchen.close();
  });

  it("reconciles the AlertsState context: unknown alerts are deleted, lost ones sent again", async () => {
    await bedroom.alerts.sendText("set an alarm for 9 pm");
    const [alarm] = bedroom.alerts.all;
    assert.ok(alarm);
    // The device reports a stranger and has lost the alarm it confirmed, in the context of an
    // event of its own (a RequestSynchronizeAlert's list alone says it all: cic-alerts.test.ts).
    const answer = await bedroom.client.sendEvent(
      {
        namespace: "Alerts",
        name: "DeleteAlertFailed",
        payload: { token: "long-gone", type: "TIMER" },
      },
      {
        context: [
          {
            header: { namespace: "Alerts", name: "AlertsState" },
            payload: {
              allAlerts: [
                { token: "stranger", type: "TIMER", scheduledTime: "2026-03-07T10:05:00Z" },
              ],
              activeAlerts: [],
            },
          },
        ],
      },
    );
    assert.deepEqual(names(answer.directives).sort(), ["Alerts.DeleteAlert", "Alerts.SetAlert"]);
    const deleted = answer.directives.find((d) => d.header.name === "DeleteAlert");
    assert.equal(deleted?.payload["token"], "stranger");
    const resent = answer.directives.find((d) => d.header.name === "SetAlert");
    assert.equal(resent?.payload["token"], alarm.token);
    // An event without the context never deletes server records.
    await bedroom.client.sendEvent({
      namespace: "Alerts",
      name: "DeleteAlertSucceeded",
      payload: { token: "stranger", type: "TIMER" },
    });
    const listed = await h.api("GET", `/api/v1/users/${h.userId}/alerts?deviceId=bedroom`);
    assert.equal(listed.body.alerts.length, 1);
  });

  it("sends a lost alert again once while the device sets it, and again after a minute unconfirmed", async () => {
    const lossy = await h.device("lossy");
    for (const text of ["set an alarm for 8 pm", "set an alarm for 9 pm", "set an alarm for 10 pm"])
      await lossy.alerts.sendText(text);
    const tokens = lossy.alerts.all.map((a) => a.token);
    assert.equal(tokens.length, 3);
    // The device lost them all; then it sets the first and reports it, the others still on
    // their way (a device applies one directive at a time and each event carries its context).
    const state = (kept: string[]) => [
      {
        header: { namespace: "Alerts", name: "AlertsState" },
        payload: {
          allAlerts: lossy.alerts.all
            .filter((a) => kept.includes(a.token))
            .map((a) => ({ token: a.token, type: a.type, scheduledTime: a.scheduledTime })),
          activeAlerts: [],
        },
      },
    ];
    const resent = async (
      kept: string[],
      name = "DeleteAlertFailed",
      payload: Record<string, unknown> = { token: "long-gone", type: "ALARM" },
    ) => {
      const answer = await lossy.client.sendEvent(
        { namespace: "Alerts", name, payload },
        { context: state(kept) },
      );
      return answer.directives
        .filter((d) => d.header.name === "SetAlert")
        .map((d) => d.payload["token"] as string)
        .sort();
    };
    assert.deepEqual(await resent([]), [...tokens].sort());
    const first = lossy.alerts.all.find((a) => a.token === tokens[0])!;
    assert.deepEqual(
      await resent([tokens[0]!], "SetAlertSucceeded", { token: first.token, type: first.type }),
      [],
      "the two on their way are not sent again",
    );
    h.clock.advance(61_000);
    assert.deepEqual(
      await resent([tokens[0]!], "SetAlertSucceeded", { token: first.token, type: first.type }),
      [tokens[1]!, tokens[2]!].sort(),
      "a minute unconfirmed: sent again",
    );
    lossy.close();
  });

  it("speaks the failure when the device cannot set an alert, and keeps no record", async () => {
    const picky = await h.device("picky", { refuseTypes: ["TIMER"] });
    await picky.alerts.sendText("set a timer for 5 minutes");
    const failed = picky.alerts.log.find((e) => e.event === "Alerts.SetAlertFailed");
    assert.match(renderedText(failed!.response.directives), /couldn't set the timer/);
    const listed = await h.api("GET", `/api/v1/users/${h.userId}/alerts?deviceId=picky`);
    assert.equal(listed.body.alerts.length, 0);
  });

  it("keeps alerts across a restart and rings them after the device resynchronizes", async () => {
    await h.stop();
    h.clock.value = Date.parse("2026-03-07T20:00:00Z");
    await h.restart();
    const back = await h.device("bedroom");
    await back.alerts.synchronize();
    assert.equal(back.alerts.all.length, 1);
    assert.equal(back.alerts.all[0]!.scheduledTime, "2026-03-07T21:00:00+00:00");
    h.clock.value = Date.parse("2026-03-07T21:00:00Z");
    await back.alerts.ringDue();
    await back.alerts.pressStop();
    assert.equal(back.alerts.all.length, 0);
  });

  it("understands Japanese and Korean and answers in the device's language", async () => {
    const ja = await h.device("ja-speaker");
    await ja.alerts.sendText("3分のタイマーをセットして");
    assert.equal(ja.alerts.all[0]?.type, "TIMER");
    assert.match(ja.said.at(-1) ?? "", /タイマーを3分にセットしました/);
    const ko = await h.device("ko-speaker");
    await ko.alerts.sendText("내일 아침 7시에 알람 맞춰줘");
    // Nothing says where the ko speaker is: it is on Seoul's clock (06:00 on the 8th now).
    assert.equal(ko.alerts.all[0]?.scheduledTime, "2026-03-09T07:00:00+09:00");
    assert.match(ko.said.at(-1) ?? "", /알람을 맞췄어요/);
    const list = await ko.alerts.sendText("알람 목록 알려줘");
    assert.match(renderedText(list.directives), /알람 1개가 있어요/);
  });
});
