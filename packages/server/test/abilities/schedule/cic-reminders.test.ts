// "Remind me 10 minutes before": the schedule sets a REMINDER through the alerts ability, the
// SetAlert reaches the reference device on its downchannel, the device keeps it (Succeeded),
// and it rings at its time. Both ways of asking (with the event, or right after adding it),
// in English, Japanese and Korean; real CIC, the clock moved instead of slept.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { type CicDirectiveMessage, type DeviceAlert, DeviceAlerts } from "@clover/device";
import { type CicSchedule, spoken, startCicSchedule } from "./cic.js";

// Friday, December 4, 2026, 09:00 UTC. Devices without a zone are on their language's clock
// (en UTC, ja Asia/Tokyo, ko Asia/Seoul: 18:00 the same day).
const NOW = Date.UTC(2026, 11, 4, 9, 0, 0);

async function until<T>(find: () => T | undefined, what: string): Promise<T> {
  const end = Date.now() + 5000;
  for (;;) {
    const found = find();
    if (found !== undefined) return found;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe("reminders before events, through the alerts ability (en, ja, ko)", () => {
  let cic: CicSchedule;

  before(async () => {
    cic = await startCicSchedule(NOW);
  });
  after(() => cic?.close());

  /** A device that keeps alerts, fed by its downchannel. */
  async function keeper(deviceId: string) {
    const pushed: CicDirectiveMessage[] = [];
    let alerts: DeviceAlerts | undefined;
    const client = await cic.device(deviceId, (directive) => {
      pushed.push(directive);
      void alerts?.handle([directive]).catch(() => {});
    });
    alerts = new DeviceAlerts(client, { now: () => cic.clock.now() });
    const reminder = (label: string) =>
      until(
        () =>
          alerts!.log.some((e) => e.event === "Alerts.SetAlertSucceeded")
            ? alerts!.all.find((a) => a.type === "REMINDER" && a.label === label)
            : undefined,
        `the reminder "${label}" on ${deviceId}`,
      );
    return { alerts, pushed, reminder };
  }

  async function ringsAt(
    device: { alerts: DeviceAlerts },
    alert: DeviceAlert,
    at: string,
  ): Promise<void> {
    assert.equal(alert.scheduledTime, at);
    cic.clock.at = Date.parse(at) - 1000;
    assert.deepEqual(await device.alerts.ringDue(), [], "not before its time");
    cic.clock.at = Date.parse(at);
    const rung = await device.alerts.ringDue();
    assert.deepEqual(
      rung.map((a) => a.token),
      [alert.token],
    );
    assert.equal(device.alerts.log.at(-1)?.event, "Alerts.AlertStarted");
    await device.alerts.pressStop(alert.token);
    assert.equal(
      device.alerts.all.some((a) => a.token === alert.token),
      false,
      "stopped and deleted",
    );
    cic.clock.at = NOW;
  }

  it("en: adding an event with 'remind me 10 minutes before'", async () => {
    const kitchen = await keeper("kitchen-en");
    const answer = await kitchen.alerts.sendText(
      "add dentist tomorrow at 3 pm and remind me 10 minutes before",
    );
    assert.match(spoken(answer), /^OK, I added dentist tomorrow at 3 PM/);
    const reminder = await kitchen.reminder("dentist");
    assert.ok(
      kitchen.pushed.some((d) => d.header.name === "SetAlert"),
      "SetAlert came on the downchannel",
    );
    const stored = await cic.admin("GET", `/api/v1/users/${cic.userOf("kitchen-en")}/alerts`);
    const list = ((await stored.json()) as { alerts: { type: string; status: string }[] }).alerts;
    assert.deepEqual(
      list.map((a) => [a.type, a.status]),
      [["REMINDER", "set"]],
    );
    await ringsAt(kitchen, reminder, "2026-12-05T14:50:00+00:00");
  });

  it("en: 'remind me 30 minutes before' right after adding", async () => {
    const office = await keeper("office-en");
    await office.alerts.sendText("add haircut on Monday at 4 pm");
    const answer = await office.alerts.sendText("remind me 30 minutes before");
    assert.match(spoken(answer), /30 minutes before/);
    const reminder = await office.reminder("haircut");
    await ringsAt(office, reminder, "2026-12-07T15:30:00+00:00");
  });

  it("ja: 予定を入れて10分前に教えて", async () => {
    const living = await keeper("living-ja");
    const answer = await living.alerts.sendText(
      "明日の午後4時にサラさんとお茶を入れて10分前に教えて",
    );
    assert.match(spoken(answer), /サラさんとお茶/);
    const reminder = await living.reminder("サラさんとお茶");
    await ringsAt(living, reminder, "2026-12-05T15:50:00+09:00");
  });

  it("ko: 일정 추가 후 '10분 전에 알려줘'", async () => {
    const bedroom = await keeper("bedroom-ko");
    await bedroom.alerts.sendText("내일 오후 5시에 치과 일정 추가해줘");
    const answer = await bedroom.alerts.sendText("10분 전에 알려줘");
    assert.match(spoken(answer), /10분/);
    const reminder = await bedroom.reminder("치과");
    await ringsAt(bedroom, reminder, "2026-12-05T16:50:00+09:00");
  });
});
