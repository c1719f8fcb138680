// Content templates (cic.md §14), black box: every Clova.RenderTemplate a raw HTTP/2 device
// with a screen gets from the platform's own answers (alert confirmations and lists, the
// schedule) is checked against the common fields and the typed value objects of §14.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, it } from "node:test";
import {
  accountTokens,
  DISPLAY,
  type Directive,
  eventOf,
  newAccount,
  newProduct,
  RawDevice,
  type Running,
  startServer,
  textRecognize,
} from "./raw.js";

const TEMPLATE_TYPES = new Set([
  ...["CardList", "ImageList", "ImageText", "Popup", "Text"],
  ...["ActionTimer", "ActionTimerList", "Alarm", "AlarmList", "Memo", "MemoList"],
  ...["Reminder", "ReminderList", "Schedule", "ScheduleList", "Timer", "TimerList"],
  ...["Atmosphere", "Humidity", "TodayWeather", "TomorrowWeather", "WeeklyWeather", "WindSpeed"],
]);
/** The `type` tags of §14's typed value objects. */
const VALUE_TAGS = new Set([
  ...["action", "currency", "date", "datetime", "number", "percentage", "phoneNum"],
  ...["string", "temperature-c", "temperature", "temperature-f", "url"],
]);
const ACTION_URI = /^clova:\/\/[a-zA-Z-]+(\/[\w-]+)?(\?.*)?$/;

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** Every {type, value} object in a template: its tag is one of §14's and its value a string. */
function checkValues(value: unknown, path: string, problems: string[]): void {
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) checkValues(v, `${path}[${i}]`, problems);
    return;
  }
  if (!isObject(value)) return;
  const keys = Object.keys(value);
  if (keys.length === 2 && keys.includes("type") && keys.includes("value")) {
    if (!VALUE_TAGS.has(String(value["type"]))) problems.push(`${path}.type ${value["type"]}`);
    if (typeof value["value"] !== "string") problems.push(`${path}.value is not a string`);
    if (value["type"] === "action" && !ACTION_URI.test(String(value["value"])))
      problems.push(`${path}.value is not an action URI: ${value["value"]}`);
    return;
  }
  for (const [key, v] of Object.entries(value)) checkValues(v, `${path}.${key}`, problems);
}

function checkTemplate(card: Directive): void {
  const t = card.payload;
  const name = String(t["type"]);
  assert.ok(TEMPLATE_TYPES.has(name), `a §14 template type: ${name}`);
  assert.ok(isObject(t["meta"]), `${name}.meta`);
  const version = (t["meta"] as Record<string, unknown>)["version"];
  assert.ok(isObject(version) && version["type"] === "string", `${name}.meta.version`);
  assert.equal(typeof version["value"], "string");
  const failure = t["failureMessage"];
  assert.ok(isObject(failure) && failure["type"] === "string", `${name}.failureMessage`);
  assert.ok(String(failure["value"]).length > 0, `${name}.failureMessage says something`);
  for (const optional of ["subtitle", "emoji"])
    if (t[optional] !== undefined)
      assert.equal((t[optional] as Record<string, unknown>)["type"], "string", optional);
  if (t["actionList"] !== undefined) assert.ok(Array.isArray(t["actionList"]), "actionList[]");
  const problems: string[] = [];
  checkValues(t, name, problems);
  assert.deepEqual(problems, [], `${name}: ${JSON.stringify(t)}`);
}

describe("content templates of Clova.RenderTemplate (cic.md §14)", () => {
  let running: Running;
  let device: RawDevice;
  const cards: Directive[] = [];

  before(async () => {
    running = await startServer();
    const product = await newProduct(running.url, "screen speaker");
    const account = await newAccount(running.url, `U${randomUUID().replaceAll("-", "")}`);
    const tokens = await accountTokens(running.url, product, account, `screen-${randomUUID()}`);
    device = new RawDevice(running.url, tokens.access_token);
    assert.equal((await device.openDownchannel()).status, 200);
  });
  after(async () => {
    device?.close();
    await running?.close();
  });

  async function say(text: string): Promise<Directive[]> {
    const answer = await device.event({ ...textRecognize(text), context: [DISPLAY] });
    assert.equal(answer.status, 200, `${text}: ${answer.status}`);
    const setAlerts = answer.directives.filter((d) => d.header.name === "SetAlert");
    const directives = [...answer.directives];
    for (const set of setAlerts) {
      const { token, type } = set.payload;
      const confirmed = await device.event(
        eventOf("Alerts", "SetAlertSucceeded", { token, type }, [DISPLAY]),
      );
      directives.push(...confirmed.directives);
    }
    const found = directives.filter((d) => d.header.name === "RenderTemplate");
    cards.push(...found);
    return found;
  }

  it("confirms alerts with Alarm, Timer and Reminder templates of §14's shape", async () => {
    for (const [text, type] of [
      ["wake me up at 7 am tomorrow", "Alarm"],
      ["set a timer for 3 minutes", "Timer"],
      ["remind me to call mom at 5 pm", "Reminder"],
    ] as const) {
      const found = await say(text);
      assert.deepEqual(
        found.map((c) => c.payload["type"]),
        [type],
        text,
      );
      for (const card of found) {
        checkTemplate(card);
        assert.equal(card.header.namespace, "Clova");
      }
    }
  });

  it("lists alerts and the schedule with list templates of §14's shape", async () => {
    const listed: string[] = [];
    for (const text of [
      "what alarms do I have",
      "what timers are set",
      "what's on my schedule today",
    ])
      for (const card of await say(text)) {
        checkTemplate(card);
        listed.push(String(card.payload["type"]));
      }
    assert.ok(
      listed.some((t) => t.endsWith("List")),
      `a list template in ${listed}`,
    );
  });

  it("gives every template a unique messageId (§6.2)", () => {
    const ids = cards.map((c) => c.header.messageId);
    assert.ok(ids.length >= 3);
    assert.equal(new Set(ids).size, ids.length);
  });
});
